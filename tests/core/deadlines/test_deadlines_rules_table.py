"""Every rule of every shipped profile, computed across Spring Festival and National Day 2025.

Expected dates are worked out by hand from the State Council schedule for 2025:

* Spring Festival (春节): holidays Tue 2025-01-28 .. Tue 2025-02-04; make-up working days
  Sun 2025-01-26 and Sat 2025-02-08.
* National Day + Mid-Autumn (国庆节、中秋节): holidays Wed 2025-10-01 .. Wed 2025-10-08
  (10-06 is 中秋节); make-up working days Sun 2025-09-28 and Sat 2025-10-11.

Each case carries its count ("why"), shown in the test id and on failure.
"""

from __future__ import annotations

from datetime import date

import pytest

from hearing_core.deadlines import HolidayCalendar, available_profiles, compute, load_profile
from hearing_core.errors import RuleViolation

D = date
CAL = HolidayCalendar()
TODAY = D(2025, 1, 1)

# The two rules no source gives a number for are configured by an instance profile
# (what a bureau does, docs/rule-profiles.md); the numbers here are test data.
TEST_BUREAU = """
name = "testbureau"
title = "测试县信访局（测试数据）"
extends = "national"

[rules.reception.department_reply]
length = 20
source = "测试数据"
confidence = "D"

[rules.satisfaction.window]
length = 10
source = "测试数据"
confidence = "D"
"""

# (profile, rule id, season, start, expected due, how it was counted)
CASES: list[tuple[str, str, str, date, date, str]] = [
    # ---- national: intake and acceptance
    ("national", "intake.disposition", "SF", D(2025, 1, 15), D(2025, 2, 5),
     "15 d: 01-16..01-30 = 15; 01-30 春节 -> next working day 02-05"),
    ("national", "intake.disposition", "ND", D(2025, 9, 20), D(2025, 10, 9),
     "15 d: 09-21..09-30 = 10, 10-01..10-05 = 15; 10-05 国庆节 -> 10-09"),
    ("national", "intake.county_forwarding", "SF", D(2025, 1, 27), D(2025, 2, 5),
     "4 d: 01-28..01-31 = 4; 01-31 春节 -> 02-05"),
    ("national", "intake.county_forwarding", "ND", D(2025, 9, 23), D(2025, 9, 28),
     "4 d: 09-24..09-27 = 4; 09-27 Sat rest -> Sun 09-28, a make-up working day"),
    ("national", "acceptance.notice", "SF", D(2025, 1, 20), D(2025, 2, 5),
     "15 d: 01-21..01-31 = 11, 02-01..02-04 = 15; 02-04 春节 -> 02-05"),
    ("national", "acceptance.notice", "ND", D(2025, 9, 25), D(2025, 10, 10),
     "15 d: 09-26..09-30 = 5, 10-01..10-10 = 15; holidays inside count; Fri 10-10 is a working day"),
    ("national", "acceptance.objection", "SF", D(2025, 1, 24), D(2025, 2, 7),
     "5 wd: Sat 01-25 skip, Sun 01-26 make-up = 1, 01-27 = 2, 01-28..02-04 skip, 02-05 = 3, 02-06 = 4, 02-07 = 5"),
    ("national", "acceptance.objection", "ND", D(2025, 9, 26), D(2025, 10, 10),
     "5 wd: Sat 09-27 skip, Sun 09-28 make-up = 1, 09-29 = 2, 09-30 = 3, 10-01..10-08 skip, 10-09 = 4, 10-10 = 5"),
    # ---- national: handling
    ("national", "handling.deadline", "SF", D(2024, 12, 1), D(2025, 2, 5),
     "60 d: 12-02..12-31 = 30, 01-01..01-30 = 60; 01-30 春节 -> 02-05"),
    ("national", "handling.deadline", "ND", D(2025, 8, 5), D(2025, 10, 9),
     "60 d: 08-06..08-31 = 26, 09-01..09-30 = 56, 10-01..10-04 = 60; 10-04 国庆节 -> 10-09"),
    ("national", "handling.extension_max", "SF", D(2024, 12, 31), D(2025, 2, 5),
     "30 d from the original due date: 01-01..01-30 = 30; 01-30 春节 -> 02-05"),
    ("national", "handling.extension_max", "ND", D(2025, 9, 5), D(2025, 10, 9),
     "30 d: 09-06..09-30 = 25, 10-01..10-05 = 30; 10-05 国庆节 -> 10-09"),
    ("national", "simplified.accept", "SF", D(2025, 1, 24), D(2025, 2, 5),
     "3 wd: Sat 01-25 skip, Sun 01-26 make-up = 1, 01-27 = 2, holidays skip, 02-05 = 3"),
    ("national", "simplified.accept", "ND", D(2025, 9, 29), D(2025, 10, 10),
     "3 wd: 09-30 = 1, 10-01..10-08 skip, 10-09 = 2, 10-10 = 3"),
    ("national", "simplified.opinion", "SF", D(2025, 1, 20), D(2025, 2, 8),
     "10 wd: 01-21..01-24 = 4, Sun 01-26 make-up = 5, 01-27 = 6, 02-05..02-07 = 9, Sat 02-08 make-up = 10"),
    ("national", "simplified.opinion", "ND", D(2025, 9, 22), D(2025, 10, 11),
     "10 wd: 09-23..09-26 = 4, Sun 09-28 make-up = 5, 09-29..09-30 = 7, 10-09..10-10 = 9, Sat 10-11 make-up = 10"),
    ("national", "simplified.forward", "SF", D(2025, 1, 27), D(2025, 2, 5),
     "1 wd: 01-28..02-04 skip, 02-05 = 1"),
    ("national", "simplified.forward", "ND", D(2025, 9, 30), D(2025, 10, 9),
     "1 wd: 10-01..10-08 skip, 10-09 = 1"),
    ("national", "supervision.proposal_answer", "SF", D(2025, 1, 4), D(2025, 2, 5),
     "30 d: 01-05..01-31 = 27, 02-01..02-03 = 30; 02-03 春节 -> 02-05"),
    ("national", "supervision.proposal_answer", "ND", D(2025, 9, 8), D(2025, 10, 9),
     "30 d: 09-09..09-30 = 22, 10-01..10-08 = 30; 10-08 国庆节 -> 10-09"),
    # ---- national: review and re-review
    ("national", "review.request_window", "SF", D(2025, 1, 1), D(2025, 2, 5),
     "30 d: 01-02..01-31 = 30; 01-31 春节 -> 02-05"),
    ("national", "review.request_window", "ND", D(2025, 9, 1), D(2025, 10, 9),
     "30 d: 09-02..09-30 = 29, 10-01 = 30; 10-01 国庆节 -> 10-09"),
    ("national", "review.decision", "SF", D(2025, 1, 3), D(2025, 2, 5),
     "30 d: 01-04..01-31 = 28, 02-01..02-02 = 30; 02-02 春节 -> 02-05"),
    ("national", "review.decision", "ND", D(2025, 9, 4), D(2025, 10, 9),
     "30 d: 09-05..09-30 = 26, 10-01..10-04 = 30; 10-04 国庆节 -> 10-09"),
    ("national", "review.nonacceptance_notice", "SF", D(2025, 1, 16), D(2025, 2, 5),
     "15 d: 01-17..01-31 = 15; 01-31 春节 -> 02-05"),
    ("national", "review.nonacceptance_notice", "ND", D(2025, 9, 22), D(2025, 10, 9),
     "15 d: 09-23..09-30 = 8, 10-01..10-07 = 15; 10-07 国庆节 -> 10-09"),
    ("national", "rereview.request_window", "SF", D(2025, 1, 2), D(2025, 2, 5),
     "30 d: 01-03..01-31 = 29, 02-01 = 30; 02-01 春节 -> 02-05"),
    ("national", "rereview.request_window", "ND", D(2025, 9, 2), D(2025, 10, 9),
     "30 d: 09-03..09-30 = 28, 10-01..10-02 = 30; 10-02 国庆节 -> 10-09"),
    ("national", "rereview.decision", "SF", D(2024, 12, 29), D(2025, 2, 5),
     "30 d: 12-30..12-31 = 2, 01-01..01-28 = 30; 01-28 春节 -> 02-05"),
    ("national", "rereview.decision", "ND", D(2025, 9, 6), D(2025, 10, 9),
     "30 d: 09-07..09-30 = 24, 10-01..10-06 = 30; 10-06 中秋节 -> 10-09"),
    # ---- national: hearings (comparative fallbacks)
    ("national", "hearing.application", "SF", D(2025, 1, 22), D(2025, 2, 5),
     "7 d: 01-23..01-29 = 7; 01-29 春节 -> 02-05"),
    ("national", "hearing.application", "ND", D(2025, 9, 27), D(2025, 10, 9),
     "7 d: 09-28..09-30 = 3, 10-01..10-04 = 7; 10-04 国庆节 -> 10-09"),
    ("national", "hearing.decision", "SF", D(2025, 1, 14), D(2025, 2, 5),
     "15 d: 01-15..01-29 = 15; 01-29 春节 -> 02-05"),
    ("national", "hearing.decision", "ND", D(2025, 9, 19), D(2025, 10, 9),
     "15 d: 09-20..09-30 = 11, 10-01..10-04 = 15; 10-04 国庆节 -> 10-09"),
    ("national", "hearing.hold_within", "SF", D(2024, 12, 30), D(2025, 2, 5),
     "30 d: 12-31 = 1, 01-01..01-29 = 30; 01-29 春节 -> 02-05"),
    ("national", "hearing.hold_within", "ND", D(2025, 9, 3), D(2025, 10, 9),
     "30 d: 09-04..09-30 = 27, 10-01..10-03 = 30; 10-03 国庆节 -> 10-09"),
    ("national", "hearing.notice", "SF", D(2025, 2, 6), D(2025, 1, 30),
     "7 d before Thu 02-06: 02-05, 02-04, 02-03, 02-02, 02-01, 01-31, 01-30 = 7; before-rules are not rolled"),
    ("national", "hearing.notice", "ND", D(2025, 10, 13), D(2025, 10, 6),
     "7 d before Mon 10-13: 10-12 .. 10-06 = 7; 10-06 中秋节, not rolled"),
    ("national", "hearing.consent_reply", "SF", D(2025, 1, 22), D(2025, 2, 5),
     "5 wd: 01-23 = 1, 01-24 = 2, Sat 01-25 skip, Sun 01-26 make-up = 3, 01-27 = 4, holidays skip, 02-05 = 5"),
    ("national", "hearing.consent_reply", "ND", D(2025, 9, 29), D(2025, 10, 13),
     "5 wd: 09-30 = 1, 10-01..10-08 skip, 10-09 = 2, 10-10 = 3, Sat 10-11 make-up = 4, Sun 10-12 skip, 10-13 = 5"),
    ("national", "hearing.conclusion_on_spot", "SF", D(2025, 1, 21), D(2025, 2, 5),
     "10 d: 01-22..01-31 = 10; 01-31 春节 -> 02-05"),
    ("national", "hearing.conclusion_on_spot", "ND", D(2025, 9, 25), D(2025, 10, 9),
     "10 d: 09-26..09-30 = 5, 10-01..10-05 = 10; 10-05 国庆节 -> 10-09"),
    ("national", "hearing.conclusion_later", "SF", D(2025, 1, 13), D(2025, 2, 5),
     "20 d: 01-14..01-31 = 18, 02-01..02-02 = 20; 02-02 春节 -> 02-05"),
    ("national", "hearing.conclusion_later", "ND", D(2025, 9, 15), D(2025, 10, 9),
     "20 d: 09-16..09-30 = 15, 10-01..10-05 = 20; 10-05 国庆节 -> 10-09"),
    # ---- national: mediation
    ("national", "mediation.duration", "SF", D(2025, 1, 1), D(2025, 2, 5),
     "1 month: corresponding day 02-01 (Sat, 春节) -> 02-05"),
    ("national", "mediation.duration", "ND", D(2025, 9, 3), D(2025, 10, 9),
     "1 month: corresponding day 10-03 (国庆节) -> 10-09"),
    ("national", "mediation.judicial_confirmation", "SF", D(2025, 1, 5), D(2025, 2, 5),
     "30 d: 01-06..01-31 = 26, 02-01..02-04 = 30; 02-04 春节 -> 02-05"),
    ("national", "mediation.judicial_confirmation", "ND", D(2025, 9, 7), D(2025, 10, 9),
     "30 d: 09-08..09-30 = 23, 10-01..10-07 = 30; 10-07 国庆节 -> 10-09"),
    # ---- national: leader reception (seed county practice)
    ("national", "reception.notice", "SF", D(2025, 2, 5), D(2025, 1, 31),
     "5 d before Wed 02-05: 02-04, 02-03, 02-02, 02-01, 01-31 = 5; 01-31 春节, not rolled"),
    ("national", "reception.notice", "ND", D(2025, 10, 10), D(2025, 10, 5),
     "5 d before Fri 10-10: 10-09, 10-08, 10-07, 10-06, 10-05 = 5; 10-05 国庆节, not rolled"),
    ("national", "reception.instruction_transfer", "SF", D(2025, 1, 26), D(2025, 2, 5),
     "2 d from Sun 01-26 (make-up day): 01-27 = 1, 01-28 = 2; 01-28 春节 -> 02-05"),
    ("national", "reception.instruction_transfer", "ND", D(2025, 9, 29), D(2025, 10, 9),
     "2 d: 09-30 = 1, 10-01 = 2; 10-01 国庆节 -> 10-09"),
    # ---- instance-configured rules (testbureau: department reply 20 d, satisfaction 10 d)
    ("testbureau", "reception.department_reply", "SF", D(2025, 1, 12), D(2025, 2, 5),
     "20 d: 01-13..01-31 = 19, 02-01 = 20; 02-01 春节 -> 02-05"),
    ("testbureau", "reception.department_reply", "ND", D(2025, 9, 12), D(2025, 10, 9),
     "20 d: 09-13..09-30 = 18, 10-01..10-02 = 20; 10-02 国庆节 -> 10-09"),
    ("testbureau", "satisfaction.window", "SF", D(2025, 1, 20), D(2025, 2, 5),
     "10 d: 01-21..01-30 = 10; 01-30 春节 -> 02-05"),
    ("testbureau", "satisfaction.window", "ND", D(2025, 9, 24), D(2025, 10, 9),
     "10 d: 09-25..09-30 = 6, 10-01..10-04 = 10; 10-04 国庆节 -> 10-09"),
    # ---- guangdong
    ("guangdong", "review.decision", "SF", D(2025, 1, 3), D(2025, 2, 5),
     "30 d (national value, GD pauses): 01-04..01-31 = 28, 02-01..02-02 = 30 -> 02-05"),
    ("guangdong", "review.decision", "ND", D(2025, 9, 4), D(2025, 10, 9),
     "30 d: 09-05..09-30 = 26, 10-01..10-04 = 30 -> 10-09"),
    ("guangdong", "rereview.request_window", "SF", D(2025, 1, 2), D(2025, 2, 5),
     "30 d: 01-03..01-31 = 29, 02-01 = 30 -> 02-05"),
    ("guangdong", "rereview.request_window", "ND", D(2025, 9, 2), D(2025, 10, 9),
     "30 d: 09-03..09-30 = 28, 10-01..10-02 = 30 -> 10-09"),
    ("guangdong", "rereview.decision", "SF", D(2024, 12, 29), D(2025, 2, 5),
     "30 d: 12-30..12-31 = 2, 01-01..01-28 = 30 -> 02-05"),
    ("guangdong", "rereview.decision", "ND", D(2025, 9, 6), D(2025, 10, 9),
     "30 d: 09-07..09-30 = 24, 10-01..10-06 = 30 -> 10-09"),
    ("guangdong", "hotline.consult_reply", "SF", D(2025, 1, 27), D(2025, 2, 6),
     "2 wd: 01-28..02-04 skip, 02-05 = 1, 02-06 = 2"),
    ("guangdong", "hotline.consult_reply", "ND", D(2025, 9, 30), D(2025, 10, 10),
     "2 wd: 10-01..10-08 skip, 10-09 = 1, 10-10 = 2"),
    ("guangdong", "hotline.help_reply", "SF", D(2025, 1, 20), D(2025, 2, 8),
     "10 wd: 01-21..01-24 = 4, Sun 01-26 = 5, 01-27 = 6, 02-05..02-07 = 9, Sat 02-08 make-up = 10"),
    ("guangdong", "hotline.help_reply", "ND", D(2025, 9, 22), D(2025, 10, 11),
     "10 wd: 09-23..09-26 = 4, Sun 09-28 = 5, 09-29..09-30 = 7, 10-09..10-10 = 9, Sat 10-11 make-up = 10"),
    ("guangdong", "hotline.complaint_reply", "SF", D(2025, 1, 20), D(2025, 2, 14),
     "15 wd: ... Sat 02-08 = 10, Sun 02-09 skip, 02-10..02-14 = 15"),
    ("guangdong", "hotline.complaint_reply", "ND", D(2025, 9, 22), D(2025, 10, 17),
     "15 wd: ... Sat 10-11 = 10, Sun 10-12 skip, 10-13..10-17 = 15"),
    # ---- shandong (SD06)
    ("shandong", "hearing.notice", "SF", D(2025, 2, 10), D(2025, 1, 21),
     "10 wd before Mon 02-10: Sun 02-09 skip, Sat 02-08 make-up = 1, 02-07..02-05 = 4, holidays skip, "
     "01-27 = 5, Sun 01-26 make-up = 6, Sat 01-25 skip, 01-24..01-21 = 10"),
    ("shandong", "hearing.notice", "ND", D(2025, 10, 16), D(2025, 9, 26),
     "10 wd before Thu 10-16: 10-15..10-13 = 3, Sun 10-12 skip, Sat 10-11 make-up = 4, 10-10..10-09 = 6, "
     "holidays skip, 09-30..09-29 = 8, Sun 09-28 make-up = 9, Sat 09-27 skip, 09-26 = 10"),
    # ---- jiangsu (JS)
    ("jiangsu", "hearing.decision", "SF", D(2025, 1, 27), D(2025, 2, 10),
     "5 wd: holidays skip, 02-05..02-07 = 3, Sat 02-08 make-up = 4, Sun 02-09 skip, 02-10 = 5"),
    ("jiangsu", "hearing.decision", "ND", D(2025, 9, 30), D(2025, 10, 14),
     "5 wd: holidays skip, 10-09..10-10 = 2, Sat 10-11 make-up = 3, Sun 10-12 skip, 10-13..10-14 = 5"),
    ("jiangsu", "hearing.hold_within", "SF", D(2024, 12, 30), D(2025, 2, 5),
     "30 d: 12-31 = 1, 01-01..01-29 = 30; 01-29 春节 -> 02-05"),
    ("jiangsu", "hearing.hold_within", "ND", D(2025, 9, 3), D(2025, 10, 9),
     "30 d: 09-04..09-30 = 27, 10-01..10-03 = 30 -> 10-09"),
    ("jiangsu", "hearing.notice", "SF", D(2025, 2, 10), D(2025, 1, 24),
     "7 wd before Mon 02-10: Sun 02-09 skip, Sat 02-08 = 1, 02-07..02-05 = 4, holidays skip, 01-27 = 5, "
     "Sun 01-26 make-up = 6, Sat 01-25 skip, Fri 01-24 = 7"),
    ("jiangsu", "hearing.notice", "ND", D(2025, 10, 13), D(2025, 9, 26),
     "7 wd before Mon 10-13: Sun 10-12 skip, Sat 10-11 = 1, 10-10..10-09 = 3, holidays skip, 09-30..09-29 = 5, "
     "Sun 09-28 make-up = 6, Sat 09-27 skip, Fri 09-26 = 7"),
    # ---- anhui (AH17)
    ("anhui", "hearing.application", "SF", D(2025, 1, 23), D(2025, 2, 6),
     "5 wd: 01-24 = 1, Sat 01-25 skip, Sun 01-26 = 2, 01-27 = 3, holidays skip, 02-05 = 4, 02-06 = 5"),
    ("anhui", "hearing.application", "ND", D(2025, 9, 25), D(2025, 10, 9),
     "5 wd: 09-26 = 1, Sat 09-27 skip, Sun 09-28 = 2, 09-29..09-30 = 4, holidays skip, 10-09 = 5"),
    ("anhui", "hearing.decision", "SF", D(2025, 1, 27), D(2025, 2, 10),
     "5 wd: holidays skip, 02-05..02-07 = 3, Sat 02-08 make-up = 4, Sun 02-09 skip, 02-10 = 5"),
    ("anhui", "hearing.decision", "ND", D(2025, 9, 30), D(2025, 10, 14),
     "5 wd: holidays skip, 10-09..10-10 = 2, Sat 10-11 make-up = 3, Sun 10-12 skip, 10-13..10-14 = 5"),
    ("anhui", "hearing.consent_reply", "SF", D(2025, 1, 22), D(2025, 2, 5),
     "5 wd: 01-23..01-24 = 2, Sun 01-26 = 3, 01-27 = 4, holidays skip, 02-05 = 5"),
    ("anhui", "hearing.consent_reply", "ND", D(2025, 9, 29), D(2025, 10, 13),
     "5 wd: 09-30 = 1, holidays skip, 10-09..10-10 = 3, Sat 10-11 = 4, Sun 10-12 skip, 10-13 = 5"),
]


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    instance_dir = tmp_path_factory.mktemp("instance_profiles")
    (instance_dir / "testbureau.toml").write_text(TEST_BUREAU, encoding="utf-8")
    names = [p.name for p in available_profiles()] + ["testbureau"]
    return {name: load_profile(name, extra_dirs=[instance_dir]) for name in names}


@pytest.mark.parametrize(
    ("profile", "rule_id", "season", "start", "expected", "why"),
    CASES,
    ids=[f"{c[0]}:{c[1]}:{c[2]}" for c in CASES],
)
def test_rule_across_holiday(profiles: dict, profile: str, rule_id: str, season: str,
                             start: date, expected: date, why: str) -> None:
    deadline = compute(profiles[profile].rule(rule_id), start, CAL, today=TODAY)
    assert deadline.due == expected, why
    # Every case crosses the holiday it names, and the explanation says so by name.
    text = deadline.explanation.to_text("zh")
    assert ("春节" in text) if season == "SF" else ("国庆节" in text or "中秋节" in text), text


def test_every_rule_of_every_shipped_profile_has_both_holiday_cases(profiles: dict) -> None:
    covered = {(c[0], c[1], c[2]) for c in CASES}
    covered_ids = {(c[1], c[2]) for c in CASES}
    missing = []
    for info in available_profiles():
        for rule in profiles[info.name].rules.values():
            for season in ("SF", "ND"):
                # A configured rule is tested in the profile that set its clock; an
                # unconfigured one (requires_config) wherever some profile configures it.
                ok = (rule.origin, rule.id, season) in covered if rule.configured else (rule.id, season) in covered_ids
                if not ok:
                    missing.append(f"{info.name}:{rule.id}:{season} (clock set in {rule.origin})")
    assert not missing, "rules without a hand-worked holiday case: " + ", ".join(missing)


@pytest.mark.parametrize("rule_id", ["reception.department_reply", "satisfaction.window", "hotline.consult_reply",
                                     "hotline.help_reply", "hotline.complaint_reply"])
def test_unconfigured_national_rules_refuse_to_guess(profiles: dict, rule_id: str) -> None:
    rule = profiles["national"].rule(rule_id)
    assert not rule.configured
    with pytest.raises(RuleViolation) as info:
        compute(rule, D(2025, 3, 3), CAL, today=TODAY)
    assert info.value.rule == rule_id
    assert f"[rules.{rule_id}] length" in info.value.detail


def test_reference_example_accepted_on_national_day_2023() -> None:
    # Reference §0.2: accepted 2023-10-01 -> the 60-day clock starts 2023-10-02;
    # 10-02..10-31 = 30, 11-01..11-30 = 60; Thu 2023-11-30 is a working day.
    deadline = compute(load_profile().rule("handling.deadline"), D(2023, 10, 1), CAL, today=D(2023, 10, 1))
    assert deadline.due == D(2023, 11, 30)
    assert deadline.explanation.steps[2].code == "start_not_counted"
    assert deadline.explanation.steps[2].until == D(2023, 10, 2)
