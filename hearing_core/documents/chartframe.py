"""The frame every chart shares (图表框架): title, legend, unit, y grid with ticks, x labels.

:mod:`hearing_core.documents.charts` draws the data on it. Coordinates are SVG user
units (px); the root element scales with its ``viewBox``.
"""

from __future__ import annotations

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

__all__ = ["FONT_SIZE", "VALUE_SIZE", "ChartFrame"]

TITLE_SIZE = 15.0
FONT_SIZE = 11.0
VALUE_SIZE = 9.0
LINE_GAP = 2.0


class ChartFrame:
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
            cursor = 8 + TITLE_SIZE
            self.parts.append(text(self.width / 2, cursor, title, size=TITLE_SIZE, font_weight="bold"))
        if len(names) > 1:
            cursor = self._legend(cursor + 8, legend_lines)
        tick_labels = [number_label(t, self.step) for t in self.ticks]
        self.left = 10 + max(text_width(label, FONT_SIZE) for label in tick_labels) + 6
        self.right = self.width - 12
        self.band = (self.right - self.left) / len(categories)
        self.labels = [wrap_label(c, self.band * 0.95, FONT_SIZE) for c in categories]
        if unit:
            cursor += 6 + FONT_SIZE
            self.parts.append(
                text(self.left - 6, cursor, f"单位：{unit}", size=FONT_SIZE, anchor="start", fill="#404040")
            )
        self.top = cursor + 10
        line_count = max(len(lines) for lines in self.labels)
        self.bottom = self.height - 8 - line_count * (FONT_SIZE + LINE_GAP)
        if self.bottom - self.top < 40:
            raise ValueError(f"chart '{title}' is too small for its labels: height {self.height}")
        self._axes(tick_labels)

    def _legend(self, top: float, lines: bool) -> float:
        widths = [12 + 5 + text_width(name, FONT_SIZE) + 18 for name in self.names]
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
            y += FONT_SIZE + 5
            x = (self.width - sum(widths[i] for i in row) + 18) / 2
            for index in row:
                colour = PALETTE[index % len(PALETTE)]
                if lines:
                    self.parts.append(polyline([(x, y - 4), (x + 12, y - 4)], colour))
                    self.parts.append(marker(index, x + 6, y - 4, colour, size=3.0))
                else:
                    self.parts.append(
                        el("rect", x=float(x), y=float(y - 9), width=10.0, height=10.0, fill=colour)
                    )
                self.parts.append(text(x + 17, y, self.names[index], size=FONT_SIZE, anchor="start"))
                x += widths[index]
        return y

    def _axes(self, tick_labels: list[str]) -> None:
        for tick, label in zip(self.ticks, tick_labels, strict=True):
            y = self.y(tick)
            # The zero line is the baseline of every bar; the other lines are only guides.
            stroke, width = ("#404040", 1.0) if tick == 0 else ("#d0d0d0", 0.6)
            self.parts.append(
                el(
                    "line",
                    x1=float(self.left),
                    y1=y,
                    x2=float(self.right),
                    y2=y,
                    stroke=stroke,
                    stroke_width=width,
                )
            )
            self.parts.append(
                text(self.left - 6, y + FONT_SIZE * 0.35, label, size=FONT_SIZE, anchor="end", fill="#404040")
            )
        for index, lines in enumerate(self.labels):
            for row, line in enumerate(lines):
                y = self.bottom + (row + 1) * (FONT_SIZE + LINE_GAP) + 2
                self.parts.append(text(self.center(index), y, line, size=FONT_SIZE))

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.top + (high - value) / (high - low) * (self.bottom - self.top)

    def center(self, index: int) -> float:
        return self.left + (index + 0.5) * self.band

    def value_label(self, x: float, y: float, value: float) -> None:
        self.parts.append(text(x, y, number_label(value), size=VALUE_SIZE, fill="#202020"))

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
