"""Day counting (期间计算) per 民法典 Arts. 201–203, with paused intervals.

The primitives here walk the calendar one day at a time. Periods in petition work are
short (at most a few months), so a walk is fast enough and, unlike date arithmetic,
gives for free the facts an explanation needs: which holidays were skipped or counted,
which make-up working days counted, which days were paused.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from hearing_core.deadlines.calendar import DayInfo, DayKind, HolidayCalendar
from hearing_core.deadlines.explain import PAUSE_KINDS_ZH, Step
from hearing_core.deadlines.model import Pause
from hearing_core.deadlines.rules import Unit

__all__ = ["Walk", "add_months", "walk"]

_ONE_DAY = timedelta(days=1)


@dataclass
class Walk:
    """Result of counting: the last counted day (None if an open pause suspended it)."""

    end: date | None
    notes: list[Step] = field(default_factory=list)
    paused_days: int = 0


def add_months(d: date, months: int) -> tuple[date, bool]:
    """The corresponding day ``months`` later (or earlier); clamped to the month's end.

    Returns the date and whether it was clamped (31 January + 1 month = 28/29 February:
    民法典第二百零二条 "没有对应日的，月末日为期间的最后一日").
    """
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last)), d.day > last


def walk(cal: HolidayCalendar, first: date, length: int, unit: Unit, step: int,
         pauses: Sequence[Pause] = ()) -> Walk:
    """Count ``length`` days from ``first`` (counted) in direction ``step`` (+1 or -1).

    ``unit`` is CALENDAR_DAYS or WORKING_DAYS (months are converted to days by the
    caller). Paused days are never counted; an open pause reached before the count is
    complete suspends the period.
    """
    delta = _ONE_DAY * step
    day, counted = first, 0
    skipped: list[DayInfo] = []
    counted_holidays: list[DayInfo] = []
    makeups: list[DayInfo] = []
    paused: dict[Pause, int] = {}
    notes: list[Step] = []
    end: date | None = None
    while True:
        pause = next((p for p in pauses if p.covers(day)), None)
        if pause is not None:
            if pause.end is None:
                notes.append(Step("pause_open", date=pause.start, data=_kind(pause)))
                break
            paused[pause] = paused.get(pause, 0) + 1
            day += delta
            continue
        info = cal.day_info(day)
        if unit is Unit.WORKING_DAYS:
            if not info.is_working_day:
                skipped.append(info)
                day += delta
                continue
            if info.kind is DayKind.MAKEUP_WORKDAY:
                makeups.append(info)
        elif info.kind is DayKind.HOLIDAY:
            counted_holidays.append(info)
        counted += 1
        if counted == length:
            end = day
            break
        day += delta
    notes += _runs(skipped, "holiday_skipped", "weekend_skipped")
    notes += _runs(counted_holidays, "holiday_counted", None)
    notes += [Step("makeup_counted", date=m.day, data={"name": m.name}) for m in makeups]
    notes += [Step("pause", date=p.start, until=p.end, data={**_kind(p), "days": n}) for p, n in paused.items()]
    notes.sort(key=lambda s: s.date or first)
    return Walk(end, notes, sum(paused.values()))


def _runs(days: list[DayInfo], named: str, unnamed: str | None) -> list[Step]:
    """Group consecutive days into one step per run (a holiday block, a weekend)."""
    steps: list[Step] = []
    ordered = sorted(days, key=lambda i: i.day)
    run: list[DayInfo] = []
    for info in [*ordered, None]:
        if info is not None and run and info.day - run[-1].day == _ONE_DAY:
            run.append(info)
            continue
        if run:
            names = list(dict.fromkeys(i.name for i in run if i.name))
            if names:
                steps.append(Step(named, date=run[0].day, until=run[-1].day,
                                  data={"name": "、".join(names), "days": len(run)}))
            elif unnamed is not None:
                steps.append(Step(unnamed, date=run[0].day, until=run[-1].day, data={"days": len(run)}))
        run = [info] if info is not None else []
    return steps


def _kind(pause: Pause) -> dict[str, str]:
    return {"kind": pause.kind, "kind_zh": PAUSE_KINDS_ZH.get(pause.kind, pause.kind)}
