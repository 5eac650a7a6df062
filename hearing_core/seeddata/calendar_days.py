"""Days on which items arrive (收件日期): working days by month, weighted months.

Letters are logged and visitors received on working days (工作日); a few visits
fall on a weekend (a group arriving at the reception hall anyway). The official
holiday calendar is used when it covers the year, otherwise Monday–Friday.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hearing_core.seeddata.vocab import MONTH_WEIGHTS

if TYPE_CHECKING:
    from hearing_core.deadlines import HolidayCalendar

__all__ = ["YearDays"]


class YearDays:
    """Working and non-working days of one year, grouped by month, for drawing dates."""

    def __init__(self, year: int, calendar: HolidayCalendar | None = None) -> None:
        self.year = year
        self.working: list[list[date]] = [[] for _ in range(12)]
        self.other: list[list[date]] = [[] for _ in range(12)]
        day = date(year, 1, 1)
        while day.year == year:
            if calendar is not None and calendar.covers(day):
                working = calendar.is_working_day(day)
            else:
                working = day.weekday() < 5
            (self.working if working else self.other)[day.month - 1].append(day)
            day += timedelta(days=1)

    def month(self, rng: random.Random, *, boost: dict[int, float] | None = None) -> int:
        """A month (1–12) drawn with :data:`MONTH_WEIGHTS`, times ``boost[month]`` if given."""
        weights = [w * (boost or {}).get(m + 1, 1.0) for m, w in enumerate(MONTH_WEIGHTS)]
        return rng.choices(range(1, 13), weights=weights)[0]

    def draw(self, rng: random.Random, month: int, *, weekend_share: float = 0.0) -> date:
        """A day of ``month``: a working day, or with ``weekend_share`` chance a rest day."""
        pool = self.other[month - 1] if rng.random() < weekend_share else self.working[month - 1]
        return rng.choice(pool or self.working[month - 1])
