"""Attaching an imported document to a matter or a hearing (关联信访事项、作为听证证据).

A document belongs to at most one matter and one hearing. Attaching it to a hearing
creates an evidence item (举证) of the chosen party through the hearings service, with
the document's SHA-256 as its attachment; the bytes are the ones already in the
content-addressed store, so nothing is copied.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_pdf_import.db import repository as repo
from hearing_pdf_import.db.filestore import store_path
from hearing_pdf_import.records import StoredDocument
from hearing_pdf_import.services.common import IMPORT, Target, check_target

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["attach_document", "attach_to", "attachment_of", "submit_as_evidence"]


def attachment_of(document: StoredDocument) -> dict[str, Any]:
    """What the document is attached to (only the keys that are set)."""
    found = {"matter_ref": document.matter_ref, "hearing_id": document.hearing_id,
             "evidence_no": document.evidence_no, "item_ref": document.item_ref}
    return {k: v for k, v in found.items() if v is not None}


async def submit_as_evidence(ctx: ServiceContext, path: Path, name: str, media_type: str, target: Target) -> int:
    """An evidence item of ``target.party`` on ``target.hearing_id`` with the file attached; its number."""
    from hearing_core.hearings import service as hs

    title = Path(name).name[:200] or "导入文件"
    stored = await hs.submit_evidence(
        ctx, target.hearing_id, submitted_by_no=target.party, kind="document", title=title,  # type: ignore[arg-type]
        files=[(Path(name).name, path.read_bytes(), media_type)], description="由文书导入（hearing documents import）添加",
    )
    return int(stored.case.evidence[-1].no)


async def attach_to(ctx: ServiceContext, document: StoredDocument, target: Target) -> StoredDocument:
    """Attach a stored document (the target already checked); a no-op if it is attached there already.

    Attached elsewhere → Conflict: a document belongs to one matter and one hearing.
    """
    values: dict[str, Any] = {}
    async with ctx.write():
        current = await repo.load_document(document.id)
        if target.hearing_id is not None and current.hearing_id not in (None, target.hearing_id):
            raise Conflict(f"document {current.id} is already evidence in hearing case {current.hearing_id}",
                           code="already_attached")
        if target.matter_ref is not None and current.matter_ref not in (None, target.matter_ref):
            raise Conflict(f"document {current.id} is already attached to matter {current.matter_ref}",
                           code="already_attached")
        if target.hearing_id is not None and current.hearing_id is None:
            values["evidence_no"] = await submit_as_evidence(
                ctx, store_path(ctx.app, current.sha256), current.original_name, current.media_type, target)
            values["hearing_id"] = target.hearing_id
        if target.matter_ref is not None and current.matter_ref is None:
            values["matter_ref"] = target.matter_ref
        if not values:
            return current
        await repo.update_document(current.id, current.version, values)
        updated = await repo.load_document(current.id)
        await ctx.audit("document.attach", "document", current.id, before=attachment_of(current),
                        after=attachment_of(updated), subject_ref=updated.matter_ref or "")
    return updated


async def attach_document(ctx: ServiceContext, document_id: int, target: Target,
                          version: int | None = None) -> StoredDocument:
    """Attach an imported document to a matter or, as a party's evidence, to a hearing."""
    ctx.require(IMPORT)
    checked = await check_target(ctx, target)
    if checked.empty:
        raise ValidationFailed("nothing to attach to", [FieldError("matter_ref", "give matter_ref or hearing_id")])
    document = await repo.load_document(document_id)
    if version is not None and version != document.version:
        raise Conflict(f"imported document {document_id} was changed by someone else (version {document.version}, "
                       f"you sent {version}); reload it and try again", current_version=document.version)
    return await attach_to(ctx, document, checked)
