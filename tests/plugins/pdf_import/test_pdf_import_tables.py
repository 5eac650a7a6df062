"""Tables (表格): ruled tables by lines, aligned columns by text, none in prose."""

from __future__ import annotations

from pathlib import Path

import pdf_factory
from hearing_pdf_import import ExtractionPool, ExtractOptions
from hearing_pdf_import.tables import looks_tabular


def test_ruled_table_rows_and_cells(pdf_dir: Path, pool: ExtractionPool) -> None:
    page = pool.extract(pdf_factory.table_pdf(pdf_dir / "table.pdf")).pages[0]
    assert len(page.tables) == 1
    table = page.tables[0]
    assert table.strategy == "lines"
    assert table.rows == pdf_factory.TABLE_ROWS
    # Every cell has a box inside the table's box, rows top to bottom.
    tops = []
    for row in table.cell_boxes:
        assert all(box is not None for box in row)
        for x0, top, x1, bottom in row:  # type: ignore[misc]
            assert table.bbox[0] - 0.01 <= x0 < x1 <= table.bbox[2] + 0.01
            assert table.bbox[1] - 0.01 <= top < bottom <= table.bbox[3] + 0.01
        tops.append(row[0][1])  # type: ignore[index]
    assert tops == sorted(tops)


def test_borderless_columns_fall_back_to_text_strategy(pdf_dir: Path, pool: ExtractionPool) -> None:
    page = pool.extract(pdf_factory.borderless_table_pdf(pdf_dir / "borderless.pdf")).pages[0]
    assert len(page.tables) == 1
    assert page.tables[0].strategy == "text"
    assert page.tables[0].rows == pdf_factory.TABLE_ROWS


def test_prose_has_no_tables(letter: Path, cid_letter: Path, pool: ExtractionPool) -> None:
    for path in (letter, cid_letter):
        assert pool.extract(path).pages[0].tables == ()


def test_merged_cells_are_empty_without_a_box(form: Path, pool: ExtractionPool) -> None:
    table = pool.extract(form).pages[0].tables[0]
    address_row = next(i for i, row in enumerate(table.rows) if row[0] == "住址")
    assert table.rows[address_row][1] == "某某县城关镇幸福村三组"
    assert table.rows[address_row][2:] == ("", "")
    assert table.cell_boxes[address_row][2:] == (None, None)


def test_tables_can_be_switched_off(form: Path, pool: ExtractionPool) -> None:
    page = pool.extract(form, ExtractOptions(ocr=False, tables=False)).pages[0]
    assert page.tables == ()
    assert "信访登记表" in page.text.replace(" ", "")


def test_looks_tabular_needs_three_lines_with_column_gaps() -> None:
    def row(top: float, xs: list[float]) -> list[dict]:
        return [{"text": "字", "x0": x, "x1": x + 12, "top": top, "size": 12.0} for x in xs]

    prose = row(10, [10, 22, 34, 46]) + row(30, [10, 22, 34]) + row(50, [10, 22])
    assert not looks_tabular(prose)
    columns = row(10, [10, 100]) + row(30, [10, 100]) + row(50, [10, 100])
    assert looks_tabular(columns)
    assert not looks_tabular(columns[:4])
