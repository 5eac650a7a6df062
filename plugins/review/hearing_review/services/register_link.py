"""The link to the core petition register (信访登记): the only module that calls it.

The handling opinion (信访处理意见) a review challenges, its date of service (送达) and the
organ that handled the matter come from the register's own services
(``hearing_core.petitions.service.get_item`` / ``get_matter``), read as a reader who holds
``petitions.read`` only: names and dates, never ID numbers or phones. The core's tables are
never touched here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_review.services.common import reader

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["Opinion", "handling_opinion", "matter", "matter_opinions"]


@dataclass(frozen=True)
class Opinion:
    """A handling opinion as the register records it."""

    item_ref: str
    matter_ref: str | None
    outcome: str | None  # support / explain / not_support
    issued_on: dt.date | None
    served_on: dt.date | None
    handling_unit: str | None  # 承办单位 (by name), None when the bureau handled it itself
    routed_to: str | None  # a statutory procedure the item was routed into
    petitioners: tuple[str, ...]


def _opinion(record: Any) -> Opinion:
    d = record.disposition
    names = tuple(p.name for p in [*record.item.petitioners, *record.item.signatories])
    return Opinion(record.ref, record.matter_ref, str(d.opinion) if d.opinion else None, d.opinion_issued_on,
                   d.opinion_served_on, d.handling_unit, str(d.routed_to) if d.routed_to else None, names)


async def handling_opinion(ctx: ServiceContext, item_ref: str) -> Opinion:
    """The handling opinion of register item ``item_ref`` (NotFound if there is no such item)."""
    from hearing_core.petitions.service import get_item

    record = await get_item(reader(ctx), item_ref, with_deadlines=False)
    opinion = _opinion(record)
    if opinion.matter_ref is None:
        raise ValidationFailed("the item belongs to no matter", [FieldError(
            "item_ref", f"link item {item_ref} to its matter first (`hearing matters link`): reviews and "
            "termination are recorded per matter")])
    return opinion


async def matter(ctx: ServiceContext, matter_ref: str) -> tuple[str, tuple[str, ...]]:
    """The matter's reference and the names of all its petitioners (NotFound if unknown)."""
    from hearing_core.petitions.service import get_matter

    record = await get_matter(reader(ctx), matter_ref)
    names: list[str] = []
    for item in record.items:
        names += [p.name for p in [*item.item.petitioners, *item.item.signatories] if p.name not in names]
    return record.ref, tuple(names)


async def matter_opinions(ctx: ServiceContext, matter_ref: str) -> list[Opinion]:
    """The matter's served handling opinions, latest service first."""
    from hearing_core.petitions.service import get_matter

    record = await get_matter(reader(ctx), matter_ref)
    opinions = [_opinion(item) for item in record.items if item.disposition.opinion_served_on is not None]
    return sorted(opinions, key=lambda o: (o.served_on, o.item_ref), reverse=True)
