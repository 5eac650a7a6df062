"""The service centre's annual figures (信访服务平台工作情况), computed with SQL aggregates.

Each figure is counted in the year the fact happened: a batch by the day it was
received, an application by its date, a mediation opened by its start, an outcome
by its closing date, an agreement by its effective date, performance by the day the
last term was performed, a confirmation by the dates of the application and of the
court's ruling. Only the plugin's own tables are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from hearing_mediation.common import READ, centre_scope, ensure_in_scope
from hearing_mediation.domain.tally import CaseFigures, Count, ReceptionTally, render_markdown

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["report", "year_figures"]

_CASES = """
SELECT
  SUM(CASE WHEN applied_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS applied,
  SUM(CASE WHEN started_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS opened,
  SUM(CASE WHEN state = 'agreed' AND closed_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS succeeded,
  SUM(CASE WHEN state = 'failed' AND closed_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS failed,
  SUM(CASE WHEN state = 'withdrawn' AND closed_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS withdrawn,
  SUM(CASE WHEN state = 'refused' AND closed_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS refused,
  SUM(CASE WHEN escalation AND applied_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS escalated
FROM mediation_case WHERE 1 = 1
"""

_AGREEMENTS = """
SELECT
  SUM(CASE WHEN effective_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS agreements_effective,
  SUM(CASE WHEN performed_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS agreements_performed,
  SUM(CASE WHEN confirmation_applied_on BETWEEN {} AND {} THEN 1 ELSE 0 END) AS confirmations_applied,
  SUM(CASE WHEN confirmation = 'confirmed' AND confirmation_decided_on BETWEEN {} AND {} THEN 1 ELSE 0 END)
    AS confirmations_confirmed,
  SUM(CASE WHEN confirmation = 'rejected' AND confirmation_decided_on BETWEEN {} AND {} THEN 1 ELSE 0 END)
    AS confirmations_rejected
FROM mediation_agreement WHERE 1 = 1
"""

_RECEPTION = """
SELECT state, COUNT(*) AS batches, COALESCE(SUM(persons), 0) AS persons
FROM mediation_reception WHERE received_on BETWEEN {} AND {}
"""


def _centres(ids: Collection[int] | None) -> tuple[str, list[int]]:
    if ids is None:
        return "", []
    wanted = sorted(ids) or [-1]
    return " AND centre IN (" + ", ".join("{}" for _ in wanted) + ")", wanted


async def year_figures(app: HearingApp, year: int, centre_ids: Collection[int] | None = None) -> dict[str, Any]:
    """The year's figures as JSON-ready data (the report section's ``compute``)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    where, ids = _centres(centre_ids)
    rows = await app.db.fetch(_RECEPTION + where + " GROUP BY state", first, last, *ids)
    tally = ReceptionTally({r["state"]: Count(int(r["batches"]), int(r["persons"])) for r in rows})
    centres = await app.db.fetch(
        "SELECT COUNT(DISTINCT centre) AS n FROM mediation_reception WHERE received_on BETWEEN {} AND {}" + where,
        first, last, *ids,
    )
    cases = (await app.db.fetch(_CASES + where, *([first, last] * 7), *ids))[0]
    agreements = (await app.db.fetch(_AGREEMENTS + where, *([first, last] * 5), *ids))[0]
    figures = CaseFigures(**{k: int(v or 0) for k, v in {**cases, **agreements}.items()})
    return {
        "year": year,
        "centres": int(centres[0]["n"] or 0),
        "reception": tally.as_dict(),
        "cases": figures.as_dict(),
    }


async def report(ctx: ServiceContext, year: int, *, centre_id: int | None = None) -> dict[str, Any]:
    """The tally for the actor's centres (or one of them), with the report paragraph."""
    ctx.require(READ)
    if centre_id is not None:
        await ensure_in_scope(ctx, centre_id, "centre", centre_id)
        ids: Collection[int] | None = [centre_id]
    else:
        ids = await centre_scope(ctx)
    figures = await year_figures(ctx.app, year, ids)
    return {**figures, "markdown": render_markdown(figures)}
