"""Review clocks across the 2025 holidays, worked by hand (no database).

Holidays 2025: Spring Festival Tue 28 Jan – Tue 4 Feb (make-up working days Sun 26 Jan, Sat 8 Feb);
Qingming Fri 4 – Sun 6 Apr; National Day and Mid-Autumn Wed 1 – Wed 8 Oct (make-up Sun 28 Sep,
Sat 11 Oct).
"""

from __future__ import annotations

from datetime import date

import pytest
from hearing_review.domain import (
    Kind,
    Obstacle,
    decision_deadline,
    hearing_excluded,
    nonacceptance_deadline,
    request_window,
    window_deadline,
)

from hearing_core.deadlines import HolidayCalendar, Pause, Status, load_profile
from hearing_core.errors import RuleViolation, ValidationFailed

NATIONAL = load_profile("national")
GUANGDONG = load_profile("guangdong")
CAL = HolidayCalendar()


def test_review_window_ending_in_the_spring_festival_rolls_to_the_first_working_day() -> None:
    # Served Mon 30 Dec 2024: Dec 31 = 1, Jan 1-29 = 30; 29 Jan is 春节 -> Wed 5 Feb 2025.
    served = date(2024, 12, 30)
    assert request_window(NATIONAL, CAL, Kind.REVIEW, served, date(2025, 2, 5)).within
    late = request_window(NATIONAL, CAL, Kind.REVIEW, served, date(2025, 2, 6))
    assert not late.within and late.deadline.due == date(2025, 2, 5)
    text = late.deadline.explanation.to_text("zh")
    assert "春节" in text and "2025年2月5日" in text


def test_review_window_ending_on_the_sunday_after_the_makeup_saturday_rolls_to_monday() -> None:
    # Served Fri 10 Jan 2025: Jan 11-31 = 21, Feb 1-9 = 30; Sun 9 Feb is a rest day -> Mon 10 Feb.
    w = request_window(NATIONAL, CAL, Kind.REVIEW, date(2025, 1, 10), date(2025, 2, 10))
    assert w.within and w.deadline.due == date(2025, 2, 10)


def test_rereview_window_ending_in_national_day() -> None:
    # Review opinion served Fri 5 Sep 2025: Sep 6-30 = 25, Oct 1-5 = 30; 5 Oct is 国庆节 -> Thu 9 Oct.
    served = date(2025, 9, 5)
    assert request_window(NATIONAL, CAL, Kind.REREVIEW, served, date(2025, 10, 9)).within
    late = request_window(NATIONAL, CAL, Kind.REREVIEW, served, date(2025, 10, 10))
    assert not late.within
    assert late.deadline.rule_id == "rereview.request_window"
    assert late.deadline.due == date(2025, 10, 9)


def test_force_majeure_days_are_not_counted_in_the_window() -> None:
    # Served Mon 3 Mar 2025: without obstacle due Wed 2 Apr. A typhoon 20-29 Mar (10 days): Mar 4-19 = 16,
    # Mar 30-31 = 18, Apr 1-12 = 30; Sat 12 Apr rolls to Mon 14 Apr.
    served = date(2025, 3, 3)
    assert not request_window(NATIONAL, CAL, Kind.REVIEW, served, date(2025, 4, 3)).within
    typhoon = Obstacle(date(2025, 3, 20), date(2025, 3, 29), "台风封路，无法提交")
    w = request_window(NATIONAL, CAL, Kind.REVIEW, served, date(2025, 4, 14), [typhoon])
    assert w.within and w.deadline.due == date(2025, 4, 14) and w.deadline.paused_days == 10
    assert "不可抗力期间" in w.deadline.explanation.to_text("zh")
    assert not request_window(NATIONAL, CAL, Kind.REVIEW, served, date(2025, 4, 15), [typhoon]).within


def test_obstacle_needs_a_reason_and_ordered_dates() -> None:
    with pytest.raises(ValidationFailed) as exc:
        Obstacle(date(2025, 3, 29), date(2025, 3, 20), " ")
    assert {e.field for e in exc.value.errors} == {"end", "reason"}


def test_rereview_decision_excludes_hearing_days_across_national_day() -> None:
    # docs/deadlines.md: received Sat 20 Sep 2025 -> Mon 20 Oct; the two hearing days 25-26 Sep -> Wed 22 Oct.
    received = date(2025, 9, 20)
    plain = decision_deadline(NATIONAL, CAL, Kind.REREVIEW, received, today=date(2025, 9, 21))
    assert plain.due == date(2025, 10, 20)
    heard = decision_deadline(NATIONAL, CAL, Kind.REREVIEW, received, today=date(2025, 9, 21),
                              pauses=[Pause("hearing", date(2025, 9, 25), date(2025, 9, 26))])
    assert heard.due == date(2025, 10, 22) and heard.paused_days == 2


def test_open_hearing_suspends_the_decision_clock() -> None:
    d = decision_deadline(NATIONAL, CAL, Kind.REVIEW, date(2025, 9, 20), today=date(2025, 9, 30),
                          pauses=[Pause("hearing", date(2025, 9, 25))])
    assert d.due is None and d.status is Status.PAUSED


def test_guangdong_review_excludes_hearing_but_not_appraisal() -> None:
    assert hearing_excluded(GUANGDONG, Kind.REVIEW) and hearing_excluded(GUANGDONG, Kind.REREVIEW)
    with pytest.raises(RuleViolation) as exc:
        decision_deadline(GUANGDONG, CAL, Kind.REVIEW, date(2025, 9, 20), today=date(2025, 9, 21),
                          pauses=[Pause("appraisal", date(2025, 9, 22), date(2025, 9, 30))])
    assert exc.value.rule == "review.decision"
    # Nationally appraisal time is excluded (local review rules).
    d = decision_deadline(NATIONAL, CAL, Kind.REVIEW, date(2025, 9, 20), today=date(2025, 9, 21),
                          pauses=[Pause("appraisal", date(2025, 9, 22), date(2025, 9, 30))])
    assert d.paused_days == 9


def test_nonacceptance_notice_limit_is_the_profile_rule() -> None:
    # 15 days from receipt on Mon 22 Sep 2025: Sep 23-30 = 8, Oct 1-7 = 15 -> 7 Oct is 国庆 -> Thu 9 Oct.
    d = nonacceptance_deadline(NATIONAL, CAL, date(2025, 9, 22), today=date(2025, 9, 22))
    assert d.rule_id == "review.nonacceptance_notice" and d.due == date(2025, 10, 9)
    assert nonacceptance_deadline(NATIONAL, CAL, date(2025, 9, 22), date(2025, 10, 12), date(2025, 10, 10)).status \
        is Status.OVERDUE


def test_window_deadline_status_for_lapse_checks() -> None:
    d = window_deadline(NATIONAL, CAL, Kind.REVIEW, date(2025, 5, 2), today=date(2025, 6, 10))
    # May 3 - Jun 1 = 30; Sun 1 Jun rolls: 31 May - 2 Jun is the Dragon Boat holiday -> Tue 3 Jun.
    assert d.due == date(2025, 6, 3) and d.status is Status.OVERDUE
