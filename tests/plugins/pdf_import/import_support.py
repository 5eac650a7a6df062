"""Helpers of the document-import DB, API and CLI tests: settings, users, a mixed batch, a fake importer.

The batch folder holds what a bureau's scanner share really contains: two good letters,
a table, a page without text, and one of each hostile or broken kind — not a PDF,
truncated, encrypted, zero pages, a decompression bomb, a self-including page tree, and
a file over the size limit. ``EXPECTED`` gives each file's status or error code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdf_factory

from hearing_core import hookimpl
from hearing_core.contributions import ImportedDocument

#: ``[pdf_import]`` of the test instances: small limits so hostile files fail fast, OCR off.
PDF_SETTINGS: dict[str, Any] = {
    "pdf_import": {
        "max_files": 20,
        "limits": {"workers": 2, "memory_mb": 512, "timeout_seconds": 60, "page_timeout_seconds": 30,
                   "max_file_mb": 5},
        "options": {"ocr": False},
    }
}
#: A fixed clock: the forms' 来访日期 (2025-03-08) and hearings' dates are in the past.
NOW = dt.datetime(2025, 6, 2, 2, 0, tzinfo=dt.UTC)
#: One paragraph of the generated letter, exactly as it must come back (full-width punctuation kept).
LETTER_LINE = "恳请贵局依照《信访工作条例》督促有关部门依法处理、维护农民的合法权益！"

#: File name → status (stored) or error code (failed) after importing :func:`mixed_batch`.
EXPECTED: dict[str, str] = {
    "a-letter.pdf": "ok",
    "b-table.pdf": "ok",
    "c-blank.pdf": "no_text",
    "hostile/bomb.pdf": "memory",
    "hostile/encrypted.pdf": "encrypted",
    "hostile/photo.pdf": "not_pdf",
    "hostile/recursive.pdf": "no_pages",
    "hostile/truncated.pdf": "truncated",
    "hostile/zero.pdf": "no_pages",
    "oversize.pdf": "too_large",
    "sub/d-cid-letter.pdf": "ok",
}
FAILED = {name for name, v in EXPECTED.items() if v not in ("ok", "partial", "no_text")}


def blank_pdf(path: Path) -> Path:
    """A one-page PDF with nothing drawn on it (a page without a text layer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    path.write_bytes(pdf_factory.build_pdf(objects))
    return path


def mixed_batch(folder: Path) -> Path:
    """Build the batch folder (see the module docstring); returns it."""
    (folder / "hostile").mkdir(parents=True)
    (folder / "sub").mkdir()
    letter = pdf_factory.letter_pdf(folder / "a-letter.pdf")
    pdf_factory.table_pdf(folder / "b-table.pdf")
    blank_pdf(folder / "c-blank.pdf")
    pdf_factory.cid_font_pdf(folder / "sub" / "d-cid-letter.pdf")
    hostile = folder / "hostile"
    pdf_factory.decompression_bomb_pdf(hostile / "bomb.pdf", inflated_gib=2)
    pdf_factory.encrypted_pdf(letter, hostile / "encrypted.pdf")
    pdf_factory.not_pdf_files(hostile)[0].rename(hostile / "photo.pdf")
    for leftover in ("page.pdf", "letter.pdf", "empty.pdf"):
        (hostile / leftover).unlink(missing_ok=True)
    pdf_factory.recursive_page_tree_pdf(hostile / "recursive.pdf")
    pdf_factory.truncated_pdf(letter, hostile / "truncated.pdf")
    pdf_factory.zero_pages_pdf(hostile / "zero.pdf")
    pdf_factory.oversize_pdf(folder / "oversize.pdf", 6 * 1024 * 1024)
    (folder / ".hidden.pdf").write_bytes(b"ignored: hidden files are skipped")
    return folder


class TextImporter:
    """A third party's importer of plain-text files (``.txt``), one page per form feed."""

    name = "txt"
    media_types: tuple[str, ...] = ("text/plain",)
    suffixes: tuple[str, ...] = (".txt",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"TXT:")  # a magic only test files carry; others go by suffix

    async def extract(self, path: str, *, app: Any) -> ImportedDocument:
        from hearing_core.errors import HearingError

        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise HearingError("not UTF-8 text (非文本文件)", code="not_text") from None
        pages = [{"number": i, "text": t.strip(), "status": "ok" if t.strip() else "no_text_layer"}
                 for i, t in enumerate(text.split("\f"), start=1)]
        return ImportedDocument(media_type="text/plain", pages=pages,
                                tables=[{"page": 1, "rows": [["甲", "乙"], ["1", "2"]]}])


class TextImporterPlugin:
    """Registers :class:`TextImporter` through the public hook, as a third-party package would."""

    @hookimpl
    def register_document_importers(self) -> list[Any]:
        return [TextImporter()]


class Listener:
    """Records ``document_imported`` calls and whether each ran inside the write transaction."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.seen: list[tuple[str, bool, str]] = []
        self.fail_on = fail_on

    @hookimpl
    async def document_imported(self, app: Any, document: Any, actor: Any) -> None:
        from hearing_pdf_import.db.tables import DocumentRow

        visible = await DocumentRow.exists().where(DocumentRow.id == document.id).run()
        self.seen.append((document.original_name, app.db.in_transaction() and visible, actor.username))
        if self.fail_on and document.original_name == self.fail_on:
            raise RuntimeError("listener refuses this document")


def form_values(**changes: str) -> dict[str, str]:
    """The factory's form values with a category the register knows (土地征收), plus ``changes``."""
    values = pdf_factory.default_form_values()
    values["事项类别"] = "土地征收"
    values.update(changes)
    return values


def labelled_form_pdf(path: Path, pairs: list[tuple[str, str]]) -> Path:
    """A form of ``label：value`` lines with the bureau's own labels (no table)."""
    pdf = pdf_factory._fpdf(size=12)
    pdf.add_page()
    for label, value in pairs:
        pdf.cell(0, 10, f"{label}：{value}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


class Veto:
    """A plugin refusing every new petition item (as the review plugin does on a terminated matter)."""

    @hookimpl
    def refuse_petition_item(self, app: Any, item: Any, matter: Any) -> str:
        return "该事项已复核终结，不再受理"
