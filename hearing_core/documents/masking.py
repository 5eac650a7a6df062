"""Masking of personal data (个人信息脱敏) in rendered documents.

Two families of filters:

* ``mask_id``, ``mask_phone``, ``mask_name`` always mask. Use them where the document
  itself is public, e.g. a hearing announcement (听证公告) or leader-reception notice
  (接访公示).
* ``id_number``, ``phone``, ``person_name`` mask *unless* the current render was
  started with ``personal_data=True`` (the viewer's role holds the personal-data
  permission). Templates use these for every personal datum, so a single template
  serves both the official copy and a redacted preview, and a caller that forgets the
  flag leaks nothing.

The flag lives in a :class:`contextvars.ContextVar` set by the renderer around each
render, not in the Jinja context: macros imported without context would not see a
context variable and would silently mask an official copy; a context key could also be
shadowed by data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = [
    "id_number",
    "mask_id",
    "mask_name",
    "mask_phone",
    "person_name",
    "personal_data_allowed",
    "phone",
    "reveal_personal_data",
]

_PERSONAL_DATA: ContextVar[bool] = ContextVar("hearing_documents_personal_data", default=False)

# Country code kept as is: it identifies nobody and tells the reader the number's kind.
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)[\s-]?")
# A landline area code (区号) followed by a separator: 020-…, 0755 ….
_AREA_CODE = re.compile(r"^0\d{2,3}[\s-]")


@contextmanager
def reveal_personal_data(allowed: bool) -> Iterator[None]:
    """Within the block, the permission-aware filters show (``True``) or mask personal data."""
    token = _PERSONAL_DATA.set(allowed)
    try:
        yield
    finally:
        _PERSONAL_DATA.reset(token)


def personal_data_allowed() -> bool:
    """Whether the render in progress may show personal data (default: no)."""
    return _PERSONAL_DATA.get()


def mask_id(value: object) -> str:
    """Identity-document number: ``440102199001011234`` → ``440102********1234``.

    Resident ID cards (18 or the old 15 characters) keep the six-digit region code and
    the last four; shorter numbers (passports, permits) keep the first and last two.
    """
    if value is None:
        return ""
    text = str(value).strip()
    if len(text) >= 15:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if len(text) >= 6:
        return text[:1] + "*" * (len(text) - 3) + text[-2:]
    return "*" * len(text)


def mask_phone(value: object) -> str:
    """Telephone number: ``13812345678`` → ``138****5678``, ``020-12345678`` → ``020-****5678``.

    Separators stay where they are so the number keeps its familiar shape; only digits
    are replaced. Mobile numbers keep the first three and last four digits; after an
    area code, the local number keeps its last four.
    """
    if value is None:
        return ""
    text = str(value).strip()
    kept = ""
    prefix = _COUNTRY_PREFIX.match(text)
    if prefix:
        kept, text = text[: prefix.end()], text[prefix.end() :]
    head = 3
    area = _AREA_CODE.match(text)
    if area:
        kept, text, head = kept + text[: area.end()], text[area.end() :], 0
    positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(positions) >= head + 5:
        hidden = positions[head:-4]
    elif len(positions) > 2:
        hidden = positions[:-2]
    else:
        hidden = positions
    hidden_set = set(hidden)
    return kept + "".join("*" if i in hidden_set else ch for i, ch in enumerate(text))


def mask_name(value: object) -> str:
    """Person's name: ``张三`` → ``张*``, ``李小明`` → ``李*明``, ``欧阳小明`` → ``欧**明``.

    The separator dot of transliterated names (``阿依古丽·买买提``) is kept.
    """
    if value is None:
        return ""
    text = str(value).strip()
    if len(text) <= 1:
        return "*" * len(text)
    if len(text) == 2:
        return text[0] + "*"
    middle = "".join(ch if ch in "·•." else "*" for ch in text[1:-1])
    return text[0] + middle + text[-1]


def id_number(value: object) -> str:
    """ID number, masked unless the render may show personal data."""
    return "" if value is None else (str(value) if personal_data_allowed() else mask_id(value))


def phone(value: object) -> str:
    """Telephone number, masked unless the render may show personal data."""
    return "" if value is None else (str(value) if personal_data_allowed() else mask_phone(value))


def person_name(value: object) -> str:
    """A private person's name, masked unless the render may show personal data.

    Officials acting in their office (hearing officers, signatories) are not masked;
    use this filter for petitioners, third parties and witnesses only.
    """
    return "" if value is None else (str(value) if personal_data_allowed() else mask_name(value))
