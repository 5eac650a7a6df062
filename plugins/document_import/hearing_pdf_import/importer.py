"""The PDF importer (PDF导入器) and how a file finds its importer.

:class:`PdfImporter` is what ``register_document_importers`` returns: it follows
:class:`hearing_core.contributions.DocumentImporter` and runs the sandboxed extraction
library on one :class:`~hearing_pdf_import.sandbox.ExtractionPool` per app (created on
first use, closed by ``hearing_shutdown``). :func:`choose_importer` picks, among every
registered importer, the one that recognises a file's first bytes, else the one that
claims its suffix — so a third party adds ``.docx`` or image importers the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from hearing_core.contributions import ImportedDocument
from hearing_core.errors import HearingError
from hearing_pdf_import.model import DocumentResult
from hearing_pdf_import.precheck import looks_like_pdf

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.contributions import DocumentImporter
    from hearing_pdf_import.sandbox import ExtractionPool

__all__ = ["HEAD_BYTES", "PdfImporter", "choose_importer", "close_pool", "failure_error", "pool_of", "to_imported"]

#: Bytes read from the start of a file for sniffing (a PDF header may follow 1 KiB of junk).
HEAD_BYTES = 1024
_POOL = "pdf_import.pool"


def choose_importer(importers: Iterable[DocumentImporter], filename: str, head: bytes) -> DocumentImporter | None:
    """The first importer whose ``sniff(head)`` is true, else the first claiming the suffix.

    A PNG renamed ``.pdf`` is given to the PDF importer by its suffix, which then
    reports ``not_pdf`` — a clearer message than "no importer".
    """
    candidates = list(importers)
    for importer in candidates:
        if importer.sniff(head):
            return importer
    suffix = PurePath(filename).suffix.lower()
    for importer in candidates:
        if suffix and suffix in {s.lower() for s in importer.suffixes}:
            return importer
    return None


def pool_of(app: HearingApp) -> ExtractionPool:
    """The app's worker pool, created with the instance's limits and options on first use."""
    pool = app.state.get(_POOL)
    if pool is None:
        from hearing_pdf_import.config import settings_of
        from hearing_pdf_import.sandbox import ExtractionPool

        settings = settings_of(app)
        pool = ExtractionPool(settings.limits, settings.options)
        app.state[_POOL] = pool
    return pool  # type: ignore[no-any-return]


def close_pool(app: HearingApp) -> None:
    """Stop the app's idle workers (``hearing_shutdown``)."""
    pool = app.state.pop(_POOL, None)
    if pool is not None:
        pool.close()


def to_imported(result: DocumentResult) -> ImportedDocument:
    """The library's result as the plain :class:`ImportedDocument` every importer returns."""
    pages = [
        {
            "number": p.number,
            "status": str(p.status),
            "text": p.text,
            "ocr": p.ocr,
            "ocr_confidence": p.ocr_confidence,
            "char_count": p.char_count,
        }
        for p in result.pages
    ]
    tables = [
        {"page": p.number, "index": i, "rows": [list(r) for r in t.rows], "bbox": list(t.bbox),
         "strategy": t.strategy}
        for p in result.pages
        for i, t in enumerate(p.tables, start=1)
    ]
    metadata: dict[str, Any] = {"status": str(result.status), "notes": list(result.notes),
                                "ocr_available": result.ocr_available, "seconds": result.seconds}
    return ImportedDocument(media_type="application/pdf", pages=pages, tables=tables, metadata=metadata)


def failure_error(result: DocumentResult) -> HearingError:
    """The error an importer raises for a file the library could not read (code kept)."""
    assert result.error is not None
    error = result.error
    return HearingError(error.message, code=str(error.code), message_zh=error.message_zh)


class PdfImporter:
    """PDF files (PDF文件), read in resource-limited worker processes."""

    name = "pdf"
    media_types: tuple[str, ...] = ("application/pdf",)
    suffixes: tuple[str, ...] = (".pdf",)

    def sniff(self, head: bytes) -> bool:
        """The PDF header in the first KiB (Acrobat's rule)."""
        return looks_like_pdf(head)

    async def extract(self, path: str, *, app: HearingApp) -> ImportedDocument:
        """Text per page and tables; a file that cannot be read raises with its library code."""
        result = await self.extract_result(path, app=app)
        if result.error is not None:
            raise failure_error(result)
        return to_imported(result)

    async def extract_result(self, path: str, *, app: HearingApp, char_boxes: bool = False) -> DocumentResult:
        """The library's full result (lines and boxes, for forms); never raises for a bad file."""
        pool = pool_of(app)
        options = pool.options.with_changes(char_boxes=True) if char_boxes else pool.options
        # The pool blocks on the workers' pipes: run it in a thread so the event loop
        # (other API requests) keeps going. Threads may share one pool.
        return await asyncio.to_thread(pool.extract, path, options)
