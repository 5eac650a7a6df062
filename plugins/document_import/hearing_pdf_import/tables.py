"""Tables on a page (表格提取), on top of pdfplumber's table finder.

Runs inside the sandbox worker. Ruled tables (登记表, 统计表 drawn with lines) are
found with the ``lines`` strategy. Only when a page has none and its glyphs form
aligned columns is the ``text`` strategy tried: it is slow and, on prose, finds
"tables" in any paragraph, so a text-strategy table must also look like one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hearing_pdf_import.model import BBox, ExtractedTable
from hearing_pdf_import.options import ExtractOptions
from hearing_pdf_import.text import clean_cell_text

__all__ = ["extract_tables", "looks_tabular"]

Char = dict[str, Any]

#: A gap this many font sizes wide inside a line separates two columns.
_COLUMN_GAP_EM = 2.0
#: Lines with at least two columns needed before the text strategy is tried.
_MIN_TABULAR_LINES = 3


def _settings(strategy: str, options: ExtractOptions) -> dict[str, Any]:
    return {
        "vertical_strategy": strategy,
        "horizontal_strategy": strategy,
        "text_x_tolerance": options.x_tolerance,
        "text_y_tolerance": options.y_tolerance,
    }


def looks_tabular(chars: Sequence[Char], y_tolerance: float = 3.0) -> bool:
    """True when at least three text lines have a column gap (two font sizes or more)."""
    rows: list[list[Char]] = []
    for ch in sorted((c for c in chars if not c["text"].isspace()), key=lambda c: (c["top"], c["x0"])):
        if rows and abs(rows[-1][0]["top"] - ch["top"]) <= y_tolerance:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    tabular = 0
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        for left, right in zip(row, row[1:], strict=False):
            size = max(float(left.get("size") or 0), 1.0)
            if right["x0"] - left["x1"] >= _COLUMN_GAP_EM * size:
                tabular += 1
                break
        if tabular >= _MIN_TABULAR_LINES:
            return True
    return False


def extract_tables(
    page: Any, chars: list[Char], duplicates: int, options: ExtractOptions
) -> tuple[ExtractedTable, ...]:
    """Tables of a pdfplumber ``page``; ``chars`` are its glyphs after faux-bold removal."""
    source = page
    if duplicates:
        # Cell text is read from the page's glyphs, so faux bold must be gone there too.
        keep = {id(c) for c in chars}
        source = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)
    objects = page.objects
    found: list[ExtractedTable] = []
    if objects.get("line") or objects.get("rect") or objects.get("curve"):
        for table in source.find_tables(_settings("lines", options)):
            converted = _convert(table, "lines", options)
            if converted is not None and sum(b is not None for r in converted.cell_boxes for b in r) >= 2:
                found.append(converted)
    if not found and looks_tabular(chars, options.y_tolerance):
        for table in source.find_tables(_settings("text", options)):
            converted = _convert(table, "text", options)
            if converted is not None:
                converted = _drop_empty_rows(converted)
            if converted is not None and _plausible_text_table(converted):
                found.append(converted)
    return tuple(found)


def _convert(table: Any, strategy: str, options: ExtractOptions) -> ExtractedTable | None:
    texts = table.extract(x_tolerance=options.x_tolerance, y_tolerance=options.y_tolerance)
    rows: list[tuple[str, ...]] = []
    boxes: list[tuple[BBox | None, ...]] = []
    for row, row_texts in zip(table.rows, texts, strict=False):
        rows.append(tuple(clean_cell_text(t) for t in row_texts))
        boxes.append(tuple(None if b is None else _box(b) for b in row.cells))
    if not rows:
        return None
    return ExtractedTable(bbox=_box(table.bbox), rows=tuple(rows), cell_boxes=tuple(boxes), strategy=strategy)


def _box(value: Sequence[float]) -> BBox:
    return (float(value[0]), float(value[1]), float(value[2]), float(value[3]))


def _drop_empty_rows(table: ExtractedTable) -> ExtractedTable | None:
    # The text strategy puts a row boundary at every gap between lines, leaving
    # empty rows a ruled table would not have.
    kept = [(r, b) for r, b in zip(table.rows, table.cell_boxes, strict=True) if any(r)]
    if not kept:
        return None
    return ExtractedTable(table.bbox, tuple(r for r, _ in kept), tuple(b for _, b in kept), table.strategy)


def _plausible_text_table(table: ExtractedTable) -> bool:
    if len(table.rows) < 2 or max(len(r) for r in table.rows) < 2:
        return False
    full_rows = sum(1 for r in table.rows if sum(1 for c in r if c) >= 2)
    return full_rows >= 2
