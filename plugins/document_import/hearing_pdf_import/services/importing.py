"""Importing documents (文书导入): a batch of files → stored documents, one outcome per file.

1. Every file is inspected (size, first bytes → importer, SHA-256); bytes already stored
   are recognised by their digest and reported ``duplicate`` without being read again.
2. The rest are extracted concurrently (at most ``[pdf_import.limits] workers`` at once;
   the PDF importer parses in sandboxed worker processes).
3. As each finishes, it is stored in its own write transaction: document row, pages and
   tables (multi-row inserts), the bytes in the content-addressed store, the evidence
   item of a hearing, the audit entry, and ``document_imported`` — all or nothing.

A file that fails anywhere is reported with a code and leaves nothing behind; the
other files of the batch go on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.contributions import ImportedDocument
from hearing_core.errors import Conflict, HearingError
from hearing_pdf_import.config import settings_of
from hearing_pdf_import.db import repository as repo
from hearing_pdf_import.db.filestore import remove_file, stored_file
from hearing_pdf_import.records import ImportOutcome, StoredDocument
from hearing_pdf_import.services.attach import attach_to, attachment_of, submit_as_evidence
from hearing_pdf_import.services.common import (
    IMPORT,
    Inspected,
    Source,
    Target,
    check_target,
    failed,
    failure_of,
    inspect_source,
    logger,
)

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["import_documents", "store_document"]

OnResult = Callable[[ImportOutcome], None]


async def import_documents(ctx: ServiceContext, sources: Sequence[Source], *, target: Target | None = None,
                           on_result: OnResult | None = None) -> list[ImportOutcome]:
    """Import ``sources``; returns one outcome per file in input order (``on_result`` as each finishes).

    Call it outside any transaction: each file is stored in its own.
    """
    ctx.require(IMPORT)
    target = await check_target(ctx, target or Target())
    outcomes: list[ImportOutcome | None] = [None] * len(sources)

    def done(index: int, outcome: ImportOutcome) -> None:
        outcomes[index] = outcome
        if on_result is not None:
            on_result(outcome)

    pending: list[tuple[int, Inspected]] = []
    for index, source in enumerate(sources):
        inspected = await inspect_source(ctx, source)
        if isinstance(inspected, ImportOutcome):
            done(index, inspected)
            continue
        existing = await repo.find_by_sha(inspected.sha256)
        if existing is not None:
            done(index, await _duplicate(ctx, inspected, existing, target))
        else:
            pending.append((index, inspected))

    semaphore = asyncio.Semaphore(settings_of(ctx.app).limits.worker_count)

    async def extract(index: int, inspected: Inspected) -> tuple[int, Inspected, ImportedDocument | ImportOutcome]:
        async with semaphore:
            return index, inspected, await _extract(ctx, inspected)

    tasks = [asyncio.ensure_future(extract(i, f)) for i, f in pending]
    try:
        for next_done in asyncio.as_completed(tasks):
            index, inspected, extracted = await next_done
            if isinstance(extracted, ImportOutcome):
                done(index, extracted)
            else:
                done(index, await _store_reporting(ctx, inspected, extracted, target))
    finally:
        for task in tasks:
            task.cancel()
    return [o for o in outcomes if o is not None]


async def _extract(ctx: ServiceContext, inspected: Inspected) -> ImportedDocument | ImportOutcome:
    source, importer = inspected.source, inspected.importer
    try:
        document = await importer.extract(str(source.path), app=ctx.app)
    except HearingError as exc:
        return failure_of(source, exc, sha256=inspected.sha256, importer=importer.name)
    except Exception as exc:  # noqa: BLE001 - a crashing importer fails its file, not the batch
        logger.exception("document importer %s failed", importer.name)
        return failed(source, "importer_error", f"the {importer.name} importer failed ({type(exc).__name__})",
                      "导入程序出错，未能读取该文件。", sha256=inspected.sha256, importer=importer.name)
    if not isinstance(document, ImportedDocument) or not document.pages:
        return failed(source, "no_pages", "the importer found no pages (无页面)", "该文件没有任何页面。",
                      sha256=inspected.sha256, importer=importer.name)
    return document


def _document_status(document: ImportedDocument) -> tuple[str, str | None]:
    statuses = [str(p.get("status") or "ok") for p in document.pages]
    accepted = statuses.count("ok")
    computed = "ok" if accepted == len(statuses) else ("partial" if accepted else "no_text")
    status = str(document.metadata.get("status") or computed)
    problem = next((s for s in statuses if s != "ok"), None)
    return status, problem


async def store_document(ctx: ServiceContext, inspected: Inspected, document: ImportedDocument, target: Target, *,
                         kind: str = "document", item_ref: str | None = None) -> StoredDocument:
    """Store one extracted document with its pages, tables, bytes and attachment (call inside ``ctx.write()``)."""
    source = inspected.source
    status, problem = _document_status(document)
    path, created = stored_file(ctx.app, source.path, inspected.sha256)
    try:
        evidence_no = None
        if target.hearing_id is not None:
            evidence_no = await submit_as_evidence(ctx, path, source.name, document.media_type, target)
        values: dict[str, Any] = {
            "sha256": inspected.sha256, "original_name": Path(source.name).name[:255] or "upload",
            "size": inspected.size, "media_type": document.media_type[:100], "importer": inspected.importer.name,
            "kind": kind, "page_count": len(document.pages), "status": status, "error_code": problem,
            "ocr": any(bool(p.get("ocr")) for p in document.pages),
            "notes": [str(n) for n in document.metadata.get("notes") or []],
            "matter_ref": target.matter_ref, "hearing_id": target.hearing_id, "evidence_no": evidence_no,
            "item_ref": item_ref, "imported_by": ctx.actor.username, "imported_at": ctx.now(), "version": 1,
        }
        document_id = await repo.insert_document(values, document.pages, document.tables)
        stored = await repo.load_document(document_id)
        await ctx.audit("document.import", "document", document_id, after=_audit_view(stored),
                        subject_ref=stored.matter_ref or stored.item_ref or "")
        await ctx.emit("document_imported", document=stored)
    except BaseException:
        if created:
            remove_file(path)
        raise
    return stored


def _audit_view(stored: StoredDocument) -> dict[str, Any]:
    return {"sha256": stored.sha256, "name": stored.original_name, "size": stored.size, "pages": stored.page_count,
            "status": stored.status, "importer": stored.importer, "kind": stored.kind, **attachment_of(stored)}


async def _store_reporting(ctx: ServiceContext, inspected: Inspected, document: ImportedDocument,
                           target: Target) -> ImportOutcome:
    source = inspected.source
    try:
        async with ctx.write():
            existing = await repo.find_by_sha(inspected.sha256)  # imported meanwhile (another request)
            stored = None if existing else await store_document(ctx, inspected, document, target)
    except HearingError as exc:
        return failure_of(source, exc, sha256=inspected.sha256, importer=inspected.importer.name)
    except Exception as exc:
        # Another process stored the same bytes between our check and our insert (unique
        # digest): that is a duplicate. Anything else (a listener's bug, a database error)
        # fails this file only; the transaction rolled back and the log has the details.
        existing = await repo.find_by_sha(inspected.sha256)
        if existing is None:
            logger.exception("storing imported document %s failed", inspected.sha256)
            return failed(source, "store_error", f"the document could not be stored ({type(exc).__name__})",
                          "文件未能保存，请联系管理员。", sha256=inspected.sha256, importer=inspected.importer.name)
    if existing is not None:
        return await _duplicate(ctx, inspected, existing, target)
    assert stored is not None
    return ImportOutcome(path=source.name, status=stored.status, id=stored.id, sha256=stored.sha256,
                         pages=stored.page_count, notes=stored.notes, importer=stored.importer,
                         attached=attachment_of(stored) or None)


async def _duplicate(ctx: ServiceContext, inspected: Inspected, existing: StoredDocument,
                     target: Target) -> ImportOutcome:
    """The same bytes were imported before: report that document; attach it if asked."""
    source = inspected.source
    try:
        if not target.empty:
            existing = await attach_to(ctx, existing, target)
    except Conflict as exc:
        return failure_of(source, exc, id=existing.id, sha256=existing.sha256, pages=existing.page_count)
    except HearingError as exc:
        return failure_of(source, exc, id=existing.id, sha256=existing.sha256)
    return ImportOutcome(path=source.name, status="duplicate", id=existing.id, sha256=existing.sha256,
                         pages=existing.page_count, importer=existing.importer,
                         attached=attachment_of(existing) or None)
