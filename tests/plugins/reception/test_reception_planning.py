"""Recurrence rules → reception dates, with the holiday calendar; rules as data; the plan."""

from __future__ import annotations

from datetime import date

import pytest
from hearing_reception.domain import (
    HolidayPolicy,
    Leader,
    Level,
    Months,
    PlaceMode,
    Recurrence,
    RuleKind,
    RuleSpec,
    Session,
    occurrences,
    plan,
)
from hearing_reception.domain.rulefile import parse_rule, parse_rules

from hearing_core.deadlines import HolidayCalendar
from hearing_core.errors import ValidationFailed

CAL = HolidayCalendar()


def monthly(day: int, months: Months = Months.ALL, **kw: object) -> Recurrence:
    return Recurrence(RuleKind.MONTHLY_DAY, day_of_month=day, months=months, **kw)  # type: ignore[arg-type]


def test_secretary_odd_months_15th_moves_off_weekends() -> None:
    got = occurrences(monthly(15, Months.ODD), date(2025, 1, 1), date(2025, 12, 31), CAL)
    assert [(o.nominal.month, o.day.isoformat(), o.moved_because) for o in got] == [
        (1, "2025-01-15", None),
        (3, "2025-03-17", "休息日"),  # Saturday 15 March → Monday
        (5, "2025-05-15", None),
        (7, "2025-07-15", None),
        (9, "2025-09-15", None),
        (11, "2025-11-17", "休息日"),  # Saturday 15 November → Monday
    ]


def test_county_head_even_months_15th() -> None:
    got = occurrences(monthly(15, Months.EVEN), date(2025, 1, 1), date(2025, 12, 31), CAL)
    assert [o.day.isoformat() for o in got] == [
        "2025-02-17", "2025-04-15", "2025-06-16", "2025-08-15", "2025-10-15", "2025-12-15",
    ]


def test_holiday_rolls_onto_a_makeup_working_sunday() -> None:
    # 15 February 2024 is in the Spring Festival; Sunday 18 February is a make-up working day.
    (occ,) = occurrences(monthly(15), date(2024, 2, 1), date(2024, 2, 29), CAL)
    assert occ.day == date(2024, 2, 18) and occ.moved_because == "春节"


def test_monday_rule_across_national_day_and_skip_policy() -> None:
    mondays = Recurrence(RuleKind.WEEKDAY, weekday=0)
    got = occurrences(mondays, date(2025, 9, 29), date(2025, 10, 13), CAL)
    assert [(o.nominal.isoformat(), o.day.isoformat(), o.moved_because) for o in got] == [
        ("2025-09-29", "2025-09-29", None),
        ("2025-10-06", "2025-10-09", "中秋节"),
        ("2025-10-13", "2025-10-13", None),
    ]
    skipping = Recurrence(RuleKind.WEEKDAY, weekday=0, on_holiday=HolidayPolicy.SKIP)
    assert [o.day for o in occurrences(skipping, date(2025, 9, 29), date(2025, 10, 13), CAL)] == [
        date(2025, 9, 29), date(2025, 10, 13),
    ]


def test_occurrences_moved_onto_the_same_day_are_held_once() -> None:
    wednesdays = Recurrence(RuleKind.HALF_DAYS_WEEKLY, weekdays=(2,))
    got = occurrences(wednesdays, date(2025, 9, 29), date(2025, 10, 19), CAL)
    # 1 and 8 October are both in the National Day holiday: both move to Thursday 9 October.
    assert [(o.nominal.isoformat(), o.day.isoformat()) for o in got] == [
        ("2025-10-01", "2025-10-09"), ("2025-10-15", "2025-10-15"),
    ]


def test_day_31_means_the_last_day_of_shorter_months() -> None:
    got = occurrences(monthly(31), date(2025, 4, 1), date(2025, 6, 30), CAL)
    assert [o.nominal.isoformat() for o in got] == ["2025-04-30", "2025-05-31", "2025-06-30"]
    assert got[1].day == date(2025, 6, 3)  # 31 May – 2 June is the Dragon Boat holiday


def test_half_days_weekly_gives_one_date_per_listed_weekday() -> None:
    rec = Recurrence(RuleKind.HALF_DAYS_WEEKLY, weekdays=(1, 3))
    got = occurrences(rec, date(2025, 12, 1), date(2025, 12, 14), CAL)
    assert [o.day.isoformat() for o in got] == ["2025-12-02", "2025-12-04", "2025-12-09", "2025-12-11"]
    assert rec.describe_zh() == "每周2个半天（周二、周四）"


def test_invalid_recurrences_name_each_problem() -> None:
    assert Recurrence(RuleKind.MONTHLY_DAY, day_of_month=32).problems()[0].field == "day_of_month"
    assert Recurrence(RuleKind.WEEKDAY).problems()[0].field == "weekday"
    assert Recurrence(RuleKind.HALF_DAYS_WEEKLY, weekdays=(2, 2)).problems()[0].message == "a weekday is listed twice"


# ---------------------------------------------------------------------------------- the plan

LEADERS = [
    Leader(1, "li-sec", "李明", "县委书记", Level.COUNTY, "全面工作"),
    Leader(2, "zhao-head", "赵强", "县长", Level.COUNTY, "政府全面工作"),
    Leader(3, "sun-sc", "孙红", "县委常委、政法委书记", Level.COUNTY, "政法", "东城镇"),
    Leader(4, "zhou-vice", "周平", "副县长", Level.COUNTY, "城建、国土", "西河镇"),
    Leader(5, "wu-vice", "吴刚", "副县长", Level.COUNTY, "农业农村", "东城镇"),
    Leader(6, "zheng-dept", "郑伟", "县住建局局长", Level.DEPARTMENT, "住房城乡建设", "西河镇"),
    Leader(7, "wang-dept", "王芳", "县人社局局长", Level.DEPARTMENT, "人力资源社会保障", ""),
    Leader(8, "chen-town", "陈刚", "东城镇党委书记", Level.TOWN, "全面工作", "东城镇红星村"),
    Leader(9, "lin-town", "林丽", "东城镇镇长", Level.TOWN, "政府全面工作", "东城镇新华村"),
]


def rule(rule_id: int, code: str, rec: Recurrence, **kw: object) -> RuleSpec:
    return RuleSpec(rule_id, code, code, rec, **kw)  # type: ignore[arg-type]


def test_monday_rota_turns_week_by_week_from_its_start() -> None:
    rota = rule(1, "monday", Recurrence(RuleKind.WEEKDAY, weekday=0), place="县信访局", rota=(3, 4, 5), rota_start=date(2025, 9, 1))
    result = plan([rota], LEADERS, CAL, date(2025, 9, 1), date(2025, 10, 13))
    assert [(r.day.isoformat(), r.leader_ids) for r in result.receptions] == [
        ("2025-09-01", (3,)), ("2025-09-08", (4,)), ("2025-09-15", (5,)), ("2025-09-22", (3,)),
        ("2025-09-29", (4,)), ("2025-10-09", (5,)), ("2025-10-13", (3,)),
    ]
    # The rota is anchored to its start, not to the planning window.
    later = plan([rota], LEADERS, CAL, date(2025, 9, 22), date(2025, 9, 22))
    assert later.receptions[0].leader_ids == (3,)


def test_paired_rule_groups_leaders_by_town_and_warns_about_unpaired() -> None:
    fifteenth = rule(
        2, "paired15", monthly(15), place_mode=PlaceMode.PAIRED, place="{unit}综治信访维稳中心",
        levels=(Level.COUNTY, Level.DEPARTMENT),
    )
    result = plan([fifteenth], LEADERS, CAL, date(2025, 10, 1), date(2025, 10, 31))
    rows = [(r.paired_unit, r.place, r.leader_ids, r.lead_level) for r in result.receptions]
    assert rows == [
        ("东城镇", "东城镇综治信访维稳中心", (3, 5), Level.COUNTY),
        ("西河镇", "西河镇综治信访维稳中心", (4, 6), Level.COUNTY),
    ]
    messages = [m for _, m in result.warnings]
    assert any("王芳" in m for m in messages) and any("李明" in m for m in messages)


def test_town_half_days_are_planned_per_village_and_led_by_town_level() -> None:
    villages = rule(
        3, "villages", Recurrence(RuleKind.HALF_DAYS_WEEKLY, weekdays=(2,)), session=Session.AM,
        place_mode=PlaceMode.PAIRED, place="{unit}村委会", levels=(Level.TOWN,),
    )
    result = plan([villages], LEADERS, CAL, date(2025, 12, 1), date(2025, 12, 7))
    assert [(r.day.isoformat(), r.place, r.lead_level, r.start_time.isoformat()) for r in result.receptions] == [
        ("2025-12-03", "东城镇新华村村委会", Level.TOWN, "08:30:00"),
        ("2025-12-03", "东城镇红星村村委会", Level.TOWN, "08:30:00"),
    ]


def test_planning_twice_gives_the_same_keys_and_respects_effective_dates() -> None:
    sec = rule(1, "sec", monthly(15, Months.ODD), place="县信访局", leader_ids=(1,), effective_from=date(2025, 3, 1))
    whole = plan([sec], LEADERS, CAL, date(2025, 1, 1), date(2025, 6, 30)).receptions
    halves = (
        plan([sec], LEADERS, CAL, date(2025, 1, 1), date(2025, 3, 31)).receptions
        + plan([sec], LEADERS, CAL, date(2025, 4, 1), date(2025, 6, 30)).receptions
    )
    assert [r.plan_key for r in whole] == [r.plan_key for r in halves] == ["rule1/2025-03-15/-", "rule1/2025-05-15/-"]


def test_inactive_leaders_are_left_out() -> None:
    leaders = [*LEADERS[:1], Leader(2, "zhao-head", "赵强", "县长", Level.COUNTY, active=False)]
    both = rule(1, "both", monthly(15), place="县信访局", leader_ids=(1, 2))
    (only,) = plan([both], leaders, CAL, date(2025, 1, 1), date(2025, 1, 31)).receptions
    assert only.leader_ids == (1,)


# ---------------------------------------------------------------------------------- rules as data

CODES = {lead.code: lead.id for lead in LEADERS}


def resolve(ref: str) -> int | None:
    return CODES.get(ref)


def test_rule_mapping_accepts_chinese_words() -> None:
    spec, problems = parse_rule(
        {"code": "head", "title": "县长接访", "kind": "每月定日", "day_of_month": 15, "months": "双月",
         "place": "县信访局", "leaders": ["zhao-head"], "session": "上午", "start_time": "09:00"},
        resolve,
    )
    assert problems == [] and spec is not None
    assert spec.recurrence.months is Months.EVEN and spec.session is Session.AM
    assert spec.times[0].isoformat() == "09:00:00" and spec.leader_ids == (2,)
    assert spec.recurrence.describe_zh() == "双月15日"


def test_rule_file_reports_every_problem_of_every_rule() -> None:
    with pytest.raises(ValidationFailed) as info:
        parse_rules(
            [
                {"code": "a", "title": "A", "kind": "weekday", "weekday": "星期八", "place": "局", "rota": ["nobody"]},
                {"code": "b", "title": "B", "kind": "monthly_day", "day_of_month": 15, "place_mode": "fixed", "levels": ["county"]},
                {"code": "c", "title": "C", "kind": "fortnightly", "colour": "red"},
            ],
            resolve,
        )
    fields = {e.field for e in info.value.errors}
    assert {"rule.0.weekday", "rule.0.rota", "rule.1.place", "rule.2.kind", "rule.2.colour"} <= fields


def test_rule_shape_conflicts_are_refused() -> None:
    _, problems = parse_rule(
        {"code": "x", "title": "X", "kind": "monthly_day", "day_of_month": 15, "place": "局", "rota": ["li-sec"]},
        resolve,
    )
    assert {p.field for p in problems} == {"rota"}
    _, problems = parse_rule(
        {"code": "y", "title": "Y", "kind": "half_days_weekly", "weekdays": ["周三"], "session": "day",
         "place_mode": "paired", "levels": ["town"], "start_time": "12:00", "end_time": "09:00"},
        resolve,
    )
    assert {p.field for p in problems} == {"session", "end_time"}


def test_a_year_of_the_seed_scheme() -> None:
    """The seed county's five rules planned over 2025."""
    rules = [
        rule(1, "secretary", monthly(15, Months.ODD), place="县信访局", leader_ids=(1,)),
        rule(2, "head", monthly(15, Months.EVEN), place="县信访局", leader_ids=(2,)),
        rule(3, "paired", monthly(15), place_mode=PlaceMode.PAIRED, levels=(Level.COUNTY, Level.DEPARTMENT)),
        rule(4, "monday", Recurrence(RuleKind.WEEKDAY, weekday=0), place="县信访局", rota=(3, 4, 5)),
        rule(5, "villages", Recurrence(RuleKind.HALF_DAYS_WEEKLY, weekdays=(2,)), session=Session.AM,
             place_mode=PlaceMode.PAIRED, levels=(Level.TOWN,)),
    ]
    year = plan(rules, LEADERS, CAL, date(2025, 1, 1), date(2025, 12, 31)).receptions
    per_rule = {code: sum(1 for r in year if r.rule_id == i) for i, code in enumerate(["", *[x.code for x in rules]]) if i}
    # 52 Mondays (6 January – 29 December; 3 February, 5 May, 2 June and 6 October are holidays
    # and move to the next working day); 12 months × 2 paired towns; per village 53 Wednesdays
    # less two: 29 January (春节) moves onto Wednesday 5 February, and 1 and 8 October both land
    # on 9 October.
    assert per_rule == {"secretary": 6, "head": 6, "paired": 24, "monday": 52, "villages": 2 * 51}
    assert all(CAL.is_working_day(r.day) for r in year)
    assert len({r.plan_key for r in year}) == len(year)
