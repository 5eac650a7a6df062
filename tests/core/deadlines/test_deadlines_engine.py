"""Deadline engine: counting modes, pauses, extensions, statuses, window checks, explanations.

Holiday facts used (State Council schedule 2025): 春节 2025-01-28..02-04, make-up working days
Sun 01-26 and Sat 02-08; 国庆节/中秋节 2025-10-01..10-08 (10-06 中秋节), make-up Sun 09-28
and Sat 10-11.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from hearing_core.deadlines import (
    Extension,
    HolidayCalendar,
    Pause,
    Status,
    Unit,
    check_window,
    compute,
    load_profile,
)
from hearing_core.errors import CalendarNotCovered, RuleViolation, ValidationFailed

D = date
CAL = HolidayCalendar()
NATIONAL = load_profile("national")
GUANGDONG = load_profile("guangdong")


def rule(rule_id: str, profile=NATIONAL):  # type: ignore[no-untyped-def]
    return profile.rule(rule_id)


# -- inclusive counting ---------------------------------------------------------------------


def test_inclusive_counts_the_start_day() -> None:
    # 15 d from Mon 2025-03-03. Not inclusive: 03-04..03-18 = 15 -> Tue 03-18.
    # Inclusive (含本数): 03-03..03-17 = 15 -> Mon 03-17.
    base = rule("intake.disposition")
    assert compute(base, D(2025, 3, 3), CAL).due == D(2025, 3, 18)
    inclusive = compute(replace(base, inclusive=True), D(2025, 3, 3), CAL)
    assert inclusive.due == D(2025, 3, 17)
    assert "start_counted" in inclusive.explanation.codes()


def test_inclusive_working_days_guangzhou_style() -> None:
    # Guangzhou 12345 counts the day of receipt (含本数). 2 wd from Mon 2025-01-27:
    # 01-27 = 1, 01-28..02-04 春节 skip, 02-05 = 2.
    consult = replace(rule("hotline.consult_reply", GUANGDONG), inclusive=True)
    assert compute(consult, D(2025, 1, 27), CAL).due == D(2025, 2, 5)
    # Received on a holiday (10-01): the holiday itself is not a working day, so counting
    # starts at 10-09 = 1, 10-10 = 2.
    assert compute(consult, D(2025, 10, 1), CAL).due == D(2025, 10, 10)


# -- months ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "expected", "why"), [
    (D(2025, 1, 31), D(2025, 2, 28), "no 31 Feb: month end 02-28 (Fri, working)"),
    (D(2024, 1, 31), D(2024, 2, 29), "leap year: 2024-02-29 (Thu, working)"),
    (D(2025, 8, 31), D(2025, 9, 30), "no 31 Sep: 09-30 (Tue, working)"),
    (D(2025, 3, 15), D(2025, 4, 15), "corresponding day 04-15 (Tue)"),
    (D(2024, 12, 8), D(2025, 1, 8), "across the year end: 01-08 (Wed)"),
])
def test_months_clamp_to_month_end(start: date, expected: date, why: str) -> None:
    deadline = compute(rule("mediation.duration"), start, CAL)
    assert deadline.due == expected, why


def test_months_clamp_is_explained() -> None:
    deadline = compute(rule("mediation.duration"), D(2025, 1, 31), CAL)
    assert "以月末日为准" in deadline.explanation.to_text("zh")
    assert "民法典第二百零二条" in deadline.explanation.to_text("zh")


def test_inclusive_months_close_a_day_sooner() -> None:
    # 1 month from 03-15 with the start day counted: 04-15 minus one day = Mon 04-14.
    deadline = compute(replace(rule("mediation.duration"), inclusive=True), D(2025, 3, 15), CAL)
    assert deadline.due == D(2025, 4, 14)


# -- pauses ---------------------------------------------------------------------------------


def test_closed_pause_extends_by_the_paused_days_inside() -> None:
    # Re-review 30 d from Sat 2025-09-20 without pause: 09-21..09-30 = 10, 10-01..10-20 = 30
    # -> Mon 10-20. Hearing 09-25..09-26 (2 days) not counted -> Wed 10-22.
    plain = compute(rule("rereview.decision"), D(2025, 9, 20), CAL)
    assert plain.due == D(2025, 10, 20)
    heard = compute(rule("rereview.decision"), D(2025, 9, 20), CAL, [Pause("hearing", D(2025, 9, 25), D(2025, 9, 26))])
    assert heard.due == D(2025, 10, 22)
    assert heard.paused_days == 2
    assert "听证期间 2025年9月25日（星期四）至2025年9月26日（星期五）不计入期限（2日）" in heard.explanation.to_text("zh")


def test_pause_across_spring_festival_moves_the_end() -> None:
    # 30 d from Fri 2025-01-10: 01-11..01-31 = 21, 02-01..02-09 = 30; Sun 02-09 -> Mon 02-10.
    # Hearing 01-20..01-21 excluded: 01-11..01-19 = 9, 01-22..01-31 = 19, 02-01..02-11 = 30 -> Tue 02-11.
    assert compute(rule("rereview.decision"), D(2025, 1, 10), CAL).due == D(2025, 2, 10)
    paused = compute(rule("rereview.decision"), D(2025, 1, 10), CAL, [Pause("hearing", D(2025, 1, 20), D(2025, 1, 21))])
    assert paused.due == D(2025, 2, 11)


def test_pause_outside_the_period_changes_nothing() -> None:
    before = Pause("hearing", D(2025, 9, 1), D(2025, 9, 10))   # ended before counting began
    after = Pause("hearing", D(2025, 11, 1), D(2025, 11, 5))   # after the due date
    assert compute(rule("rereview.decision"), D(2025, 9, 20), CAL, [before, after]).due == D(2025, 10, 20)


def test_open_pause_suspends_the_deadline() -> None:
    deadline = compute(rule("rereview.decision"), D(2025, 9, 20), CAL, [Pause("hearing", D(2025, 9, 25))],
                       today=D(2025, 12, 1))
    assert deadline.due is None
    assert deadline.status is Status.PAUSED
    assert deadline.days_remaining is None
    assert "期限中止计算" in deadline.explanation.to_text("zh")
    # An open pause starting after the period ended does not revive it.
    late = compute(rule("rereview.decision"), D(2025, 9, 20), CAL, [Pause("hearing", D(2025, 11, 1))],
                   today=D(2025, 12, 1))
    assert late.due == D(2025, 10, 20) and late.status is Status.OVERDUE


def test_pause_kind_must_be_excluded_by_the_rule() -> None:
    # Guangdong re-review excludes hearing time only (appraisal/survey not found there).
    with pytest.raises(RuleViolation) as info:
        compute(rule("rereview.decision", GUANGDONG), D(2025, 9, 20), CAL, [Pause("appraisal", D(2025, 9, 25), D(2025, 9, 26))])
    assert info.value.rule == "rereview.decision"
    with pytest.raises(RuleViolation):
        compute(rule("intake.disposition"), D(2025, 9, 20), CAL, [Pause("hearing", D(2025, 9, 25), D(2025, 9, 26))])


def test_pause_end_before_start_is_rejected() -> None:
    with pytest.raises(ValidationFailed):
        Pause("hearing", D(2025, 9, 25), D(2025, 9, 24))


# -- extensions -----------------------------------------------------------------------------


def test_extension_runs_from_the_original_due_date() -> None:
    # 60 d from 2025-08-01: 08-02..08-31 = 30, 09-01..09-30 = 60 -> Tue 09-30.
    # +30 d: 10-01..10-30 = 30 (holidays count) -> Thu 10-30.
    deadline = compute(rule("handling.deadline"), D(2025, 8, 1), CAL, extensions=[Extension(30, "案情复杂")])
    assert deadline.base_due == D(2025, 9, 30)
    assert deadline.due == D(2025, 10, 30)
    assert deadline.extended_by == 30
    assert "handling.extension_max" in deadline.explanation.to_text("zh")


def test_extension_ending_in_spring_festival_rolls_forward() -> None:
    # 60 d from 2024-10-31: 11-01..11-30 = 30, 12-01..12-30 = 60 -> Mon 12-30.
    # +30 d: 12-31 = 1, 01-01..01-29 = 30 -> 01-29 春节 -> 02-05.
    deadline = compute(rule("handling.deadline"), D(2024, 10, 31), CAL, extensions=[Extension(30)])
    assert (deadline.base_due, deadline.due) == (D(2024, 12, 30), D(2025, 2, 5))


def test_extensions_add_up_to_the_maximum() -> None:
    ok = compute(rule("handling.deadline"), D(2025, 8, 1), CAL, extensions=[Extension(20), Extension(10)])
    assert ok.due == D(2025, 10, 30)
    for too_long in ([Extension(31)], [Extension(20), Extension(15)]):
        with pytest.raises(RuleViolation) as info:
            compute(rule("handling.deadline"), D(2025, 8, 1), CAL, extensions=too_long)
        assert info.value.rule == "handling.extension_max"
        assert "exceeds the maximum of 30 days" in info.value.detail
        assert info.value.problem()["maximum"] == 30


def test_rule_without_extension_bound_refuses_extensions() -> None:
    with pytest.raises(RuleViolation) as info:
        compute(rule("review.decision"), D(2025, 8, 1), CAL, extensions=[Extension(5)])
    assert info.value.rule == "review.decision"


def test_extension_length_must_be_positive() -> None:
    with pytest.raises(ValidationFailed):
        Extension(0)


# -- before direction -----------------------------------------------------------------------


def test_before_is_not_rolled_and_names_the_last_working_day() -> None:
    # Hearing Thu 2025-02-06, notice 7 d before: 02-05 .. 01-30 = 7 -> 01-30 (春节).
    deadline = compute(rule("hearing.notice"), D(2025, 2, 6), CAL)
    assert deadline.due == D(2025, 1, 30)
    last = deadline.explanation.steps[-2]
    assert last.code == "before_rest_day" and last.until == D(2025, 1, 27)
    assert "最迟应于2025年1月30日" in deadline.explanation.to_text("zh")


def test_before_working_days_land_on_a_working_day() -> None:
    # SD06: 10 wd before Mon 02-10 -> Tue 01-21 (see the rules table for the count).
    deadline = compute(rule("hearing.notice", load_profile("shandong")), D(2025, 2, 10), CAL)
    assert deadline.due == D(2025, 1, 21)
    assert CAL.is_working_day(deadline.due)


def test_before_rules_take_no_pauses_or_extensions() -> None:
    with pytest.raises(RuleViolation):
        compute(rule("hearing.notice"), D(2025, 2, 6), CAL, [Pause("hearing", D(2025, 2, 1), D(2025, 2, 2))])
    with pytest.raises(RuleViolation):
        compute(rule("hearing.notice"), D(2025, 2, 6), CAL, extensions=[Extension(1)])


def test_before_months() -> None:
    # 1 month before 2025-03-31 -> corresponding day 02-28 (clamped), Fri.
    before = replace(rule("mediation.duration"), direction=rule("hearing.notice").direction)
    assert compute(before, D(2025, 3, 31), CAL).due == D(2025, 2, 28)


# -- status and windows ---------------------------------------------------------------------


@pytest.mark.parametrize(("today", "completed", "status", "remaining"), [
    (D(2025, 1, 20), None, Status.RUNNING, 16),     # due 02-05
    (D(2025, 2, 2), None, Status.DUE_SOON, 3),
    (D(2025, 2, 5), None, Status.DUE_SOON, 0),
    (D(2025, 2, 6), None, Status.OVERDUE, -1),
    (D(2025, 2, 6), D(2025, 2, 5), Status.MET, 0),
    (D(2025, 2, 9), D(2025, 2, 7), Status.OVERDUE, -2),  # done, but late
])
def test_status(today: date, completed: date | None, status: Status, remaining: int) -> None:
    deadline = compute(rule("intake.disposition"), D(2025, 1, 21), CAL, today=today, completed_on=completed)
    # 15 d from 01-21: 01-22..01-31 = 10, 02-01..02-05 = 15 -> Wed 02-05 (a working day).
    assert deadline.due == D(2025, 2, 5)
    assert (deadline.status, deadline.days_remaining) == (status, remaining)


def test_evaluated_reuses_the_dates() -> None:
    deadline = compute(rule("intake.disposition"), D(2025, 1, 21), CAL, today=D(2025, 1, 22))
    later = deadline.evaluated(D(2025, 3, 1))
    assert later.due == deadline.due and later.status is Status.OVERDUE


def test_review_application_window() -> None:
    # Opinion served 2025-09-01: 30 d -> 10-01 (国庆节) -> 10-09.
    on_time = check_window(rule("review.request_window"), D(2025, 9, 1), D(2025, 10, 9), CAL)
    assert on_time.within and on_time.deadline.due == D(2025, 10, 9)
    assert on_time.deadline.status is Status.MET
    late = check_window(rule("review.request_window"), D(2025, 9, 1), D(2025, 10, 10), CAL)
    assert not late.within and late.deadline.status is Status.OVERDUE


# -- calendar coverage and explanations -----------------------------------------------------


def test_uncovered_year_raises_with_instructions() -> None:
    with pytest.raises(CalendarNotCovered) as info:
        compute(rule("intake.disposition"), D(2031, 3, 1), CAL)
    message = info.value.detail
    assert "2031" in message and "override" in message and "[years.2031]" in message
    assert info.value.problem()["year"] == 2031


def test_period_running_into_an_uncovered_year_raises() -> None:
    # 15 d from 2026-12-20 ends 2027-01-04: 2027 is not in chinese-calendar 1.11.
    with pytest.raises(CalendarNotCovered) as info:
        compute(rule("intake.disposition"), D(2026, 12, 20), CAL)
    assert info.value.problem()["year"] == 2027


def test_explanation_names_holidays_and_articles_in_both_languages() -> None:
    deadline = compute(rule("acceptance.objection"), D(2025, 1, 24), CAL)
    zh, en = deadline.explanation.to_text("zh"), deadline.explanation.to_text("en")
    assert "跳过春节假期 2025年1月28日（星期二）至2025年2月4日（星期二）（8日，非工作日）" in zh
    assert "2025年1月26日（星期日）为春节调休上班日，计为工作日" in zh
    assert "《信访工作条例》(2022) 第23条第3款" in zh
    assert "make-up working day (春节)" in en and "Skipped the 春节 holiday" in en
    rolled = compute(rule("intake.disposition"), D(2025, 9, 20), CAL).explanation
    assert "2025年10月5日（星期日）为国庆节假期，期间顺延至其后第一个工作日2025年10月9日（星期四）" in rolled.to_text("zh")
    assert "Civil Code Art. 203" in rolled.to_text("en")
    with pytest.raises(ValueError):
        rolled.to_text("fr")


def test_mid_autumn_inside_national_day_is_named() -> None:
    text = compute(rule("acceptance.objection"), D(2025, 9, 26), CAL).explanation.to_text("zh")
    assert "跳过国庆节、中秋节假期" in text


def test_deadline_as_dict_is_json_ready() -> None:
    deadline = compute(rule("rereview.decision"), D(2025, 9, 20), CAL,
                       [Pause("hearing", D(2025, 9, 25), D(2025, 9, 26))], today=D(2025, 10, 1))
    data = json.loads(json.dumps(deadline.as_dict(), ensure_ascii=False))
    assert data["due"] == "2025-10-22" and data["status"] == "running" and data["paused_days"] == 2
    assert data["calendar_fingerprint"] == CAL.fingerprint()
    assert [s["code"] for s in data["explanation"]["steps"]][:3] == ["rule", "start", "start_not_counted"]
    assert all(s["text_zh"] and s["text_en"] for s in data["explanation"]["steps"])


def test_unit_of_rule_is_reported() -> None:
    assert compute(rule("acceptance.objection"), D(2025, 3, 3), CAL).unit is Unit.WORKING_DAYS
