"""The annual-report section (年度报告·信访事项复查复核情况), computed with aggregate SQL.

Applications are counted by the day they were received in the statistical year (profile
``statistics.period_end``), in the state they are in when the report is computed; terminations
by the day the matter was terminated. Definitions: :mod:`hearing_review.domain.stats`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hearing_review.domain import Kind
from hearing_review.domain.stats import empty_kind, render_markdown, statistical_year

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["compute_section", "render_section", "section_figures"]

_BY_STATE = (
    "SELECT kind, state, refused_ground, outcome, "
    "CASE WHEN accepted_on IS NOT NULL THEN 1 ELSE 0 END AS was_accepted, COUNT(*) AS n "
    "FROM hearing_review_application WHERE received_on >= {} AND received_on <= {} "
    "GROUP BY kind, state, refused_ground, outcome, CASE WHEN accepted_on IS NOT NULL THEN 1 ELSE 0 END"
)
_TERMINATIONS = (
    "SELECT reason, COUNT(*) AS n FROM hearing_review_termination "
    "WHERE terminated_on >= {} AND terminated_on <= {} GROUP BY reason"
)


def _fold(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    figures = {k.value: empty_kind() for k in Kind}
    for row in rows:
        f, n, state = figures[row["kind"]], int(row["n"]), row["state"]
        f["applications"] += n
        if state == "received":
            f["awaiting_admission"] += n
        elif state == "not_accepted":
            f["not_accepted"] += n
            f["by_ground"][row["refused_ground"]] += n
        elif state == "withdrawn":
            f["withdrawn_after" if int(row["was_accepted"]) else "withdrawn_before"] += n
        if int(row["was_accepted"]):
            f["accepted"] += n
        if state == "accepted":
            f["pending"] += n
        if row["outcome"]:
            f["decided"] += n
            f["by_outcome"][row["outcome"]] += n
        if state == "served":
            f["served"] += n
    return figures


async def compute_section(app: HearingApp, year: int) -> Mapping[str, Any]:
    """``ReportSection.compute``: the year's figures, as of today."""
    start, end = statistical_year(year, str(app.param("statistics.period_end")))
    figures = _fold(await app.db.fetch(_BY_STATE, start, end))
    terms = {r["reason"]: int(r["n"]) for r in await app.db.fetch(_TERMINATIONS, start, end)}
    return {
        "year": year, "period": {"start": start.isoformat(), "end": end.isoformat()},
        "as_of": app.today().isoformat(), **figures,
        "terminations": {"total": sum(terms.values()), "by_reason": terms},
    }


def render_section(figures: Mapping[str, Any]) -> str:
    """``ReportSection.render_md``: the bureau's year-end sentences (中文)."""
    return render_markdown(figures)


async def section_figures(ctx: ServiceContext, year: int) -> dict[str, Any]:
    """The section for the CLI and API (``reviews.read``), with its Markdown."""
    from hearing_core.errors import FieldError, ValidationFailed

    ctx.require("reviews.read")
    if not 2000 <= year <= 2100:
        raise ValidationFailed("invalid year", [FieldError("year", "a year from 2000 to 2100")])
    figures = dict(await compute_section(ctx.app, year))
    figures["markdown"] = render_section(figures)
    return figures
