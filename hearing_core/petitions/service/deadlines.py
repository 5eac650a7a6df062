"""Deadlines of the register (法定期限): per item, explained, and what falls due soon.

All computed on read from the items' stored events (see :mod:`hearing_core.petitions.clocks`).
``due`` prefilters in SQL to items whose clocks can still run (not concluded,
not accepted or routed) and reads them in chunks, so its cost follows the open
caseload, not the size of the register.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, NotFound
from hearing_core.petitions import repository as repo
from hearing_core.petitions.clocks import Clock, item_clocks
from hearing_core.petitions.service.common import OPEN_STATES, READ, raise_if
from hearing_core.petitions.tables import PetitionItem as ItemRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["MAX_WITHIN", "due", "explain_item", "item_deadlines"]

MAX_WITHIN = 366
_CHUNK = 2000
#: Only what the clocks need (no texts): ``due`` may read tens of thousands of open items.
_COLUMNS = repo.CLOCK_COLUMNS


async def item_deadlines(ctx: ServiceContext, ref: str) -> list[Clock]:
    """Every clock the item's events have started, for today."""
    ctx.require(READ)
    row = await repo.fetch_item_row(ref)
    return item_clocks(ctx.app, repo.disposition_from_row(row), today=ctx.today())


async def explain_item(ctx: ServiceContext, ref: str, rule: str | None = None) -> list[Clock]:
    """The item's clocks (or the one of ``rule``) with the engine's step-by-step explanation."""
    clocks = await item_deadlines(ctx, ref)
    if rule is None:
        return clocks
    chosen = [c for c in clocks if c.rule_id == rule]
    if not chosen:
        running = ", ".join(c.rule_id for c in clocks) or "none"
        raise NotFound(f"item {ref} has no clock {rule!r}; its clocks: {running}")
    return chosen


async def due(ctx: ServiceContext, within: int = 7) -> list[dict[str, Any]]:
    """Duty clocks falling due in the next ``within`` days, overdue ones included, soonest first."""
    ctx.require(READ)
    raise_if([] if 0 <= within <= MAX_WITHIN else [FieldError("within", f"must be 0 to {MAX_WITHIN} days")],
             "invalid window")
    today = ctx.today()
    horizon = today + dt.timedelta(days=within)
    columns = [getattr(ItemRow, c) for c in _COLUMNS]
    found: list[dict[str, Any]] = []
    last_id = 0
    while True:
        rows = await (
            ItemRow.select(*columns)
            .where(ItemRow.status.is_in(list(OPEN_STATES)) & (ItemRow.id > last_id))
            .order_by(ItemRow.id)
            .limit(_CHUNK)
            .run()
        )
        if not rows:
            break
        last_id = rows[-1]["id"]
        for row in rows:
            for clock in item_clocks(ctx.app, repo.disposition_from_row(row), today=today, duty_only=True):
                if clock.duty and clock.completed_on is None and clock.due is not None and clock.due <= horizon:
                    found.append(_due_row(row, clock))
    found.sort(key=lambda r: (r["due"], r["ref"]))
    return found


def _due_row(row: dict[str, Any], clock: Clock) -> dict[str, Any]:
    assert clock.due is not None
    return {
        "ref": row["ref"],
        "matter_ref": repo.matter_ref_of(row),
        "item_status": row["status"],
        "rule_id": clock.rule_id,
        "title": clock.title,
        "start_event": clock.start_event,
        "start_date": clock.start_date.isoformat(),
        "due": clock.due.isoformat(),
        "days_remaining": clock.days_remaining,
        "status": clock.status,
        "overdue": clock.status == "overdue",
    }
