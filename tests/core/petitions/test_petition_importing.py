from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from hearing_core.errors import ValidationFailed
from hearing_core.petitions.domain import (
    CategoryCatalog,
    Channel,
    ImportFormat,
    ImportParser,
    NotAcceptedReason,
    PreviousYear,
    annual_figures,
    detect_format,
    tally,
)

TODAY = date(2024, 1, 15)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k != "petitioner"}
    out.update({f"petitioner_{k}": v for k, v in row.get("petitioner", {}).items()})
    return out


def write(fmt: ImportFormat, path: Path, rows: list[dict[str, Any]], header: list[str] | None = None) -> Path:
    """Write ``rows`` in ``fmt``; JSON Lines keep the nested petitioner, tables flatten it."""
    if fmt is ImportFormat.JSONL:
        path.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows), "utf-8")
        return path
    table = [flat(r) for r in rows]
    columns = header or list(dict.fromkeys(k for r in table for k in r))
    if fmt is ImportFormat.CSV:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows([["" if r.get(c) is None else r.get(c) for c in columns] for r in table])
        return path
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for r in table:
        sheet.append([r.get(c) for c in columns])
    book.save(path)
    return path


def good_row(ref: str, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "ref": ref,
        "received_on": "2023-03-01",
        "channel": "visit",
        "persons": 3,
        "matter_ref": "M-1",
        "accepted": True,
        "category": "土地征收",
        "backlog": False,
        "petitioner": {"name": "张三", "id_number": "11010519491231002X", "phone": "138 1234 5678"},
        "summary": "反映征地补偿款未发放",
    }
    row.update(changes)
    return row


def parse(fmt: ImportFormat, path: Path, catalog: CategoryCatalog) -> tuple[ImportParser, list]:
    parser = ImportParser(fmt, catalog=catalog, today=TODAY)
    return parser, list(parser.rows(path))


@pytest.mark.parametrize("fmt", list(ImportFormat))
def test_valid_file_in_every_format(fmt: ImportFormat, tmp_path: Path, catalog: CategoryCatalog) -> None:
    rows = [
        good_row("XF-1"),
        good_row("XF-2", channel="来信", persons=1, matter_ref="M-1", received_on="2023-04-02"),
        good_row("XF-3", accepted=False, not_accepted_reason="当场解释疏导", matter_ref=None, category=None),
    ]
    path = write(fmt, tmp_path / f"items.{fmt.value}", rows)
    parser, parsed = parse(fmt, path, catalog)
    assert parser.errors == [] and parser.ok
    assert [r.line for r in parsed] == [1, 2, 3] if fmt is ImportFormat.JSONL else [2, 3, 4]
    first = parsed[0]
    assert first.item.ref == "XF-1" and first.item.channel is Channel.VISIT and first.item.persons == 3
    assert first.item.category == "land_expropriation" and first.item.received_on == date(2023, 3, 1)
    assert first.item.petitioners[0].phone == "13812345678"
    assert (first.accepted, first.backlog, first.not_accepted_reason) == (True, False, None)
    assert parsed[1].item.channel is Channel.LETTER
    assert parsed[2].not_accepted_reason is NotAcceptedReason.EXPLAINED_ON_SPOT
    assert parsed[2].item.matter_ref is None
    parser.raise_if_failed()  # nothing to raise


BAD_ROWS = [
    good_row("XF-1"),
    good_row("XF-2", received_on="2023/03/01"),
    good_row("XF-3", accepted=False),
    good_row("XF-1", summary="重复编号"),
    good_row("XF-5", petitioner={"name": "李四", "id_number": "110105194912310021"}),
    good_row("XF-6", persons=0, channel="pigeon"),
    good_row("XF-7", category="外星人"),
    good_row("XF-8", accepted=False, not_accepted_reason="不属于我县管辖", backlog=True),
    good_row("XF-9"),
]


@pytest.mark.parametrize("fmt", list(ImportFormat))
def test_every_bad_row_is_reported_with_line_and_reason(fmt: ImportFormat, tmp_path: Path,
                                                        catalog: CategoryCatalog) -> None:  # fmt: skip
    path = write(fmt, tmp_path / f"bad.{fmt.value}", BAD_ROWS)
    parser, parsed = parse(fmt, path, catalog)
    offset = 0 if fmt is ImportFormat.JSONL else 1  # the header takes line 1 of a table
    person = "petitioner." if fmt is ImportFormat.JSONL else "petitioner_"
    found = [((e.line or 0) - offset, e.field, e.message) for e in parser.errors]
    assert found == [
        (2, "received_on", "'2023/03/01' is not an ISO date (YYYY-MM-DD)"),
        (3, "not_accepted_reason", "is required when accepted is false"),
        (4, "ref", f"duplicate ref 'XF-1' (first on line {1 + offset})"),
        (5, f"{person}id_number", "check character does not match (expected X); the number was probably mistyped"),
        (6, "channel", found[4][2]),
        (6, "persons", "must be at least 1"),
        (7, "category", "unknown category '外星人'"),
        (8, "backlog", "a not-accepted item cannot be a backlog matter"),
    ]
    assert found[4][2].startswith("unknown value 'pigeon'; expected one of: letter (来信)")
    assert [r.item.ref for r in parsed] == ["XF-1", "XF-9"]  # valid rows still stream …
    with pytest.raises(ValidationFailed) as info:  # … but the file is rejected as a whole
        parser.raise_if_failed()
    assert info.value.detail == "import rejected: 8 problem(s) on 7 line(s)"
    assert [e["line"] for e in info.value.problem()["errors"]] == [e.line for e in parser.errors]


def test_header_problems_stop_before_rows(tmp_path: Path, catalog: CategoryCatalog) -> None:
    rows = [flat(good_row("XF-1"))]
    rows[0]["recieved_on"] = rows[0].pop("received_on")
    path = write(ImportFormat.CSV, tmp_path / "typo.csv", rows)
    parser, parsed = parse(ImportFormat.CSV, path, catalog)
    assert parsed == [] and parser.rows_read == 0
    assert [(e.line, e.field, e.message) for e in parser.errors] == [
        (1, "header", "unknown column 'recieved_on'"),
        (1, "header", "missing required column 'received_on'"),
    ]


def test_chinese_headers_spreadsheet_types_and_numeric_ids(tmp_path: Path, catalog: CategoryCatalog) -> None:
    header = ["编号", "登记日期", "信访形式", "人数", "事项编号", "是否受理", "内容分类", "信访人", "身份证号",
              "联系电话", "内容摘要"]  # fmt: skip
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append([20230001, datetime(2023, 3, 1), "来访", 6, "M-1", "是", "房屋拆迁", "王五", None, 13812345678,
                  "拆迁安置"])  # fmt: skip
    sheet.append([20230002, datetime(2023, 3, 2), "来信", 1, None, "否", None, "赵六", 1.10105194912310e17,
                  None, "咨询"])  # fmt: skip
    book.save(tmp_path / "登记表.xlsx")
    parser, parsed = parse(ImportFormat.XLSX, tmp_path / "登记表.xlsx", catalog)
    assert [r.item.ref for r in parsed] == ["20230001"]
    item = parsed[0].item
    assert (item.received_on, item.persons, item.category) == (date(2023, 3, 1), 6, "house_demolition")
    assert item.petitioners[0].phone == "13812345678" and item.is_collective_visit(5)
    assert [(e.line, e.field) for e in parser.errors] == [(3, "petitioner_id_number"), (3, "not_accepted_reason")]
    assert "format the column as text" in parser.errors[0].message


def test_gbk_csv_from_excel_is_decoded(tmp_path: Path, catalog: CategoryCatalog) -> None:
    text = "编号,登记日期,信访形式,是否受理,信访人,内容摘要\nA1,2023-05-06,来信,是,钱七,反映拖欠农民工工资\n"
    (tmp_path / "gbk.csv").write_bytes(text.encode("gbk"))
    parser, parsed = parse(ImportFormat.CSV, tmp_path / "gbk.csv", catalog)
    assert parser.errors == []
    assert parsed[0].item.summary == "反映拖欠农民工工资"


def test_csv_line_numbers_follow_physical_lines(tmp_path: Path, catalog: CategoryCatalog) -> None:
    text = ("ref,received_on,channel,accepted,petitioner_name,summary\n"
            'A1,2023-05-06,letter,true,甲,"第一行\n第二行"\n\n'
            "A2,2023-13-01,letter,true,乙,摘要\n")  # fmt: skip
    (tmp_path / "multi.csv").write_text(text, encoding="utf-8")
    parser, parsed = parse(ImportFormat.CSV, tmp_path / "multi.csv", catalog)
    assert parsed[0].item.summary == "第一行\n第二行"
    assert [(e.line, e.field) for e in parser.errors] == [(5, "received_on")]


def test_jsonl_line_problems(tmp_path: Path, catalog: CategoryCatalog) -> None:
    lines = [json.dumps(good_row("A1"), ensure_ascii=False), "{not json", "[1, 2]", "",
             json.dumps({**good_row("A2"), "colour": "red", "petitioner": "张三"}, ensure_ascii=False)]  # fmt: skip
    (tmp_path / "x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    parser, parsed = parse(ImportFormat.JSONL, tmp_path / "x.jsonl", catalog)
    assert [r.item.ref for r in parsed] == ["A1"]
    assert [(e.line, e.field) for e in parser.errors] == [
        (2, "line"), (3, "line"), (5, "petitioner"), (5, "colour"), (5, "petitioner.name"),
    ]  # fmt: skip


def test_empty_and_unreadable_files(tmp_path: Path, catalog: CategoryCatalog) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    parser, _ = parse(ImportFormat.CSV, tmp_path / "empty.csv", catalog)
    assert [e.message for e in parser.errors] == ["contains no data rows"]
    (tmp_path / "header-only.csv").write_text("ref,received_on,channel,accepted,summary\n", encoding="utf-8")
    parser, _ = parse(ImportFormat.CSV, tmp_path / "header-only.csv", catalog)
    assert [e.message for e in parser.errors] == ["contains no data rows"]
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    parser, _ = parse(ImportFormat.JSONL, tmp_path / "blank.jsonl", catalog)
    assert [e.message for e in parser.errors] == ["contains no data rows"]
    (tmp_path / "fake.xlsx").write_bytes(b"this is not a zip archive")
    parser, _ = parse(ImportFormat.XLSX, tmp_path / "fake.xlsx", catalog)
    assert parser.errors[0].field == "file" and "not a readable .xlsx workbook" in parser.errors[0].message


class CountingStream(io.BytesIO):
    """A binary stream that records how far it has been read."""

    high_water = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.high_water = max(self.high_water, self.tell())
        return data

    def read1(self, size: int | None = -1) -> bytes:
        data = super().read1(size)
        self.high_water = max(self.high_water, self.tell())
        return data

    def readinto(self, buffer: Any) -> int:
        n = super().readinto(buffer)
        self.high_water = max(self.high_water, self.tell())
        return n


def test_rows_stream_without_reading_the_whole_file(catalog: CategoryCatalog) -> None:
    body = "".join(json.dumps(good_row(f"R{i}"), ensure_ascii=False) + "\n" for i in range(5_000))
    stream = CountingStream(body.encode("utf-8"))
    parser = ImportParser(ImportFormat.JSONL, catalog=catalog, today=TODAY)
    rows = parser.rows(stream)
    first = next(rows)
    assert first.item.ref == "R0"
    assert stream.high_water < len(body.encode("utf-8")) // 10  # only a buffer's worth read so far
    batches = ImportParser(ImportFormat.JSONL, catalog=catalog).batches(CountingStream(body.encode()), size=300)
    assert [len(b) for b in batches] == [300] * 16 + [200]
    assert not stream.closed  # the caller's stream is left open
    rows.close()


def test_detect_format() -> None:
    assert detect_format("登记表.XLSX") is ImportFormat.XLSX
    assert detect_format("a.ndjson") is ImportFormat.JSONL
    with pytest.raises(ValueError, match="unsupported import file type '.xls'"):
        detect_format("old.xls")


def test_imported_seed_year_gives_the_seed_figures(tmp_path: Path, catalog: CategoryCatalog) -> None:
    """A register shaped like the seed year, imported from CSV, tallied and reported."""
    rows = []
    visit_persons = [4] * 134 + [2] * 299  # 433 batches, 1134 persons
    for i in range(632):
        visit = i >= 199
        accepted = i >= 66
        n = i - 66
        rows.append(good_row(
            f"XF-{i:04d}", channel="visit" if visit else "letter", persons=visit_persons[i - 199] if visit else 1,
            accepted=accepted, not_accepted_reason=None if accepted else "out_of_jurisdiction",
            matter_ref=f"M-{n % 348}" if accepted else None, backlog=accepted and n % 348 < 52,
            petitioner={"name": f"信访人{i % 348}"},
        ))  # fmt: skip
    path = write(ImportFormat.CSV, tmp_path / "2023.csv", rows)
    parser = ImportParser(ImportFormat.CSV, catalog=catalog, today=TODAY)
    counts = tally((r.tally_record() for r in parser.rows(path)), year=2023, collective_threshold=5)
    parser.raise_if_failed()
    figures = annual_figures(counts, PreviousYear(534, 311), catalog=catalog)
    assert (figures.total, figures.letters, figures.visit_batches, figures.visit_persons) == (632, 199, 433, 1134)
    assert (figures.not_accepted, figures.accepted, figures.repeat) == (66, 566, 218)
    assert (figures.distinct_matters, figures.backlog, figures.backlog_share_pct) == (348, 52, Decimal("14.9"))
    assert (figures.accepted_yoy_pct, figures.distinct_yoy_pct) == (Decimal("6.0"), Decimal("11.9"))
    assert figures.by_category[0]["name"] == "自然资源" and figures.by_category[0]["count"] == 566


def test_untitled_columns_are_ignored_unless_they_hold_values(tmp_path: Path, catalog: CategoryCatalog) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["ref", "received_on", None, "channel", "accepted", "petitioner_name", "summary", None])
    sheet.append(["A1", "2023-05-06", None, "letter", True, "甲", "摘要", None])
    sheet.append(["A2", "2023-05-06", "备注", "letter", True, "乙", "摘要"])
    sheet.append(["A3", "2023-05-06", None, "letter", True, "丙", "摘要", None, "多余"])
    book.save(tmp_path / "loose.xlsx")
    parser, parsed = parse(ImportFormat.XLSX, tmp_path / "loose.xlsx", catalog)
    assert [r.item.ref for r in parsed] == ["A1"]
    assert [(e.line, e.message) for e in parser.errors] == [
        (3, "value in column 3, which has no title"),
        (4, "value in column 9, which has no title"),
    ]
