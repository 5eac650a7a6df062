"""Rows ↔ domain objects for the register (the only module that sees piccolo rows of items).

Items are read with their petitioners in one extra query per page (never one
per item); updates go through :func:`update_item_row`, which enforces the
optimistic-concurrency ``version``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from hearing_core.db import fastread
from hearing_core.errors import Conflict, NotFound
from hearing_core.petitions.domain import (
    AbnormalReason,
    Channel,
    Disposition,
    NotAcceptedReason,
    OpinionOutcome,
    Petitioner,
    PetitionItem,
    Purpose,
    Source,
    StatutoryRoute,
)
from hearing_core.petitions.domain.disposition import Handover
from hearing_core.petitions.records import ItemRecord, MatterRecord
from hearing_core.petitions.tables import Petitioner as PersonRow
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow

__all__ = [
    "DISPOSITION_FIELDS",
    "ITEM_PREFIX",
    "disposition_values",
    "fetch_item_row",
    "fetch_matter_row",
    "item_rows_of_matter",
    "item_values",
    "load_item",
    "matter_record",
    "people_rows",
    "records_from_rows",
    "replace_people",
    "update_item_row",
]

#: ``matter_key`` of an item without a matter: it counts as its own matter (纯件数).
ITEM_PREFIX = "item:"

DISPOSITION_FIELDS = (
    "accepted_on", "not_accepted_on", "not_accepted_reason", "not_accepted_note", "handover",
    "handling_unit", "handed_over_on", "assignment_due_on", "completion_reported_on", "completion_report",
    "extended_on", "extension_days", "extension_reason", "opinion", "opinion_issued_on",
    "opinion_served_on", "routed_to", "routed_on", "concluded_on",
)
#: The columns the clocks need (no texts), for scans over many items.
CLOCK_COLUMNS = (
    "id", "ref", "received_on", "status", "matter_key", "accepted_on", "not_accepted_on", "handover",
    "handed_over_on", "assignment_due_on", "completion_reported_on", "extended_on", "extension_days",
    "opinion_issued_on", "opinion_served_on", "routed_on", "concluded_on",
)
_ENUMS: dict[str, Any] = {
    "not_accepted_reason": NotAcceptedReason,
    "handover": Handover,
    "opinion": OpinionOutcome,
    "routed_to": StatutoryRoute,
}


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value))


def _enum(kind: Any, value: Any) -> Any:
    return None if value in (None, "") else kind(value)


def matter_ref_of(row: dict[str, Any]) -> str | None:
    key = row["matter_key"]
    return None if key.startswith(ITEM_PREFIX) else key


def disposition_from_row(row: dict[str, Any]) -> Disposition:
    values: dict[str, Any] = {}
    for name in DISPOSITION_FIELDS:
        # A partial row (the deadline scan reads no texts) leaves the missing fields empty.
        value = row.get(name)
        if name in _ENUMS:
            value = _enum(_ENUMS[name], value)
        elif name.endswith("_on"):
            value = _date(value)
        values[name] = value
    values["not_accepted_note"] = values["not_accepted_note"] or ""
    values["completion_report"] = values["completion_report"] or ""
    values["extension_reason"] = values["extension_reason"] or ""
    # The stored state is the machine's own output; restoring it is not a transition.
    return Disposition(received_on=_date(row["received_on"]), state=row["status"], item_id=row["id"], **values)  # type: ignore[arg-type]


def disposition_values(d: Disposition) -> dict[str, Any]:
    """Columns of the item row that hold the disposition (enums as codes)."""
    values: dict[str, Any] = {"status": d.state}
    for name in DISPOSITION_FIELDS:
        value = getattr(d, name)
        values[name] = value.value if hasattr(value, "value") else value
    return values


def _person(row: dict[str, Any]) -> Petitioner:
    return Petitioner(row["name"], row["id_number"], row["phone"], row["address"], id=row["id"])


def item_from_row(row: dict[str, Any], people: Sequence[dict[str, Any]]) -> PetitionItem:
    ordered = sorted(people, key=lambda p: p["position"])
    return PetitionItem(
        ref=row["ref"],
        received_on=_date(row["received_on"]),  # type: ignore[arg-type]
        channel=Channel(row["channel"]),
        summary=row["summary"],
        persons=row["persons"],
        petitioners=[_person(p) for p in ordered if p["role"] == "petitioner"],
        signatories=[_person(p) for p in ordered if p["role"] == "signatory"],
        category=row["category"],
        purpose=_enum(Purpose, row["purpose"]),
        request=row["request"] or "",
        source=Source(row["source"]),
        level_skipping=bool(row["level_skipping"]),
        litigation_related=bool(row["litigation_related"]),
        anonymous=bool(row["anonymous"]),
        abnormal=bool(row["abnormal"]),
        abnormal_reason=_enum(AbnormalReason, row["abnormal_reason"]),
        matter_ref=matter_ref_of(row),
        national_system_no=row["national_system_no"],
        matter_id=row["matter"],
        id=row["id"],
    )


def item_values(item: PetitionItem) -> dict[str, Any]:
    """Columns of the item row that describe the submission (not the disposition)."""
    return {
        "ref": item.ref,
        "received_on": item.received_on,
        "channel": item.channel.value,
        "persons": item.persons,
        "category": item.category,
        "purpose": item.purpose.value if item.purpose else None,
        "source": item.source.value,
        "summary": item.summary,
        "request": item.request,
        "level_skipping": item.level_skipping,
        "litigation_related": item.litigation_related,
        "anonymous": item.anonymous,
        "abnormal": item.abnormal,
        "abnormal_reason": item.abnormal_reason.value if item.abnormal_reason else None,
        "national_system_no": item.national_system_no,
        "matter_key": item.matter_ref or ITEM_PREFIX + item.ref,
    }


def people_rows(item_id: int, item: PetitionItem) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for role, people in (("petitioner", item.petitioners), ("signatory", item.signatories)):
        for person in people:
            rows.append(
                {
                    "item": item_id,
                    "role": role,
                    "position": len(rows),
                    "name": person.name,
                    "id_number": person.id_number,
                    "phone": person.phone,
                    "address": person.address,
                }
            )
    return rows


def record_from_row(row: dict[str, Any], people: Sequence[dict[str, Any]]) -> ItemRecord:
    return ItemRecord(
        id=row["id"],
        item=item_from_row(row, people),
        disposition=disposition_from_row(row),
        collective=bool(row["collective"]),
        category_top=row["category_top"],
        version=row["version"],
        registered_by=row["registered_by"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        import_batch=row["import_batch"],
    )


async def records_from_rows(rows: Iterable[dict[str, Any]]) -> list[ItemRecord]:
    """Records for item rows, loading all their petitioners in one query (per 500 items)."""
    rows = list(rows)
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    people: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    engine = PersonRow._meta.db
    for start in range(0, len(ids), 500):
        clause, args = fastread.any_of(engine, "item", ids[start : start + 500])
        for person in await fastread.select(PersonRow, clause, *args):
            people[person["item"]].append(person)
    return [record_from_row(r, people[r["id"]]) for r in rows]


async def fetch_item_row(ref: str) -> dict[str, Any]:
    """The item row by ref (or, failing that, by numeric id: ``/petitions/17`` works too)."""
    rows = await fastread.select(ItemRow, "ref = {}", ref)
    if not rows and ref.isdigit() and len(ref) < 12:
        rows = await fastread.select(ItemRow, "id = {}", int(ref))
    if not rows:
        raise NotFound(f"no petition item '{ref}'")
    return rows[0]


async def item_rows_of_matter(matter_id: int) -> list[dict[str, Any]]:
    """The item rows of a matter, oldest first."""
    return await fastread.select(ItemRow, "matter = {}", matter_id, order_by="received_on, id")


async def load_item(ref: str) -> ItemRecord:
    """The stored item ``ref`` with its petitioners, unmasked (no permission check)."""
    return (await records_from_rows([await fetch_item_row(ref)]))[0]


async def load_item_by_id(item_id: int) -> ItemRecord:
    row = await ItemRow.select().where(ItemRow.id == item_id).first().run()
    if row is None:
        raise NotFound(f"no petition item with id {item_id}")
    return (await records_from_rows([row]))[0]


async def update_item_row(row_id: int, version: int, values: dict[str, Any], now: dt.datetime) -> int:
    """``UPDATE … WHERE id = ? AND version = ?``; a stale version raises Conflict. Returns the new version."""
    new_version = version + 1
    done = (
        await ItemRow.update({**values, "version": new_version, "updated_at": now})
        .where((ItemRow.id == row_id) & (ItemRow.version == version))
        .returning(ItemRow.id)
        .run()
    )
    if not done:
        current = await ItemRow.select(ItemRow.ref, ItemRow.version).where(ItemRow.id == row_id).first().run()
        if current is None:
            raise NotFound("the petition item no longer exists")
        raise Conflict(
            f"petition item {current['ref']} was changed by someone else (version {current['version']}, "
            f"you sent {version}); reload it and try again",
            current_version=current["version"],
        )
    return new_version


async def replace_people(item_id: int, item: PetitionItem) -> None:
    await PersonRow.delete().where(PersonRow.item == item_id).run()
    rows = people_rows(item_id, item)
    if rows:
        await PersonRow.insert(*(PersonRow(**r) for r in rows)).run()


async def fetch_matter_row(ref: str) -> dict[str, Any]:
    rows = await fastread.select(MatterRow, "ref = {}", ref)
    if not rows:
        raise NotFound(f"no petition matter '{ref}'")
    return rows[0]


def matter_record(row: dict[str, Any], items: list[ItemRecord] | None = None, count: int | None = None) -> MatterRecord:
    return MatterRecord(
        id=row["id"],
        ref=row["ref"],
        title=row["title"],
        category=row["category"],
        on_backlog=bool(row["on_backlog"]),
        first_received_on=_date(row["first_received_on"]),
        last_received_on=_date(row["last_received_on"]),
        version=row["version"],
        created_at=row["created_at"],
        items=items or [],
        item_count=count if count is not None else len(items or []),
    )
