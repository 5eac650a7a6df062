"""Petition matters (信访事项): create, read, list, link and unlink items, repeat suggestions.

Staff decide which items form one matter; the register only suggests likely
repeats (重信重访) with the evidence for each, and confirming a suggestion is
linking the item to the suggested item's matter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, NotFound, ValidationFailed
from hearing_core.petitions import repository as repo
from hearing_core.petitions.domain import Petitioner, PetitionItem, RepeatSuggestion, suggest_repeats
from hearing_core.petitions.domain.identity import (
    id_number_error,
    normalise_id_number,
    normalise_phone,
    phone_error,
)
from hearing_core.petitions.records import ItemRecord, MatterRecord, Page
from hearing_core.petitions.service import matter_rows
from hearing_core.petitions.service.common import READ, WRITE, catalog, page_bounds, shown
from hearing_core.petitions.service.items import with_clocks
from hearing_core.petitions.tables import Petitioner as PersonRow
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "create_matter",
    "get_matter",
    "link_item",
    "list_matters",
    "suggest_for_draft",
    "suggest_for_item",
    "unlink_item",
]

#: Recent items of the same category considered for text similarity alone.
_TEXT_CANDIDATES = 500


async def create_matter(ctx: ServiceContext, ref: str, title: str, category: str | None = None) -> MatterRecord:
    """Open a matter (立事项) with no items yet."""
    ctx.require(WRITE)
    code = None
    if category:
        found = catalog(ctx.app).get(category)
        if found is None:
            raise ValidationFailed("invalid matter", [FieldError("category", f"unknown category '{category}'")])
        code = found.code
    async with ctx.write():
        row = await matter_rows.create(ctx, ref.strip(), title, code)
    return repo.matter_record(row)


async def get_matter(ctx: ServiceContext, ref: str) -> MatterRecord:
    """A matter with its items (oldest first), each with its computed deadlines."""
    ctx.require(READ)
    row = await repo.fetch_matter_row(ref)
    rows = await repo.item_rows_of_matter(row["id"])
    items = with_clocks(ctx.app, await repo.records_from_rows(rows), ctx.today())
    return repo.matter_record(row, await shown(ctx, items, what=f"matter {ref}"))


async def list_matters(
    ctx: ServiceContext, *, q: str | None = None, on_backlog: bool | None = None, page: int = 1, per_page: int = 50
) -> Page:
    """Matters, most recent activity first, with their item counts."""
    ctx.require(READ)
    page, per_page = page_bounds(page, per_page)
    query = MatterRow.select().order_by(MatterRow.last_received_on, MatterRow.id, ascending=False)
    count = MatterRow.count()
    clauses: list[Any] = []
    if q:
        pattern = "%" + q.strip().replace("%", "").replace("_", "") + "%"
        clauses.append(MatterRow.ref.like(pattern) | MatterRow.title.like(pattern))
    if on_backlog is not None:
        clauses.append(MatterRow.on_backlog == on_backlog)
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    counts: dict[int, int] = {}
    if rows:
        ids = [r["id"] for r in rows]
        for r in await ItemRow.select(ItemRow.matter).where(ItemRow.matter.is_in(ids)).run():
            counts[r["matter"]] = counts.get(r["matter"], 0) + 1
    records = [repo.matter_record(r, count=counts.get(r["id"], 0)) for r in rows]
    return Page(records, await count.run(), page, per_page)


async def link_item(ctx: ServiceContext, matter_ref: str, item_ref: str, *, version: int | None = None) -> ItemRecord:
    """Link an item to a matter (confirms a repeat suggestion). An item in another matter must be unlinked first."""
    ctx.require(WRITE)
    async with ctx.write():
        matter = await repo.fetch_matter_row(matter_ref)
        record = await repo.load_item(item_ref)
        if version is not None and version != record.version:
            raise Conflict(f"petition item {record.ref} was changed by someone else; reload it and try again",
                           current_version=record.version)
        if record.matter_ref == matter_ref:
            return record
        if record.matter_ref is not None:
            raise Conflict(f"item {record.ref} already belongs to matter {record.matter_ref}; unlink it first")
        await repo.update_item_row(record.id, record.version, {"matter": matter["id"], "matter_key": matter_ref},
                                   ctx.now())
        await matter_rows.widen(matter["id"], record.item.received_on)
        await ctx.audit("matter.link", "petition_item", record.id, before={"matter_ref": None},
                        after={"matter_ref": matter_ref}, subject_ref=matter_ref)
        updated = await repo.load_item(record.ref)
    return with_clocks(ctx.app, [updated], ctx.today())[0].masked_copy()


async def unlink_item(ctx: ServiceContext, item_ref: str, *, version: int | None = None) -> ItemRecord:
    """Take an item out of its matter; it counts as its own matter again."""
    ctx.require(WRITE)
    async with ctx.write():
        record = await repo.load_item(item_ref)
        if version is not None and version != record.version:
            raise Conflict(f"petition item {record.ref} was changed by someone else; reload it and try again",
                           current_version=record.version)
        if record.matter_ref is None:
            raise Conflict(f"item {record.ref} is not linked to a matter")
        matter = await repo.fetch_matter_row(record.matter_ref)
        await repo.update_item_row(record.id, record.version,
                                   {"matter": None, "matter_key": repo.ITEM_PREFIX + record.ref}, ctx.now())
        await matter_rows.recompute(matter["id"])
        await ctx.audit("matter.unlink", "petition_item", record.id, before={"matter_ref": record.matter_ref},
                        after={"matter_ref": None}, subject_ref=record.matter_ref)
        updated = await repo.load_item(record.ref)
    return with_clocks(ctx.app, [updated], ctx.today())[0].masked_copy()


async def _candidate_ids(item: PetitionItem, before: dt.date | None) -> list[int]:
    """Earlier items worth scoring: same ID number, same name+phone, or recent same category."""
    ids: set[int] = set()
    people = [*item.petitioners, *item.signatories]
    numbers = [normalise_id_number(p.id_number) for p in people if p.id_number]
    if numbers:
        rows = await PersonRow.select(PersonRow.item).where(PersonRow.id_number.is_in(numbers)).run()
        ids |= {r["item"] for r in rows}
    for p in people:
        if p.name.strip() and p.phone and phone_error(p.phone) is None:
            rows = await PersonRow.select(PersonRow.item).where(
                (PersonRow.name == p.name.strip()) & (PersonRow.phone == normalise_phone(p.phone))).run()
            ids |= {r["item"] for r in rows}
    query = ItemRow.select(ItemRow.id).order_by(ItemRow.received_on, ascending=False).limit(_TEXT_CANDIDATES)
    if item.category:
        query = query.where(ItemRow.category == item.category)
    if before is not None:
        query = query.where(ItemRow.received_on <= before)
    ids |= {r["id"] for r in await query.run()}
    return sorted(ids)


async def _suggest(item: PetitionItem, limit: int) -> list[RepeatSuggestion]:
    ids = await _candidate_ids(item, item.received_on)
    if item.id is not None:
        ids = [i for i in ids if i != item.id]
    candidates: list[PetitionItem] = []
    for start in range(0, len(ids), 500):
        rows = await ItemRow.select().where(ItemRow.id.is_in(ids[start : start + 500])).run()
        candidates += [r.item for r in await repo.records_from_rows(rows)]
    return suggest_repeats(item, candidates, limit=limit)


def _suggestion(s: RepeatSuggestion) -> dict[str, Any]:
    return {"ref": s.ref, "matter_ref": s.matter_ref, "score": s.score, "similarity": s.similarity,
            "reasons": list(s.reasons)}


async def suggest_for_item(ctx: ServiceContext, ref: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Likely repeats of a stored item, best first, each with its evidence (重信重访识别)."""
    ctx.require(READ)
    record = await repo.load_item(ref)
    return [_suggestion(s) for s in await _suggest(record.item, limit)]


async def suggest_for_draft(ctx: ServiceContext, item: PetitionItem, *, limit: int = 10) -> list[dict[str, Any]]:
    """Likely repeats of an item being registered (not stored yet), for the registrar to confirm."""
    ctx.require(READ)
    if not item.summary.strip() and not item.petitioners:
        raise ValidationFailed("nothing to compare", [FieldError("summary", "give a summary or a petitioner")])
    return [_suggestion(s) for s in await _suggest(_comparable(ctx, item), limit)]


def _comparable(ctx: ServiceContext, item: PetitionItem) -> PetitionItem:
    """A draft normalised as far as it is valid (category code, canonical ID and phone), for matching."""
    found = catalog(ctx.app).get(item.category) if item.category else None
    people = [
        Petitioner(
            p.name.strip(),
            normalise_id_number(p.id_number) if p.id_number and id_number_error(p.id_number) is None else None,
            normalise_phone(p.phone) if p.phone and phone_error(p.phone) is None else None,
        )
        for p in item.petitioners
    ]
    return replace(item, category=found.code if found else None, petitioners=people, id=None)


async def matter_of(ref: str) -> MatterRecord:
    """The matter row as a record without items (no permission check; for other services)."""
    row = await matter_rows.find(ref)
    if row is None:
        raise NotFound(f"no petition matter '{ref}'")
    return repo.matter_record(row)
