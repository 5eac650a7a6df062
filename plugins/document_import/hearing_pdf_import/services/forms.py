"""Importing registration forms (登记表导入): a form PDF → a petition item, or the review queue.

Each file is extracted in the sandbox with character boxes and its fields read with
the instance's form mapping. A form whose fields validate is registered in one write
transaction: the document (with pages), the register's item (through its service),
the form record with every field's source, audit entries and events — or nothing.
A form with bad or missing fields, or one the register refuses, is stored with its
document as a pending entry of the review queue, the problems listed by field name.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, HearingError, NotFound, RuleViolation, ValidationFailed
from hearing_pdf_import.config import form_mapping, settings_of
from hearing_pdf_import.db import forms_repo
from hearing_pdf_import.db import repository as repo
from hearing_pdf_import.forms import extract_form
from hearing_pdf_import.importer import PdfImporter, failure_error, to_imported
from hearing_pdf_import.model import DocumentResult
from hearing_pdf_import.records import ImportOutcome, StoredDocument
from hearing_pdf_import.services.common import (
    IMPORT,
    Inspected,
    Source,
    Target,
    check_matter,
    failed,
    failure_of,
    inspect_source,
    logger,
)
from hearing_pdf_import.services.formdata import field_records, form_errors, register_errors, register_form
from hearing_pdf_import.services.importing import store_document

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["import_forms"]

_REFUSALS = (ValidationFailed, RuleViolation, NotFound, Conflict)


def _pdf_importer(ctx: ServiceContext) -> PdfImporter:
    for importer in ctx.app.importers.values():
        if isinstance(importer, PdfImporter):
            return importer
    return PdfImporter()


async def import_forms(ctx: ServiceContext, sources: Sequence[Source], *, matter_ref: str | None = None,
                       new_matter: bool = False,
                       on_result: Callable[[ImportOutcome], None] | None = None) -> list[ImportOutcome]:
    """Import registration forms; one outcome per file (``registered``, ``queued``, ``duplicate`` or ``failed``)."""
    ctx.require(IMPORT)
    ctx.require("petitions.write")
    if matter_ref is not None and not new_matter:
        await check_matter(ctx, matter_ref)
    pdf = _pdf_importer(ctx)
    outcomes: list[ImportOutcome | None] = [None] * len(sources)
    semaphore = asyncio.Semaphore(settings_of(ctx.app).limits.worker_count)

    def done(index: int, outcome: ImportOutcome) -> None:
        outcomes[index] = outcome
        if on_result is not None:
            on_result(outcome)

    async def extract(index: int, inspected: Inspected, existing: StoredDocument | None) -> tuple[Any, ...]:
        async with semaphore:
            path = str(inspected.source.path)
            return index, inspected, existing, await pdf.extract_result(path, app=ctx.app, char_boxes=True)

    tasks = []
    for index, source in enumerate(sources):
        inspected = await inspect_source(ctx, source)
        if isinstance(inspected, ImportOutcome):
            done(index, inspected)
        elif inspected.importer.name != pdf.name and not isinstance(inspected.importer, PdfImporter):
            done(index, failed(source, "not_pdf", "registration forms are read from PDF files (非PDF文件)",
                               "登记表须为PDF文件。", sha256=inspected.sha256))
        else:
            existing = await repo.find_by_sha(inspected.sha256)
            entry = await forms_repo.form_for_document(existing.id) if existing else None
            if existing is not None and entry is not None:
                done(index, ImportOutcome(path=source.name, status="duplicate", id=existing.id,
                                          sha256=existing.sha256, pages=existing.page_count, form_id=entry.id,
                                          item_ref=entry.item_ref, errors=entry.errors))
            else:
                tasks.append(asyncio.ensure_future(extract(index, inspected, existing)))
    try:
        for next_done in asyncio.as_completed(tasks):
            index, inspected, existing, result = await next_done
            done(index, await _store_form(ctx, inspected, existing, result, matter_ref, new_matter))
    finally:
        for task in tasks:
            task.cancel()
    return [o for o in outcomes if o is not None]


async def _store_form(ctx: ServiceContext, inspected: Inspected, existing: StoredDocument | None,
                      result: DocumentResult, matter_ref: str | None, new_matter: bool) -> ImportOutcome:
    source = inspected.source
    if result.error is not None:
        return failure_of(source, failure_error(result), sha256=inspected.sha256, importer="pdf")
    extraction = extract_form(result, form_mapping(ctx.app))
    fields, errors = field_records(extraction), form_errors(extraction)
    try:
        if extraction.ok:
            try:
                return await _register(ctx, inspected, existing, result, fields, matter_ref, new_matter)
            except _REFUSALS as exc:
                errors = register_errors(exc)
        async with ctx.write():
            document = existing or await store_document(ctx, inspected, to_imported(result), Target(), kind="form")
            form_id = await forms_repo.insert_form(document.id, "pending", fields, errors, matter_ref=matter_ref,
                                                   new_matter=new_matter, item_ref=None, by=ctx.actor.username,
                                                   now=ctx.now())
            await ctx.audit("document.form_queue", "registration_form", form_id,
                            after={"document": document.id, "errors": [e["field"] for e in errors]})
    except HearingError as exc:
        return failure_of(source, exc, sha256=inspected.sha256, importer="pdf")
    except Exception as exc:  # a listener's bug or a database error fails this form only (rolled back)
        logger.exception("storing registration form %s failed", inspected.sha256)
        return failed(source, "store_error", f"the form could not be stored ({type(exc).__name__})",
                      "登记表未能保存，请联系管理员。", sha256=inspected.sha256, importer="pdf")
    return ImportOutcome(path=source.name, status="queued", id=document.id, sha256=document.sha256,
                         pages=document.page_count, importer="pdf", form_id=form_id, errors=errors)


async def _register(ctx: ServiceContext, inspected: Inspected, existing: StoredDocument | None,
                    result: DocumentResult, fields: dict[str, Any], matter_ref: str | None,
                    new_matter: bool) -> ImportOutcome:
    """Item, document and form record in one transaction; a refusal rolls all of it back."""
    async with ctx.write():
        record = await register_form(ctx, fields, matter_ref=matter_ref, new_matter=new_matter)
        target = Target(matter_ref=record.matter_ref)
        if existing is None:
            document = await store_document(ctx, inspected, to_imported(result), target, kind="form",
                                            item_ref=record.ref)
        else:
            await repo.update_document(existing.id, existing.version,
                                       {"item_ref": record.ref, "matter_ref": existing.matter_ref or record.matter_ref})
            document = await repo.load_document(existing.id)
        form_id = await forms_repo.insert_form(document.id, "registered", fields, [], matter_ref=matter_ref,
                                               new_matter=new_matter, item_ref=record.ref, by=ctx.actor.username,
                                               now=ctx.now())
        await ctx.audit("document.form_register", "registration_form", form_id,
                        after={"document": document.id, "item_ref": record.ref},
                        subject_ref=record.matter_ref or record.ref)
    return ImportOutcome(path=inspected.source.name, status="registered", id=document.id, sha256=document.sha256,
                         pages=document.page_count, importer="pdf", form_id=form_id, item_ref=record.ref,
                         attached={"item_ref": record.ref, **({"matter_ref": record.matter_ref}
                                                              if record.matter_ref else {})})
