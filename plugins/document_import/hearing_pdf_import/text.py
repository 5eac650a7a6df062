"""Page text for Chinese documents (中文页面文字提取), on top of pdfplumber.

Runs inside the sandbox worker on a pdfplumber ``Page``. What it adds to
pdfplumber's ``extract_text``:

- faux-bold glyphs (伪粗体: the same glyph drawn twice a fraction of a point apart)
  are dropped in linear time (pdfplumber's ``dedupe_chars`` is quadratic in the
  glyph count and costs seconds on a dense page);
- no space is inserted between CJK characters that are merely letter-spaced;
- full-width punctuation (，。：；！？（）《》、) is left exactly as drawn (no NFKC);
- glyphs without a Unicode mapping (``(cid:123)``) never reach accepted text: a page
  made mostly of them is ``unmapped_glyphs``, a stray one becomes U+FFFD;
- a page without glyphs is ``no_text_layer`` rather than an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hearing_pdf_import.model import BBox, PageStatus, TextLine
from hearing_pdf_import.options import ExtractOptions

__all__ = ["PageText", "clean_cell_text", "dedupe_chars", "is_cjk", "read_page_text"]

Char = dict[str, Any]

REPLACEMENT = "\ufffd"
_CID = re.compile(r"\(cid:\d+\)")
# Punctuation used inside Chinese text that sits flush against ideographs.
_CJK_PUNCT = frozenset("“”‘’…—·")


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, CJK/full-width punctuation and kana/hangul (中日韩字符)."""
    if not ch:
        return False
    cp = ord(ch[0])
    return (
        0x2E80 <= cp <= 0x9FFF  # radicals, CJK symbols/punctuation (、。《》), kana, ideographs
        or 0xAC00 <= cp <= 0xD7AF  # hangul syllables
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= cp <= 0xFE4F  # CJK compatibility forms (vertical punctuation)
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms (，：；！？（）)
        or 0x20000 <= cp <= 0x3FFFF  # extension B and later
        or ch[0] in _CJK_PUNCT
    )


@dataclass(frozen=True)
class PageText:
    """Text of one page and the glyph statistics it was judged on."""

    status: PageStatus
    text: str
    lines: tuple[TextLine, ...]
    chars: list[Char]
    duplicate_chars: int
    unmapped_chars: int
    fonts: tuple[str, ...]


def dedupe_chars(chars: Sequence[Char], tolerance: float = 1.0) -> tuple[list[Char], int]:
    """Drop glyphs repeating an earlier one's text, font and size within ``tolerance`` points.

    Same rule as pdfplumber's ``dedupe_chars`` but linear: kept glyphs are indexed by
    (text, direction, font, size) and then by row of ``tolerance`` points, so a glyph
    is compared only with kept glyphs of the same kind in its own and the two
    neighbouring rows (a handful on a line). Content order is kept. Returns the kept
    glyphs and how many were dropped.
    """
    if tolerance <= 0:
        return list(chars), 0
    kept: list[Char] = []
    index: dict[tuple[Any, ...], dict[int, list[tuple[float, float]]]] = {}
    for ch in chars:
        key = (ch["text"], ch.get("upright"), ch.get("fontname"), ch.get("size"))
        top, x0 = ch["doctop"], ch["x0"]
        row = int(top // tolerance)
        rows = index.get(key)
        if rows is None:
            rows = index[key] = {}
        elif _near(rows, row, top, x0, tolerance):
            continue
        kept.append(ch)
        placed = rows.get(row)
        if placed is None:
            rows[row] = [(top, x0)]
        else:
            placed.append((top, x0))
    return kept, len(chars) - len(kept)


def _near(rows: dict[int, list[tuple[float, float]]], row: int, top: float, x0: float, tolerance: float) -> bool:
    # |Δtop| ≤ tolerance puts a match in this row or a neighbouring one.
    for r in (row - 1, row, row + 1):
        for other_top, other_x0 in rows.get(r, ()):
            if abs(other_top - top) <= tolerance and abs(other_x0 - x0) <= tolerance:
                return True
    return False


def clean_cell_text(value: str | None) -> str:
    """A table cell's text with CJK-aware whitespace: none between CJK, one elsewhere.

    Cell text wraps inside the cell, so a line break between two ideographs is
    layout, not content. Unmapped glyphs become U+FFFD.
    """
    if not value:
        return ""
    value = _CID.sub(REPLACEMENT, value).replace("\u3000", " ")
    parts = value.split()
    out: list[str] = []
    for part in parts:
        if out and not (is_cjk(out[-1][-1]) or is_cjk(part[0])):
            out.append(" ")
        out.append(part)
    return "".join(out)


def _is_unmapped(ch: Char) -> bool:
    text = ch["text"]
    return len(text) > 1 and text.startswith("(cid:")


def read_page_text(page: Any, options: ExtractOptions) -> PageText:
    """Read the text of a pdfplumber ``page`` and judge whether it can be accepted."""
    raw = page.chars
    chars, duplicates = dedupe_chars(raw, options.dedupe_tolerance)
    fonts = tuple(sorted({str(c.get("fontname", "")) for c in chars}))
    if not chars:
        return PageText(PageStatus.NO_TEXT_LAYER, "", (), chars, duplicates, 0, fonts)
    unmapped = sum(1 for c in chars if _is_unmapped(c))
    # Whitespace glyphs carry no meaning, so they do not dilute the unmapped share.
    visible = sum(1 for c in chars if not c["text"].isspace()) or 1
    if unmapped / visible > options.unmapped_threshold:
        return PageText(PageStatus.UNMAPPED_GLYPHS, "", (), chars, duplicates, unmapped, fonts)
    if unmapped:
        text_chars = [{**c, "text": REPLACEMENT} if _is_unmapped(c) else c for c in chars]
    else:
        text_chars = chars
    lines = _lines(page, text_chars, options)
    text = "\n".join(line.text for line in lines)
    if not text.strip():
        # Only blank glyphs (spaces drawn on an otherwise empty page): no text layer.
        return PageText(PageStatus.NO_TEXT_LAYER, "", (), chars, duplicates, unmapped, fonts)
    return PageText(PageStatus.OK, text, lines, chars, duplicates, unmapped, fonts)


def _lines(page: Any, chars: list[Char], options: ExtractOptions) -> tuple[TextLine, ...]:
    from pdfplumber.utils import chars_to_textmap

    # pdfplumber's own grouping of glyphs into words and lines (reading order,
    # tolerances, ligatures); only the spaces it inserts are judged again below.
    textmap = chars_to_textmap(
        chars,
        x_tolerance=options.x_tolerance,
        y_tolerance=options.y_tolerance,
        layout_bbox=page.bbox,
    )
    lines: list[TextLine] = []
    current: list[tuple[str, Char | None]] = []
    for item in textmap.tuples:
        if item[0] == "\n" and item[1] is None:
            _flush(current, lines, options)
            current = []
        else:
            current.append(item)
    _flush(current, lines, options)
    return tuple(lines)


def _flush(items: list[tuple[str, Char | None]], out: list[TextLine], options: ExtractOptions) -> None:
    """Turn one textmap line into a ``TextLine``, dropping spaces inside CJK runs."""
    text: list[str] = []
    boxes: list[BBox] | None = [] if options.char_boxes else None
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    prev: Char | None = None
    gap_pending = False
    for letter, ch in items:
        if ch is None or letter.isspace():
            gap_pending = prev is not None
            continue
        if gap_pending and prev is not None and _keeps_space(prev, ch, options):
            text.append(" ")
            if boxes is not None:
                boxes.append(
                    (prev["x1"], min(prev["top"], ch["top"]), ch["x0"], max(prev["bottom"], ch["bottom"]))
                )
        gap_pending = False
        text.append(letter)
        c_x0, c_top, c_x1, c_bottom = ch["x0"], ch["top"], ch["x1"], ch["bottom"]
        if boxes is not None:
            boxes.append((c_x0, c_top, c_x1, c_bottom))
        x0, top = min(x0, c_x0), min(top, c_top)
        x1, bottom = max(x1, c_x1), max(bottom, c_bottom)
        prev = ch
    if not text:
        return
    out.append(TextLine("".join(text), (x0, top, x1, bottom), tuple(boxes) if boxes is not None else None))


def _keeps_space(prev: Char, nxt: Char, options: ExtractOptions) -> bool:
    if not (is_cjk(prev["text"]) or is_cjk(nxt["text"])):
        return True
    # Letter-spaced CJK (justified lines, spaced-out headings like 信 访 登 记 表) has
    # gaps well under one character; a wider gap separates fields or columns.
    size = max(float(prev.get("size") or 0), float(nxt.get("size") or 0), 1.0)
    return (nxt["x0"] - prev["x1"]) >= options.cjk_join_gap_em * size
