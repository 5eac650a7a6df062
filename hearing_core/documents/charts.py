"""Inline SVG charts (统计图表) for reports: bar and line charts.

Typical uses in the annual statistics report (年度统计报告): monthly intake by channel
(各月受理量，按来信、来访、网上信访分列) as a grouped bar or line chart, matters by
category (信访事项分类) as a single-series bar chart.

Both functions return :class:`markupsafe.Markup`, so a template embeds the result with
``{{ chart }}`` without ``|safe``; every label taken from data is escaped while the SVG
is built. They are also template globals: ``{{ bar_chart_svg(series, categories=months,
title="各月受理量") }}``. The output is deterministic (same data, same bytes).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from hearing_core.documents.chartframe import VALUE_SIZE, ChartFrame
from hearing_core.documents.svgkit import PALETTE, el, marker, number_label, polyline, text_width

__all__ = ["bar_chart_svg", "line_chart_svg"]

Number = int | float
Series = Mapping[str, Sequence[Number | None]]


def _prepare(
    series: Series, categories: Sequence[str]
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    names = [str(name) for name in series]
    if not names:
        raise ValueError("a chart needs at least one series")
    cats = [str(c) for c in categories]
    if not cats:
        raise ValueError("a chart needs at least one category")
    data: list[tuple[str, list[float | None]]] = []
    for name in names:
        values = list(series[name])
        if len(values) != len(cats):
            raise ValueError(f"series '{name}' has {len(values)} values for {len(cats)} categories")
        for value in values:
            if value is not None and (not isinstance(value, Number) or not math.isfinite(value)):
                raise ValueError(f"series '{name}' has a value that is not a finite number: {value!r}")
        data.append((name, [None if v is None else float(v) for v in values]))
    return cats, data


def _all_integers(data: list[tuple[str, list[float | None]]]) -> bool:
    return all(v is None or v.is_integer() for _, values in data for v in values)


def bar_chart_svg(
    series: Series,
    *,
    categories: Sequence[str],
    title: str,
    unit: str = "件",
    width: int = 640,
    height: int = 320,
    stacked: bool = False,
    show_values: bool = True,
    show_title: bool = True,
) -> Markup:
    """Grouped (or ``stacked``) bar chart (柱状图) as inline SVG.

    :param series: series name → one value per category, e.g. ``{"来信": [...], "来访": [...]}``;
        ``None`` leaves a gap (a month not yet reported).
    :param categories: x-axis labels, e.g. ``["1月", …, "12月"]``; long labels wrap.
    :param title: chart title, also the accessible name of the image.
    :param unit: shown above the y axis as ``单位：件``; empty to omit.
    :param show_values: print each value above its bar, if every label fits its bar
        (labels on some bars only would read as missing data).
    :param show_title: draw the title; ``False`` under a ``<figcaption>``, which then
        numbers the figure (图1). The title stays the image's accessible name.
    :raises ValueError: no data, mismatched lengths, non-numbers, or negative values when stacked.
    """
    cats, data = _prepare(series, categories)
    present = [v for _, values in data for v in values if v is not None]
    labelled = present
    if stacked:
        if any(v < 0 for v in present):
            raise ValueError("a stacked bar chart cannot show negative values")
        labelled = [sum(values[i] or 0.0 for _, values in data) for i in range(len(cats))]
        value_range = (0.0, max(labelled))
    else:
        value_range = (min([0.0, *present]), max([0.0, *present]))
    chart = ChartFrame(
        title=title,
        categories=cats,
        names=[n for n, _ in data],
        unit=unit,
        size=(width, height),
        value_range=value_range,
        integers=_all_integers(data),
        legend_lines=False,
        show_title=show_title,
    )
    group = chart.band * 0.72
    room = group if stacked else group / len(data) * 1.05
    widest = max((text_width(number_label(v), VALUE_SIZE) for v in labelled), default=0.0)
    show_values = show_values and widest <= room
    for index in range(len(cats)):
        start = chart.center(index) - group / 2
        if stacked:
            base = 0.0
            for number, (_, values) in enumerate(data):
                value = values[index] or 0.0
                top, bottom = chart.y(base + value), chart.y(base)
                chart.parts.append(
                    el(
                        "rect",
                        x=start,
                        y=top,
                        width=group,
                        height=bottom - top,
                        fill=PALETTE[number % len(PALETTE)],
                    )
                )
                base += value
            if show_values:
                chart.value_label(chart.center(index), chart.y(base) - 3, base)
            continue
        bar = group / len(data)
        for number, (_, values) in enumerate(data):
            amount = values[index]
            if amount is None:
                continue
            top, bottom = chart.y(max(amount, 0.0)), chart.y(min(amount, 0.0))
            x = start + number * bar
            # A hair of white between neighbouring bars keeps them apart in grey print.
            chart.parts.append(
                el(
                    "rect",
                    x=x,
                    y=top,
                    width=bar * 0.9,
                    height=bottom - top,
                    fill=PALETTE[number % len(PALETTE)],
                )
            )
            if show_values:
                label_y = top - 3 if amount >= 0 else bottom + VALUE_SIZE + 1
                chart.value_label(x + bar * 0.45, label_y, amount)
    return chart.svg()


def line_chart_svg(
    series: Series,
    *,
    categories: Sequence[str],
    title: str,
    unit: str = "件",
    width: int = 640,
    height: int = 320,
    show_values: bool = False,
    show_title: bool = True,
) -> Markup:
    """Line chart (折线图) as inline SVG, one line per series with distinct point markers.

    Parameters as for :func:`bar_chart_svg`; ``None`` values break the line (no data).
    ``show_values`` is off by default: labels on crossing lines collide.
    """
    cats, data = _prepare(series, categories)
    present = [v for _, values in data for v in values if v is not None]
    chart = ChartFrame(
        title=title,
        categories=cats,
        names=[n for n, _ in data],
        unit=unit,
        size=(width, height),
        value_range=(min([0.0, *present]), max([0.0, *present])),
        integers=_all_integers(data),
        legend_lines=True,
        show_title=show_title,
    )
    for number, (_, values) in enumerate(data):
        colour = PALETTE[number % len(PALETTE)]
        segment: list[tuple[float, float]] = []
        for index, value in enumerate([*values, None]):
            if value is None:
                if len(segment) > 1:
                    chart.parts.append(polyline(segment, colour))
                segment = []
                continue
            segment.append((chart.center(index), chart.y(value)))
        for index, value in enumerate(values):
            if value is None:
                continue
            chart.parts.append(marker(number, chart.center(index), chart.y(value), colour))
            if show_values:
                chart.value_label(chart.center(index), chart.y(value) - 7, value)
    return chart.svg()
