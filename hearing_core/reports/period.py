"""The statistical year (统计年度) and its months, from the profile's ``statistics.period_end``.

``"12-31"`` (the default) is the calendar year. ``"12-20"`` — some systems close
their year on 20 December — makes statistical year 2023 run from 21 December
2022 to 20 December 2023, and its months run from the 21st to the 20th, each
named after the month it ends in (Dec 21 – Jan 20 is 1月). An end from the 28th
on means month ends (``"12-31"``, ``"06-30"``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from hearing_core.errors import RuleViolation

__all__ = ["StatPeriod", "parse_period_end", "stat_period"]


def parse_period_end(value: object) -> tuple[int, int]:
    """``"MM-DD"`` → (month, day); a value that is not a date in every year is refused."""
    text = str(value).strip()
    try:
        month_text, day_text = text.split("-")
        month, day = int(month_text), int(day_text)
        date(2001, month, day)  # not a leap year: 02-29 would vanish three years in four
    except ValueError:
        raise RuleViolation(
            f"statistics.period_end must be MM-DD (e.g. 12-31 or 12-20), got {text!r}",
            rule="statistics.period_end",
        ) from None
    return month, day


@dataclass(frozen=True)
class StatPeriod:
    """Statistical year ``year``: ``start``..``end`` inclusive, and how its months are cut."""

    year: int
    start: date
    end: date
    end_month: int
    end_day: int

    @property
    def month_end_cut(self) -> bool:
        """Months are calendar months (the year ends on a month end)."""
        return self.end_day >= 28

    def month_index(self, day: date) -> int:
        """0..11: the statistical month ``day`` falls in (0 = the first month of the year)."""
        month = day.month
        if not self.month_end_cut and day.day > self.end_day:
            month = month % 12 + 1  # after the cut-off day a day belongs to the next month
        return (month - self.end_month - 1) % 12

    def month_labels(self) -> list[str]:
        """``["1月", …, "12月"]`` for a calendar year, else starting after the end month."""
        return [f"{(self.end_month + i) % 12 + 1}月" for i in range(12)]

    def label(self) -> str:
        """``2023年1月1日至2023年12月31日``."""
        return f"{_cn(self.start)}至{_cn(self.end)}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "year": self.year,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "period_end": f"{self.end_month:02d}-{self.end_day:02d}",
        }


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _end_of(year: int, month: int, day: int) -> date:
    if day >= 28:  # a month end stays a month end (02-28 in a leap year is Feb 29)
        day = calendar.monthrange(year, month)[1] if day >= calendar.monthrange(2001, month)[1] else day
    return date(year, month, day)


def stat_period(year: int, period_end: object = "12-31") -> StatPeriod:
    """The statistical year named ``year`` under ``period_end`` (``MM-DD``).

    The year is named after the calendar year it ends in: with ``"12-20"``, 2023
    is 2022-12-21..2023-12-20; with ``"06-30"``, 2023 is 2022-07-01..2023-06-30.
    """
    if not 1900 <= year <= 9998:
        raise RuleViolation(f"year {year} is out of range", rule="statistics.year")
    month, day = parse_period_end(period_end)
    end = _end_of(year, month, day)
    start = _end_of(year - 1, month, day) + timedelta(days=1)
    return StatPeriod(year, start, end, month, day)
