"""Rows of registration forms (登记表) and the review queue ↔ :class:`FormEntry`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from hearing_core.errors import Conflict, NotFound
from hearing_pdf_import.db.tables import FormRow
from hearing_pdf_import.records import FormEntry

__all__ = ["form_for_document", "insert_form", "list_forms", "load_form", "update_form"]

_COLUMNS: tuple[Any, ...] = (*FormRow.all_columns(), FormRow.document.original_name.as_alias("document_name"))


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _entry(row: Mapping[str, Any]) -> FormEntry:
    return FormEntry(
        id=row["id"], document_id=row["document"], state=row["state"], fields=_json(row["fields"]) or {},
        errors=_json(row["errors"]) or [], matter_ref=row["matter_ref"], new_matter=bool(row["new_matter"]),
        item_ref=row["item_ref"], note=row["note"], created_by=row["created_by"], created_at=row["created_at"],
        updated_at=row["updated_at"], resolved_by=row["resolved_by"], resolved_at=row["resolved_at"],
        version=row["version"], document_name=row.get("document_name") or "",
    )


async def insert_form(document_id: int, state: str, fields: Mapping[str, Any], errors: list[dict[str, Any]], *,
                      matter_ref: str | None, new_matter: bool, item_ref: str | None, by: str,
                      now: dt.datetime) -> int:
    resolved = state != "pending"
    row = FormRow(document=document_id, state=state, fields=dict(fields), errors=errors, matter_ref=matter_ref,
                  new_matter=new_matter, item_ref=item_ref, note="", created_by=by, created_at=now, updated_at=now,
                  resolved_by=by if resolved else None, resolved_at=now if resolved else None, version=1)
    inserted = await FormRow.insert(row).returning(FormRow.id).run()
    return int(inserted[0]["id"])


async def load_form(form_id: int) -> FormEntry:
    rows = await FormRow.select(*_COLUMNS).where(FormRow.id == form_id).output(load_json=True).run()
    if not rows:
        raise NotFound(f"no registration form {form_id} in the review queue")
    return _entry(rows[0])


async def form_for_document(document_id: int) -> FormEntry | None:
    rows = await FormRow.select(*_COLUMNS).where(FormRow.document == document_id).order_by(
        FormRow.id, ascending=False).limit(1).output(load_json=True).run()
    return _entry(rows[0]) if rows else None


async def list_forms(state: str | None, page: int, per_page: int) -> tuple[list[FormEntry], int]:
    query = FormRow.select(*_COLUMNS).order_by(FormRow.id)
    count = FormRow.count()
    if state is not None:
        query, count = query.where(FormRow.state == state), count.where(FormRow.state == state)
    rows = await query.offset((page - 1) * per_page).limit(per_page).output(load_json=True).run()
    return [_entry(r) for r in rows], int(await count.run())


async def update_form(form_id: int, version: int, values: Mapping[str, Any], now: dt.datetime) -> None:
    """Version-checked update of columns by name (zero rows → Conflict naming the current version)."""
    columns = {getattr(FormRow, name): value for name, value in values.items()}
    changed = await FormRow.update({**columns, FormRow.updated_at: now, FormRow.version: version + 1}).where(
        (FormRow.id == form_id) & (FormRow.version == version)
    ).returning(FormRow.id).run()
    if not changed:
        current = await FormRow.select(FormRow.version).where(FormRow.id == form_id).first().run()
        raise Conflict(
            f"registration form {form_id} was changed by someone else (version {current and current['version']}, "
            f"you sent {version}); reload it and try again",
            current_version=current and current["version"],
        )
