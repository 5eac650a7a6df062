"""Chinese formatting and masking filters (中文格式与脱敏过滤器)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearing_core.documents import (
    cn_date,
    cn_date_official,
    cn_datetime,
    cn_digits,
    cn_number,
    cn_time,
    cn_weekday,
    id_number,
    mask_id,
    mask_name,
    mask_phone,
    percent,
    person_name,
    phone,
)
from hearing_core.documents.masking import reveal_personal_data


@pytest.mark.parametrize(
    ("value", "arabic", "official"),
    [
        (dt.date(2025, 3, 8), "2025年3月8日", "二〇二五年三月八日"),
        (dt.date(2020, 10, 31), "2020年10月31日", "二〇二〇年十月三十一日"),
        (dt.date(2000, 1, 20), "2000年1月20日", "二〇〇〇年一月二十日"),
        (dt.datetime(2025, 12, 11, 16, 5), "2025年12月11日", "二〇二五年十二月十一日"),
        ("2025-03-08", "2025年3月8日", "二〇二五年三月八日"),
    ],
)
def test_dates_in_both_official_forms(value: object, arabic: str, official: str) -> None:
    assert cn_date(value) == arabic
    assert cn_date_official(value) == official


def test_aware_datetimes_print_china_wall_clock_time() -> None:
    # 01:30 UTC is 09:30 in Beijing; a notice must show the time the petitioner sees.
    utc = dt.datetime(2025, 3, 19, 17, 30, tzinfo=dt.UTC)
    assert cn_datetime(utc) == "2025年3月20日（星期四）凌晨1时30分"
    assert cn_date(dt.datetime(2025, 3, 19, 20, 0, tzinfo=dt.UTC)) == "2025年3月20日"


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2025, 3, 10), "星期一"), (dt.date(2025, 3, 15), "星期六"), (dt.date(2025, 3, 16), "星期日")],
)
def test_weekday_names(day: dt.date, expected: str) -> None:
    assert cn_weekday(day) == expected
    assert cn_weekday(day, prefix="周") == expected.replace("星期", "周")


@pytest.mark.parametrize(
    ("moment", "plain", "with_period"),
    [
        (dt.time(9, 30), "9时30分", "上午9时30分"),
        (dt.time(14, 30), "14时30分", "下午2时30分"),
        (dt.time(9, 0), "9时", "上午9时"),
        (dt.time(12, 15), "12时15分", "中午12时15分"),
        (dt.time(19, 5), "19时5分", "晚上7时5分"),
        (dt.time(0, 40), "0时40分", "凌晨0时40分"),
    ],
)
def test_times(moment: dt.time, plain: str, with_period: str) -> None:
    assert cn_time(moment) == plain
    assert cn_time(moment, period=True) == with_period


def test_datetime_as_notices_write_it() -> None:
    assert cn_datetime(dt.datetime(2025, 3, 20, 9, 30)) == "2025年3月20日（星期四）上午9时30分"
    assert cn_datetime("2025-03-20T14:00", weekday=False, period=False) == "2025年3月20日14时"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10000, "一万"),
        (12345, "一万二千三百四十五"),
        (100010, "十万零一十"),
        (1000500, "一百万零五百"),
        (100000001, "一亿零一"),
        (-3, "负三"),
    ],
)
def test_chinese_numerals(number: int, expected: str) -> None:
    assert cn_number(number) == expected


def test_chinese_numerals_reject_fractions_and_digits_read_one_by_one() -> None:
    with pytest.raises(ValueError):
        cn_number(1.5)  # type: ignore[arg-type]
    assert cn_digits(2025) == "二〇二五"
    assert cn_digits("0") == "〇"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((0.1234,), "12.3%"),
        ((0.1235,), "12.4%"),  # half-up, where float formatting would give 12.3%
        ((0.9734,), "97.3%"),
        ((1, 3), "33.3%"),
        ((2, 3), "66.7%"),
        ((5, 0), "—"),
        ((1,), "100.0%"),
    ],
)
def test_percentages_to_one_decimal(args: tuple[float, ...], expected: str) -> None:
    assert percent(*args) == expected


def test_percent_with_two_decimals() -> None:
    assert percent(0.12345, digits=2) == "12.35%"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("440102199001011234", "440102********1234"),
        ("44010219900101123X", "440102********123X"),
        ("440102900101123", "440102*****1123"),
        ("E12345678", "E******78"),
    ],
)
def test_id_number_masking(raw: str, masked: str) -> None:
    assert mask_id(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("020-12345678", "020-****5678"),
        ("0755 8765 4321", "0755 **** 4321"),
    ],
)
def test_phone_masking(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("张三", "张*"), ("李小明", "李*明"), ("欧阳小明", "欧**明"), ("阿依古丽·买买提", "阿***·**提")],
)
def test_name_masking(raw: str, masked: str) -> None:
    assert mask_name(raw) == masked


def test_permission_aware_filters_mask_unless_revealed() -> None:
    assert id_number("440102199001011234") == "440102********1234"
    assert phone("13812345678") == "138****5678"
    assert person_name("张建国") == "张*国"
    with reveal_personal_data(True):
        assert id_number("440102199001011234") == "440102199001011234"
        assert phone("13812345678") == "13812345678"
        assert person_name("张建国") == "张建国"
    assert person_name("张建国") == "张*国"


def test_none_renders_as_blank() -> None:
    for function in (
        cn_date,
        cn_date_official,
        cn_weekday,
        cn_time,
        cn_datetime,
        percent,
        mask_id,
        mask_phone,
        mask_name,
    ):
        assert function(None) == ""
