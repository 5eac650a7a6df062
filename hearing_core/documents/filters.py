"""Chinese formatting filters (中文格式过滤器) for document templates.

Every function here is a plain function usable from Python and registered as a Jinja
filter of the same name by :class:`~hearing_core.documents.DocumentRenderer`.

Dates and times accept :class:`datetime.date`, :class:`datetime.datetime`,
:class:`datetime.time` or ISO 8601 strings (contexts often come from JSON). Aware
datetimes are converted to China Standard Time first, so a UTC timestamp read from the
database prints the hour the petitioner actually sees on the wall clock. ``None``
renders as an empty string so optional fields leave a blank, not the word "None".
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "cn_date",
    "cn_date_official",
    "cn_datetime",
    "cn_digits",
    "cn_number",
    "cn_time",
    "cn_weekday",
    "percent",
]

# China has used UTC+8 without daylight saving since 1991; a fixed offset avoids a
# dependency on the tzdata package, which minimal Windows/container installs lack.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")

_DIGITS = "零一二三四五六七八九"
# Years in official dates use 〇 (U+3007), not 零, per GB/T 15835 and court/organ practice.
_YEAR_DIGITS = "〇一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")
_WEEKDAYS = "一二三四五六日"


def _as_datetime_like(value: object) -> dt.date | dt.datetime | dt.time:
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date subclass
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.astimezone(CHINA_TZ)
        return value
    if isinstance(value, str):
        text = value.strip()
        for parser in (dt.datetime.fromisoformat, dt.time.fromisoformat):
            try:
                return _as_datetime_like(parser(text))
            except ValueError:
                continue
        raise ValueError(f"not an ISO 8601 date or time: {value!r}")
    raise TypeError(f"expected a date, datetime, time or ISO string, got {type(value).__name__}")


def _as_date(value: object) -> dt.date:
    parsed = _as_datetime_like(value)
    if isinstance(parsed, dt.time):
        raise TypeError("expected a date, got a time of day")
    if isinstance(parsed, dt.datetime):
        return parsed.date()
    return parsed


def _as_time(value: object) -> dt.time:
    parsed = _as_datetime_like(value)
    if isinstance(parsed, dt.datetime):
        return parsed.time()
    if isinstance(parsed, dt.time):
        return parsed
    raise TypeError("expected a time or datetime, got a date without time of day")


def cn_date(value: object) -> str:
    """Date with Arabic numerals, as GB/T 9704-2012 prescribes for 成文日期: ``2025年3月8日``."""
    if value is None:
        return ""
    day = _as_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def cn_date_official(value: object) -> str:
    """Date in Chinese numerals (汉字日期), as on seals and court-style instruments: ``二〇二五年三月八日``."""
    if value is None:
        return ""
    day = _as_date(value)
    return f"{cn_digits(day.year)}年{cn_number(day.month)}月{cn_number(day.day)}日"


def cn_weekday(value: object, prefix: str = "星期") -> str:
    """Weekday name: ``星期一`` … ``星期日`` (``prefix="周"`` gives ``周一``)."""
    if value is None:
        return ""
    return prefix + _WEEKDAYS[_as_date(value).weekday()]


def _period(hour: int) -> str:
    # The customary day periods of notices: 12:30 is 中午, never 下午0时30分.
    if hour < 6:
        return "凌晨"
    if hour < 12:
        return "上午"
    if hour < 13:
        return "中午"
    if hour < 18:
        return "下午"
    return "晚上"


def cn_time(value: object, period: bool = False) -> str:
    """Time of day: ``14时30分``; with ``period=True`` ``下午2时30分``. Whole hours drop ``0分``."""
    if value is None:
        return ""
    moment = _as_time(value)
    hour = moment.hour
    prefix = ""
    if period:
        prefix = _period(hour)
        if hour > 12:
            hour -= 12
    minutes = f"{moment.minute}分" if moment.minute else ""
    return f"{prefix}{hour}时{minutes}"


def cn_datetime(value: object, weekday: bool = True, period: bool = True) -> str:
    """Date and time as notices write them: ``2025年3月20日（星期四）上午9时30分``."""
    if value is None:
        return ""
    moment = _as_datetime_like(value)
    if not isinstance(moment, dt.datetime):
        raise TypeError("cn_datetime needs a datetime (date and time of day)")
    day_text = cn_date(moment)
    if weekday:
        day_text += f"（{cn_weekday(moment)}）"
    return day_text + cn_time(moment, period=period)


def cn_digits(value: int | str) -> str:
    """Digit by digit, as years are read: ``2025`` → ``二〇二五``."""
    text = str(value)
    if not text.isdigit():
        raise ValueError(f"cn_digits needs a non-negative integer, got {value!r}")
    return "".join(_YEAR_DIGITS[int(ch)] for ch in text)


def _four_digits(group: int) -> str:
    """0 < group < 10000 → ``三千零五``; zeros inside collapse to one 零, trailing zeros vanish."""
    out: list[str] = []
    pending_zero = False
    for position in (3, 2, 1, 0):
        digit = group // 10**position % 10
        if digit == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[position])
    return "".join(out)


def cn_number(value: int) -> str:
    """Integer in Chinese numerals (小写汉字数字) for counts and ordinals: ``12`` → ``十二``.

    ``105`` → ``一百零五``, ``100010`` → ``十万零一十``; supports ``|value| < 10**16``.
    Counts of 10–19 drop the leading 一 (``十五``) as in ordinary writing.
    """
    number = int(value)
    if number != value:
        raise ValueError(f"cn_number needs an integer, got {value!r}")
    if number < 0:
        return "负" + cn_number(-number)
    if number == 0:
        return "零"
    if number >= 10**16:
        raise ValueError(f"cn_number supports values below 10**16, got {value!r}")
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    parts: list[str] = []
    skipped_zero_group = False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            skipped_zero_group = bool(parts)
            continue
        # A gap before this group (an empty group, or fewer than four digits) reads as 零.
        if parts and (skipped_zero_group or group < 1000):
            parts.append("零")
        parts.append(_four_digits(group) + _BIG_UNITS[index])
        skipped_zero_group = False
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def percent(value: object, total: object = None, digits: int = 1) -> str:
    """Percentage rounded half-up: ``0.1235`` → ``12.4%``; ``done|percent(total)`` divides first.

    Statistical tables round half-up (四舍五入), which binary floats and Python's
    banker's rounding do not, hence :class:`~decimal.Decimal`. A zero total gives ``—``
    (the dash statistics tables print for "not applicable") instead of an error.
    """
    if value is None:
        return ""
    try:
        ratio = Decimal(str(value))
        if total is not None:
            denominator = Decimal(str(total))
            if denominator == 0:
                return "—"
            ratio = ratio / denominator
    except InvalidOperation as exc:
        raise ValueError(f"percent needs numbers, got {value!r} and {total!r}") from exc
    quantum = Decimal(1).scaleb(-digits)
    return f"{(ratio * 100).quantize(quantum, rounding=ROUND_HALF_UP)}%"
