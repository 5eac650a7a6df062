from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearing_core.errors import ValidationFailed
from hearing_core.petitions.domain.codes import Sex
from hearing_core.petitions.domain.identity import (
    ID_WEIGHTS,
    birth_date_from_id,
    id_check_code,
    id_number_error,
    is_mobile,
    mask_id_number,
    mask_phone,
    normalise_phone,
    phone_error,
    sex_from_id,
    validate_id_number,
    validate_phone,
)

MakeId = Callable[..., str]

TODAY = date(2024, 1, 15)


def check_of(first17: str) -> str:
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


def test_weights_are_powers_of_two_mod_11() -> None:
    assert ID_WEIGHTS == tuple(pow(2, 17 - i, 11) for i in range(17))


def test_published_example_number_is_valid() -> None:
    # The example of GB 11643-1999 itself: check character X.
    assert id_check_code("11010519491231002") == "X"
    assert id_number_error("11010519491231002X", today=TODAY) is None
    assert id_number_error("11010519491231002x", today=TODAY) is None
    assert validate_id_number(" 11010519491231002x ", today=TODAY) == "11010519491231002X"


def test_valid_numbers_built_in_the_test_pass(make_id: MakeId) -> None:
    for region, born, seq in [("440106", date(1990, 1, 1), 123), ("110101", date(2000, 2, 29), 8),
                              ("820000", date(1955, 12, 31), 999)]:  # fmt: skip
        number = make_id(region, born, seq)
        assert id_number_error(number, today=TODAY) is None, number


def test_wrong_check_character_is_reported_with_the_expected_one(make_id: MakeId) -> None:
    number = make_id()
    wrong = "0" if number[-1] != "0" else "1"
    message = id_number_error(number[:17] + wrong, today=TODAY)
    assert message is not None
    assert "check character" in message
    assert f"expected {number[-1]}" in message


def test_impossible_birth_date_is_rejected() -> None:
    first17 = "44010619900230123"  # 30 February
    message = id_number_error(first17 + check_of(first17), today=TODAY)
    assert message == "birth date (characters 7-14) is not a real calendar date"


def test_future_birth_date_is_rejected(make_id: MakeId) -> None:
    message = id_number_error(make_id(born=date(2024, 6, 1)), today=TODAY)
    assert message == "birth date (characters 7-14) is in the future"


def test_fifteen_digit_number_is_rejected_with_a_message() -> None:
    message = id_number_error("110105491231002", today=TODAY)
    assert message is not None
    assert "15-digit" in message and "18-character" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "ID number (身份证号) is empty"),
        ("4401061990010112", "ID number (身份证号) must have 18 characters, got 16"),
        ("44010619900101A23X", "the first 17 characters of an ID number must be digits"),
        ("44010619900101123Y", "the last character of an ID number must be a digit or X"),
        ("94010619900101123X", "region code must start with 1-8, got 9"),
    ],
)
def test_shape_errors(value: str, expected: str) -> None:
    assert id_number_error(value, today=TODAY) == expected


def test_messages_never_repeat_the_number(make_id: MakeId) -> None:
    number = make_id()
    bad = number[:17] + ("0" if number[-1] != "0" else "1")
    message = id_number_error(bad, today=TODAY) or ""
    assert bad not in message and number[6:14] not in message


def test_validate_raises_validation_failed_naming_the_field() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_id_number("110105491231002", field="petitioner.id_number")
    assert info.value.errors[0].field == "petitioner.id_number"


def test_birth_date_and_sex(make_id: MakeId) -> None:
    male = make_id("440106", date(1985, 7, 9), 131)  # 17th digit 1 → odd → male
    female = make_id("440106", date(1985, 7, 9), 132)
    assert birth_date_from_id(male) == date(1985, 7, 9)
    assert sex_from_id(male) is Sex.MALE
    assert sex_from_id(female) is Sex.FEMALE
    with pytest.raises(ValidationFailed):
        sex_from_id("110105491231002")


@given(
    region=st.integers(min_value=110000, max_value=829999).map(str),
    born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    seq=st.integers(min_value=0, max_value=999),
)
def test_any_well_formed_number_validates_and_any_other_check_fails(region: str, born: date, seq: int) -> None:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    good = check_of(first17)
    assert id_number_error(first17 + good, today=TODAY) is None
    for other in "0123456789X".replace(good, ""):
        assert "check character" in (id_number_error(first17 + other, today=TODAY) or "")


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0755-82345678", "0755-82345678"),
        ("075582345678", "0755-82345678"),
        ("(020) 8765 4321", "020-87654321"),
        ("010-87654321", "010-87654321"),
        ("0763-2345678", "0763-2345678"),
        ("0755-82345678转123", "0755-82345678-123"),
        ("0755-82345678-123", "0755-82345678-123"),
    ],
)
def test_valid_phones_normalise(value: str, canonical: str) -> None:
    assert phone_error(value) is None
    assert normalise_phone(value) == canonical
    assert validate_phone(value) == canonical


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("12812345678", "starting with 13-19"),
        ("1381234567", "11 digits"),
        ("138123456789", "11 digits"),
        ("82345678", "needs its area code"),
        ("0755-1234", "not a mobile"),
        ("hello", "not a mobile"),
        ("", "empty"),
    ],
)
def test_invalid_phones_say_why(value: str, fragment: str) -> None:
    assert fragment in (phone_error(value) or "")
    with pytest.raises(ValidationFailed):
        validate_phone(value)


def test_is_mobile() -> None:
    assert is_mobile("+8613812345678")
    assert not is_mobile("0755-82345678")


def test_masking_keeps_only_the_agreed_characters(make_id: MakeId) -> None:
    number = make_id("440106", date(1990, 1, 1), 123)
    masked = mask_id_number(number)
    assert masked == "440106" + "********" + number[-4:]
    assert "19900101" not in masked
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"
    assert mask_phone("0755-82345678") == "0755-****5678"
    assert mask_phone("020-87654321") == "020-****4321"
    assert "8234" not in mask_phone("0755-82345678")
    assert mask_id_number("1234") == "****"
