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
from html import escape

from markupsafe import Markup

from hearing_core.documents.svgkit import (
    PALETTE,
    SVG_FONT_FAMILY,
    el,
    marker,
    nice_ticks,
    number_label,
    polyline,
    text,
    text_width,
    wrap_label,
)

__all__ = ["bar_chart_svg", "line_chart_svg"]

Number = int | float
Series = Mapping[str, Sequence[Number | None]]

_TITLE_SIZE = 15.0
_FONT_SIZE = 11.0
_VALUE_SIZE = 9.0
_LINE_GAP = 2.0


class _Chart:
    """Frame shared by both chart kinds: title, legend, unit, y grid and x labels."""

    def __init__(
        self,
        *,
        title: str,
        categories: list[str],
        names: list[str],
        unit: str,
        size: tuple[int, int],
        value_range: tuple[float, float],
        integers: bool,
        legend_lines: bool,
        show_title: bool = True,
    ) -> None:
        self.title, self.categories, self.names = title, categories, names
        self.width, self.height = size
        self.ticks = nice_ticks(*value_range, integers=integers)
        self.step = self.ticks[1] - self.ticks[0]
        self.parts: list[str] = [el("title", escape(title, quote=False))]
        cursor = 4.0
        if show_title:
            cursor = 8 + _TITLE_SIZE
            self.parts.append(text(self.width / 2, cursor, title, size=_TITLE_SIZE, font_weight="bold"))
        if len(names) > 1:
            cursor = self._legend(cursor + 8, legend_lines)
        tick_labels = [number_label(t, self.step) for t in self.ticks]
        self.left = 10 + max(text_width(label, _FONT_SIZE) for label in tick_labels) + 6
        self.right = self.width - 12
        self.band = (self.right - self.left) / len(categories)
        self.labels = [wrap_label(c, self.band * 0.95, _FONT_SIZE) for c in categories]
        if unit:
            cursor += 6 + _FONT_SIZE
            self.parts.append(text(self.left - 6, cursor, f"单位：{unit}", size=_FONT_SIZE, anchor="start", fill="#404040"))
        self.top = cursor + 10
        line_count = max(len(lines) for lines in self.labels)
        self.bottom = self.height - 8 - line_count * (_FONT_SIZE + _LINE_GAP)
        if self.bottom - self.top < 40:
            raise ValueError(f"chart '{title}' is too small for its labels: height {self.height}")
        self._axes(tick_labels)

    def _legend(self, top: float, lines: bool) -> float:
        widths = [12 + 5 + text_width(name, _FONT_SIZE) + 18 for name in self.names]
        rows: list[list[int]] = [[]]
        row_width = 0.0
        for index, item_width in enumerate(widths):
            if rows[-1] and row_width + item_width > self.width - 40:
                rows.append([])
                row_width = 0.0
            rows[-1].append(index)
            row_width += item_width
        y = top
        for row in rows:
            y += _FONT_SIZE + 5
            x = (self.width - sum(widths[i] for i in row) + 18) / 2
            for index in row:
                colour = PALETTE[index % len(PALETTE)]
                if lines:
                    self.parts.append(polyline([(x, y - 4), (x + 12, y - 4)], colour))
                    self.parts.append(marker(index, x + 6, y - 4, colour, size=3.0))
                else:
                    self.parts.append(el("rect", x=float(x), y=float(y - 9), width=10.0, height=10.0, fill=colour))
                self.parts.append(text(x + 17, y, self.names[index], size=_FONT_SIZE, anchor="start"))
                x += widths[index]
        return y

    def _axes(self, tick_labels: list[str]) -> None:
        for tick, label in zip(self.ticks, tick_labels, strict=True):
            y = self.y(tick)
            # The zero line is the baseline of every bar; the other lines are only guides.
            stroke, width = ("#404040", 1.0) if tick == 0 else ("#d0d0d0", 0.6)
            self.parts.append(el("line", x1=float(self.left), y1=y, x2=float(self.right), y2=y, stroke=stroke, stroke_width=width))
            self.parts.append(text(self.left - 6, y + _FONT_SIZE * 0.35, label, size=_FONT_SIZE, anchor="end", fill="#404040"))
        for index, lines in enumerate(self.labels):
            for row, line in enumerate(lines):
                y = self.bottom + (row + 1) * (_FONT_SIZE + _LINE_GAP) + 2
                self.parts.append(text(self.center(index), y, line, size=_FONT_SIZE))

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.top + (high - value) / (high - low) * (self.bottom - self.top)

    def center(self, index: int) -> float:
        return self.left + (index + 0.5) * self.band

    def value_label(self, x: float, y: float, value: float) -> None:
        self.parts.append(text(x, y, number_label(value), size=_VALUE_SIZE, fill="#202020"))

    def svg(self) -> Markup:
        root = el(
            "svg",
            "".join(self.parts),
            xmlns="http://www.w3.org/2000/svg",
            class_="chart",
            width=self.width,
            height=self.height,
            viewBox=f"0 0 {self.width} {self.height}",
            role="img",
            aria_label=self.title,
            font_family=SVG_FONT_FAMILY,
        )
        return Markup(root)


def _prepare(series: Series, categories: Sequence[str]) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
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
    chart = _Chart(
        title=title, categories=cats, names=[n for n, _ in data], unit=unit, size=(width, height),
        value_range=value_range, integers=_all_integers(data), legend_lines=False, show_title=show_title,
    )
    group = chart.band * 0.72
    room = group if stacked else group / len(data) * 1.05
    widest = max((text_width(number_label(v), _VALUE_SIZE) for v in labelled), default=0.0)
    show_values = show_values and widest <= room
    for index in range(len(cats)):
        start = chart.center(index) - group / 2
        if stacked:
            base = 0.0
            for number, (_, values) in enumerate(data):
                value = values[index] or 0.0
                top, bottom = chart.y(base + value), chart.y(base)
                chart.parts.append(el("rect", x=start, y=top, width=group, height=bottom - top, fill=PALETTE[number % len(PALETTE)]))
                base += value
            if show_values:
                chart.value_label(chart.center(index), chart.y(base) - 3, base)
            continue
        bar = group / len(data)
        for number, (_, values) in enumerate(data):
            value = values[index]
            if value is None:
                continue
            top, bottom = chart.y(max(value, 0.0)), chart.y(min(value, 0.0))
            x = start + number * bar
            # A hair of white between neighbouring bars keeps them apart in grey print.
            chart.parts.append(el("rect", x=x, y=top, width=bar * 0.9, height=bottom - top, fill=PALETTE[number % len(PALETTE)]))
            if show_values:
                label_y = top - 3 if value >= 0 else bottom + _VALUE_SIZE + 1
                chart.value_label(x + bar * 0.45, label_y, value)
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
    chart = _Chart(
        title=title, categories=cats, names=[n for n, _ in data], unit=unit, size=(width, height),
        value_range=(min([0.0, *present]), max([0.0, *present])), integers=_all_integers(data), legend_lines=True, show_title=show_title,
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
