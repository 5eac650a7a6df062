"""Holiday calendar: the package's official schedule, coverage, and the override file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hearing_core.deadlines import DayKind, HolidayCalendar, compute, load_profile
from hearing_core.deadlines.calendar import package_years
from hearing_core.errors import CalendarNotCovered, ValidationFailed

D = date
CAL = HolidayCalendar()

# Test data shaped like a State Council notice; NOT the official 2027 schedule.
# 2027-01-01 is a Friday; 2027-02-14 a Sunday.
OVERRIDE_2027 = """
[years.2027]
source = "测试数据：仿国务院办公厅关于2027年部分节假日安排的通知"

[[years.2027.holidays]]
name = "元旦"
start = 2027-01-01
end = 2027-01-03

[[years.2027.holidays]]
name = "春节"
start = 2027-02-06
end = 2027-02-13

[[years.2027.makeup_workdays]]
name = "春节"
date = 2027-02-14
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "holidays.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("day", "working", "kind", "name"), [
    (D(2025, 1, 26), True, DayKind.MAKEUP_WORKDAY, "春节"),   # Sunday worked (调休上班)
    (D(2025, 1, 27), True, DayKind.WORKDAY, None),
    (D(2025, 1, 28), False, DayKind.HOLIDAY, "春节"),
    (D(2025, 2, 1), False, DayKind.HOLIDAY, "春节"),          # weekend inside the block
    (D(2025, 2, 8), True, DayKind.MAKEUP_WORKDAY, "春节"),    # Saturday worked
    (D(2025, 2, 9), False, DayKind.WEEKEND, None),
    (D(2025, 9, 28), True, DayKind.MAKEUP_WORKDAY, "国庆节"),
    (D(2025, 10, 1), False, DayKind.HOLIDAY, "国庆节"),
    (D(2025, 10, 6), False, DayKind.HOLIDAY, "中秋节"),       # package's short name 中秋 normalised
    (D(2025, 10, 11), True, DayKind.MAKEUP_WORKDAY, "国庆节"),
    (D(2025, 4, 4), False, DayKind.HOLIDAY, "清明节"),
    (D(2025, 5, 31), False, DayKind.HOLIDAY, "端午节"),
])
def test_official_2025_schedule(day: date, working: bool, kind: DayKind, name: str | None) -> None:
    info = CAL.day_info(day)
    assert (CAL.is_working_day(day), info.kind, info.name) == (working, kind, name)
    assert CAL.holiday_name(day) == (name if kind is DayKind.HOLIDAY else None)
    assert CAL.makeup_for(day) == (name if kind is DayKind.MAKEUP_WORKDAY else None)


def test_next_and_previous_working_day() -> None:
    assert CAL.next_working_day(D(2025, 1, 27)) == D(2025, 2, 5)
    assert CAL.next_working_day(D(2025, 1, 24)) == D(2025, 1, 26)    # make-up Sunday
    assert CAL.previous_working_day(D(2025, 10, 9)) == D(2025, 9, 30)
    assert CAL.roll_forward(D(2025, 10, 3)) == D(2025, 10, 9)
    assert CAL.roll_forward(D(2025, 10, 9)) == D(2025, 10, 9)


def test_coverage_and_clear_error() -> None:
    assert CAL.covers(D(2025, 6, 1)) and not CAL.covers(D(2031, 6, 1))
    assert package_years().stop - 1 in CAL.covered_years()
    for call in (CAL.is_working_day, CAL.holiday_name, CAL.next_working_day):
        with pytest.raises(CalendarNotCovered) as info:
            call(D(2031, 5, 1))
        assert "no schedule for 2031" in info.value.detail
        assert "国务院办公厅关于2031年部分节假日安排的通知" in info.value.detail
        assert info.value.status == 422


def test_override_file_adds_a_year(tmp_path: Path) -> None:
    cal = HolidayCalendar.from_file(write(tmp_path, OVERRIDE_2027))
    assert cal.covers(D(2027, 1, 1)) and cal.holiday_name(D(2027, 1, 2)) == "元旦"
    assert cal.is_working_day(D(2027, 2, 14)) and cal.makeup_for(D(2027, 2, 14)) == "春节"
    assert cal.is_working_day(D(2027, 1, 4)) and not cal.is_working_day(D(2027, 1, 9))  # Mon; Sat
    assert "holidays.toml" in cal.source_of(2027)
    assert cal.source_of(2025).startswith("chinese-calendar")
    national = load_profile()
    # 15 d from Fri 2026-12-18: 12-19..12-31 = 13, 2027-01-01..01-02 = 15; 01-02 元旦 (Sat),
    # 01-03 元旦 (Sun) -> Mon 2027-01-04.
    deadline = compute(national.rule("intake.disposition"), D(2026, 12, 18), cal)
    assert deadline.due == D(2027, 1, 4)
    assert "元旦" in deadline.explanation.to_text("zh")
    # 5 wd from Fri 2027-02-12 (春节): 02-13 skip, Sun 02-14 make-up = 1, 02-15..02-18 = 5.
    assert compute(national.rule("acceptance.objection"), D(2027, 2, 12), cal).due == D(2027, 2, 18)
    # The same computation without the override cannot be answered.
    with pytest.raises(CalendarNotCovered):
        compute(national.rule("intake.disposition"), D(2026, 12, 18), HolidayCalendar())


def test_fingerprint_changes_with_overrides(tmp_path: Path) -> None:
    assert HolidayCalendar().fingerprint() == HolidayCalendar.from_file(None).fingerprint()
    first = HolidayCalendar.from_file(write(tmp_path, OVERRIDE_2027))
    again = HolidayCalendar.from_file(write(tmp_path, OVERRIDE_2027))
    changed = HolidayCalendar.from_file(write(tmp_path, OVERRIDE_2027.replace("end = 2027-02-13", "end = 2027-02-12")))
    assert first.fingerprint() == again.fingerprint()
    assert len({HolidayCalendar().fingerprint(), first.fingerprint(), changed.fingerprint()}) == 3


@pytest.mark.parametrize(("text", "field", "words"), [
    ("[years.2027]\nsource = 'x'\n[[years.2027.makeup_workdays]]\nname = '春节'\ndate = 2027-02-10\n",
     "years.2027.makeup_workdays[0].date", "weekday"),
    ("[years.2027]\nsource = 'x'\n[[years.2027.holidays]]\nname = '元旦'\nstart = 2026-12-31\n",
     "years.2027.holidays[0].start", "not in 2027"),
    ("[years.2027]\n[[years.2027.holidays]]\nname = '元旦'\nstart = 2027-01-01\n",
     "years.2027.source", "required"),
    ("[years.2025]\nsource = 'x'\n", "years.2025", "replace_package"),
    ("[years.2027]\nsource = 'x'\nholiday = []\n", "years.2027.holiday", "unknown key"),
    ("[years.2027]\nsource = 'x'\n[[years.2027.holidays]]\nname = '春节'\nstart = 2027-02-13\nend = 2027-02-06\n",
     "years.2027.holidays[0].end", "before start"),
    ("[years.27]\nsource = 'x'\n", "years.27", "four-digit year"),
    ("[years.2027]\nsource = 'x'\n[[years.2027.holidays]]\nname = '元旦'\nstart = '2027-13-01'\n",
     "years.2027.holidays[0].start", "not a date"),
])
def test_override_validation(tmp_path: Path, text: str, field: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ValidationFailed) as info:
        HolidayCalendar.from_file(path)
    errors = {e.field: e.message for e in info.value.errors}
    assert field in errors and words in errors[field], errors
    assert str(path) in info.value.detail


def test_override_may_replace_a_package_year_only_when_asked(tmp_path: Path) -> None:
    text = "[years.2025]\nsource = '更正'\nreplace_package = true\n[[years.2025.holidays]]\nname = '春节'\nstart = 2025-01-28\n"
    cal = HolidayCalendar.from_file(write(tmp_path, text))
    assert cal.holiday_name(D(2025, 1, 28)) == "春节"
    assert cal.is_working_day(D(2025, 1, 29))  # the replacement is the whole year


def test_override_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="does not exist"):
        HolidayCalendar.from_file(tmp_path / "missing.toml")
    with pytest.raises(ValidationFailed) as info:
        HolidayCalendar.from_file(write(tmp_path, "[years.2027\n"))
    assert info.value.errors[0].field == "(toml)"
