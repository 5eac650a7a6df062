"""The reception calendar (接访计划): plan from the rules, arrange, swap, move, cancel, list.

Every change of a planned reception is recorded twice: as an audit entry and as a
``hearing_reception_change`` row the calendar shows next to the reception
(换班、改期、取消 with reason, before and after).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_reception import repository as repo
from hearing_reception.domain import Reception, ReceptionState, Session, participants_from, plan
from hearing_reception.domain.vocab import parse_choice
from hearing_reception.services.common import PLAN, READ, RECEPTION_KIND, Page, check_version, page_bounds
from hearing_reception.tables import ReceptionChange, ReceptionRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "PlanOutcome",
    "ReceptionFilter",
    "cancel",
    "create_reception",
    "get_reception",
    "list_changes",
    "list_receptions",
    "plan_receptions",
    "reschedule",
    "save_reception",
    "swap",
]

MAX_PLAN_DAYS = 732


@dataclass
class PlanOutcome:
    """What planning did: receptions created, occurrences already planned, warnings."""

    created: list[Reception] = field(default_factory=list)
    existing: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)
    dry_run: bool = False


async def save_reception(ctx: ServiceContext, reception: Reception, action: str, source: str, *,
                         participants: bool = False, audit: dict[str, Any] | None = None) -> Reception:
    """Store a changed reception (version-checked), its participants, audit entry and event."""
    assert reception.id is not None
    reception.version = await repo.bump(ReceptionRow, reception.id, reception.version, repo.reception_values(reception),
                                        ctx.now(), f"reception {reception.id}")
    if participants:
        await repo.replace_participants(reception.id, reception.participants)
    await ctx.audit(f"reception.{action}", "reception", reception.id,
                    before={"state": source}, after={"state": reception.state, **(audit or {})})
    if source != reception.state or action in ("swap", "set_participants"):
        await ctx.transitioned(RECEPTION_KIND, reception, source, reception.state, action)
    return reception


async def _insert(ctx: ServiceContext, reception: Reception) -> Reception:
    now = ctx.now()
    row = await ReceptionRow.insert(
        ReceptionRow(**repo.reception_values(reception), created_at=now, updated_at=now, version=1)
    ).returning(ReceptionRow.id).run()
    reception.id = row[0]["id"]
    await repo.replace_participants(reception.id, reception.participants)
    return reception


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationFailed("invalid range", [FieldError("to", "is before from")])
    if (end - start).days > MAX_PLAN_DAYS:
        raise ValidationFailed("invalid range", [FieldError("to", f"plan at most {MAX_PLAN_DAYS} days at once")])


async def plan_receptions(ctx: ServiceContext, start: dt.date, end: dt.date, *, dry_run: bool = False) -> PlanOutcome:
    """Generate the reception calendar from the active rules (``hearing reception plan``).

    Occurrences already planned (even if since moved or cancelled) are never created again,
    so planning the same period twice changes nothing.
    """
    ctx.require(PLAN)
    _check_range(start, end)
    outcome = PlanOutcome(dry_run=dry_run)
    async with ctx.write():
        rules = await repo.load_rules(active_only=True)
        leaders = await repo.load_leaders()
        by_id = {lead.id: lead for lead in leaders}
        result = plan(rules, leaders, ctx.app.calendar, start, end)
        outcome.warnings = result.warnings
        keys = [p.plan_key for p in result.receptions]
        known: set[str] = set()
        for i in range(0, len(keys), 500):
            rows = await ReceptionRow.select(ReceptionRow.plan_key).where(ReceptionRow.plan_key.is_in(keys[i : i + 500])).run()
            known |= {r["plan_key"] for r in rows}
        titles = {rule.id: rule.title for rule in rules}
        # An occurrence moved onto a day its rule already holds for that unit (planned in an
        # earlier run) is held once, like two moved occurrences within one run.
        taken: set[tuple[int | None, str, dt.date]] = set()
        if result.receptions:
            rows = await ReceptionRow.select(ReceptionRow.rule, ReceptionRow.paired_unit, ReceptionRow.day).where(
                (ReceptionRow.day >= min(p.day for p in result.receptions))
                & (ReceptionRow.day <= max(p.day for p in result.receptions))
                & ReceptionRow.rule.is_not_null()
            ).run()
            taken = {(r["rule"], r["paired_unit"], r["day"]) for r in rows}
        for planned in result.receptions:
            if planned.plan_key in known or (planned.rule_id, planned.paired_unit, planned.day) in taken:
                outcome.existing += 1
                continue
            taken.add((planned.rule_id, planned.paired_unit, planned.day))
            reception = Reception(
                id=None, day=planned.day, session=planned.session, start_time=planned.start_time,
                end_time=planned.end_time, place=planned.place,
                participants=participants_from([by_id[i] for i in planned.leader_ids]),
                rule_id=planned.rule_id, plan_key=planned.plan_key, nominal_date=planned.nominal_date,
                moved_because=planned.moved_because, paired_unit=planned.paired_unit,
                title=titles.get(planned.rule_id, ""),
            )
            if not dry_run:
                await _insert(ctx, reception)
            outcome.created.append(reception)
        if not dry_run:
            await ctx.audit("reception.plan", "reception", "many",
                            after={"from": start.isoformat(), "to": end.isoformat(), "created": len(outcome.created),
                                   "existing": outcome.existing, "ids": [r.id for r in outcome.created]})
    return outcome


async def create_reception(ctx: ServiceContext, *, day: dt.date, place: str, leaders: list[str], session: str = "day",
                           start_time: dt.time | None = None, end_time: dt.time | None = None, title: str = "") -> Reception:
    """Arrange a reception outside the rules (约访、带案下访, or a past one being recorded)."""
    from hearing_reception.domain.vocab import SESSION_TIMES

    ctx.require(PLAN)
    errors: list[FieldError] = []
    chosen = parse_choice(Session, session, "session", errors)
    if not place.strip() or len(place) > 200:
        errors.append(FieldError("place", "is required, at most 200 characters"))
    if not leaders:
        errors.append(FieldError("leaders", "name at least one leader"))
    if errors or chosen is None:
        raise ValidationFailed("invalid reception", errors)
    begin, finish = start_time or SESSION_TIMES[chosen][0], end_time or SESSION_TIMES[chosen][1]
    if finish <= begin:
        raise ValidationFailed("invalid reception", [FieldError("end_time", "must be after the start time")])
    async with ctx.write():
        found = [await repo.fetch_leader(ref) for ref in leaders]
        if len({lead.id for lead in found}) != len(found):
            raise ValidationFailed("invalid reception", [FieldError("leaders", "a leader is listed twice")])
        reception = await _insert(ctx, Reception(None, day, chosen, begin, finish, place.strip(),
                                                 participants_from(found), title=title.strip()[:200]))
        await ctx.audit("reception.create", "reception", reception.id, after=reception.as_dict())
    return reception


@dataclass(frozen=True)
class ReceptionFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    state: str | None = None
    leader: str | None = None


async def list_receptions(ctx: ServiceContext, f: ReceptionFilter = ReceptionFilter(), page: int = 1, per_page: int = 50) -> Page:
    """Receptions in date order (the calendar)."""
    ctx.require(READ)
    page, per_page = page_bounds(page, per_page)
    query, count = ReceptionRow.select().order_by(ReceptionRow.day).order_by(ReceptionRow.start_time).order_by(ReceptionRow.id), ReceptionRow.count()
    clauses: list[Any] = []
    if f.date_from:
        clauses.append(ReceptionRow.day >= f.date_from)
    if f.date_to:
        clauses.append(ReceptionRow.day <= f.date_to)
    if f.state:
        if f.state not in {s.value for s in ReceptionState}:
            raise ValidationFailed("invalid filter", [FieldError("state", f"unknown state {f.state!r}")])
        clauses.append(ReceptionRow.state == f.state)
    if f.leader:
        from hearing_reception.tables import ReceptionParticipant as P

        leader = await repo.fetch_leader(f.leader)
        clauses.append(ReceptionRow.id.is_in(P.select(P.reception).where(P.leader == leader.id)))
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    return Page(await repo.load_receptions(rows), await count.run(), page, per_page)


async def get_reception(ctx: ServiceContext, reception_id: int) -> Reception:
    ctx.require(READ)
    return await repo.load_reception(reception_id)


async def _record_change(ctx: ServiceContext, reception_id: int, kind: str, reason: str, before: dict[str, Any], after: dict[str, Any]) -> None:
    await ReceptionChange.insert(
        ReceptionChange(reception=reception_id, kind=kind, reason=reason.strip(), before=before, after=after,
                        changed_by=ctx.actor.username, changed_at=ctx.now())
    ).run()


def _who_when_where(r: Reception) -> dict[str, Any]:
    data = r.as_dict()
    return {k: data[k] for k in ("date", "start_time", "end_time", "place", "leaders")}


async def swap(ctx: ServiceContext, reception_id: int, leaving: str, coming: str, reason: str, version: int | None = None) -> Reception:
    """Another leader receives (换班); an announced reception needs a new notice."""
    ctx.require(PLAN)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        check_version(f"reception {reception_id}", reception.version, version)
        out, into = await repo.fetch_leader(leaving), await repo.fetch_leader(coming)
        before = _who_when_where(reception)
        source, _ = reception.swap(out.id or 0, into, reason)
        await _record_change(ctx, reception_id, "swap", reason, before, _who_when_where(reception))
        return await save_reception(ctx, reception, "swap", source, participants=True,
                                    audit={"leaving": out.code, "coming": into.code, "reason": reason})


async def reschedule(ctx: ServiceContext, reception_id: int, day: dt.date, reason: str, *, start_time: dt.time | None = None,
                     end_time: dt.time | None = None, place: str | None = None, version: int | None = None) -> Reception:
    """Move a reception (改期); an announced reception needs a new notice."""
    ctx.require(PLAN)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        check_version(f"reception {reception_id}", reception.version, version)
        before = _who_when_where(reception)
        source, _ = reception.reschedule(day, reason, ctx.today(), start=start_time, end=end_time, place=place)
        after = _who_when_where(reception)
        await _record_change(ctx, reception_id, "reschedule", reason, before, after)
        return await save_reception(ctx, reception, "reschedule", source, audit={**after, "reason": reason})


async def cancel(ctx: ServiceContext, reception_id: int, reason: str, version: int | None = None) -> Reception:
    """Cancel a reception (取消) with its reason."""
    ctx.require(PLAN)
    async with ctx.write():
        reception = await repo.load_reception(reception_id)
        check_version(f"reception {reception_id}", reception.version, version)
        before = _who_when_where(reception)
        source, _ = reception.cancel(reason)
        await _record_change(ctx, reception_id, "cancel", reason, before, {})
        return await save_reception(ctx, reception, "cancel", source, audit={"reason": reason})


async def list_changes(ctx: ServiceContext, reception_id: int) -> list[dict[str, Any]]:
    """Swaps, moves and cancellations of a reception, oldest first."""
    ctx.require(READ)
    await repo.load_reception(reception_id)
    rows = await ReceptionChange.select().where(ReceptionChange.reception == reception_id).order_by(ReceptionChange.id).output(load_json=True).run()
    return [
        {"kind": r["kind"], "reason": r["reason"], "before": r["before"], "after": r["after"],
         "changed_by": r["changed_by"], "changed_at": r["changed_at"].isoformat()}
        for r in rows
    ]
