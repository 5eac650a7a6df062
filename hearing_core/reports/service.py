"""Annual report use cases (年度报告服务): compute, render and export the year's figures.

:func:`annual_report` counts the statistical year and the year before in the
database (:mod:`.queries`), checks the identities (a broken one is an error that
names it), adds every plugin section (``register_report_sections``) in ``order``
and returns the report dict. :func:`export_report` renders it as Markdown, HTML
or PDF and writes an audit entry (报告导出), because an exported report is a
document that leaves the system.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, HearingError, ValidationFailed
from hearing_core.petitions.domain.statistics import PreviousYear
from hearing_core.plugins import await_me_maybe
from hearing_core.reports.assemble import build_report, plain
from hearing_core.reports.period import StatPeriod, stat_period
from hearing_core.reports.queries import count_years

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.contributions import ReportSection
    from hearing_core.db.database import Database

__all__ = [
    "FORMATS",
    "FREEZE",
    "READ",
    "Export",
    "ReportSectionFailed",
    "annual_report",
    "compute_report",
    "export_report",
    "period_of",
]

READ = "reports.read"
FREEZE = "reports.freeze"
FORMATS = ("json", "md", "html", "pdf")
_MEDIA = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


class ReportSectionFailed(HearingError):
    """A plugin's report section (报告章节) failed: the report is refused, naming the plugin."""

    status = 500
    title = "Report section failed"

    def __init__(self, section: ReportSection, exc: BaseException) -> None:
        super().__init__(
            f"report section '{section.key}' of plugin '{section.plugin or '?'}' failed: "
            f"{type(exc).__name__}: {exc}",
            section=section.key,
            plugin=section.plugin,
        )


def period_of(app: HearingApp, year: int) -> StatPeriod:
    """Statistical year ``year`` under the profile's ``statistics.period_end``."""
    return stat_period(year, app.param("statistics.period_end"))


def _threshold(app: HearingApp) -> int:
    return int(app.param("intake.collective_visit_threshold"))


@asynccontextmanager
async def consistent_read(db: Database) -> AsyncIterator[None]:
    """One snapshot for all statements of a report, so a concurrent write cannot split it.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction; SQLite: a deferred
    transaction (in WAL mode its first read fixes the snapshot). Inside an outer
    transaction the statements simply join it.
    """
    if db.in_transaction():
        yield
        return
    if db.is_sqlite:
        from piccolo.engine.sqlite import TransactionType

        async with db.engine.transaction(transaction_type=TransactionType.deferred):  # type: ignore[call-arg]
            yield
        return
    async with db.engine.transaction():
        await db.fetch("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


async def compute_sections(app: HearingApp, year: int) -> list[dict[str, Any]]:
    """Every plugin section, sorted by ``order`` then key; a failure names its plugin."""
    out = []
    for section in sorted(app.report_sections.values(), key=lambda s: (s.order, s.key)):
        try:
            figures = dict(await await_me_maybe(section.compute(app, year)))
            markdown = str(section.render_md(figures))
            figures = plain(figures)
            json.dumps(figures, ensure_ascii=False)  # a section must give JSON-ready figures
        except Exception as exc:  # noqa: BLE001 - whatever a plugin raises is reported with its name
            raise ReportSectionFailed(section, exc) from exc
        out.append(
            {
                "key": section.key,
                "title_zh": section.title_zh,
                "plugin": section.plugin,
                "order": section.order,
                "figures": figures,
                "markdown": markdown,
            }
        )
    return out


async def compute_report(
    app: HearingApp, year: int, *, published_previous: PreviousYear | None = None
) -> dict[str, Any]:
    """The report dict of ``year`` (no permission check: services call it after theirs)."""
    from hearing_core.petitions.service.common import catalog

    period, before = period_of(app, year), period_of(app, year - 1)
    threshold = _threshold(app)
    async with consistent_read(app.db):
        current, previous = await count_years(app.db, period, before, threshold)
    report = build_report(
        period,
        current,
        previous,
        organ_name=app.settings.organ_name,
        catalog=catalog(app),
        collective_threshold=threshold,
        published_previous=published_previous,
        sections=await compute_sections(app, year),
    )
    report["profile"] = app.profile.name
    return report


async def annual_report(
    ctx: ServiceContext, year: int, *, published_previous: PreviousYear | None = None
) -> dict[str, Any]:
    """The annual report (年度报告) of statistical year ``year`` as a JSON-ready dict.

    :param published_previous: last year's published figures, when the register does
        not hold last year's items (去年受理的总件数/纯件数).
    :raises RuleViolation: a statistics identity does not hold (``rule`` names it).
    :raises ReportSectionFailed: a plugin section failed (names the plugin).
    """
    ctx.require(READ)
    return await compute_report(ctx.app, year, published_previous=published_previous)


@dataclass(frozen=True)
class Export:
    """A rendered report: body, media type and a file name (2023年信访工作情况报告.pdf)."""

    body: bytes
    media_type: str
    filename: str


async def render(app: HearingApp, report: dict[str, Any], fmt: str) -> Export:
    """Render a report dict (computed or frozen) in ``fmt``."""
    from hearing_core.reports.render import render_html, render_markdown, render_pdf_async

    if fmt not in FORMATS:
        raise ValidationFailed("invalid format", [FieldError("format", f"use one of {', '.join(FORMATS)}")])
    if fmt == "json":
        body = json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "md":
        body = render_markdown(report).encode("utf-8")
    elif fmt == "html":
        body = render_html(app.renderer, report, generated_on=app.today()).encode("utf-8")
    else:
        body = await render_pdf_async(app.renderer, report, generated_on=app.today())
    name = f"{report['year']}年信访工作情况报告.{fmt}"
    return Export(body, _MEDIA[fmt], name)


async def export_report(
    ctx: ServiceContext, year: int, fmt: str, *, published_previous: PreviousYear | None = None
) -> Export:
    """Compute and render the report; Markdown, HTML and PDF exports are audited (报告导出)."""
    ctx.require(READ)
    report = await compute_report(ctx.app, year, published_previous=published_previous)
    export = await render(ctx.app, report, fmt)
    if fmt != "json":
        await audit_export(ctx, report, fmt)
    return export


async def audit_export(
    ctx: ServiceContext, report: dict[str, Any], fmt: str, *, snapshot_id: int | None = None
) -> None:
    from hearing_core.reports.snapshots import content_hash

    f = report["figures"]
    await ctx.audit(
        "report.export",
        "annual_report",
        snapshot_id or report["year"],
        after={
            "year": report["year"],
            "format": fmt,
            "sha256": content_hash(report),
            "snapshot": snapshot_id,
            "total": f["total"],
            "accepted": f["accepted"],
            "distinct_matters": f["distinct_matters"],
        },
        subject_ref=f"report:annual:{report['year']}",
    )
