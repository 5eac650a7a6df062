"""Examining admissibility (受理审查): the checklist, declared facts, force majeure, accept or refuse.

The facts are gathered fresh every time — the register's date of service, the organ table,
other applications on the same opinion, the termination record — so a service recorded in
the register after the application was lodged, or an organ added to the table, counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_review import repository as repo
from hearing_review.domain import (
    ChallengedKind,
    Checklist,
    Facts,
    Obstacle,
    ReviewApplication,
    check,
    request_window,
)
from hearing_review.services import register_link
from hearing_review.services.applications import resolve_challenged
from hearing_review.services.common import DECIDE, WRITE, raise_future
from hearing_review.services.runner import act
from hearing_review.tables import ReviewApplicationRow as Row

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["accept", "checklist_of", "declare", "examine", "record_force_majeure", "refuse"]

ENGAGED = ("accepted", "decided", "served")


async def _facts(ctx: ServiceContext, a: ReviewApplication) -> Facts:
    organs = await repo.hierarchy()
    c = a.challenged
    refs = {"item_ref": c.ref if c.kind is ChallengedKind.HANDLING_OPINION else None,
            "review_ref": c.ref if c.kind is ChallengedKind.REVIEW_OPINION else None,
            "redo_of": c.ref if c.kind is ChallengedKind.REDONE_OPINION else None}
    fresh = await resolve_challenged(ctx, a.kind, original_organ=c.organ, organs=organs, **refs)
    _, names = await register_link.matter(ctx, a.matter_ref)
    fresh = replace(fresh, entitled=names)
    window = None
    if fresh.served_on is not None:
        window = request_window(ctx.app.profile, ctx.app.calendar, a.kind, fresh.served_on, a.received_on, a.obstacles)
    others = await Row.select(Row.ref).where(
        (Row.kind == a.kind.value) & (Row.challenged_kind == c.kind.value) & (Row.challenged_ref == c.ref)
        & Row.state.is_in(list(ENGAGED)) & (Row.id != a.id)).run()
    termination = await repo.termination_of(a.matter_ref)
    return Facts(a.kind, a.received_on, a.receiving_organ, a.applicant, fresh, organs, window,
                 sum(o.days for o in a.obstacles), tuple(r["ref"] for r in others), a.accepted_elsewhere,
                 a.declared_route, termination.message if termination else None)


async def checklist_of(ctx: ServiceContext, a: ReviewApplication) -> tuple[Checklist, Facts]:
    facts = await _facts(ctx, a)
    a.challenged = facts.challenged
    return check(facts), facts


def _stored(checklist: Checklist, today: dt.date) -> dict[str, Any]:
    import json

    return {"checklist": json.dumps(checklist.as_list(), ensure_ascii=False), "checked_on": today}


async def examine(ctx: ServiceContext, ref: str, *, version: int | None = None) -> dict[str, Any]:
    """Run the checklist and keep its result on the application (审查受理条件); no state change."""

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> dict[str, Any]:
        checklist, _ = await checklist_of(ctx, a)
        a.checklist = checklist
        return _stored(checklist, ctx.today())

    return await act(ctx, ref, "examine", perform, permission=WRITE, version=version)


async def declare(ctx: ServiceContext, ref: str, *, accepted_elsewhere: str | None = None,
                  declared_route: str | None = None, version: int | None = None) -> dict[str, Any]:
    """Record what the register cannot know: another organ accepted it, or a statutory route (诉讼、仲裁、复议)."""

    def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        if a.state != "received":
            raise ValidationFailed("already examined", [FieldError("state", f"{a.ref} is {a.state}")])
        if accepted_elsewhere is not None:
            a.accepted_elsewhere = accepted_elsewhere.strip()
        if declared_route is not None:
            a.declared_route = declared_route.strip()

    return await act(ctx, ref, "declare", perform, permission=WRITE, version=version)


async def record_force_majeure(ctx: ServiceContext, ref: str, *, start: dt.date, end: dt.date, reason: str,
                               version: int | None = None) -> dict[str, Any]:
    """Record an obstacle (不可抗力等正当理由) whose days do not count in the request window."""
    obstacle = Obstacle(start, end, reason.strip())

    def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        if a.state != "received":
            raise ValidationFailed("already examined", [FieldError("state", f"{a.ref} is {a.state}")])
        if end > a.received_on:
            raise ValidationFailed("invalid obstacle", [FieldError("end", "after the application was received")])
        a.obstacles = [*a.obstacles, obstacle]

    return await act(ctx, ref, "force_majeure", perform, permission=WRITE, version=version)


async def accept(ctx: ServiceContext, ref: str, *, on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """受理: only if every ground passes now; the decision clock runs from receipt."""
    day = on or ctx.today()
    raise_future(ctx.today(), on=day)

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> dict[str, Any]:
        checklist, _ = await checklist_of(ctx, a)
        a.accept(day, checklist)
        return _stored(checklist, ctx.today())

    return await act(ctx, ref, "accept", perform, permission=DECIDE, version=version)


async def refuse(ctx: ServiceContext, ref: str, *, on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """不予受理 on the grounds that failed; the written notice is dated ``on``. Its limit is the
    profile rule ``review.nonacceptance_notice``: the clock in the view shows ``overdue`` when
    the notice came late (recorded, not prevented: a late notice is better than none)."""
    day = on or ctx.today()
    raise_future(ctx.today(), on=day)

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> dict[str, Any]:
        checklist, _ = await checklist_of(ctx, a)
        a.refuse(day, checklist)
        return _stored(checklist, ctx.today())

    return await act(ctx, ref, "refuse", perform, permission=DECIDE, version=version)
