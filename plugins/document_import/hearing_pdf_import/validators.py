"""Validation of values read from registration forms (登记表字段校验).

Each ``parse_*`` function takes the text found beside a label and returns the
normalised value, or raises :class:`InvalidValue` whose message says what is
wrong without repeating the value (it may be an ID number, which must not reach
logs). Full-width digits and letters (１２３，Ｘ) are accepted: NFKC is applied to
the value being validated, never to extracted text.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "CHANNELS",
    "InvalidValue",
    "id_check_digit",
    "is_valid_id_number",
    "parse_channel",
    "parse_date",
    "parse_gender",
    "parse_persons",
    "parse_phone",
    "parse_text",
    "validate_id_number",
]


class InvalidValue(ValueError):
    """A value that does not follow its format; the message names the rule, not the value."""


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


# ---------------------------------------------------------------- resident ID (居民身份证号码)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The check character of GB 11643-1999 (ISO 7064 MOD 11-2) for 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise InvalidValue("the first 17 characters of a resident ID number must be digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(value: str) -> str:
    """Check a resident ID number (公民身份号码, GB 11643-1999); return it normalised.

    Eighteen characters: a 6-digit region code, an 8-digit birth date, a 3-digit
    sequence and a check character (0-9 or X). Spaces are ignored, ``x`` is
    upper-cased. Raises :class:`InvalidValue` naming the failed rule.
    """
    number = re.sub(r"\s+", "", _nfkc(value)).upper()
    if len(number) != 18:
        raise InvalidValue("a resident ID number (身份证号) has 18 characters (GB 11643-1999)")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidValue("a resident ID number (身份证号) is 17 digits and a digit or X")
    if number[0] in "09":
        raise InvalidValue("the region code of the resident ID number (身份证号) is not valid")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidValue("the birth date in the resident ID number (身份证号) is not a real date") from exc
    if born.year < 1800 or born > date.today():
        raise InvalidValue("the birth date in the resident ID number (身份证号) is out of range")
    if id_check_digit(number[:17]) != number[17]:
        raise InvalidValue("the check digit of the resident ID number (身份证号) is wrong (GB 11643-1999)")
    return number


def is_valid_id_number(value: str) -> bool:
    """True if :func:`validate_id_number` accepts ``value``."""
    try:
        validate_id_number(value)
    except InvalidValue:
        return False
    return True


# ---------------------------------------------------------------- phone (联系电话)

_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
# Landline: area code 0 + 2-3 digits, subscriber 7-8 digits, optional extension (转).
_LANDLINE = re.compile(
    r"(?:\+?86-?)?\(?(0\d{2,3})\)?-?(\d{7,8})(?:(?:转|-|ext\.?|x)(\d{1,6}))?", re.IGNORECASE
)


def parse_phone(value: str) -> str:
    """A mainland mobile (``13800138000``) or landline (``0755-12345678``) number, normalised."""
    text = re.sub(r"\s+", "", _nfkc(value))
    mobile = _MOBILE.fullmatch(re.sub(r"[-()]", "", text))
    if mobile:
        return mobile.group(1)
    landline = _LANDLINE.fullmatch(text)
    if landline:
        area, number, ext = landline.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else "")
    raise InvalidValue(
        "a phone number (联系电话) is an 11-digit mobile number or an area code and 7-8 digits"
    )


# ---------------------------------------------------------------- dates (日期)

_DATE = re.compile(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?")


def parse_date(value: str) -> date:
    """A date written ``2025-03-08``, ``2025/3/8``, ``2025.3.8`` or ``2025年3月8日``."""
    match = _DATE.fullmatch(_nfkc(value))
    if not match:
        raise InvalidValue("a date is written like 2025-03-08, 2025/3/8 or 2025年3月8日")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise InvalidValue("the date does not exist in the calendar") from exc


# ---------------------------------------------------------------- channel (信访形式)

#: Words on forms → channel codes used by the register (信访形式).
CHANNELS: dict[str, str] = {
    "来信": "letter",
    "信件": "letter",
    "来访": "visit",
    "走访": "visit",
    "来电": "phone",
    "电话": "phone",
    "网上": "online",
    "网信": "online",
    "网络": "online",
    "传真": "fax",
    "电子邮件": "email",
    "邮件": "email",
}
_CHECKED = "☑✓✔√■●☒⊠◉"
_UNCHECKED = "□☐○◯"


def parse_channel(value: str) -> str:
    """The channel code of a 信访形式 cell: a single word, or the ticked one of a list.

    ``来访`` → ``visit``; ``☑来信 □来访`` → ``letter``.
    """
    text = _nfkc(value)
    if any(mark in text for mark in _CHECKED):
        # A tick list: only words directly after a tick count.
        found = {
            code
            for word, code in CHANNELS.items()
            for mark in _CHECKED
            if re.search(re.escape(mark) + r"\s*" + re.escape(word), text)
        }
    else:
        plain = re.sub("[" + _UNCHECKED + r"\s]", "", text)
        found = {code for word, code in CHANNELS.items() if word in plain}
    if len(found) != 1:
        words = "、".join(dict.fromkeys(CHANNELS))
        raise InvalidValue(f"the channel (信访形式) must be exactly one of {words}")
    return found.pop()


# ---------------------------------------------------------------- persons (人数)

_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text: str) -> int | None:
    """一 … 九十九 (the range of a headcount written in words)."""
    if not text or any(c not in _NUMERALS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def parse_persons(value: str) -> int:
    """Number of petitioners (信访人数), an integer ≥ 1: ``3``, ``3人``, ``三人``."""
    text = re.sub(r"\s+", "", _nfkc(value)).removesuffix("人").removesuffix("名")
    count = int(text) if text.isdigit() else _chinese_number(text)
    if count is None:
        raise InvalidValue("the number of persons (人数) must be a whole number")
    if count < 1:
        raise InvalidValue("the number of persons (人数) must be at least 1")
    return count


# ---------------------------------------------------------------- gender and text


def parse_gender(value: str) -> str:
    """``男`` → ``male``, ``女`` → ``female`` (also a ticked list like ``☑男 □女``)."""
    text = re.sub(r"\s+", "", _nfkc(value))
    if any(mark in text for mark in _CHECKED):
        ticked = re.findall("[" + _CHECKED + "]([男女])", text)
        text = ticked[0] if len(ticked) == 1 else ""
    if text in {"男", "男性"}:
        return "male"
    if text in {"女", "女性"}:
        return "female"
    raise InvalidValue("the gender (性别) must be 男 or 女")


def parse_text(value: str) -> str:
    """Free text (姓名, 住址, 反映问题): whitespace collapsed, must not be empty."""
    text = " ".join(value.split())
    if not text:
        raise InvalidValue("the value is empty")
    return text
