"""Inline SVG charts (统计图表): structure, escaping, determinism and input checks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from hearing_core.documents import DocumentRenderer, bar_chart_svg, line_chart_svg
from hearing_core.documents.svgkit import nice_ticks, wrap_label

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [f"{m}月" for m in range(1, 13)]
INTAKE = {
    "来信": [32, 28, 41, 37, 30, 45, 39, 36, 42, 38, 33, 29],
    "来访": [55, 48, 61, 58, 52, 66, 70, 63, 59, 57, 50, 47],
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # also proves the SVG is well-formed XML


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_grouped_bar_chart_has_a_bar_per_value_and_legend() -> None:
    svg = bar_chart_svg(INTAKE, categories=MONTHS, title="各月受理量")
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.get("viewBox") == "0 0 640 320"
    assert root.get("role") == "img" and root.get("aria-label") == "各月受理量"
    assert root.find(f"{SVG}title").text == "各月受理量"
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == 24 + 2  # twelve months × two channels, plus two legend swatches
    labels = texts(root)
    for expected in ("各月受理量", "来信", "来访", "1月", "12月", "单位：件", "70", "0"):
        assert expected in labels


def test_taller_bar_for_larger_value() -> None:
    data, cats = {"件数": [10, 40]}, ["教育", "城乡建设"]
    root = parse(bar_chart_svg(data, categories=cats, title="分类", show_values=False))
    short, tall = (float(r.get("height")) for r in root.findall(f"{SVG}rect"))
    assert tall == pytest.approx(short * 4, rel=0.01)
    labelled = parse(bar_chart_svg(data, categories=cats, title="分类"))
    assert len(texts(labelled)) == len(texts(root)) + 2  # one value label per bar


def test_value_labels_are_all_or_nothing() -> None:
    # Three-digit values do not fit 36 narrow bars: none is labelled rather than some.
    wide = {name: [v * 10 for v in values] for name, values in INTAKE.items()}
    labels = texts(parse(bar_chart_svg({**wide, "网上信访": wide["来信"]}, categories=MONTHS, title="t")))
    assert "320" not in labels and "700" not in labels


def test_stacked_bars_show_totals() -> None:
    root = parse(bar_chart_svg(INTAKE, categories=MONTHS, title="各月受理量", stacked=True))
    assert "87" in texts(root)  # January: 32 + 55
    with pytest.raises(ValueError, match="negative"):
        bar_chart_svg({"a": [1, -1]}, categories=["x", "y"], title="t", stacked=True)


def test_negative_values_hang_below_the_zero_line() -> None:
    root = parse(
        bar_chart_svg({"同比增减": [12, -8]}, categories=["来信", "来访"], title="同比增减", unit="%")
    )
    assert "-8" in texts(root) and "单位：%" in texts(root)
    zero_lines = [line for line in root.findall(f"{SVG}line") if line.get("stroke") == "#404040"]
    assert len(zero_lines) == 1
    zero_y = float(zero_lines[0].get("y1"))
    up, down = root.findall(f"{SVG}rect")
    assert float(up.get("y")) + float(up.get("height")) == pytest.approx(zero_y)
    assert float(down.get("y")) == pytest.approx(zero_y)


def test_line_chart_breaks_at_missing_values() -> None:
    values = {"网上信访": [80, 95, None, 110, 98, None, None, None, None, None, None, None]}
    root = parse(line_chart_svg(values, categories=MONTHS, title="趋势"))
    # Two data segments (1–2月 and 4–5月); a single-series chart has no legend line.
    segments = [len(p.get("points").split()) for p in root.findall(f"{SVG}polyline")]
    assert segments == [2, 2]
    assert len(root.findall(f"{SVG}circle")) == 4


def test_labels_from_data_are_escaped() -> None:
    svg = bar_chart_svg({"<b>x</b>": [1]}, categories=["</text><script>alert(1)</script>"], title="A & B")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;/text&gt;&lt;script&gt;" in svg
    assert "A &amp; B" in svg
    parse(svg)


def test_output_is_deterministic() -> None:
    assert bar_chart_svg(INTAKE, categories=MONTHS, title="t") == bar_chart_svg(
        INTAKE, categories=MONTHS, title="t"
    )


def test_without_title_the_caption_names_the_figure() -> None:
    root = parse(bar_chart_svg(INTAKE, categories=MONTHS, title="各月受理量", show_title=False))
    assert "各月受理量" not in texts(root)
    assert root.get("aria-label") == "各月受理量"


@pytest.mark.parametrize(
    ("series", "categories", "message"),
    [
        ({}, ["1月"], "at least one series"),
        ({"a": []}, [], "at least one category"),
        ({"a": [1, 2]}, ["1月"], "has 2 values for 1 categories"),
        ({"a": ["3"]}, ["1月"], "not a finite number"),
        ({"a": [float("nan")]}, ["1月"], "not a finite number"),
    ],
)
def test_bad_input_is_rejected(series: dict[str, list[object]], categories: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bar_chart_svg(series, categories=categories, title="t")  # type: ignore[arg-type]


def test_too_small_chart_is_rejected() -> None:
    with pytest.raises(ValueError, match="too small"):
        line_chart_svg(INTAKE, categories=MONTHS, title="t", height=60)


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 131, [0, 50, 100, 150]),
        (0, 9, [0, 2, 4, 6, 8, 10]),
        (0, 0, [0, 1]),
        (-8, 12, [-10, -5, 0, 5, 10, 15]),
        (0, 2441, [0, 500, 1000, 1500, 2000, 2500]),
    ],
)
def test_nice_ticks(low: float, high: float, ticks: list[float]) -> None:
    assert nice_ticks(low, high) == ticks


def test_fractional_ticks_for_rates() -> None:
    assert nice_ticks(0, 0.97, integers=False) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_long_category_labels_wrap() -> None:
    assert wrap_label("劳动和社会保障", room=50, size=11) == ["劳动和社", "会保障"]
    assert wrap_label("一二三四五六七八九十一二三四五", room=22, size=11, max_lines=2) == ["一二", "三…"]


def test_charts_are_template_globals(renderer: DocumentRenderer) -> None:
    html = renderer.env.from_string(
        '{{ bar_chart_svg({"件数": [3, 5]}, categories=["教育", "<政法>"], title="分类") }}'
    ).render()
    assert html.startswith("<svg ") and "&lt;政法&gt;" in html
