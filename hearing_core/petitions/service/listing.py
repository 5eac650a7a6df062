"""Listing petition items (信访件列表): filters in SQL, the computed ``overdue`` flag, pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError
from hearing_core.petitions import repository as repo
from hearing_core.petitions.clocks import is_overdue, item_clocks
from hearing_core.petitions.domain import Channel
from hearing_core.petitions.records import Page
from hearing_core.petitions.service.common import OPEN_STATES, READ, catalog, page_bounds, raise_if
from hearing_core.petitions.service.items import with_clocks
from hearing_core.petitions.tables import Petitioner as PersonRow
from hearing_core.petitions.tables import PetitionItem as ItemRow

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["ItemFilter", "list_items"]


@dataclass(frozen=True)
class ItemFilter:
    """Filters of the item list; every one is optional."""

    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    channel: str | None = None
    status: str | None = None
    category: str | None = None
    matter_ref: str | None = None
    overdue: bool | None = None
    q: str | None = None
    open_only: bool = False


def _like(text: str) -> str:
    return "%" + text.replace("\\", "").replace("%", "").replace("_", "") + "%"


def _where(app: HearingApp, f: ItemFilter) -> list[Any]:
    errors: list[FieldError] = []
    clauses: list[Any] = []
    if f.year is not None:
        clauses += [ItemRow.received_on >= dt.date(f.year, 1, 1), ItemRow.received_on <= dt.date(f.year, 12, 31)]
    if f.date_from is not None:
        clauses.append(ItemRow.received_on >= f.date_from)
    if f.date_to is not None:
        clauses.append(ItemRow.received_on <= f.date_to)
    if f.channel:
        try:
            clauses.append(ItemRow.channel == Channel.parse(f.channel).value)
        except ValueError as exc:
            errors.append(FieldError("channel", str(exc)))
    if f.status:
        clauses.append(ItemRow.status == f.status)
    if f.open_only or f.overdue:
        clauses.append(ItemRow.status.is_in(list(OPEN_STATES)))
    if f.category:
        found = catalog(app).get(f.category)
        if found is None:
            errors.append(FieldError("category", f"unknown category '{f.category}'"))
        else:
            clauses.append((ItemRow.category == found.code) | (ItemRow.category_top == found.code))
    if f.matter_ref:
        clauses.append(ItemRow.matter_key == f.matter_ref)
    if f.q:
        pattern = _like(f.q.strip())
        people = PersonRow.select(PersonRow.item).where(PersonRow.name.like(pattern))
        clauses.append(ItemRow.ref.like(pattern) | ItemRow.summary.like(pattern)
                       | ItemRow.request.like(pattern) | ItemRow.id.is_in(people))
    raise_if(errors, "invalid filter")
    return clauses


async def list_items(ctx: ServiceContext, filters: ItemFilter = ItemFilter(), page: int = 1, per_page: int = 50) -> Page:
    """Items newest first, with the computed ``overdue`` flag; ``overdue`` filters on it. Always masked."""
    ctx.require(READ)
    page, per_page = page_bounds(page, per_page)
    clauses = _where(ctx.app, filters)
    today = ctx.today()
    query = ItemRow.select().order_by(ItemRow.received_on, ItemRow.id, ascending=False)
    count = ItemRow.count()
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    if filters.overdue is None:
        total = await count.run()
        rows = await query.offset((page - 1) * per_page).limit(per_page).run()
        records = with_clocks(ctx.app, await repo.records_from_rows(rows), today)
    else:
        # Overdue is computed, not stored: compute it from the clock columns of the rows the
        # SQL kept (open items only when asking for overdue ones), then load one page in full.
        scan = ItemRow.select(*(getattr(ItemRow, c) for c in repo.CLOCK_COLUMNS)).order_by(
            ItemRow.received_on, ItemRow.id, ascending=False)
        for clause in clauses:
            scan = scan.where(clause)
        ids = [r["id"] for r in await scan.run() if _overdue(ctx.app, r, today) is filters.overdue]
        total = len(ids)
        chosen = ids[(page - 1) * per_page : page * per_page]
        rows = await ItemRow.select().where(ItemRow.id.is_in(chosen)).run() if chosen else []
        rows.sort(key=lambda r: chosen.index(r["id"]))
        records = with_clocks(ctx.app, await repo.records_from_rows(rows), today)
    # Lists show ID numbers and phones masked for everyone (register.md §1): reading them in
    # full is a deliberate, audited look at one item (``get_item``).
    return Page([r.masked_copy() for r in records], total, page, per_page)


def _overdue(app: HearingApp, row: dict[str, Any], today: dt.date) -> bool:
    if row["status"] not in OPEN_STATES:
        return False
    return is_overdue(item_clocks(app, repo.disposition_from_row(row), today=today, duty_only=True))
