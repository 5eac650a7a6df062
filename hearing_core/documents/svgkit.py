"""Low-level SVG helpers for :mod:`hearing_core.documents.charts` (图表绘制工具).

Hand-written rather than pygal: pygal's output renders in WeasyPrint but pulls its
tooltip script from a CDN (useless and noisy on a closed network), styles through an
embedded stylesheet WeasyPrint only partly honours, generates random element ids (so
the same data gives different bytes), and would be a new dependency. The subset of SVG
used here (rect, line, polyline, polygon, circle, text with ``text-anchor``) renders the
same in browsers and in WeasyPrint.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape

from hearing_core.documents.resources import FONT_FAMILY

__all__ = [
    "PALETTE",
    "SVG_FONT_FAMILY",
    "el",
    "marker",
    "nice_ticks",
    "number_label",
    "polyline",
    "text",
    "text_width",
    "wrap_label",
]

# Office-style colours whose lightness alternates, so grouped bars stay tellable apart
# on the black-and-white printers most bureaus use.
PALETTE = ("#1f4e79", "#e08a2c", "#4f8f3a", "#a23b72", "#7f7f7f", "#2f8fa8", "#c0504d", "#8064a2")
SVG_FONT_FAMILY = f"'{FONT_FAMILY}', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif"


def _num(value: float) -> str:
    # Two decimals keep coordinates exact enough and the output byte-stable.
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def el(tag: str, /, body: str = "", **attrs: object) -> str:
    """One SVG element; ``stroke_width=1`` becomes ``stroke-width="1"``; ``None`` attributes are left out."""
    parts = [tag]
    for key, value in attrs.items():
        if value is None:
            continue
        rendered = _num(value) if isinstance(value, float) else str(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{escape(rendered, quote=True)}"')
    opening = " ".join(parts)
    return f"<{opening}>{body}</{tag}>" if body else f"<{opening}/>"


def text(x: float, y: float, content: str, *, size: float, anchor: str = "middle", **attrs: object) -> str:
    """A text element; ``content`` is escaped here, so data can never become markup."""
    return el(
        "text",
        escape(content, quote=False),
        x=float(x),
        y=float(y),
        font_size=float(size),
        text_anchor=anchor,
        **attrs,
    )


def text_width(content: str, size: float) -> float:
    """Estimated advance width: CJK glyphs are one em, Latin digits and letters about 0.58 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.58 for ch in content)


def wrap_label(label: str, room: float, size: float, max_lines: int = 3) -> list[str]:
    """Break a category label into lines that fit ``room``; the last line ends in … if cut."""
    lines: list[str] = []
    current = ""
    for ch in label:
        if current and text_width(current + ch, size) > room:
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines or [""]


def nice_ticks(low: float, high: float, *, count: int = 5, integers: bool = True) -> list[float]:
    """Round axis ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ) covering ``low``–``high``."""
    if high <= low:
        high = low + (1 if integers else 1.0)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    if integers:
        step = max(1.0, float(math.ceil(step)))
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    steps = round((end - start) / step)
    return [round(start + i * step, 10) for i in range(steps + 1)]


def number_label(value: float, step: float | None = None) -> str:
    """``12`` for whole numbers; otherwise as many decimals as the axis step (or one)."""
    if float(value).is_integer() and (step is None or float(step).is_integer()):
        return str(int(value))
    decimals = 1
    if step is not None and not float(step).is_integer():
        decimals = len(f"{step:.10g}".split(".")[1])
    return f"{value:.{decimals}f}"


def marker(shape_index: int, x: float, y: float, colour: str, size: float = 3.5) -> str:
    """Point marker; the shape varies by series so lines stay distinct in grey print."""
    shape = shape_index % 4
    if shape == 0:
        return el("circle", cx=float(x), cy=float(y), r=float(size), fill=colour)
    if shape == 1:
        return el(
            "rect",
            x=float(x - size),
            y=float(y - size),
            width=float(2 * size),
            height=float(2 * size),
            fill=colour,
        )
    if shape == 2:
        points = [(x, y - size * 1.2), (x + size * 1.1, y + size), (x - size * 1.1, y + size)]
    else:
        points = [(x, y - size * 1.3), (x + size * 1.3, y), (x, y + size * 1.3), (x - size * 1.3, y)]
    return el("polygon", points=_points(points), fill=colour)


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_num(px)},{_num(py)}" for px, py in points)


def polyline(points: Sequence[tuple[float, float]], colour: str, width: float = 2.0) -> str:
    """An open line through ``points``."""
    return el("polyline", points=_points(points), fill="none", stroke=colour, stroke_width=float(width))
