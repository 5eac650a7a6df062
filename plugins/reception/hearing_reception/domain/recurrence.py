"""Recurrence of reception days (接访日期规则) and their holiday roll-forward.

The seed county's scheme, as data:

* 县委书记单月15日、县长双月15日 — ``monthly_day`` with ``day_of_month=15`` and
  ``months=odd`` / ``even``;
* 县处级领导和县直单位主要领导每月15日到挂钩镇 — ``monthly_day``, ``months=all``;
* 每周一一位常委或副县长轮值 — ``weekday`` with ``weekday=0`` and a rota (轮值表);
* 镇领导每周半天到挂钩村 — ``half_days_weekly`` with one weekday per half-day.

A date that falls on a statutory holiday or a rest day moves to the next working day
of the core's holiday calendar (调休上班 weekend days count as working days), or is
skipped when the rule says so. A day of month the month does not have (31 in April)
means the month's last day.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from hearing_core.errors import FieldError
from hearing_reception.domain.vocab import WEEKDAY_LABELS, HolidayPolicy, Months, RuleKind

__all__ = ["Occurrence", "Recurrence", "WorkingDays", "monday_of", "occurrences"]

#: Rota weeks are counted from this Monday when a rule gives no rota start.
ROTA_EPOCH = date(2000, 1, 3)


class WorkingDays(Protocol):
    """What recurrence needs of :class:`hearing_core.deadlines.HolidayCalendar`."""

    def is_working_day(self, d: date) -> bool: ...

    def next_working_day(self, d: date) -> date: ...

    def holiday_name(self, d: date) -> str | None: ...


@dataclass(frozen=True)
class Recurrence:
    """When a rule's receptions fall (接访周期)."""

    kind: RuleKind
    day_of_month: int | None = None
    months: Months = Months.ALL
    #: ``weekday`` rules: 0 = Monday … 6 = Sunday.
    weekday: int | None = None
    #: ``half_days_weekly`` rules: one weekday per half-day of the week.
    weekdays: tuple[int, ...] = field(default_factory=tuple)
    on_holiday: HolidayPolicy = HolidayPolicy.NEXT_WORKING_DAY

    def problems(self) -> list[FieldError]:
        """Every inconsistency of the rule's shape (empty when valid)."""
        errors: list[FieldError] = []
        if self.kind is RuleKind.MONTHLY_DAY:
            if self.day_of_month is None or not 1 <= self.day_of_month <= 31:
                errors.append(FieldError("day_of_month", "a monthly rule needs a day of month from 1 to 31"))
        elif self.kind is RuleKind.WEEKDAY:
            if self.weekday is None or not 0 <= self.weekday <= 6:
                errors.append(FieldError("weekday", "a weekday rule needs a weekday (0 = Monday … 6 = Sunday)"))
        elif self.kind is RuleKind.HALF_DAYS_WEEKLY:
            if not self.weekdays:
                errors.append(FieldError("weekdays", "a half-days rule needs one weekday per half-day"))
            elif any(not 0 <= d <= 6 for d in self.weekdays):
                errors.append(FieldError("weekdays", "weekdays run from 0 (Monday) to 6 (Sunday)"))
            elif len(set(self.weekdays)) != len(self.weekdays):
                errors.append(FieldError("weekdays", "a weekday is listed twice"))
        return errors

    @property
    def half_days(self) -> int:
        """Half-days per week of a ``half_days_weekly`` rule."""
        return len(self.weekdays)

    def describe_zh(self) -> str:
        """The rule in the bureau's words, e.g. ``单月15日`` or ``每周一``."""
        if self.kind is RuleKind.MONTHLY_DAY:
            prefix = {Months.ALL: "每月", Months.ODD: "单月", Months.EVEN: "双月"}[self.months]
            return f"{prefix}{self.day_of_month}日"
        if self.kind is RuleKind.WEEKDAY and self.weekday is not None:
            return "每周" + WEEKDAY_LABELS[self.weekday][-1]
        days = "、".join("周" + WEEKDAY_LABELS[d][-1] for d in self.weekdays)
        return f"每周{len(self.weekdays)}个半天（{days}）"


@dataclass(frozen=True)
class Occurrence:
    """One date a rule produces.

    :ivar nominal: the date the rule names (15th, Monday …); it identifies the occurrence.
    :ivar day: the date the reception is held, after moving off a holiday or rest day.
    :ivar week: rota week number (weeks since the rota start), for ``weekday`` rules.
    :ivar moved_because: why ``day`` differs from ``nominal`` (``国庆节``, ``休息日``), else None.
    """

    nominal: date
    day: date
    week: int = 0
    moved_because: str | None = None


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _nominal_dates(rec: Recurrence, start: date, end: date) -> Iterator[date]:
    if rec.kind is RuleKind.MONTHLY_DAY:
        assert rec.day_of_month is not None
        year, month = start.year, start.month
        while date(year, month, 1) <= end:
            if rec.months.includes(month):
                last = _cal.monthrange(year, month)[1]
                d = date(year, month, min(rec.day_of_month, last))
                if start <= d <= end:
                    yield d
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    days = (rec.weekday,) if rec.kind is RuleKind.WEEKDAY else rec.weekdays
    week = monday_of(start)
    while week <= end:
        for weekday in sorted(d for d in days if d is not None):
            d = week + timedelta(days=weekday)
            if start <= d <= end:
                yield d
        week += timedelta(days=7)


def occurrences(
    rec: Recurrence, start: date, end: date, calendar: WorkingDays, *, rota_start: date | None = None
) -> list[Occurrence]:
    """The rule's dates whose nominal date lies in ``start``..``end`` (both included).

    Selecting by the nominal date keeps planning idempotent: planning January and then
    February never produces the same occurrence twice, even when 31 January's reception
    moves into February. Two occurrences moved onto the same day (two Wednesdays of the
    National Day week both landing on the Thursday after it) are held once: the first wins.
    Raises ``CalendarNotCovered`` for a year the calendar lacks.
    """
    if rec.problems():
        raise ValueError(f"invalid recurrence: {rec.problems()}")
    anchor = monday_of(rota_start or ROTA_EPOCH)
    result: list[Occurrence] = []
    days: set[date] = set()
    for nominal in _nominal_dates(rec, start, end):
        week = (monday_of(nominal) - anchor).days // 7
        if calendar.is_working_day(nominal):
            occ = Occurrence(nominal, nominal, week)
        elif rec.on_holiday is HolidayPolicy.SKIP:
            continue
        else:
            occ = Occurrence(nominal, calendar.next_working_day(nominal), week, calendar.holiday_name(nominal) or "休息日")
        if occ.day not in days:
            days.add(occ.day)
            result.append(occ)
    return result
