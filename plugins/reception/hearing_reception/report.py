"""The annual-report section (年度报告·领导干部接待群众来访情况), computed with aggregate SQL.

Every figure is a ``COUNT``/``SUM`` over the plugin's tables for the receptions held in
the year; the definitions in force (``[reception.report]``, see
:class:`~hearing_reception.domain.stats.ReportDefinitions`) are returned with the
figures, so a reader always knows what was counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hearing_reception.config import settings_of
from hearing_reception.domain import Level, Outcome, ReportDefinitions, Resolved, Scope, rate, render_markdown
from hearing_reception.domain.stats import ReplyBasis, statistical_year

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["compute_figures", "compute_section", "render_section", "section_figures"]

_RESOLVED_SQL = {
    Resolved.ON_SPOT: "c.outcome = 'on_spot'",
    Resolved.REPLY_RESOLVED: "(c.replied_on IS NOT NULL AND c.reply_resolved)",
    Resolved.FEEDBACK_SATISFIED: "c.feedback IN ('satisfied', 'basically_satisfied')",
    Resolved.GUIDANCE: "c.outcome = 'guidance'",
}


def _held_in(period: tuple[dt.date, dt.date], levels: tuple[Level, ...] | None) -> tuple[str, list[Any]]:
    """SQL condition on ``r`` for the receptions held in ``period`` (optionally of these lead levels)."""
    sql = "r.state = 'held' AND r.day >= {} AND r.day <= {}"
    args: list[Any] = list(period)
    if levels is not None:
        if not levels:
            return sql + " AND 1 = 0", args
        sql += " AND r.lead_level IN (" + ", ".join("{}" for _ in levels) + ")"
        args += [str(level) for level in levels]
    return sql, args


def _n(value: Any) -> int:
    return int(value or 0)


async def compute_figures(
    app: HearingApp, year: int, definitions: ReportDefinitions, today: dt.date, period: tuple[dt.date, dt.date]
) -> dict[str, Any]:
    """The section's figures for statistical year ``year`` (``period``, first and last day) under
    ``definitions``; ``today`` decides which replies are due."""
    db = app.db
    counted_sql, counted_args = _held_in(period, definitions.counted_lead_levels)
    if definitions.scope is Scope.COUNTED:
        scope_sql, scope_args = counted_sql, counted_args
    else:
        scope_sql, scope_args = _held_in(period, None)

    rows = await db.fetch(
        "SELECT r.state AS state, COUNT(*) AS n FROM hearing_reception_session r WHERE r.day >= {} AND r.day <= {} GROUP BY r.state",
        *period,
    )
    by_state = {row["state"]: _n(row["n"]) for row in rows}
    held = await db.fetch(f"SELECT COUNT(*) AS n FROM hearing_reception_session r WHERE {counted_sql}", *counted_args)

    rows = await db.fetch(
        "SELECT p.level AS level, COUNT(*) AS n FROM hearing_reception_participant p "
        f"JOIN hearing_reception_session r ON r.id = p.reception WHERE {scope_sql} GROUP BY p.level", *scope_args,
    )
    participation = {str(level): 0 for level in Level}
    participation.update({row["level"]: _n(row["n"]) for row in rows})
    participation["total"] = sum(participation[str(level)] for level in Level)

    received = f"FROM hearing_reception_case c JOIN hearing_reception_session r ON r.id = c.reception WHERE {scope_sql} AND c.state <> 'withdrawn'"
    rows = await db.fetch(f"SELECT c.outcome AS outcome, COUNT(*) AS n, SUM(c.persons) AS persons {received} GROUP BY c.outcome", *scope_args)
    outcomes = {str(o): 0 for o in Outcome}
    outcomes["pending"] = 0
    for row in rows:
        outcomes[row["outcome"] or "pending"] += _n(row["n"])
    visitors = {"batches": sum(_n(r["n"]) for r in rows), "persons": sum(_n(r["persons"]) for r in rows)}

    resolved_sql = " OR ".join(_RESOLVED_SQL[r] for r in definitions.resolved_when) or "1 = 0"
    (follow,) = await db.fetch(
        "SELECT "
        "SUM(CASE WHEN c.instructed_on IS NOT NULL THEN 1 ELSE 0 END) AS issued, "
        "SUM(CASE WHEN c.transferred_on IS NOT NULL THEN 1 ELSE 0 END) AS transferred, "
        "SUM(CASE WHEN c.transferred_on IS NOT NULL AND c.transferred_on <= c.transfer_due THEN 1 ELSE 0 END) AS transferred_on_time, "
        "SUM(CASE WHEN c.replied_on IS NOT NULL THEN 1 ELSE 0 END) AS replied, "
        "SUM(CASE WHEN c.replied_on IS NOT NULL AND c.replied_on <= c.reply_due THEN 1 ELSE 0 END) AS on_time, "
        "SUM(CASE WHEN c.replied_on IS NULL AND c.reply_due < {} THEN 1 ELSE 0 END) AS overdue_unreplied, "
        f"SUM(CASE WHEN {resolved_sql} THEN 1 ELSE 0 END) AS resolved "
        f"{received}",
        today, *scope_args,
    )
    replies = {k: _n(follow[k]) for k in ("replied", "on_time", "overdue_unreplied")}
    due = replies["replied"] + replies["overdue_unreplied"] if definitions.reply_rate_basis is ReplyBasis.DUE else replies["replied"]
    replies["due"] = due

    (notices,) = await db.fetch(
        "SELECT "
        "SUM(CASE WHEN n.id IS NOT NULL AND NOT n.late THEN 1 ELSE 0 END) AS on_time, "
        "SUM(CASE WHEN n.id IS NOT NULL AND n.late THEN 1 ELSE 0 END) AS late, "
        "SUM(CASE WHEN n.id IS NULL THEN 1 ELSE 0 END) AS missing "
        "FROM hearing_reception_session r LEFT JOIN hearing_reception_notice n ON n.reception = r.id AND NOT n.superseded "
        f"WHERE {scope_sql}", *scope_args,
    )
    digits = definitions.percent_digits
    return {
        "year": year,
        "period": {"start": period[0].isoformat(), "end": period[1].isoformat()},
        "as_of": today.isoformat(),
        "definitions": definitions.as_dict(),
        "receptions_held": _n(held[0]["n"]),
        "receptions_held_all_levels": by_state.get("held", 0),
        "receptions_cancelled": by_state.get("cancelled", 0),
        "receptions_not_held": sum(n for s, n in by_state.items() if s not in ("held", "cancelled")),
        "participation": participation,
        "visitors": visitors,
        "outcomes": outcomes,
        "instructions": {k: _n(follow[k]) for k in ("issued", "transferred", "transferred_on_time")},
        "replies": replies,
        "resolved": _n(follow["resolved"]),
        "on_time_reply_rate": rate(replies["on_time"], due, digits),
        "resolution_rate": rate(_n(follow["resolved"]), visitors["batches"], digits),
        "notices": {k: _n(notices[k]) for k in ("on_time", "late", "missing")},
    }


async def compute_section(app: HearingApp, year: int) -> Mapping[str, Any]:
    """``ReportSection.compute``: the figures under the instance's definitions, as of today."""
    period = statistical_year(year, app.param("statistics.period_end"))
    return await compute_figures(app, year, settings_of(app).report, app.today(), period)


def render_section(figures: Mapping[str, Any]) -> str:
    """``ReportSection.render_md``: the bureau's year-end sentences (中文)."""
    return render_markdown(figures)


async def section_figures(ctx: ServiceContext, year: int) -> dict[str, Any]:
    """The section for the CLI and API (``reception.read``), with its Markdown."""
    ctx.require("reception.read")
    if not 2000 <= year <= 2100:
        from hearing_core.errors import FieldError, ValidationFailed

        raise ValidationFailed("invalid year", [FieldError("year", "a year from 2000 to 2100")])
    figures = dict(await compute_section(ctx.app, year))
    figures["markdown"] = render_section(figures)
    return figures
