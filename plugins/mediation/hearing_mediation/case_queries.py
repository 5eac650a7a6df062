"""Reading cases in bulk (调解案件列表) and the duration clock (调解期限)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, HearingError, ValidationFailed
from hearing_mediation.common import READ, as_date, centre_scope, ensure_in_scope, page_bounds
from hearing_mediation.domain import CASE, MediationCase
from hearing_mediation.tables import CaseMediatorRow, CaseParty
from hearing_mediation.tables import MediationCase as CaseRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["clock_view", "duration", "duration_of", "list_cases"]


def duration(ctx: ServiceContext, case: MediationCase) -> dict[str, Any] | None:
    """The ``mediation.duration`` clock (one month from the start), with the extension the parties agreed."""
    return duration_of(ctx, case.started_on, case.closed_on if not case.is_open else None, case.extended_until)


def duration_of(ctx: ServiceContext, started_on: dt.date | None, closed_on: dt.date | None,
                extended_until: dt.date | None) -> dict[str, Any] | None:
    if started_on is None:
        return None
    return clock_view(ctx, "mediation.duration", started_on, closed_on, extended_until)


def clock_view(ctx: ServiceContext, rule_id: str, start: dt.date, completed_on: dt.date | None,
               agreed_due: dt.date | None = None) -> dict[str, Any]:
    """A profile clock as data, with its Chinese explanation.

    ``agreed_due`` replaces the due date (an extension the parties agreed). A year the
    holiday calendar does not cover gives ``status: unavailable`` and the reason, as the
    register does, instead of failing the whole view.
    """
    try:
        deadline = ctx.app.deadline(rule_id, start, completed_on=completed_on)
    except HearingError as exc:
        due = agreed_due.isoformat() if agreed_due else None
        return {"rule_id": rule_id, "start_date": start.isoformat(), "due": due, "status": "unavailable",
                "completed_on": completed_on.isoformat() if completed_on else None, "note": exc.detail,
                "extended_until": due, "explanation_zh": exc.detail}
    if agreed_due is not None:
        deadline = replace(deadline, due=agreed_due).evaluated(ctx.today(), completed_on)
    data = deadline.as_dict()
    data["extended_until"] = agreed_due.isoformat() if agreed_due else None
    data["explanation_zh"] = deadline.explanation.to_text("zh")
    return data


async def list_cases(ctx: ServiceContext, *, centre_id: int | None = None, state: str | None = None,
                     year: int | None = None, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Cases newest first, in the actor's centres; parties and mediators by name (three queries a page)."""
    ctx.require(READ)
    page_bounds(page, per_page)
    scope = await centre_scope(ctx)
    clauses: list[Any] = []
    if centre_id is not None:
        await ensure_in_scope(ctx, centre_id, "centre", centre_id)
        clauses.append(CaseRow.centre == centre_id)
    elif scope is not None:
        clauses.append(CaseRow.centre.is_in(list(scope) or [-1]))
    if state:
        if state not in CASE.states:
            raise ValidationFailed("invalid filter", [FieldError("state", f"one of {', '.join(CASE.states)}")])
        clauses.append(CaseRow.state == state)
    if year is not None:
        clauses += [CaseRow.applied_on >= dt.date(year, 1, 1), CaseRow.applied_on <= dt.date(year, 12, 31)]
    query = CaseRow.select().order_by(CaseRow.applied_on, CaseRow.id, ascending=False)
    count = CaseRow.count()
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    ids = [r["id"] for r in rows] or [-1]
    parties: dict[int, list[str]] = {}
    for p in await CaseParty.select(CaseParty.case, CaseParty.name).where(CaseParty.case.is_in(ids)).order_by(CaseParty.position).run():
        parties.setdefault(p["case"], []).append(p["name"])
    mediators: dict[int, list[str]] = {}
    for m in await CaseMediatorRow.select(CaseMediatorRow.case, CaseMediatorRow.name).where(
        CaseMediatorRow.case.is_in(ids)
    ).order_by(CaseMediatorRow.position).run():
        mediators.setdefault(m["case"], []).append(m["name"])
    items = []
    for r in rows:
        is_open = r["state"] in ("applied", "in_mediation")
        closed = as_date(r["closed_on"])
        d = duration_of(ctx, as_date(r["started_on"]), None if is_open else closed, as_date(r["extended_until"]))
        items.append({
            "id": r["id"], "ref": r["ref"], "centre_id": r["centre"], "state": r["state"],
            "applied_on": str(as_date(r["applied_on"])), "started_on": d["start_date"] if d else None,
            "closed_on": closed.isoformat() if closed else None, "parties": parties.get(r["id"], []),
            "mediators": mediators.get(r["id"], []), "dispute": r["dispute"], "escalation": bool(r["escalation"]),
            "sessions": r["session_count"], "due": d["due"] if d else None, "duration_status": d["status"] if d else None,
        })
    return {"items": items, "total": await count.run(), "page": page, "per_page": per_page}
