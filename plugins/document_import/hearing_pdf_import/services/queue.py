"""The review queue of registration forms (登记表待核队列): list, correct, confirm, discard.

Staff see every field with the page and box it was read from, correct the wrong or
missing ones (each value validated by the form mapping's type, all problems listed at
once), and confirm: the register then registers the petition item, in the same
transaction as the entry's new state and the document's link to the item. States
are :data:`~hearing_pdf_import.records.FORM_MACHINE`; every change is version-checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, NotFound, RuleViolation, ValidationFailed
from hearing_pdf_import.config import form_mapping
from hearing_pdf_import.db import forms_repo
from hearing_pdf_import.db import repository as repo
from hearing_pdf_import.records import FORM_MACHINE, FormEntry
from hearing_pdf_import.services.common import PERSONAL, QUEUE, check_matter
from hearing_pdf_import.services.formdata import masked_fields, register_errors, register_form
from hearing_pdf_import.validators import InvalidValue

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["confirm_entry", "discard_entry", "fix_entry", "get_entry", "list_queue"]

STATES = ("pending", "registered", "discarded")


def shown(ctx: ServiceContext, entry: FormEntry) -> dict[str, Any]:
    """The entry as the actor may see it (ID and phone numbers masked without ``personal_data.read``)."""
    data = entry.as_dict()
    if not ctx.actor.has(PERSONAL):
        data["fields"] = masked_fields(entry.fields)
    return data


async def list_queue(ctx: ServiceContext, *, state: str | None = "pending", page: int = 1,
                     per_page: int = 50) -> dict[str, Any]:
    """Entries of the queue, oldest first (``state=None``: every form ever read)."""
    ctx.require(QUEUE)
    errors = []
    if state is not None and state not in STATES:
        errors.append(FieldError("state", f"one of {', '.join(STATES)}"))
    if page < 1 or not 1 <= per_page <= 200:
        errors.append(FieldError("per_page", "page ≥ 1 and per_page 1 to 200"))
    if errors:
        raise ValidationFailed("invalid queue listing", errors)
    entries, total = await forms_repo.list_forms(state, page, per_page)
    return {"items": [shown(ctx, e) for e in entries], "total": total, "page": page, "per_page": per_page}


async def get_entry(ctx: ServiceContext, form_id: int) -> dict[str, Any]:
    ctx.require(QUEUE)
    return shown(ctx, await forms_repo.load_form(form_id))


def _check_version(entry: FormEntry, version: int | None) -> None:
    if version is not None and version != entry.version:
        raise Conflict(f"registration form {entry.id} was changed by someone else (version {entry.version}, "
                       f"you sent {version}); reload it and try again", current_version=entry.version)


def _audit_values(fields: Mapping[str, Mapping[str, Any]], names: set[str]) -> dict[str, Any]:
    masked = masked_fields({k: v for k, v in fields.items() if k in names})
    return {k: masked[k].get("raw") if k in masked else None for k in sorted(names)}


async def fix_entry(ctx: ServiceContext, form_id: int, changes: Mapping[str, str],
                    version: int | None = None) -> dict[str, Any]:
    """Correct fields (``name → text``; ``""`` clears an optional field); every bad value is listed."""
    ctx.require(QUEUE)
    if not changes:
        raise ValidationFailed("nothing to correct", [FieldError("fields", "give at least one field=value")])
    specs = {s.name: s for s in form_mapping(ctx.app).fields}
    problems: list[FieldError] = []
    parsed: dict[str, Any] = {}
    for name, raw in changes.items():
        spec = specs.get(name)
        if spec is None:
            problems.append(FieldError(name, f"not a field of the form; known: {', '.join(specs)}"))
        elif not str(raw).strip():
            if spec.required:
                problems.append(FieldError(name, "is required and cannot be cleared"))
            parsed[name] = None
        else:
            try:
                value = spec.parse(str(raw))
            except InvalidValue as exc:
                problems.append(FieldError(name, str(exc)))
                continue
            parsed[name] = value.isoformat() if hasattr(value, "isoformat") else value
    if problems:
        raise ValidationFailed("invalid correction", problems)
    async with ctx.write():
        entry = await forms_repo.load_form(form_id)
        _check_version(entry, version)
        FORM_MACHINE.transition(entry.state, "fix")
        fields = {k: dict(v) for k, v in entry.fields.items()}
        for name, value in parsed.items():
            if value is None:
                fields.pop(name, None)
                continue
            found = fields.get(name, {})
            fields[name] = {"value": value, "raw": str(changes[name]).strip(), "label": found.get("label", ""),
                            "page": found.get("page"), "bbox": found.get("bbox"), "source": "manual",
                            "valid": True, "corrected_by": ctx.actor.username,
                            **({"found": found.get("raw")} if found.get("raw") else {})}
        errors = [e for e in entry.errors if e["field"] not in parsed]
        await forms_repo.update_form(form_id, entry.version, {"fields": fields, "errors": errors},
                                     ctx.now())
        await ctx.audit("document.form_fix", "registration_form", form_id,
                        before=_audit_values(entry.fields, set(parsed)), after=_audit_values(fields, set(parsed)))
        updated = await forms_repo.load_form(form_id)
    return shown(ctx, updated)


async def confirm_entry(ctx: ServiceContext, form_id: int, *, version: int | None = None,
                        matter_ref: str | None = None, new_matter: bool | None = None) -> dict[str, Any]:
    """Register the petition item of a corrected form (确认登记); all in one transaction."""
    ctx.require(QUEUE)
    entry = await forms_repo.load_form(form_id)
    _check_version(entry, version)
    FORM_MACHINE.transition(entry.state, "confirm")
    remaining = [e for e in entry.errors if e.get("by") == "form"]
    if remaining:
        raise ValidationFailed("correct the form first",
                               [FieldError(e["field"], e["message"]) for e in remaining])
    matter = matter_ref if matter_ref is not None else entry.matter_ref
    opening = entry.new_matter if new_matter is None else new_matter
    if matter is not None and not opening:
        await check_matter(ctx, matter)
    try:
        async with ctx.write():
            record = await register_form(ctx, entry.fields, matter_ref=matter, new_matter=opening)
            now = ctx.now()
            await forms_repo.update_form(form_id, entry.version, {
                "state": FORM_MACHINE.target(entry.state, "confirm"), "item_ref": record.ref,
                "errors": [], "resolved_by": ctx.actor.username, "resolved_at": now,
            }, now)
            document = await repo.load_document(entry.document_id)
            await repo.update_document(document.id, document.version,
                                       {"item_ref": record.ref, "matter_ref": document.matter_ref or record.matter_ref})
            await ctx.audit("document.form_confirm", "registration_form", form_id,
                            after={"document": document.id, "item_ref": record.ref},
                            subject_ref=record.matter_ref or record.ref)
            updated = await forms_repo.load_form(form_id)
    except (ValidationFailed, RuleViolation, NotFound) as exc:
        found = register_errors(exc)
        raise ValidationFailed("the register refused the form", [FieldError(e["field"], e["message"]) for e in found]) from exc
    return shown(ctx, updated)


async def discard_entry(ctx: ServiceContext, form_id: int, reason: str, version: int | None = None) -> dict[str, Any]:
    """Set a form aside (作废), e.g. a duplicate paper or not a registration form; the document stays."""
    ctx.require(QUEUE)
    if not reason.strip():
        raise ValidationFailed("a reason is required", [FieldError("reason", "must not be blank")])
    async with ctx.write():
        entry = await forms_repo.load_form(form_id)
        _check_version(entry, version)
        target = FORM_MACHINE.target(entry.state, "discard")
        now = ctx.now()
        await forms_repo.update_form(form_id, entry.version, {
            "state": target, "note": reason.strip()[:2000], "resolved_by": ctx.actor.username,
            "resolved_at": now}, now)
        await ctx.audit("document.form_discard", "registration_form", form_id, after={"reason": reason.strip()[:200]})
        updated = await forms_repo.load_form(form_id)
    return shown(ctx, updated)
