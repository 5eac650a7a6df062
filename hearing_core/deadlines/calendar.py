"""Holiday calendar (节假日日历): working days, statutory holidays and make-up working days.

The official schedule comes from the ``chinese-calendar`` package, which encodes the
State Council's yearly notices including adjusted make-up working weekends (调休上班).
Years the package does not yet cover are entered by the bureau in an override file
(see :mod:`hearing_core.deadlines.overrides`). A date that neither source covers raises
:class:`~hearing_core.errors.CalendarNotCovered`: guessing would silently produce wrong
statutory deadlines, which is worse than stopping.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import chinese_calendar

from hearing_core.deadlines.overrides import YearSchedule, load_overrides
from hearing_core.errors import CalendarNotCovered

__all__ = ["DayInfo", "DayKind", "HolidayCalendar", "package_years"]

# The package names a few holidays in short form (清明, 端午, 中秋); documents use the
# names of the State Council notices, so normalise them once here.
_OFFICIAL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
_PACKAGE_NAMES: dict[str, str] = {
    h.value: _OFFICIAL_NAMES.get(h.chinese, h.chinese) for h in chinese_calendar.Holiday
}
_PACKAGE_HOLIDAYS: dict[date, str] = chinese_calendar.holidays
_PACKAGE_WORKDAYS: dict[date, str] = chinese_calendar.workdays
_PACKAGE_YEARS = range(min(_PACKAGE_HOLIDAYS).year, max(_PACKAGE_HOLIDAYS).year + 1)
try:
    _PACKAGE_VERSION = version("chinese-calendar")
except PackageNotFoundError:  # vendored or unusual install: the data still identifies itself
    _PACKAGE_VERSION = f"{_PACKAGE_YEARS.start}-{_PACKAGE_YEARS.stop - 1}"


class DayKind(StrEnum):
    """What kind of day a date is for counting periods."""

    WORKDAY = "workday"                # 工作日
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班日 (a Saturday/Sunday worked instead)
    HOLIDAY = "holiday"                # 法定节假日 (incl. the weekend days inside the block)
    WEEKEND = "weekend"                # 休息日 (ordinary Saturday/Sunday)


@dataclass(frozen=True)
class DayInfo:
    """One date classified: its kind and, for holidays and make-up days, the holiday's name."""

    day: date
    kind: DayKind
    name: str | None = None

    @property
    def is_working_day(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


class HolidayCalendar:
    """The official working-day calendar plus the instance's overrides for missing years."""

    def __init__(self, overrides: Iterable[YearSchedule] = ()) -> None:
        self._overrides: dict[int, YearSchedule] = {}
        for schedule in overrides:
            if schedule.year in self._overrides:
                raise ValueError(f"holiday overrides list {schedule.year} twice")
            self._overrides[schedule.year] = schedule
        self._fingerprint = self._compute_fingerprint()

    @classmethod
    def from_file(cls, path: str | Path | None) -> HolidayCalendar:
        """A calendar with the overrides in ``path`` (no overrides when ``path`` is None)."""
        if path is None:
            return cls()
        return cls(load_overrides(path, package_years=package_years()))

    # -- coverage -------------------------------------------------------------------------

    def covers(self, d: date) -> bool:
        """Whether the calendar can classify ``d`` (its year is in the package or an override)."""
        return d.year in self._overrides or d.year in _PACKAGE_YEARS

    def covered_years(self) -> tuple[int, ...]:
        return tuple(sorted(set(_PACKAGE_YEARS) | set(self._overrides)))

    def overrides(self) -> tuple[YearSchedule, ...]:
        return tuple(self._overrides[y] for y in sorted(self._overrides))

    def source_of(self, year: int) -> str:
        """Where a year's data comes from: ``package`` or the override file's path."""
        if year in self._overrides:
            return self._overrides[year].origin or "override"
        if year in _PACKAGE_YEARS:
            return f"chinese-calendar {_PACKAGE_VERSION}"
        raise self._not_covered(date(year, 1, 1))

    # -- classification -------------------------------------------------------------------

    def day_info(self, d: date) -> DayInfo:
        """Classify ``d``; raises CalendarNotCovered for a year no source covers."""
        override = self._overrides.get(d.year)
        if override is not None:
            holidays, makeups, names = override.holidays, override.makeup_workdays, None
        elif d.year in _PACKAGE_YEARS:
            holidays, makeups, names = _PACKAGE_HOLIDAYS, _PACKAGE_WORKDAYS, _PACKAGE_NAMES
        else:
            raise self._not_covered(d)
        if d in makeups:
            name = makeups[d]
            return DayInfo(d, DayKind.MAKEUP_WORKDAY, names.get(name, name) if names else name)
        if d in holidays:
            name = holidays[d]
            return DayInfo(d, DayKind.HOLIDAY, names.get(name, name) if names else name)
        return DayInfo(d, DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKDAY)

    def is_working_day(self, d: date) -> bool:
        """工作日: Monday–Friday that is not a holiday, or a make-up working weekend day."""
        return self.day_info(d).is_working_day

    def holiday_name(self, d: date) -> str | None:
        """The Chinese name of the statutory holiday on ``d`` (春节, 国庆节 …), else None."""
        info = self.day_info(d)
        return info.name if info.kind is DayKind.HOLIDAY else None

    def makeup_for(self, d: date) -> str | None:
        """If ``d`` is a make-up working day (调休上班), the holiday it belongs to."""
        info = self.day_info(d)
        return info.name if info.kind is DayKind.MAKEUP_WORKDAY else None

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d += timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d -= timedelta(days=1)
        while not self.is_working_day(d):
            d -= timedelta(days=1)
        return d

    def roll_forward(self, d: date) -> date:
        """``d`` itself if it is a working day, else the next working day (民法典第二百零三条)."""
        return d if self.is_working_day(d) else self.next_working_day(d)

    def days(self, start: date, end: date) -> Iterator[DayInfo]:
        """Every day from ``start`` to ``end`` inclusive, classified."""
        d = start
        while d <= end:
            yield self.day_info(d)
            d += timedelta(days=1)

    # -- identity -------------------------------------------------------------------------

    def fingerprint(self) -> str:
        """Short hash of the package version and the overrides; changes when either changes.

        Store it with a computed deadline: when it differs later, the deadline was computed
        on other holiday data and should be recomputed.
        """
        return self._fingerprint

    def _compute_fingerprint(self) -> str:
        payload = {
            "package": _PACKAGE_VERSION,
            "overrides": [self._overrides[y].canonical() for y in sorted(self._overrides)],
        }
        raw = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()[:16]

    def _not_covered(self, d: date) -> CalendarNotCovered:
        extra = ""
        if self._overrides:
            extra = f" and overrides for {', '.join(str(y) for y in sorted(self._overrides))}"
        return CalendarNotCovered(
            f"the holiday calendar has no schedule for {d.year} (needed for {d.isoformat()}): "
            f"chinese-calendar {_PACKAGE_VERSION} covers {_PACKAGE_YEARS.start}–{_PACKAGE_YEARS.stop - 1}"
            f"{extra}. Once the State Council publishes the {d.year} schedule "
            f"(国务院办公厅关于{d.year}年部分节假日安排的通知), add a [years.{d.year}] table to the "
            "holiday override file (docs/rule-profiles.md, 'Holiday overrides') or upgrade chinese-calendar",
            year=d.year,
            date=d.isoformat(),
        )

    def __repr__(self) -> str:
        years = self.covered_years()
        return f"HolidayCalendar({years[0]}–{years[-1]}, fingerprint={self._fingerprint})"


def package_years() -> range:
    """The years the installed chinese-calendar package covers."""
    return _PACKAGE_YEARS
