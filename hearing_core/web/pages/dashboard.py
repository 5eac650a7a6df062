"""工作台 (dashboard): what needs doing today, for the logged-in user's roles.

Panels appear only for users holding their permission: deadlines falling due and
overdue (the register's ``deadlines.due``), today's hearings (the hearings
service's list, limited to the panels one sits on), the mediation centre's queue
(only when the mediation plugin is loaded, through its public services) and the
backlog ledger by owning leader (包案领导).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from litestar import Request, get
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.context import ServiceContext
from hearing_core.web.render import page

__all__ = ["dashboard", "dashboard_panels"]

DUE_WITHIN_DAYS = 7
SHOWN = 15
_OPEN_BACKLOG = ("listed", "in_progress")


async def _deadlines(ctx: ServiceContext) -> dict[str, Any]:
    from hearing_core.petitions.service import deadlines

    rows = await deadlines.due(ctx, within=DUE_WITHIN_DAYS)
    overdue = [r for r in rows if r["overdue"]]
    soon = [r for r in rows if not r["overdue"]]
    return {"overdue": overdue[:SHOWN], "overdue_total": len(overdue), "soon": soon[:SHOWN],
            "soon_total": len(soon), "within": DUE_WITHIN_DAYS}


async def _hearings_today(ctx: ServiceContext) -> list[dict[str, Any]]:
    from hearing_core.hearings import service as hearings

    today = ctx.today()
    found = await hearings.list_hearings(ctx, date_from=today, date_to=today, per_page=100)
    return sorted(found["items"], key=lambda h: h.get("start") or "")


async def _mediation_queue(ctx: ServiceContext) -> dict[str, Any]:
    """Visit batches waiting at the desk and open mediation cases (mediation plugin's services)."""
    from hearing_mediation import case_queries, reception

    waiting = await reception.list_reception(ctx, disposition="received", per_page=SHOWN)
    applied = await case_queries.list_cases(ctx, state="applied", per_page=SHOWN)
    running = await case_queries.list_cases(ctx, state="in_mediation", per_page=SHOWN)
    return {"waiting": waiting["items"], "waiting_total": waiting["total"],
            "cases": applied["items"] + running["items"], "cases_total": applied["total"] + running["total"]}


async def _backlog_by_leader(ctx: ServiceContext) -> list[dict[str, Any]]:
    from hearing_core.petitions.service import backlog

    cases: list[Any] = []
    for state in _OPEN_BACKLOG:
        page_no = 1
        while True:
            found = await backlog.list_cases(ctx, state=state, page=page_no, per_page=200)
            cases += found.items
            if page_no * 200 >= found.total:
                break
            page_no += 1
    totals: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    listed: dict[str, list[dict[str, Any]]] = {}
    for record in cases:
        data = record.as_dict()
        leader = data["owning_leader"] or "—"
        totals[leader] += 1
        overdue[leader] += 1 if data["overdue"] else 0
        listed.setdefault(leader, []).append(data)
    return [{"leader": leader, "total": n, "overdue": overdue[leader],
             "cases": sorted(listed[leader], key=lambda c: c["time_limit"])[:5]}
            for leader, n in totals.most_common()]


async def dashboard_panels(ctx: ServiceContext) -> dict[str, Any]:
    """The panels the actor may see (a panel's data is ``None`` when it is not shown)."""
    actor, app = ctx.actor, ctx.app
    return {
        "deadlines": await _deadlines(ctx) if actor.has("petitions.read") else None,
        "hearings": await _hearings_today(ctx) if actor.has("hearings.read") else None,
        "mediation": (await _mediation_queue(ctx)
                      if app.pm.has_plugin("mediation") and actor.has("mediation.read") else None),
        "backlog": await _backlog_by_leader(ctx) if actor.has("backlog.read") else None,
    }


@get("/", opt=require("session.own"), name="web.dashboard")
async def dashboard(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return page(request, "web/dashboard.html", today=ctx.today(), **await dashboard_panels(ctx))
