"""Daily docket (听证日程表: PDF and CSV with BOM) and calendars per venue and per officer."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hearing_doc_case import HEARING_DAY, MATTER, ORGAN, VENUE, concluded_case, prepared_case

from hearing_core.documents import DocumentRenderer
from hearing_core.errors import ValidationFailed
from hearing_core.hearings.documents import (
    DocketCase,
    MatterInfo,
    calendar_by_officer,
    calendar_by_venue,
    docket_context,
    docket_csv,
    docket_rows,
)
from hearing_core.hearings.domain import Slot

OTHER_VENUE = "临江县滨江街道办事处会议室"
RESUMED_ON = HEARING_DAY + timedelta(days=7)


@pytest.fixture(scope="module")
def cases() -> list[DocketCase]:
    """Case 12 heard and concluded; 13 closed, elsewhere, at 14:00; 14 suspended, resuming a week later."""
    heard = concluded_case()
    closed = prepared_case(public=False)
    closed.id = 13
    closed.schedule.slot = Slot(closed.schedule.slot.start.replace(hour=14, minute=0), closed.schedule.slot.end.replace(hour=17),
                                venue=OTHER_VENUE)
    suspended = concluded_case(suspend=True)
    suspended.id = 14
    land = MatterInfo(ref="LJ-2025-0050", title="村集体土地承包经营权调整")
    return [DocketCase(suspended, MATTER), DocketCase(closed, land), DocketCase(heard, MATTER)]


def test_docket_rows_in_time_order_with_masked_petitioner(cases: list[DocketCase]) -> None:
    rows = docket_rows(cases, ORGAN, HEARING_DAY)
    assert [(r["case_number"], r["time"], r["venue"]) for r in rows] == [
        ("临信听〔2025〕12号", "09:30-12:00", VENUE),
        ("临信听〔2025〕14号", "09:30-12:00", VENUE),
        ("临信听〔2025〕13号", "14:00-17:00", OTHER_VENUE),
    ]
    assert {r["petitioner"] for r in rows} == {"张*国"}
    assert [r["openness"] for r in rows] == ["公开", "公开", "不公开"]
    assert [r["status_label"] for r in rows] == ["已形成结论", "已形成结论", "已排期"]
    assert docket_rows(cases, ORGAN, HEARING_DAY, personal_data=True)[0]["petitioner"] == "张建国"
    only = docket_rows(cases, ORGAN, HEARING_DAY, venue=f" {OTHER_VENUE} ")
    assert [r["case_number"] for r in only] == ["临信听〔2025〕13号"]


def test_a_resumption_is_on_the_docket_of_its_day(cases: list[DocketCase]) -> None:
    (row,) = docket_rows(cases, ORGAN, RESUMED_ON)
    assert (row["case_number"], row["kind"], row["status_label"]) == ("临信听〔2025〕14号", "resumption",
                                                                      "已形成结论（恢复听证）")
    assert docket_rows(cases, ORGAN, date(2025, 3, 21)) == []


def test_docket_csv_opens_in_excel(cases: list[DocketCase]) -> None:
    data = docket_csv(docket_rows(cases, ORGAN, HEARING_DAY))
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8 Chinese
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines == [
        ["时间", "地点", "案号", "信访事项", "信访人", "主持人", "是否公开", "状态"],
        ["09:30-12:00", VENUE, "临信听〔2025〕12号", "滨江路片区房屋征收补偿标准", "张*国", "王立新", "公开", "已形成结论"],
        ["09:30-12:00", VENUE, "临信听〔2025〕14号", "滨江路片区房屋征收补偿标准", "张*国", "王立新", "公开", "已形成结论"],
        ["14:00-17:00", OTHER_VENUE, "临信听〔2025〕13号", "村集体土地承包经营权调整", "张*国", "王立新", "不公开",
         "已排期"],
    ]
    assert b"\r\n" in data
    assert docket_csv([]).decode("utf-8-sig") == "时间,地点,案号,信访事项,信访人,主持人,是否公开,状态\r\n"


def test_docket_pdf(renderer: DocumentRenderer, cases: list[DocketCase], pdf_text: Callable[[bytes], str]) -> None:
    rows = docket_rows(cases, ORGAN, HEARING_DAY)
    pdf = renderer.pdf("hearing/docket.html", docket_context(rows, ORGAN, HEARING_DAY, venue=None,
                                                               generated_on=date(2025, 3, 19)))
    text = pdf_text(pdf)
    for expected in ("听证日程表", "2025年3月20日 星期四", "临江县人民政府信访局", "本日共3场听证。", "第 1 页 共 1 页"):
        assert expected in text, expected
    assert "张建国" not in text
    # A three-line table (三线表) has no vertical rules: check the rows as text, wrapped cells aside.
    assert "时间 地点 案号 信访事项 信访人 主持人 是否公开 状态" in text
    assert "临信听〔2025〕13号 村集体土地承包经营权调整 张*国 王立新 不公开 已排期" in text
    assert text.index("临信听〔2025〕12号") < text.index("临信听〔2025〕14号") < text.index("临信听〔2025〕13号")
    empty = renderer.html("hearing/docket.html", docket_context([], ORGAN, date(2025, 3, 21), venue=VENUE,
                                                                 generated_on=date(2025, 3, 19)))
    assert "本日无听证安排。" in empty and "2025年3月21日　星期五　" + VENUE in empty


def test_calendar_by_venue(cases: list[DocketCase]) -> None:
    calendar = calendar_by_venue(cases, ORGAN, HEARING_DAY, RESUMED_ON)
    assert (calendar["from"], calendar["to"]) == ("2025-03-20", "2025-03-27")
    by_venue = {v["venue"]: v["days"] for v in calendar["venues"]}
    assert [d["date"] for d in by_venue[VENUE]] == ["2025-03-20", "2025-03-27"]
    assert by_venue[VENUE][0]["weekday"] == "星期四"
    assert [s["case_id"] for s in by_venue[VENUE][0]["sittings"]] == [12, 14]
    assert [s["kind"] for s in by_venue[VENUE][1]["sittings"]] == ["resumption"]
    assert [s["case_id"] for d in by_venue[OTHER_VENUE] for s in d["sittings"]] == [13]
    one = calendar_by_venue(cases, ORGAN, HEARING_DAY, HEARING_DAY, venue=OTHER_VENUE)
    assert [v["venue"] for v in one["venues"]] == [OTHER_VENUE]


def test_calendar_by_officer(cases: list[DocketCase]) -> None:
    calendar = calendar_by_officer(cases, ORGAN, HEARING_DAY, HEARING_DAY + timedelta(days=30))
    names = [o["name"] for o in calendar["officers"]]
    assert sorted(names) == sorted(["王立新", "刘志强", "赵晓燕", "孙丽"])  # 陈红梅 was recused
    clerk = calendar_by_officer(cases, ORGAN, HEARING_DAY, HEARING_DAY + timedelta(days=30), officer="150")
    (only,) = clerk["officers"]
    assert only["name"] == "孙丽"
    sittings = [(d["date"], s["case_id"], s["role_label"]) for d in only["days"] for s in d["sittings"]]
    assert sittings == [("2025-03-20", 12, "记录员"), ("2025-03-20", 14, "记录员"), ("2025-03-20", 13, "记录员"),
                        ("2025-03-27", 14, "记录员")]
    assert calendar_by_officer(cases, ORGAN, HEARING_DAY, HEARING_DAY, officer="陈红梅")["officers"] == []


def test_calendar_range_is_checked(cases: list[DocketCase]) -> None:
    with pytest.raises(ValidationFailed, match="ends before"):
        calendar_by_venue(cases, ORGAN, HEARING_DAY, HEARING_DAY - timedelta(days=1))
    with pytest.raises(ValidationFailed, match="too long"):
        calendar_by_officer(cases, ORGAN, HEARING_DAY, HEARING_DAY + timedelta(days=400))
