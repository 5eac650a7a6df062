"""Invariants of the deadline engine over random start dates, rules and pauses (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hearing_core.deadlines import Direction, HolidayCalendar, Pause, Unit, compute, load_profile
from hearing_core.deadlines.calendar import package_years

CAL = HolidayCalendar()
RULES = [r for name in ("national", "guangdong", "shandong", "jiangsu", "anhui")
         for r in load_profile(name).rules.values() if r.configured]
# Start dates whose periods (at most 90 days plus a holiday) stay inside the package's years.
FIRST = date(package_years().start, 1, 10)
LAST = date(package_years().stop - 1, 9, 30)
# No database of examples in the work tree; the runs stay deterministic and fast.
FAST = settings(max_examples=120, deadline=None, database=None, derandomize=True)

starts = st.dates(min_value=FIRST, max_value=LAST)
rules = st.sampled_from(RULES)


@FAST
@given(rules, starts)
def test_due_is_on_the_right_side_of_the_start(rule, start: date) -> None:  # type: ignore[no-untyped-def]
    due = compute(rule, start, CAL, today=start).due
    assert due is not None
    if rule.direction is Direction.AFTER:
        assert due > start
    else:
        assert due < start


@FAST
@given(rules, starts)
def test_after_rules_end_on_a_working_day(rule, start: date) -> None:  # type: ignore[no-untyped-def]
    due = compute(rule, start, CAL, today=start).due
    assert due is not None
    # Calendar-day and month periods roll forward off rest days; working-day periods can only
    # end on one. Only "before" rules in calendar days may end on a rest day (not rolled).
    if rule.direction is Direction.AFTER or rule.unit is Unit.WORKING_DAYS:
        assert CAL.is_working_day(due)


@FAST
@given(rules.filter(lambda r: r.direction is Direction.AFTER and r.unit is Unit.CALENDAR_DAYS), starts)
def test_calendar_days_only_move_for_rest_days(rule, start: date) -> None:  # type: ignore[no-untyped-def]
    due = compute(rule, start, CAL, today=start).due
    assert due is not None
    plain = start + timedelta(days=rule.length)
    assert due >= plain
    # Every day between the plain end and the due date is a rest day (Art. 203 roll-forward).
    assert all(not CAL.is_working_day(plain + timedelta(days=i)) for i in range((due - plain).days))


@FAST
@given(rules.filter(lambda r: r.direction is Direction.AFTER), starts)
def test_inclusive_is_never_later(rule, start: date) -> None:  # type: ignore[no-untyped-def]
    exclusive = compute(rule, start, CAL, today=start).due
    inclusive = compute(replace(rule, inclusive=True), start, CAL, today=start).due
    assert inclusive is not None and exclusive is not None and inclusive <= exclusive


@FAST
@given(starts, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=20))
def test_pauses_never_make_a_deadline_earlier(start: date, offset: int, length: int) -> None:
    rule = load_profile("national").rule("rereview.decision")
    pause = Pause("hearing", start + timedelta(days=offset), start + timedelta(days=offset + length))
    plain = compute(rule, start, CAL, today=start).due
    paused = compute(rule, start, CAL, [pause], today=start)
    assert plain is not None and paused.due is not None
    assert paused.due >= plain
    # The paused days that fell inside the period are exactly what was added before rolling.
    assert paused.paused_days <= length + 1
