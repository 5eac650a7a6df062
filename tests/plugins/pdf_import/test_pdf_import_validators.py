"""Validators of form values: ID number (GB 11643-1999), phone, date, channel, persons."""

from __future__ import annotations

from datetime import date

import pdf_factory
import pytest
from hearing_pdf_import.validators import (
    InvalidValue,
    id_check_digit,
    is_valid_id_number,
    parse_channel,
    parse_date,
    parse_gender,
    parse_persons,
    parse_phone,
    parse_text,
    validate_id_number,
)
from hypothesis import given
from hypothesis import strategies as st

# Published specimen numbers whose check characters are known (one ends in X).
KNOWN_VALID = ["11010519491231002X", "440524188001010014", "110101199003074477"]

id_prefixes = st.builds(
    lambda region, born, seq: f"{region}{born:%Y%m%d}{seq:03d}",
    st.integers(110000, 829999).map(str),
    st.dates(date(1900, 1, 1), date(2020, 12, 31)),
    st.integers(0, 999),
)


@pytest.mark.parametrize("number", KNOWN_VALID)
def test_known_id_numbers_are_valid(number: str) -> None:
    assert validate_id_number(number) == number
    assert validate_id_number(number.lower()) == number
    assert validate_id_number(" ".join([number[:6], number[6:14], number[14:]])) == number


@given(id_prefixes)
def test_check_digit_matches_an_independent_implementation(prefix: str) -> None:
    number = pdf_factory.valid_id_number(prefix)
    assert id_check_digit(prefix) == number[-1]
    assert validate_id_number(number) == number


@given(id_prefixes, st.sampled_from("0123456789X"))
def test_any_other_check_character_is_rejected(prefix: str, check: str) -> None:
    number = pdf_factory.valid_id_number(prefix)
    if check != number[-1]:
        assert not is_valid_id_number(prefix + check)


@given(id_prefixes, st.integers(0, 16), st.integers(1, 9))
def test_a_single_changed_digit_is_caught(prefix: str, position: int, delta: int) -> None:
    number = pdf_factory.valid_id_number(prefix)
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    assert not is_valid_id_number(changed) or changed == number


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("11010519491231002", "18 characters"),
        ("1101051949123100AX", "17 digits"),
        ("01010519491231002X", "region"),
        ("110105194902300021", "not a real date"),
        ("110105194912310021", "check digit"),
    ],
)
def test_invalid_id_numbers_say_why_without_the_number(number: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as info:
        validate_id_number(number)
    assert reason in str(info.value)
    assert number not in str(info.value)  # ID numbers must not reach logs


def test_full_width_id_number_is_normalised() -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002X")
    assert validate_id_number(full) == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("0755-12345678", "0755-12345678"),
        ("(010)87654321", "010-87654321"),
        ("010-87654321转123", "010-87654321-123"),
    ],
)
def test_phone_numbers(raw: str, expected: str) -> None:
    assert parse_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "12800138000", "1380013800", "电话", "0755-123"])
def test_bad_phone_numbers(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_phone(raw)


@pytest.mark.parametrize(
    "raw", ["2025-03-08", "2025/3/8", "2025年3月8日", "2025 年 3 月 8 日", "2025.03.08", "２０２５年３月８日"]
)
def test_dates(raw: str) -> None:
    assert parse_date(raw) == date(2025, 3, 8)


@pytest.mark.parametrize("raw", ["2025-02-30", "3月8日", "2025年13月1日", "昨天"])
def test_bad_dates(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("来信", "letter"),
        ("来访", "visit"),
        ("来电", "phone"),
        ("电话", "phone"),
        ("网上", "online"),
        ("网信", "online"),
        ("传真", "fax"),
        ("电子邮件", "email"),
        ("☑来信 □来访 □网上", "letter"),
        ("□来信 ■来访 □网上", "visit"),
    ],
)
def test_channels(raw: str, code: str) -> None:
    assert parse_channel(raw) == code


@pytest.mark.parametrize("raw", ["", "面谈", "来信 来访", "☑来信 ☑来访"])
def test_bad_channels(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_channel(raw)


@pytest.mark.parametrize(
    ("raw", "count"),
    [("1", 1), ("3人", 3), ("１２", 12), ("三人", 3), ("十", 10), ("二十一", 21), ("两名", 2)],
)
def test_persons(raw: str, count: int) -> None:
    assert parse_persons(raw) == count


@pytest.mark.parametrize("raw", ["0", "-1", "若干", "1.5", ""])
def test_bad_persons(raw: str) -> None:
    with pytest.raises(InvalidValue):
        parse_persons(raw)


def test_gender_and_text() -> None:
    assert parse_gender("男") == "male"
    assert parse_gender("女 性") == "female"
    assert parse_gender("☑女 □男") == "female"
    with pytest.raises(InvalidValue):
        parse_gender("未知")
    assert parse_text("  村委会\n未发放 ") == "村委会 未发放"
    with pytest.raises(InvalidValue):
        parse_text(" \n ")
