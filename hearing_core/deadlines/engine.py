"""Deadline engine (期限计算): apply a profile rule to a start date on the holiday calendar.

Counting follows the Civil Code (民法典 Arts. 201–203), the only general rule found for
petition periods (domain reference §0.2):

* the start day is not counted unless the rule says ``inclusive`` (count from the next day);
* ``calendar_days``: every day counts; if the last day is not a working day (statutory
  holiday or rest day) the period ends on the next working day;
* ``working_days``: only working days count, make-up working weekends included;
* ``months``: the corresponding day N months later, clamped to the month's end, then the
  same roll-forward;
* ``before``: the latest day an earlier act may happen (a hearing notice at least N days
  before the hearing). It is *not* rolled: Art. 203 protects a party whose period ends on
  a holiday by giving it more time, but moving a "before" limit forward would shorten
  the notice the other side receives. The explanation names the last working day instead.

Pauses (听证、鉴定、勘验 time excluded) push the end back by the paused days inside the
period; an open pause suspends the deadline. Extensions (延期) run from the due date and
may not exceed the rule's extension bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hearing_core.deadlines.calendar import DayKind, HolidayCalendar
from hearing_core.deadlines.counting import add_months, walk
from hearing_core.deadlines.explain import Explanation, Step, rest_day_reason
from hearing_core.deadlines.model import (
    DEFAULT_DUE_SOON_DAYS,
    Deadline,
    Extension,
    Pause,
    WindowCheck,
    status_on,
)
from hearing_core.deadlines.rules import Direction, Rule, Unit, describe_length
from hearing_core.errors import RuleViolation

__all__ = ["check_window", "compute"]

_ONE_DAY = timedelta(days=1)
_UNIT_ZH = {Unit.CALENDAR_DAYS: "日", Unit.WORKING_DAYS: "个工作日"}
_UNIT_EN = {Unit.CALENDAR_DAYS: "Day", Unit.WORKING_DAYS: "Working day"}


def compute(
    rule: Rule,
    start: date,
    calendar: HolidayCalendar,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
    *,
    today: date | None = None,
    completed_on: date | None = None,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> Deadline:
    """Compute ``rule`` from ``start`` (the date of ``rule.start_event``).

    ``today`` (default: the system date) and ``completed_on`` (the day the act was done,
    if it was) only affect the status. Raises RuleViolation for an unconfigured rule, a
    pause kind the rule does not exclude, or an extension beyond the rule's maximum, and
    CalendarNotCovered when a needed year has no holiday schedule.
    """
    if rule.length is None:
        raise RuleViolation(
            f"rule {rule.id} ({rule.title_zh}) has no length in rule profile {rule.profile!r}: no source gives "
            f"one. Set [rules.{rule.id}] length (with source and confidence) in the instance profile "
            "(docs/rule-profiles.md)", rule=rule.id, source=rule.source)
    _check_pauses(rule, pauses)
    steps: list[Step] = [_rule_step(rule), Step("start", date=start, data={
        "event": rule.start_event, "event_title": rule.start_event_title})]
    paused_days = 0
    if rule.direction is Direction.AFTER:
        base_due, paused_days = _after(calendar, start, rule.length, rule.unit, rule.inclusive, pauses, steps)
    else:
        if extensions:
            raise RuleViolation(f"rule {rule.id} is counted before its event and cannot be extended",
                                rule=rule.id, source=rule.source)
        base_due = _before(calendar, start, rule, steps)
    due, extended_by = base_due, 0
    if extensions:
        bound = _extension_bound(rule, extensions)
        extended_by = sum(e.length for e in extensions)
        if base_due is not None:
            steps.append(Step("extension", date=base_due, data={
                "rule_id": bound.id, "source": bound.source,
                "length_zh": describe_length(extended_by, bound.unit, "zh"), "length_en": describe_length(extended_by, bound.unit, "en"),
                "max_zh": bound.describe_length("zh"), "max_en": bound.describe_length("en")}))
            due, more = _after(calendar, base_due, extended_by, bound.unit, False, pauses, steps, announce=False)
            paused_days += more
    if due is None:
        steps.append(Step("due_paused"))
    else:
        steps.append(Step("due" if rule.direction is Direction.AFTER else "due_before", date=due))
    today = today or date.today()
    status, remaining = status_on(due, today, completed_on, due_soon_days)
    return Deadline(
        rule_id=rule.id, rule_title=rule.title_zh, profile=rule.profile, source=rule.source,
        start_event=rule.start_event, start_date=start, direction=rule.direction, unit=rule.unit,
        length=rule.length, base_due=base_due, due=due, status=status, days_remaining=remaining,
        today=today, completed_on=completed_on, paused_days=paused_days, extended_by=extended_by,
        explanation=Explanation(tuple(steps)), calendar_fingerprint=calendar.fingerprint(),
        due_soon_days=due_soon_days,
    )


def check_window(
    rule: Rule,
    start: date,
    act_on: date,
    calendar: HolidayCalendar,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
) -> WindowCheck:
    """Was an act on ``act_on`` within the rule's window (on or before the due date)?

    Used e.g. to decide whether a review application (复查申请) was late: ``start`` is the
    day the handling opinion was served, ``act_on`` the day the application arrived.
    """
    deadline = compute(rule, start, calendar, pauses, extensions, today=act_on, completed_on=act_on)
    within = deadline.due is None or act_on <= deadline.due
    return WindowCheck(deadline, act_on, within)


# -- counting -------------------------------------------------------------------------------


def _after(cal: HolidayCalendar, start: date, length: int, unit: Unit, inclusive: bool,
           pauses: Sequence[Pause], steps: list[Step], *, announce: bool = True) -> tuple[date | None, int]:
    first = start if inclusive else start + _ONE_DAY
    if announce:
        steps.append(Step("start_counted", date=start) if inclusive
                     else Step("start_not_counted", date=start, until=first))
    if unit is Unit.MONTHS:
        target, clamped = add_months(start, length)
        steps.append(_months_step(length, target, clamped, "后", "later", inclusive))
        if inclusive:  # the start day was day one, so the period closes a day earlier
            target -= _ONE_DAY
        result = walk(cal, first, (target - first).days + 1, Unit.CALENDAR_DAYS, 1, pauses)
    else:
        result = walk(cal, first, length, unit, 1, pauses)
    steps.extend(result.notes)
    if result.end is None:
        return None, result.paused_days
    end = result.end
    if unit is not Unit.MONTHS:
        steps.append(_count_step(length, unit, end, backwards=False))
    if unit is not Unit.WORKING_DAYS and not cal.is_working_day(end):
        rolled = cal.next_working_day(end)
        why_zh, why_en = rest_day_reason(cal.holiday_name(end))
        makeup = cal.makeup_for(rolled)
        steps.append(Step("roll_forward", date=end, until=rolled, data={
            "why_zh": why_zh, "why_en": why_en,
            "makeup_zh": f"；该日为{makeup}调休上班日" if makeup else "",
            "makeup_en": f"; that day is a make-up working day ({makeup})" if makeup else ""}))
        end = rolled
    return end, result.paused_days


def _before(cal: HolidayCalendar, start: date, rule: Rule, steps: list[Step]) -> date:
    assert rule.length is not None  # checked by compute()
    first = start if rule.inclusive else start - _ONE_DAY
    steps.append(Step("before_start_counted", date=start) if rule.inclusive
                 else Step("before_start", date=start, until=first))
    if rule.unit is Unit.MONTHS:
        target, clamped = add_months(start, -rule.length)
        steps.append(_months_step(rule.length, target, clamped, "前", "earlier", rule.inclusive))
        if rule.inclusive:
            target += _ONE_DAY
        result = walk(cal, first, (first - target).days + 1, Unit.CALENDAR_DAYS, -1)
    else:
        result = walk(cal, first, rule.length, rule.unit, -1)
    steps.extend(result.notes)
    assert result.end is not None  # no pauses before an event
    end = result.end
    if rule.unit is not Unit.MONTHS:
        steps.append(_count_step(rule.length, rule.unit, end, backwards=True))
    info = cal.day_info(end)
    if not info.is_working_day:
        why_zh, why_en = rest_day_reason(info.name if info.kind is DayKind.HOLIDAY else None)
        steps.append(Step("before_rest_day", date=end, until=cal.previous_working_day(end),
                          data={"why_zh": why_zh, "why_en": why_en}))
    return end


# -- checks and step builders ---------------------------------------------------------------


def _check_pauses(rule: Rule, pauses: Sequence[Pause]) -> None:
    for pause in pauses:
        if rule.direction is Direction.BEFORE or pause.kind not in rule.pauses:
            allowed = ", ".join(rule.pauses) or "none"
            raise RuleViolation(
                f"rule {rule.id} ({rule.title_zh}) does not exclude {pause.kind!r} time in rule profile "
                f"{rule.profile!r}; kinds it excludes: {allowed}", rule=rule.id, source=rule.source)


def _extension_bound(rule: Rule, extensions: Sequence[Extension]) -> Rule:
    bound = rule.extension
    if bound is None:
        raise RuleViolation(f"rule {rule.id} ({rule.title_zh}) cannot be extended in rule profile "
                            f"{rule.profile!r}", rule=rule.id, source=rule.source)
    total = sum(e.length for e in extensions)
    if bound.length is None or total > bound.length:
        raise RuleViolation(
            f"an extension of {describe_length(total, bound.unit, 'en')} for {rule.id} exceeds the maximum of "
            f"{bound.describe_length('en')} set by rule {bound.id} ({bound.source})",
            rule=bound.id, source=bound.source, requested=total, maximum=bound.length)
    return bound


def _rule_step(rule: Rule) -> Step:
    after = rule.direction is Direction.AFTER
    return Step("rule", data={
        "rule_id": rule.id, "title": rule.title_zh, "source": rule.source, "confidence": rule.confidence,
        "profile": rule.profile, "length_zh": rule.describe_length("zh"), "length_en": rule.describe_length("en"),
        "direction_zh": f"{rule.start_event_title}{'后' if after else '前'}",
        "direction_en": f"{'after' if after else 'before'} {rule.start_event}"})


def _months_step(n: int, target: date, clamped: bool, dir_zh: str, dir_en: str, inclusive: bool) -> Step:
    zh = ["该月无对应日，以月末日为准"] if clamped else []
    en = ["that month has no such day, so its last day is used"] if clamped else []
    if inclusive:
        zh.append("开始当日已计入，期间提前一日结束")
        en.append("the start day counted, so the period closes one day sooner")
    return Step("months_target", date=target, data={
        "n": n, "dir_zh": dir_zh, "dir_en": dir_en,
        "clamp_zh": "".join(f"；{t}" for t in zh), "clamp_en": "".join(f"; {t}" for t in en)})


def _count_step(n: int, unit: Unit, end: date, *, backwards: bool) -> Step:
    return Step("count_end", date=end, data={
        "n": n, "unit_zh": _UNIT_ZH[unit], "unit_en": _UNIT_EN[unit],
        "prefix_zh": "向前倒数" if backwards else "", "prefix_en": "Counting back, " if backwards else ""})
