"""The report's text, Markdown, HTML and PDF from figures (no database)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import SEED_FIGURES, SEED_SENTENCES, parsed_seed_rows, python_report, python_year_data

from hearing_core.documents import DocumentRenderer
from hearing_core.errors import RuleViolation
from hearing_core.petitions.domain import PreviousYear, YearCounts, annual_figures, default_catalog
from hearing_core.reports.assemble import build_report
from hearing_core.reports.blocks import markdown_blocks
from hearing_core.reports.period import stat_period
from hearing_core.reports.render import TEMPLATE, html_context, render_markdown
from hearing_core.reports.text import acceptance_sentence, monthly_sentence, place_of

TEMPLATES = Path(__file__).resolve().parents[2] / "hearing_core" / "reports" / "templates"
SECTION = {
    "key": "service_centre", "title_zh": "信访服务平台工作情况", "plugin": "test", "order": 50, "figures": {},
    "markdown": "今年信访服务中心共接待群众135批301人次，\n其中当场疏导解释44批108人次。\n\n- 调解成功9批\n- 调解不成3批\n",
}  # fmt: skip


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    return parsed_seed_rows(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def report(rows: list[Any]) -> dict[str, Any]:
    return python_report(rows, sections=[SECTION])


def flat(text: str) -> str:
    return "".join(text.split())


def test_figures_and_paragraphs_of_the_seed_year(report: dict[str, Any]) -> None:
    for key, value in SEED_FIGURES.items():
        assert report["figures"][key] == value, key
    text = "".join(report["paragraphs"])
    for sentence in SEED_SENTENCES:
        assert sentence in text
    assert (
        report["title"] == "县信访局2023年信访工作情况报告"
        and report["period_label"] == "2023年1月1日至2023年12月31日"
    )
    assert "信访反映的问题主要集中在自然资源（" in text and "从各月情况看，来信来访量以" in text
    assert report["previous"]["accepted"] == 534 and report["previous_source"] == "register"
    assert sum(report["monthly"]["total"]) == 632 and sum(report["monthly"]["visit_persons"]) == 1134
    assert sum(r["count"] for r in report["not_accepted_by_reason"]) == 66


def test_markdown_reads_like_part_one(report: dict[str, Any]) -> None:
    md = render_markdown(report)
    assert md.startswith("# 县信访局2023年信访工作情况报告\n")
    assert "## 一、2023年信访工作情况" in md and "### （一）接待办理群众来信来访情况" in md
    for sentence in SEED_SENTENCES:
        assert sentence in md
    assert "| 实际受理（件） | 566 | 534 | 上升6.0% |" in md
    assert "| 信访纯件数（件） | 348 | 311 | 上升11.9% |" in md
    assert "| 积案占纯件数比例（%） | 14.9 |" in md
    assert "### （二）信访服务平台工作情况" in md and "- 调解成功9批" in md


def test_acceptance_sentence_names_the_grounds_that_occurred() -> None:
    counts = YearCounts(
        year=2023, letters=60, visit_batches=40, visit_persons=80, not_accepted=10, distinct_matters=50
    )
    f = annual_figures(counts, PreviousYear(95, 50))
    both = acceptance_sentence(f, {"out_of_jurisdiction": 6, "explained_on_spot": 4})
    assert (
        both
        == "扣除不属于我县管辖或当面解释不予转办的信访件10件，全年实际受理群众来信来访90件，与去年受理的总件数95件相比下降5.3%。"
    )
    assert acceptance_sentence(f, {"out_of_jurisdiction": 10}, place="我区").startswith(
        "扣除不属于我区管辖的信访件10件，"
    )
    other = acceptance_sentence(f, {"out_of_jurisdiction": 6, "other": 4})
    assert other.startswith("扣除不属于我县管辖等不予受理的信访件10件，")
    none = annual_figures(replace(counts, not_accepted=0), PreviousYear(100, 50))
    assert acceptance_sentence(none, {}) == "全年实际受理群众来信来访100件，与去年受理的总件数100件相比持平。"
    assert (
        place_of("临江县信访局") == "我县"
        and place_of("城南区人民政府信访局") == "我区"
        and place_of("信访局") == "我县"
    )
    assert monthly_sentence(["1月", "2月"], [5, 5]) == "从各月情况看，来信来访量较为均衡，每月5件。"


def test_statistical_periods() -> None:
    december = stat_period(2023, "12-20")
    assert (december.start, december.end) == (date(2022, 12, 21), date(2023, 12, 20))
    assert december.month_index(date(2022, 12, 25)) == 0 and december.month_index(date(2023, 12, 20)) == 11
    assert december.month_index(date(2023, 1, 21)) == 1 and december.month_labels()[0] == "1月"
    mid = stat_period(2024, "06-30")
    assert (mid.start, mid.end, mid.month_labels()[0]) == (date(2023, 7, 1), date(2024, 6, 30), "7月")
    assert stat_period(2024, "02-28").end == date(2024, 2, 29)  # a month end stays a month end
    for bad in ("12/31", "02-30", "13-01", ""):
        with pytest.raises(RuleViolation) as caught:
            stat_period(2023, bad)
        assert caught.value.rule == "statistics.period_end"


def test_a_broken_identity_refuses_the_report_naming_it(rows: list[Any]) -> None:
    period = stat_period(2023)
    data = python_year_data(rows, period)
    broken = replace(data, counts=replace(data.counts, distinct_matters=600))
    with pytest.raises(RuleViolation) as caught:
        build_report(
            period, broken, None, organ_name="县信访局", catalog=default_catalog(), collective_threshold=5
        )
    assert caught.value.rule == "statistics.identity.repeat_non_negative"
    assert "repeat_non_negative" in caught.value.detail
    wrong_total = replace(data, counts=replace(data.counts, total=631))
    with pytest.raises(RuleViolation, match="channels_sum_to_total"):
        build_report(
            period,
            wrong_total,
            None,
            organ_name="县信访局",
            catalog=default_catalog(),
            collective_threshold=5,
        )


def test_published_previous_year_figures_replace_the_register(rows: list[Any]) -> None:
    period = stat_period(2023)
    report = build_report(period, python_year_data(rows, period), None, organ_name="县信访局",
                          catalog=default_catalog(), collective_threshold=5,
                          published_previous=PreviousYear(534, 311))  # fmt: skip
    assert report["figures"]["accepted_yoy_pct"] == "6.0" and report["previous_source"] == "published"
    alone = build_report(period, python_year_data(rows, period), None, organ_name="县信访局",
                         catalog=default_catalog(), collective_threshold=5)  # fmt: skip
    assert alone["figures"]["accepted_yoy_pct"] is None
    assert "与去年" not in "".join(alone["paragraphs"]) and "同比" not in render_markdown(alone)


def test_section_markdown_becomes_plain_blocks() -> None:
    blocks = markdown_blocks(
        "## 小标题\n\n第一段，\n续行。\n\n- 甲\n- **乙**\n\n1、第一\n2、第二\n\n| 项目 | 数 |\n|---|---:|\n| 调解 | 12 |\n"
    )
    assert blocks == [
        {"kind": "h", "level": 2, "text": "小标题"},
        {"kind": "p", "text": "第一段，续行。"},
        {"kind": "ul", "items": ["甲", "乙"]},
        {"kind": "ol", "items": ["第一", "第二"]},
        {"kind": "table", "header": ["项目", "数"], "rows": [["调解", "12"]]},
    ]
    assert markdown_blocks("12.5%的增长") == [{"kind": "p", "text": "12.5%的增长"}]


def test_html_has_the_sentences_charts_and_escapes_section_text(report: dict[str, Any]) -> None:
    hostile = {**SECTION, "key": "x", "markdown": "<script>alert(1)</script>{{ 7 * 7 }}"}
    renderer = DocumentRenderer(template_dirs=[TEMPLATES])
    html = renderer.html(
        TEMPLATE, html_context({**report, "sections": [SECTION, hostile]}, generated_on=date(2024, 1, 10))
    )
    for sentence in SEED_SENTENCES:
        assert sentence in html
    assert html.count("<svg") == 3 and "各月来信来访量（按信访形式）" in html and "信访反映问题分类" in html
    assert "（三）" in html and "<script>" not in html and "&lt;script&gt;" in html and "{{ 7 * 7 }}" in html


def test_pdf_text_and_chart_graphics(report: dict[str, Any]) -> None:
    import pdfplumber

    renderer = DocumentRenderer(template_dirs=[TEMPLATES])
    pdf = renderer.pdf(TEMPLATE, html_context(report, generated_on=date(2024, 1, 10)))
    blue = (0.122, 0.306, 0.475)  # first series colour (来信, 受理件数)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = flat("".join(page.extract_text() for page in document.pages))
        blue_rects = sum(
            1 for page in document.pages for r in page.rects
            if tuple(round(c, 3) for c in (r.get("non_stroking_color") or ())) == blue
        )  # fmt: skip
        lines = max(len(page.curves) + len(page.lines) for page in document.pages)
    for sentence in SEED_SENTENCES:
        assert flat(sentence) in text
    for label in ("图1", "图2", "图3", "表1", "表2", "单位：件", "（二）信访服务平台工作情况", "第1页共"):
        assert label in text
    # 12 monthly letter bars + 12 category bars + two legend swatches.
    assert blue_rects >= 12 + len(report["figures"]["by_category"]) + 2
    assert lines >= 12  # the year-on-year line chart
    assert Decimal(report["figures"]["backlog_share_pct"]) == Decimal("14.9")
