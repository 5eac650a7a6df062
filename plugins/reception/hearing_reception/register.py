"""The link to the core petition register (信访登记): the only module that calls it.

A visitor batch at a leader reception is a visit (来访) like any other: it is
registered as a petition item through the register's own service
(``hearing_core.petitions.service.register_item``), so the same validation, the
``refuse_petition_item`` veto, the audit entry and the ``petition_item_registered``
event apply. Repeat suggestions (重信重访识别) come from the register too. The core's
tables are never touched here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import ValidationFailed
from hearing_reception.domain import Visitor

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.petitions.domain import PetitionItem

__all__ = ["existing_item", "normalised_visitors", "petition_item", "register_item", "suggest_for_draft", "suggest_for_item"]


def normalised_visitors(visitors: list[Visitor], today: dt.date) -> list[Visitor]:
    """Visitors checked and normalised as the register does (GB 11643 ID numbers, phone formats)."""
    from hearing_core.petitions.domain import Petitioner

    people = [Petitioner(v.name, v.id_number or None, v.phone or None, v.address or None) for v in visitors]
    errors = [e for i, p in enumerate(people) for e in p.problems(f"petitioners.{i}", today=today)]
    if errors:
        raise ValidationFailed("invalid petitioners", errors)
    return [Visitor(p.name, p.id_number, p.phone, p.address) for p in (q.normalised() for q in people)]


def petition_item(*, received_on: dt.date, persons: int, visitors: list[Visitor], summary: str, request: str,
                  category: str | None, matter_ref: str | None) -> PetitionItem:
    """The petition item (信访件) a visitor batch is registered as: channel 来访, source 本级受理."""
    from hearing_core.petitions.domain import Channel, Petitioner, PetitionItem, Source

    return PetitionItem(
        ref="", received_on=received_on, channel=Channel.VISIT, summary=summary, persons=persons,
        petitioners=[Petitioner(v.name, v.id_number, v.phone, v.address) for v in visitors],
        category=category or None, request=request, source=Source.OWN_INTAKE, matter_ref=matter_ref or None,
    )


async def suggest_for_draft(ctx: ServiceContext, item: PetitionItem) -> list[dict[str, Any]]:
    """Earlier items this batch probably repeats, best first, with the register's evidence."""
    from hearing_core.petitions.service import suggest_for_draft as suggest

    return await suggest(ctx, item)


async def suggest_for_item(ctx: ServiceContext, ref: str) -> list[dict[str, Any]]:
    from hearing_core.petitions.service import suggest_for_item as suggest

    return await suggest(ctx, ref)


async def register_item(ctx: ServiceContext, item: PetitionItem, *, new_matter: bool) -> tuple[str, str | None]:
    """Register the item; returns its reference and normalised category."""
    from hearing_core.petitions.service import register_item as register

    record = await register(ctx, item, create_matter=new_matter)
    return record.ref, record.item.category


async def existing_item(ctx: ServiceContext, ref: str) -> tuple[str, str | None, dt.date]:
    """An item already in the register (reference, category, date received); NotFound otherwise."""
    from hearing_core.petitions.service import get_item

    record = await get_item(ctx, ref, with_deadlines=False)
    return record.ref, record.item.category, record.item.received_on
