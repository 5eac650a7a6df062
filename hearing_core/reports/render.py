"""Rendering the annual report (年度报告) as Markdown, HTML and PDF.

All three read the report dict of :func:`~hearing_core.reports.assemble.build_report`
(or of a frozen snapshot), so a snapshot renders exactly as it did when frozen.
HTML and PDF come from one template, ``reports/annual.html`` (overridable by an
administrator like every document template); Markdown is written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from hearing_core.petitions.domain.sentences import change_phrase
from hearing_core.petitions.domain.statistics import change_pct
from hearing_core.reports.assemble import CHANNEL_SERIES
from hearing_core.reports.blocks import markdown_blocks

__all__ = [
    "TEMPLATE",
    "category_rows",
    "figure_rows",
    "html_context",
    "render_html",
    "render_markdown",
    "render_pdf_async",
]

TEMPLATE = "reports/annual.html"
_CN_NUMBERS = "一二三四五六七八九十"

#: Rows of the main table (主要统计数据): key, label, unit; optional rows only when not zero.
_ROWS: tuple[tuple[str, str, str, bool], ...] = (
    ("total", "信访总量", "件", False),
    ("letters", "来信", "件", False),
    ("visit_batches", "来访", "批", False),
    ("visit_persons", "来访", "人次", False),
    ("collective_batches", "其中集体访", "批", True),
    ("collective_persons", "其中集体访", "人次", True),
    ("phone", "来电", "件", True),
    ("online", "网上信访", "件", True),
    ("other_channels", "其他渠道", "件", True),
    ("not_accepted", "不予受理", "件", False),
    ("accepted", "实际受理", "件", False),
    ("repeat", "重复件", "件", False),
    ("distinct_matters", "信访纯件数", "件", False),
    ("backlog", "积案", "件", False),
    ("backlog_share_pct", "积案占纯件数比例", "%", False),
)


def _ordinal(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 (section numbers)."""
    if n <= 10:
        return _CN_NUMBERS[n - 1]
    return ("" if n < 20 else _CN_NUMBERS[n // 10 - 1]) + "十" + (_CN_NUMBERS[n % 10 - 1] if n % 10 else "")


def figure_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The main table: label, unit, this year, last year and the change (同比)."""
    f, p = report["figures"], report.get("previous")
    published = report.get("previous_source") == "published"
    rows = []
    for key, label, unit, optional in _ROWS:
        current = f[key]
        pct: Any
        if key == "accepted":
            before, pct = f["previous_accepted"], f["accepted_yoy_pct"]
        elif key == "distinct_matters":
            before, pct = f["previous_distinct_matters"], f["distinct_yoy_pct"]
        else:
            before = p[key] if p is not None and not published else None
            pct = None if unit == "%" or not before else change_pct(current, before)
        if optional and not current and not before:
            continue
        change = "—" if pct is None else change_phrase(Decimal(str(pct)))
        rows.append({"key": key, "label": f"{label}（{unit}）", "current": _show(current),
                     "previous": _show(before), "change": change})  # fmt: skip
    return rows


def _show(value: Any) -> str:
    return "—" if value is None else str(value)


def category_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Content categories (内容分类): accepted items, share, distinct matters."""
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "count": r["count"],
            "share": _show(r["share_pct"]) + "%",
            "matters": r.get("matters", 0),
        }  # fmt: skip
        for r in report["figures"]["by_category"]
    ]


def _sections(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for n, section in enumerate(report.get("sections", []), start=2):
        out.append(
            {**section, "number": f"（{_ordinal(n)}）", "blocks": markdown_blocks(section["markdown"])}
        )
    return out


def _md_table(header: list[str], rows: list[list[Any]], align: str) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" if a == "l" else "---:" for a in align) + " |",
    ]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown (for pasting into the bureau's own summary)."""
    year, previous = report["year"], report.get("previous")
    out = [
        f"# {report['title']}",
        "",
        f"统计期间：{report['period_label']}　编制单位：{report['organ_name']}",
        "",
    ]
    out += [f"## 一、{year}年信访工作情况", "", "### （一）接待办理群众来信来访情况", ""]
    for paragraph in report["paragraphs"]:
        out += [paragraph, ""]
    header = ["项目", f"{year}年"] + (
        [f"{year - 1}年", "同比"] if previous or report["figures"]["previous_accepted"] else []
    )
    rows = [
        [r["label"], r["current"]] + ([r["previous"], r["change"]] if len(header) > 2 else [])
        for r in figure_rows(report)
    ]
    out += [f"表1　{year}年信访主要统计数据", "", *_md_table(header, rows, "l" + "r" * (len(header) - 1)), ""]
    cats = category_rows(report)
    if cats:
        rows = [[c["name"], c["count"], c["share"], c["matters"]] for c in cats]
        out += [
            "表2　信访反映问题分类（受理件）",
            "",
            *_md_table(["类别", "件数", "占比", "纯件数"], rows, "lrrr"),
            "",
        ]
    for section in _sections(report):
        out += [f"### {section['number']}{section['title_zh']}", "", section["markdown"].strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def html_context(report: Mapping[str, Any], *, generated_on: date | None = None) -> dict[str, Any]:
    """The template context: the report plus table rows, chart series and section blocks."""
    monthly = report["monthly"]
    series = {name: monthly[key] for key, name in CHANNEL_SERIES.items()
              if any(monthly.get(key) or []) or key in ("letters", "visit_batches")}  # fmt: skip
    trend = None
    if monthly.get("previous_total"):
        trend = {
            f"{report['year']}年": monthly["total"],
            f"{report['year'] - 1}年": monthly["previous_total"],
        }
    cats = category_rows(report)
    return {
        "report": report,
        "report_title": report["title"],
        "organ_name": report["organ_name"],
        "period": f"统计期间：{report['period_label']}",
        "generated_on": generated_on or date.today(),
        "rows": figure_rows(report),
        "has_previous": bool(report.get("previous") or report["figures"]["previous_accepted"]),
        "categories": cats,
        "monthly_series": series,
        "trend_series": trend,
        "category_series": {"受理件数": [c["count"] for c in cats], "纯件数": [c["matters"] for c in cats]},
        "category_names": [c["name"] for c in cats],
        "sections": _sections(report),
    }


def render_html(renderer: Any, report: Mapping[str, Any], *, generated_on: date | None = None) -> str:
    """A complete HTML document (CSS inlined, charts as inline SVG)."""
    return str(renderer.html(TEMPLATE, html_context(report, generated_on=generated_on)))


async def render_pdf_async(
    renderer: Any, report: Mapping[str, Any], *, generated_on: date | None = None
) -> bytes:
    """The PDF, laid out in a worker thread (the event loop keeps serving)."""
    pdf: bytes = await renderer.pdf_async(TEMPLATE, html_context(report, generated_on=generated_on))
    return pdf
