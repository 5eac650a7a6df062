"""Resident identity numbers (居民身份证号码) and phone numbers (联系电话).

Validation follows GB 11643-1999 (公民身份号码): 6-digit region code, 8-digit
birth date, 3-digit sequence (odd = male), and a check character computed with
ISO 7064 MOD 11-2. Messages never repeat the number itself, because they end up
in logs and API error bodies where ID numbers must not appear (reliability §10).
"""

from __future__ import annotations

import re
from datetime import date

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.codes import Sex

__all__ = [
    "CHECK_CODES",
    "ID_WEIGHTS",
    "birth_date_from_id",
    "id_check_code",
    "id_number_error",
    "is_mobile",
    "mask_id_number",
    "mask_phone",
    "normalise_id_number",
    "normalise_phone",
    "phone_error",
    "sex_from_id",
    "validate_id_number",
    "validate_phone",
]

#: Weights of the first 17 digits (GB 11643-1999, 2^(i) mod 11 for positions 18..2).
ID_WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Check character for each value of (weighted sum mod 11).
CHECK_CODES = "10X98765432"

# Full-width digits and X come in from Chinese input methods; treat them as ASCII.
_FULLWIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789XX")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010 and 02x have 8-digit local numbers; 0xxx codes have 7 or 8.
_LANDLINE = re.compile(
    r"(?P<area>0(?:10|2\d))(?P<local>[2-9]\d{7})|(?P<area4>0[3-9]\d{2})(?P<local4>[2-9]\d{6,7})"
)
_EXTENSION = re.compile(r"^(?P<number>.+?)(?:(?:转|ext\.?|#|-)(?P<ext>\d{1,6}))?$", re.IGNORECASE)


def normalise_id_number(value: str) -> str:
    """Strip spaces, convert full-width characters and upper-case the check ``x``."""
    return re.sub(r"\s+", "", value.translate(_FULLWIDTH)).upper()


def id_check_code(first17: str) -> str:
    """The check character for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("id_check_code needs exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return CHECK_CODES[total % 11]


def id_number_error(value: str, *, today: date | None = None) -> str | None:
    """Why ``value`` is not a valid 18-character resident ID number, or ``None``.

    ``today`` bounds the birth date (a number cannot encode a future birth); the
    default is the system date, tests pass a fixed one.
    """
    number = normalise_id_number(value)
    if not number:
        return "ID number (身份证号) is empty"
    if len(number) == 15 and number.isdigit():
        return (
            "15-digit ID numbers (first-generation cards) are not accepted; "
            "enter the 18-character number (GB 11643-1999)"
        )
    if len(number) != 18:
        return f"ID number (身份证号) must have 18 characters, got {len(number)}"
    if not number[:17].isdigit():
        return "the first 17 characters of an ID number must be digits"
    if not (number[17].isdigit() or number[17] == "X"):
        return "the last character of an ID number must be a digit or X"
    if number[0] not in "12345678":
        return f"region code must start with 1-8, got {number[0]}"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "birth date (characters 7-14) is not a real calendar date"
    limit = today or date.today()
    if born > limit:
        return "birth date (characters 7-14) is in the future"
    if born.year < 1900:
        return "birth date (characters 7-14) is before 1900"
    expected = id_check_code(number[:17])
    if number[17] != expected:
        return f"check character does not match (expected {expected}); the number was probably mistyped"
    return None


def validate_id_number(value: str, *, field: str = "id_number", today: date | None = None) -> str:
    """The normalised ID number, or :class:`ValidationFailed` naming ``field``."""
    problem = id_number_error(value, today=today)
    if problem:
        raise ValidationFailed("invalid ID number", [FieldError(field, problem)])
    return normalise_id_number(value)


def birth_date_from_id(value: str) -> date:
    """Birth date encoded in a valid ID number (characters 7-14)."""
    number = validate_id_number(value)
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def sex_from_id(value: str) -> Sex:
    """Sex encoded in a valid ID number: the 17th digit is odd for men."""
    number = validate_id_number(value)
    return Sex.MALE if int(number[16]) % 2 else Sex.FEMALE


def _split_phone(value: str) -> tuple[str, str | None]:
    """Separate the number from an extension and drop the usual separators."""
    text = re.sub(r"[\s()（）]", "", value.translate(_FULLWIDTH))
    match = _EXTENSION.match(text)
    if match is None:
        return text, None
    number, ext = match.group("number"), match.group("ext")
    digits = number.replace("-", "")
    # A trailing "-1234" after a complete landline is an extension; after an area
    # code it is part of the local number, so only split when the rest stands alone.
    if ext is not None and not (_MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits)):
        return text.replace("-", ""), None
    return digits, ext


def _international(text: str) -> str:
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix) and _MOBILE.fullmatch(text[len(prefix) :]):
            return text[len(prefix) :]
    return text


def phone_error(value: str) -> str | None:
    """Why ``value`` is not a mainland mobile or landline number, or ``None``."""
    number, _ext = _split_phone(value)
    number = _international(number)
    if not number:
        return "phone number (联系电话) is empty"
    if _MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number):
        return None
    if number.isdigit() and len(number) in (7, 8) and number[0] in "23456789":
        return "landline number needs its area code (e.g. 0755-82345678)"
    if number.startswith("1") and number.isdigit() and len(number) >= 10:
        return "mobile number must be 11 digits starting with 13-19"
    return "not a mobile (1[3-9] + 9 digits) or landline (area code + local number) phone number"


def normalise_phone(value: str) -> str:
    """Canonical form: ``13812345678`` or ``0755-12345678`` (``-123`` for an extension)."""
    problem = phone_error(value)
    if problem:
        raise ValidationFailed("invalid phone number", [FieldError("phone", problem)])
    number, ext = _split_phone(value)
    number = _international(number)
    if not _MOBILE.fullmatch(number):
        match = _LANDLINE.fullmatch(number)
        assert match is not None  # phone_error accepted it
        area = match.group("area") or match.group("area4")
        number = f"{area}-{number[len(area):]}"
    return f"{number}-{ext}" if ext else number


def validate_phone(value: str, *, field: str = "phone") -> str:
    """The canonical phone number, or :class:`ValidationFailed` naming ``field``."""
    problem = phone_error(value)
    if problem:
        raise ValidationFailed("invalid phone number", [FieldError(field, problem)])
    return normalise_phone(value)


def is_mobile(value: str) -> bool:
    """Whether ``value`` is a mobile number (SMS query codes can only go to these)."""
    number, _ext = _split_phone(value)
    return _MOBILE.fullmatch(_international(number)) is not None


def mask_id_number(value: str) -> str:
    """``440106********1234``: first 6 (region) and last 4 kept, for lists and logs."""
    number = normalise_id_number(value)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(value: str) -> str:
    """``138****5678`` for mobiles, ``0755-****5678`` for landlines; never the full number."""
    number, _ext = _split_phone(value)
    number = _international(number)
    if _MOBILE.fullmatch(number):
        return f"{number[:3]}****{number[-4:]}"
    match = _LANDLINE.fullmatch(number)
    if match is not None:
        area = match.group("area") or match.group("area4")
        return f"{area}-****{number[-4:]}"
    digits = re.sub(r"\D", "", number)
    return "*" * max(len(digits) - 4, 0) + digits[-4:] if len(digits) > 4 else "*" * len(digits)
