"""年度报告 (annual report): the report with its charts, and drill-down to the cases behind a figure.

The figures come from ``reports.service.annual_report`` and are laid out with the
reports package's own ``html_context`` (table rows, chart series, plugin sections)
and the documents package's SVG charts, so the page shows exactly what the
exported report shows. Every count links to ``/reports/annual/drill``, which calls
``reports.drill.drill`` and lists the items or matters (linked to their pages).
The PDF and HTML exports are the API's (audited as exports).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.reports import drill as drilling
from hearing_core.reports import service as reports
from hearing_core.reports.render import html_context
from hearing_core.web.render import page

__all__ = ["HANDLERS"]

PER_PAGE = 50
#: Rows of the main table that are counts one can drill into (the percentages are not).
DRILLABLE = {"total", "letters", "visit_batches", "visit_persons", "collective_batches", "collective_persons",
             "phone", "online", "other_channels", "not_accepted", "accepted", "repeat", "distinct_matters",
             "backlog"}


def _year(request: Request[Any, Any, Any], default: int) -> int:
    raw = request.query_params.get("year") or str(default)
    if not raw.isdigit() or not 1900 <= int(raw) <= 9998:
        raise ValidationFailed("invalid year", [FieldError("year", "a year such as 2025")])
    return int(raw)


@get("/reports/annual", opt=require("reports.read"), name="web.report")
async def annual(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    year = _year(request, ctx.today().year)
    report = await reports.annual_report(ctx, year)
    context = html_context(report, generated_on=ctx.today())
    years = list(range(ctx.today().year, ctx.today().year - 6, -1))
    return page(request, "web/reports/annual.html", year=year, years=years, drillable=DRILLABLE, **context)


@get("/reports/annual/drill", opt=require("reports.read"), name="web.report_drill")
async def drill(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    year = _year(request, ctx.today().year)
    figure = request.query_params.get("figure", "total")[:100]
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    found = await drilling.drill(ctx, year, figure, page=page_no, per_page=PER_PAGE)
    return page(request, "web/reports/drill.html", year=year, figure=figure, found=found,
                pages=max(1, -(-found["total"] // PER_PAGE)))


HANDLERS = [annual, drill]
