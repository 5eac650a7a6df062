"""Import fields (导入字段): names, Chinese column titles and value conversion.

One vocabulary for all three import formats. A value arrives as whatever the
file holds (JSON types, CSV text, spreadsheet numbers and dates); ``convert``
turns it into the domain type or raises ``ValueError`` with a message fit for a
:class:`~hearing_core.errors.FieldError`.

Required: ``ref``, ``received_on`` (ISO date), ``channel``, ``accepted`` and
``summary``; ``not_accepted_reason`` is required when ``accepted`` is false.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from hearing_core.petitions.domain.codes import (
    AbnormalReason,
    Channel,
    CodedEnum,
    NotAcceptedReason,
    Purpose,
    Source,
)

__all__ = ["CONVERTERS", "FIELDS", "HEADER_ALIASES", "REQUIRED", "canonical_field", "convert"]

REQUIRED = ("ref", "received_on", "channel", "accepted", "summary")
FIELDS = (
    *REQUIRED,
    "persons",
    "matter_ref",
    "not_accepted_reason",
    "category",
    "backlog",
    "petitioner_name",
    "petitioner_id_number",
    "petitioner_phone",
    "address",
    "request",
    "source",
    "purpose",
    "anonymous",
    "level_skipping",
    "litigation_related",
    "abnormal",
    "abnormal_reason",
    "national_system_no",
)
#: Chinese column titles staff use in spreadsheets, mapped to field names.
HEADER_ALIASES = {
    "编号": "ref",
    "信访件编号": "ref",
    "件号": "ref",
    "登记日期": "received_on",
    "收到日期": "received_on",
    "信访日期": "received_on",
    "信访形式": "channel",
    "人数": "persons",
    "人次": "persons",
    "事项编号": "matter_ref",
    "是否受理": "accepted",
    "不予受理原因": "not_accepted_reason",
    "不予受理理由": "not_accepted_reason",
    "内容分类": "category",
    "问题类别": "category",
    "是否积案": "backlog",
    "积案": "backlog",
    "信访人": "petitioner_name",
    "姓名": "petitioner_name",
    "身份证号": "petitioner_id_number",
    "身份证号码": "petitioner_id_number",
    "联系电话": "petitioner_phone",
    "电话": "petitioner_phone",
    "住址": "address",
    "地址": "address",
    "内容摘要": "summary",
    "主要内容": "summary",
    "诉求": "request",
    "主要诉求": "request",
    "信访来源": "source",
    "信访目的": "purpose",
    "是否匿名": "anonymous",
    "是否越级": "level_skipping",
    "是否涉法涉诉": "litigation_related",
    "是否非正常访": "abnormal",
    "非正常访原因": "abnormal_reason",
    "全国信访系统编号": "national_system_no",
}
_TRUE = {"true", "yes", "y", "1", "是", "受理", "对"}
_FALSE = {"false", "no", "n", "0", "否", "不予受理", "不受理"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# Every row of a file repeats the same few keys; the bound keeps hostile keys from growing it.
@lru_cache(maxsize=256)
def canonical_field(name: str) -> str | None:
    """The field a column title or JSON key stands for, or ``None`` if unknown."""
    key = name.strip()
    if key in HEADER_ALIASES:
        return HEADER_ALIASES[key]
    key = re.sub(r"[\s.]+", "_", key.lower())
    return key if key in FIELDS else None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be text")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("must be text")
    return str(int(value))


def _id_text(value: Any) -> str:
    # Excel keeps numbers as doubles: an 18-digit ID stored as a number has lost digits.
    if isinstance(value, float):
        raise ValueError("is stored as a number and has lost digits; format the column as text")
    return _text(value)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not an ISO date (YYYY-MM-DD)")
    return date.fromisoformat(text)


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(f"'{text}' is not a whole number")
    return int(text)


def _persons(value: Any) -> int:
    # Checked here as well as on the item, so the row still reports it when another
    # field (say an unknown channel) keeps the item from being built.
    persons = _int(value)
    if persons < 1:
        raise ValueError("must be at least 1")
    return persons


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"'{text}' is not true/false (是/否)")


def _coded(enum: type[CodedEnum]) -> Callable[[Any], CodedEnum]:
    def parse(value: Any) -> CodedEnum:
        return enum.parse(_text(value))

    return parse


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "received_on": _date,
    "persons": _persons,
    "accepted": _bool,
    "backlog": _bool,
    "anonymous": _bool,
    "level_skipping": _bool,
    "litigation_related": _bool,
    "abnormal": _bool,
    "channel": _coded(Channel),
    "source": _coded(Source),
    "purpose": _coded(Purpose),
    "abnormal_reason": _coded(AbnormalReason),
    "not_accepted_reason": _coded(NotAcceptedReason),
    "petitioner_id_number": _id_text,
}


def convert(field: str, value: Any) -> Any:
    """``value`` as the domain type of ``field`` (text unless a converter says otherwise)."""
    converter = CONVERTERS.get(field)
    return _text(value) if converter is None else converter(value)
