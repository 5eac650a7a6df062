"""Reception and case state machines, their guards, notice status and the report definitions."""

from __future__ import annotations

from datetime import date, time

import pytest
from hearing_reception.domain import (
    CASE_MACHINE,
    Feedback,
    Leader,
    Level,
    NoticeStatus,
    Outcome,
    Reception,
    ReportDefinitions,
    Session,
    VisitCase,
    Visitor,
    notice_context,
    notice_status,
    participants_from,
    rate,
    render_markdown,
)

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed

SEC = Leader(1, "li-sec", "李明", "县委书记", Level.COUNTY, "全面工作")
HEAD = Leader(2, "zhao-head", "赵强", "县长", Level.COUNTY, "政府全面工作")
TOWN = Leader(8, "chen-town", "陈刚", "东城镇党委书记", Level.TOWN, "全面工作")
DEPT = Leader(6, "zheng-dept", "郑伟", "县住建局局长", Level.DEPARTMENT, "住房城乡建设")


def reception(*leaders: Leader, day: date = date(2025, 10, 15)) -> Reception:
    return Reception(1, day, Session.DAY, time(8, 30), time(17, 30), "县信访局", participants_from(list(leaders)))


def test_lifecycle_planned_announced_open_held() -> None:
    r = reception(TOWN, SEC)
    assert [p.leader_id for p in r.participants] == [1, 8] and r.lead_level is Level.COUNTY
    assert r.announce() == ("planned", "announced")
    assert r.open(today=date(2025, 10, 15)) == ("announced", "in_progress")
    r.require("register_visitors")
    assert r.set_participants([SEC, TOWN, DEPT]) == ("in_progress", "in_progress")
    assert [p.level for p in r.participants] == [Level.COUNTY, Level.DEPARTMENT, Level.TOWN]
    assert r.close() == ("in_progress", "held")
    with pytest.raises(InvalidTransition) as info:
        r.require("register_visitors")
    assert info.value.state == "held" and info.value.allowed == ["set_participants"]


def test_swap_after_the_notice_needs_a_new_notice() -> None:
    r = reception(SEC)
    r.announce()
    assert r.swap(1, HEAD, "书记参加市委会议") == ("announced", "planned")
    assert [p.name for p in r.participants] == ["赵强"]
    with pytest.raises(RuleViolation, match="does not take part"):
        r.swap(1, TOWN, "x")
    with pytest.raises(ValidationFailed):
        r.swap(2, SEC, "  ")


def test_reschedule_keeps_the_original_day_and_refuses_the_past() -> None:
    r = reception(SEC)
    r.announce()
    assert r.reschedule(date(2025, 10, 20), "与常委会冲突", today=date(2025, 10, 10)) == ("announced", "planned")
    r.reschedule(date(2025, 10, 22), "再次调整", today=date(2025, 10, 10), start=time(9, 0), end=time(12, 0))
    assert (r.original_day, r.day, r.start_time) == (date(2025, 10, 15), date(2025, 10, 22), time(9, 0))
    with pytest.raises(RuleViolation, match="into the past"):
        r.reschedule(date(2025, 10, 1), "x", today=date(2025, 10, 10))


def test_cancelled_is_final_and_opening_early_is_refused() -> None:
    r = reception(SEC)
    with pytest.raises(RuleViolation, match="before its day"):
        r.open(today=date(2025, 10, 14))
    r.cancel("防汛")
    with pytest.raises(InvalidTransition, match="allowed actions: none"):
        r.open(today=date(2025, 10, 15))


def case() -> VisitCase:
    return VisitCase(None, 1, date(2025, 10, 15), 3, "征地补偿款未发放", [Visitor("张三", "110101199003071234")])


def test_case_follow_up_from_hearing_to_feedback() -> None:
    c = case()
    assert c.problems() == []
    c.hear("请县自然资源局核实补偿标准", Outcome.BY_DEADLINE, date(2025, 10, 15), today=date(2025, 10, 15))
    c.instruct("请自然资源局十日内核实答复", "李明", date(2025, 10, 15), date(2025, 10, 16), transfer_due=date(2025, 10, 17))
    c.transfer("县自然资源局", date(2025, 10, 18), date(2025, 10, 18), reply_due=date(2025, 11, 2), basis="set by the bureau")
    assert c.transfer_late(date(2025, 10, 18)) is True
    assert c.reply_overdue(date(2025, 11, 2)) is False and c.reply_overdue(date(2025, 11, 3)) is True
    c.reply("已核实并补发", date(2025, 10, 30), True, today=date(2025, 10, 30))
    assert c.reply_overdue(date(2025, 12, 1)) is False
    assert c.give_feedback(Feedback.SATISFIED, "", date(2025, 11, 5), today=date(2025, 11, 5)) == ("replied", "closed")
    view = c.as_dict(date(2025, 11, 5))
    assert view["outcome_zh"] == "限期解决" and view["feedback_zh"] == "满意" and view["allowed_actions"] == []


def test_case_dates_may_not_run_backwards_or_into_the_future() -> None:
    c = case()
    with pytest.raises(ValidationFailed, match="future"):
        c.hear("note", Outcome.ON_SPOT, date(2025, 10, 16), today=date(2025, 10, 15))
    with pytest.raises(ValidationFailed, match="out of order"):
        c.hear("note", Outcome.ON_SPOT, date(2025, 10, 14), today=date(2025, 10, 15))
    with pytest.raises(InvalidTransition) as info:
        c.reply("x", date(2025, 10, 15), True, today=date(2025, 10, 15))
    assert info.value.allowed == ["hear", "withdraw"]


def test_registration_problems_are_listed_together() -> None:
    bad = VisitCase(None, 1, date(2025, 10, 15), 1, " ", [Visitor(""), Visitor("李四")])
    assert {e.field for e in bad.problems()} == {"summary", "petitioners", "petitioners.0.name"}


def test_case_machine_has_no_path_out_of_closed() -> None:
    assert CASE_MACHINE.allowed_actions("closed") == []
    assert CASE_MACHINE.allowed_actions("heard") == ["instruct", "feedback", "close"]


def test_notice_status() -> None:
    due = date(2025, 10, 10)
    assert notice_status(due, date(2025, 10, 10), date(2025, 10, 12)) is NoticeStatus.ON_TIME
    assert notice_status(due, date(2025, 10, 11), date(2025, 10, 12)) is NoticeStatus.LATE
    assert notice_status(due, None, date(2025, 10, 10)) is NoticeStatus.PENDING
    assert notice_status(due, None, date(2025, 10, 11)) is NoticeStatus.OVERDUE


def test_notice_context_lists_who_when_where() -> None:
    ctx = notice_context([reception(SEC, TOWN)], organ_name="某县信访局", issue_date=date(2025, 10, 8))
    (row,) = ctx["receptions"]
    assert (row["session"], row["hours"]) == ("全天", "8时30分至17时30分")
    assert row["leaders"][0] == {"name": "李明", "post": "县委书记", "portfolio": "全面工作"}


def test_report_definitions_defaults_and_errors() -> None:
    defaults = ReportDefinitions.from_mapping({})
    assert defaults.as_dict() == {
        "counted_lead_levels": ["county", "department"], "scope": "all", "reply_rate_basis": "due",
        "resolved_when": ["on_spot", "reply_resolved"], "percent_digits": 0,
    }
    with pytest.raises(ValidationFailed) as info:
        ReportDefinitions.from_mapping({"scope": "everything", "resolved_when": ["magic"], "percent_digits": 9, "x": 1})
    assert len(info.value.errors) == 4


def test_rates_round_half_up() -> None:
    assert rate(150, 295, 0)["percent"] == 51  # 50.85 %
    assert rate(1, 8, 1)["percent"] == 12.5
    assert rate(1, 200, 0)["percent"] == 1  # 0.5 % rounds up, not to even
    assert rate(0, 0, 0)["percent"] is None


def test_markdown_reads_like_the_bureau_summary() -> None:
    figures = {
        "year": 2025, "receptions_held": 125,
        "participation": {"county": 311, "department": 281, "town": 2690},
        "visitors": {"batches": 295, "persons": 671},
        "outcomes": {"on_spot": 100, "by_deadline": 90, "guidance": 60, "further_study": 45},
        "instructions": {"issued": 140, "transferred_on_time": 138},
        "replies": {"replied": 135, "on_time": 133},
        "on_time_reply_rate": rate(133, 140, 0), "resolution_rate": rate(150, 295, 0),
        "notices": {"on_time": 0, "late": 0, "missing": 0},
    }
    text = render_markdown(figures)
    assert text.startswith(
        "2025年全县共组织125次县领导接访活动，参与接访的县领导311人次，县直部门领导281人次，镇领导2690人次，"
        "共接访群众295批671人次，按时答复率95%，化解率51%。"
    )
    assert "公示" not in text
