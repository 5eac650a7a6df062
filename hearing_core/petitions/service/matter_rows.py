"""Low-level matter rows shared by the item, matter, import and backlog services."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_core.petitions import repository as repo
from hearing_core.petitions.domain.item import ref_error
from hearing_core.petitions.domain.matter import PetitionMatter
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["create", "domain", "find", "recompute", "widen"]


async def find(ref: str) -> dict[str, Any] | None:
    return await MatterRow.select().where(MatterRow.ref == ref).first().run()  # type: ignore[no-any-return]


def domain(row: dict[str, Any]) -> PetitionMatter:
    """The matter as a domain object (for hooks); item refs are not loaded."""
    return PetitionMatter(
        ref=row["ref"],
        title=row["title"],
        category=row["category"],
        first_received_on=row["first_received_on"],
        last_received_on=row["last_received_on"],
        id=row["id"],
    )


def check_ref(ref: str) -> None:
    problem = ref_error(ref)
    if problem is None and ref.startswith(repo.ITEM_PREFIX):
        problem = f"must not start with '{repo.ITEM_PREFIX}'"
    if problem:
        raise ValidationFailed("invalid matter", [FieldError("ref", problem)])


async def create(
    ctx: ServiceContext, ref: str, title: str, category: str | None, *, audit: bool = True
) -> dict[str, Any]:
    """Insert a matter row (inside the caller's transaction) and return it."""
    check_ref(ref)
    if await MatterRow.exists().where(MatterRow.ref == ref).run():
        raise Conflict(f"petition matter '{ref}' already exists")
    now = ctx.now()
    row = MatterRow(ref=ref, title=title.strip()[:200], category=category, on_backlog=False,
                    created_at=now, updated_at=now, version=1)
    await row.save().run()
    if audit:
        await ctx.audit("matter.create", "petition_matter", row.id,
                        after={"ref": ref, "title": row.title, "category": category}, subject_ref=ref)
    found = await find(ref)
    assert found is not None
    return found


async def widen(matter_id: int, received_on: dt.date) -> None:
    """Extend the matter's first/last received dates to include ``received_on``."""
    row = await MatterRow.select(MatterRow.first_received_on, MatterRow.last_received_on).where(
        MatterRow.id == matter_id).first().run()
    assert row is not None
    first, last = row["first_received_on"], row["last_received_on"]
    values = {
        MatterRow.first_received_on: received_on if first is None or received_on < first else first,
        MatterRow.last_received_on: received_on if last is None or received_on > last else last,
    }
    await MatterRow.update(values).where(MatterRow.id == matter_id).run()


async def recompute(matter_id: int) -> None:
    """First/last received dates from the matter's items (after an unlink)."""
    rows = await ItemRow.select(ItemRow.received_on).where(ItemRow.matter == matter_id).run()
    dates = [r["received_on"] for r in rows]
    await MatterRow.update({
        MatterRow.first_received_on: min(dates) if dates else None,
        MatterRow.last_received_on: max(dates) if dates else None,
    }).where(MatterRow.id == matter_id).run()
