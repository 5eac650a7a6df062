"""Termination of matters (信访事项终结) and the follow-up work after it (教育疏导、帮扶).

A re-review opinion's service terminates the matter automatically (``decisions.serve``);
the other reasons are recorded here, each with its own check: a lapsed window is verified
against the deadline engine and the applications on the opinion, the Guangdong verification
procedure needs the profile's ``termination.verification_terminal``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, RuleViolation, ValidationFailed
from hearing_review import repository as repo
from hearing_review.domain import (
    FollowUpKind,
    Kind,
    Outcome,
    Termination,
    TerminationReason,
    check_lapse,
    window_deadline,
)
from hearing_review.domain.termination import SOURCES
from hearing_review.services import register_link
from hearing_review.services.common import DECIDE, READ, WRITE
from hearing_review.tables import ReviewApplicationRow as Row
from hearing_review.tables import ReviewFollowUp, ReviewTermination
from hearing_review.views import short_view

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["add_followup", "matter_status", "record_termination", "terminate"]

#: Applications that keep a window from lapsing "without an application".
LIVE = ("received", "accepted", "decided", "served")


async def record_termination(ctx: ServiceContext, matter_ref: str, reason: TerminationReason, on: dt.date, *,
                             basis_ref: str = "", note: str = "") -> Termination:
    """Store the termination (inside the caller's transaction), audit it and announce it."""
    async with ctx.write():
        existing = await repo.termination_of(matter_ref)
        if existing is not None:
            raise Conflict(f"matter {matter_ref} is already terminated ({existing.reason.value}, "
                           f"{existing.terminated_on})", terminated=existing.as_dict())
        t = Termination(matter_ref, reason, on, basis_ref, note, ctx.actor.username)
        await ReviewTermination.insert(ReviewTermination(
            matter_ref=matter_ref, reason=reason.value, terminated_on=on, basis_ref=basis_ref, note=note,
            recorded_by=ctx.actor.username, created_at=ctx.now())).run()
        await ctx.audit("review.terminate", "review_matter", matter_ref, after=t.as_dict(), subject_ref=matter_ref)
        await ctx.transitioned("review_matter", t, "open", "terminated", "terminate")
    return t


async def _latest_handling(ctx: ServiceContext, matter_ref: str, basis_ref: str | None) -> tuple[str, str, dt.date]:
    """(challenged kind, ref, served on) of the opinion whose review window is checked."""
    candidates: list[tuple[dt.date, str, str]] = [
        (o.served_on, "handling_opinion", o.item_ref)
        for o in await register_link.matter_opinions(ctx, matter_ref) if o.served_on is not None]
    rows = await Row.select(Row.ref, Row.redo_served_on).where(
        (Row.matter_ref == matter_ref) & (Row.kind == "review") & Row.redo_served_on.is_not_null()).run()
    candidates += [(r["redo_served_on"], "redone_opinion", r["ref"]) for r in rows]
    if basis_ref:
        candidates = [c for c in candidates if c[2] == basis_ref]
    if not candidates:
        raise RuleViolation(f"matter {matter_ref} has no served opinion{' ' + basis_ref if basis_ref else ''} "
                            "whose review window could lapse", rule="review.request_window")
    served, kind, ref = max(candidates)
    return kind, ref, served


async def _latest_review(matter_ref: str, basis_ref: str | None) -> tuple[str, str, dt.date]:
    query = Row.select(Row.ref, Row.served_on).where(
        (Row.matter_ref == matter_ref) & (Row.kind == "review") & Row.served_on.is_not_null()
        & (Row.outcome != Outcome.REVOKE_REMAND.value))
    rows = [r for r in await query.run() if not basis_ref or r["ref"] == basis_ref]
    if not rows:
        raise RuleViolation(f"matter {matter_ref} has no served review opinion whose re-review window could lapse",
                            rule="rereview.request_window")
    latest = max(rows, key=lambda r: (r["served_on"], r["ref"]))
    return "review_opinion", latest["ref"], latest["served_on"]


async def _lapse(ctx: ServiceContext, matter_ref: str, kind: Kind, basis_ref: str | None) -> tuple[dt.date, str]:
    if kind is Kind.REVIEW:
        challenged_kind, ref, served = await _latest_handling(ctx, matter_ref, basis_ref)
    else:
        challenged_kind, ref, served = await _latest_review(matter_ref, basis_ref)
    window = window_deadline(ctx.app.profile, ctx.app.calendar, kind, served, ctx.today())
    live = await Row.select(Row.ref).where(
        (Row.kind == kind.value) & (Row.challenged_kind == challenged_kind) & (Row.challenged_ref == ref)
        & Row.state.is_in(list(LIVE))).run()
    return check_lapse(window, ctx.today(), [r["ref"] for r in live]), ref


async def terminate(ctx: ServiceContext, matter_ref: str, reason: str | TerminationReason, *,
                    on: dt.date | None = None, basis_ref: str | None = None, note: str = "") -> dict[str, Any]:
    """Record a matter's termination for a reason other than a served re-review opinion."""
    ctx.require(DECIDE)
    try:
        r = reason if isinstance(reason, TerminationReason) else TerminationReason.parse(reason)
    except ValueError as exc:
        raise ValidationFailed("invalid reason", [FieldError("reason", str(exc))]) from None
    ref, _ = await register_link.matter(ctx, matter_ref)
    if r is TerminationReason.REREVIEW_SERVED:
        raise ValidationFailed("recorded on service", [FieldError(
            "reason", "a re-review termination is recorded when the re-review opinion is served")])
    if r in (TerminationReason.REVIEW_WINDOW_LAPSED, TerminationReason.REREVIEW_WINDOW_LAPSED):
        kind = Kind.REVIEW if r is TerminationReason.REVIEW_WINDOW_LAPSED else Kind.REREVIEW
        day, basis = await _lapse(ctx, ref, kind, basis_ref)
        t = await record_termination(ctx, ref, r, day, basis_ref=basis, note=note.strip())
        return t.as_dict()
    if r is TerminationReason.VERIFICATION_COMPLETED and not _param(ctx, "termination.verification_terminal"):
        raise RuleViolation(f"the verification procedure (核查) does not terminate matters under rule profile "
                            f"{ctx.app.profile.name!r} (param termination.verification_terminal)",
                            rule="termination.verification_terminal", source=SOURCES[r])
    if not note.strip():
        raise ValidationFailed("a note is required", [FieldError(
            "note", "say which procedure, certification or verification ended the matter")])
    day = on or ctx.today()
    if day > ctx.today():
        raise ValidationFailed("invalid date", [FieldError("on", "is in the future")])
    return (await record_termination(ctx, ref, r, day, basis_ref=basis_ref or "", note=note.strip())).as_dict()


def _param(ctx: ServiceContext, name: str) -> bool:
    try:
        return bool(ctx.app.param(name))
    except Exception:  # noqa: BLE001 - a profile without the param: the procedure does not exist there
        return False


async def add_followup(ctx: ServiceContext, matter_ref: str, *, kind: str, staff: str, note: str,
                       on: dt.date | None = None, contact: str = "") -> dict[str, Any]:
    """A follow-up record (教育疏导、帮扶救助、回访) on a matter — not a petition item, so it is
    recorded even after termination."""
    ctx.require(WRITE)
    ref, _ = await register_link.matter(ctx, matter_ref)
    errors = []
    try:
        k = FollowUpKind.parse(kind)
    except ValueError as exc:
        errors.append(FieldError("kind", str(exc)))
    day = on or ctx.today()
    if day > ctx.today():
        errors.append(FieldError("on", "is in the future"))
    errors += [FieldError(n, "is required") for n, v in (("staff", staff), ("note", note)) if not v.strip()]
    if errors:
        raise ValidationFailed("invalid follow-up", errors)
    async with ctx.write():
        rows = await ReviewFollowUp.insert(ReviewFollowUp(
            matter_ref=ref, on=day, kind=k.value, staff=staff.strip(), contact=contact.strip(), note=note.strip(),
            created_by=ctx.actor.username, created_at=ctx.now())).returning(ReviewFollowUp.id).run()
        record = {"id": rows[0]["id"], "matter_ref": ref, "on": day.isoformat(), "kind": k.value, "kind_label": k.label,
                  "staff": staff.strip(), "contact": contact.strip(), "note": note.strip()}
        await ctx.audit("review.followup", "review_followup", rows[0]["id"], after=record, subject_ref=ref)
    return record


async def matter_status(ctx: ServiceContext, matter_ref: str) -> dict[str, Any]:
    """A matter's review track: termination, applications, follow-ups."""
    ctx.require(READ)
    ref, _ = await register_link.matter(ctx, matter_ref)
    t = await repo.termination_of(ref)
    apps = await Row.select().where(Row.matter_ref == ref).order_by(Row.received_on).order_by(Row.id).run()
    follow = await ReviewFollowUp.select().where(ReviewFollowUp.matter_ref == ref).order_by(ReviewFollowUp.on).run()
    return {
        "matter_ref": ref, "terminated": t is not None, "termination": t.as_dict() if t else None,
        "applications": [short_view(repo.to_domain(r)) for r in apps],
        "followups": [{"id": f["id"], "on": f["on"].isoformat(), "kind": f["kind"], "kind_label": FollowUpKind(f["kind"]).label,
                       "staff": f["staff"], "contact": f["contact"], "note": f["note"]} for f in follow],
    }
