"""Examination and decision (审查、作出意见、送达、重新办理、撤回) and the decision clock's pauses.

Serving a re-review opinion terminates the matter (三级终结) in the same transaction, unless
it remanded the matter: then the redone opinion's service does.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.deadlines import Pause
from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_review import repository as repo
from hearing_review.domain import (
    Decision,
    Kind,
    Outcome,
    Redo,
    ReviewApplication,
    TerminationReason,
    decision_deadline,
)
from hearing_review.services.common import DECIDE, WRITE, raise_future
from hearing_review.services.runner import act
from hearing_review.services.termination import record_termination
from hearing_review.tables import ReviewPause
from hearing_review.views import pause_list

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["add_pause", "decide", "end_pause", "record_redo", "serve", "withdraw"]


def _outcome(value: str | Outcome) -> Outcome:
    try:
        return value if isinstance(value, Outcome) else Outcome.parse(value)
    except ValueError as exc:
        raise ValidationFailed("invalid outcome", [FieldError("outcome", str(exc))]) from None


async def decide(
    ctx: ServiceContext, ref: str, *, outcome: str | Outcome, findings: str, on: dt.date | None = None,
    decided_by: str = "", redo_due_on: dt.date | None = None, new_conclusion: str = "", version: int | None = None,
) -> dict[str, Any]:
    """作出复查（复核）意见: uphold (维持), revoke and remand (撤销并责令重新办理, with the day by which
    the lower organ redoes it) or modify (变更, with the new conclusion)."""
    decision = Decision(_outcome(outcome), on or ctx.today(), findings.strip(), decided_by.strip() or ctx.actor.label(),
                        redo_due_on, new_conclusion.strip())
    raise_future(ctx.today(), on=decision.decided_on)
    return await act(ctx, ref, "decide", lambda a, row: a.decide(decision), permission=DECIDE, version=version)


async def serve(ctx: ServiceContext, ref: str, *, on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """送达 the opinion. A review opinion opens the re-review window; a re-review opinion ends the matter."""
    day = on or ctx.today()
    raise_future(ctx.today(), on=day)

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        a.serve(day)
        assert a.decision is not None
        if a.kind is Kind.REREVIEW and a.decision.outcome is not Outcome.REVOKE_REMAND:
            await record_termination(ctx, a.matter_ref, TerminationReason.REREVIEW_SERVED, day, basis_ref=a.ref,
                                     note=f"复核意见（{a.decision.outcome.label}）于{day.isoformat()}送达")

    return await act(ctx, ref, "serve", perform, permission=WRITE, version=version)


async def record_redo(
    ctx: ServiceContext, ref: str, *, conclusion: str, issued_on: dt.date, served_on: dt.date | None = None,
    same_facts: bool, approved_by: str = "", version: int | None = None,
) -> dict[str, Any]:
    """The lower organ's new opinion after a remand (重新办理结果). It may not repeat the same
    conclusion on the same facts and reasons; after a re-review remand its service ends the matter."""
    raise_future(ctx.today(), issued_on=issued_on, served_on=served_on)
    redo = Redo(conclusion.strip(), issued_on, served_on, same_facts, approved_by.strip())

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> dict[str, Any]:
        late = a.record_redo(redo)
        if a.kind is Kind.REREVIEW and served_on is not None:
            await record_termination(ctx, a.matter_ref, TerminationReason.REREVIEW_SERVED, served_on, basis_ref=a.ref,
                                     note=f"复核撤销后重新作出的意见于{served_on.isoformat()}送达")
        return {"redo_late": late}

    return await act(ctx, ref, "record_redo", perform, permission=WRITE, version=version)


async def withdraw(ctx: ServiceContext, ref: str, *, reason: str = "", on: dt.date | None = None,
                   version: int | None = None) -> dict[str, Any]:
    """撤回: the applicant withdraws before the decision."""
    day = on or ctx.today()
    raise_future(ctx.today(), on=day)
    return await act(ctx, ref, "withdraw", lambda a, row: a.withdraw(day, reason), permission=WRITE, version=version)


async def add_pause(ctx: ServiceContext, ref: str, *, kind: str, start: dt.date, end: dt.date | None = None,
                    note: str = "", version: int | None = None) -> dict[str, Any]:
    """Time not counted in the decision clock: appraisal (鉴定), survey (勘验), or a hearing held
    outside the system — only kinds the profile's decision rule excludes."""
    raise_future(ctx.today(), start=start, end=end)
    now = ctx.now()

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        if a.state != "accepted":
            raise ValidationFailed("not under examination", [FieldError("state", f"{a.ref} is {a.state}")])
        pause = Pause(kind.strip(), start, end, note.strip())
        assert a.id is not None
        existing = pause_list(await repo.pauses_of(a.id))
        # Raises RuleViolation naming the rule when the profile does not exclude this kind.
        decision_deadline(ctx.app.profile, ctx.app.calendar, a.kind, a.received_on, ctx.today(), [*existing, pause])
        await ReviewPause.insert(ReviewPause(application=a.id, kind=pause.kind, start=start, end=end, note=pause.note,
                                             created_by=ctx.actor.username, created_at=now, updated_at=now)).run()

    return await act(ctx, ref, "add_pause", perform, permission=WRITE, version=version,
                     note=f"{kind} {start}–{end or '…'}")


async def end_pause(ctx: ServiceContext, ref: str, pause_id: int, *, end: dt.date,
                    version: int | None = None) -> dict[str, Any]:
    """Close an open pause (the appraisal came back): the clock resumes after ``end``."""
    raise_future(ctx.today(), end=end)

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        pause = await ReviewPause.select().where((ReviewPause.id == pause_id) & (ReviewPause.application == a.id)).first().run()
        if pause is None:
            raise NotFound(f"{a.ref} has no pause {pause_id}")
        if pause["hearing_case"] is not None:
            raise ValidationFailed("a hearing's pause follows the hearing", [FieldError(
                "pause_id", "its end is the hearing's recorded end")])
        if pause["start"] is None or end < pause["start"]:
            raise ValidationFailed("invalid end", [FieldError("end", f"before the pause's start {pause['start']}")])
        await ReviewPause.update({ReviewPause.end: end, ReviewPause.updated_at: ctx.now()}).where(
            ReviewPause.id == pause_id).run()

    return await act(ctx, ref, "end_pause", perform, permission=WRITE, version=version, note=f"pause {pause_id} ends {end}")
