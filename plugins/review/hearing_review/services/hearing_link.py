"""Hearings inside review and re-review (复查、复核中的听证) and the paused decision clock.

The reviewing organ may hold a hearing; the time it takes is not counted in the decision
clock (听证时间不计入复查、复核期限). A hearing is opened on the matter at stage
``review``/``rereview`` through the core's hearings service (or opened there and linked
here); each link is a pause of kind ``hearing`` whose days follow the hearing's recorded
start and end (``StoredHearing.hearing_period()``), refreshed by the listeners of
``hearing_case_opened``, ``hearing_scheduled``, ``hearing_concluded`` and
``case_transitioned(kind="hearing_case")``. While a hearing runs, the clock is suspended.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_review import repository as repo
from hearing_review.domain import HEARING, Capacity, ReviewApplication
from hearing_review.services.common import WRITE
from hearing_review.services.runner import act
from hearing_review.tables import ReviewApplicationRow as Row
from hearing_review.tables import ReviewPause

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import Actor

__all__ = ["link_hearing", "on_hearing_changed", "on_hearing_opened", "open_hearing"]


def _period(case: Any) -> tuple[dt.date | None, dt.date | None] | None:
    """The hearing's days, or None for an object this plugin does not understand."""
    period = getattr(case, "hearing_period", None)
    if not callable(period):
        return None
    start, end = period()
    return start, end


async def _link(ctx: ServiceContext, a: ReviewApplication, case: Any) -> bool:
    """Add the hearing pause for ``case`` unless it exists; True if added."""
    exists = await ReviewPause.exists().where((ReviewPause.application == a.id) & (ReviewPause.hearing_case == case.id)).run()
    if exists:
        return False
    start, end = _period(case) or (None, None)
    now = ctx.now()
    await ReviewPause.insert(ReviewPause(application=a.id, kind=HEARING, start=start, end=end, hearing_case=case.id,
                                         note=f"听证#{case.id}", created_by=ctx.actor.username, created_at=now,
                                         updated_at=now)).run()
    await ctx.audit("review.hearing_linked", "review_application", a.id, after={"hearing_case": case.id},
                    subject_ref=a.matter_ref)
    return True


def _check_stage(a: ReviewApplication, case: Any) -> None:
    stage = str(getattr(getattr(case, "case", None), "stage", ""))
    errors = []
    if getattr(case, "matter_ref", None) != a.matter_ref:
        errors.append(FieldError("case_id", f"hearing #{case.id} is about matter {case.matter_ref}, not {a.matter_ref}"))
    if stage != a.kind.value:
        errors.append(FieldError("case_id", f"hearing #{case.id} is at stage '{stage}', not '{a.kind.value}'"))
    if errors:
        raise ValidationFailed("hearing of another matter or stage", errors)


async def open_hearing(ctx: ServiceContext, ref: str, *, grounds: str, on_application: bool = False,
                       on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """Open a hearing case on the application's matter at its stage through the hearings service:
    organ-initiated (依职权), or registering the petitioner's own application (``on_application``).
    Needs the hearings permission ``hearings.manage`` as well."""
    from hearing_core.hearings import service as hearings

    opened: dict[str, Any] = {}

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        if a.state != "accepted":
            raise ValidationFailed("not under examination", [FieldError("state", f"{a.ref} is {a.state}")])
        name = a.applicant.agent_of if a.applicant.capacity is Capacity.AGENT else a.applicant.name
        if on_application:
            case = await hearings.apply(ctx, matter_ref=a.matter_ref, stage=a.kind.value, applicant_name=name,
                                        grounds=grounds, applied_on=on)
        else:
            case = await hearings.initiate(ctx, matter_ref=a.matter_ref, stage=a.kind.value, petitioner_name=name,
                                           grounds=grounds, initiated_on=on)
        await _link(ctx, a, case)
        opened["hearing_case"] = case.id

    view = await act(ctx, ref, "open_hearing", perform, permission=WRITE, version=version)
    return {**view, **opened}


async def link_hearing(ctx: ServiceContext, ref: str, case_id: int, *, version: int | None = None) -> dict[str, Any]:
    """Link a hearing opened through the hearings commands (same matter, same stage)."""
    from hearing_core.hearings import service as hearings

    async def perform(a: ReviewApplication, row: dict[str, Any]) -> None:
        if a.state not in ("accepted", "decided"):
            raise ValidationFailed("not under examination", [FieldError("state", f"{a.ref} is {a.state}")])
        case = await hearings.get_hearing(ctx, case_id)
        _check_stage(a, case)
        if not await _link(ctx, a, case):
            raise Conflict(f"hearing #{case_id} is already linked to {a.ref}")

    return await act(ctx, ref, "link_hearing", perform, permission=WRITE, version=version)


async def on_hearing_opened(app: HearingApp, case: Any, actor: Actor) -> None:
    """A hearing opened at stage review/rereview joins the one application under examination on its
    matter at that stage (if there is exactly one)."""
    from hearing_core.context import ServiceContext

    stage = str(getattr(getattr(case, "case", None), "stage", ""))
    matter_ref = getattr(case, "matter_ref", None)
    if stage not in ("review", "rereview") or not matter_ref or getattr(case, "id", None) is None:
        return
    rows = await Row.select().where((Row.matter_ref == matter_ref) & (Row.kind == stage) & (Row.state == "accepted")).run()
    if len(rows) == 1:
        await _link(ServiceContext(app, actor), repo.to_domain(rows[0]), case)


async def on_hearing_changed(app: HearingApp, case: Any, actor: Actor) -> None:
    """Keep the hearing pauses of ``case`` in step with its recorded start and end."""
    from hearing_core.context import ServiceContext

    case_id, period = getattr(case, "id", None), _period(case)
    if case_id is None or period is None:
        return
    start, end = period
    rows = await ReviewPause.select().where((ReviewPause.hearing_case == case_id) & (ReviewPause.kind == HEARING)).run()
    ctx = ServiceContext(app, actor)
    for row in rows:
        if (row["start"], row["end"]) == (start, end):
            continue
        await ReviewPause.update({ReviewPause.start: start, ReviewPause.end: end, ReviewPause.updated_at: ctx.now()}).where(
            ReviewPause.id == row["id"]).run()
        app_row = await Row.select(Row.matter_ref).where(Row.id == row["application"]).first().run()
        await ctx.audit("review.hearing_pause", "review_application", row["application"],
                        before={"start": row["start"], "end": row["end"]}, after={"start": start, "end": end},
                        subject_ref=app_row["matter_ref"] if app_row else "", note=f"hearing #{case_id}")
