"""The application's machine and actions, organs, termination and the report sentences (no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hearing_review.domain import (
    APPLICATION,
    Applicant,
    Capacity,
    Challenged,
    ChallengedKind,
    Checklist,
    Decision,
    GroundResult,
    Kind,
    Outcome,
    Redo,
    ReviewApplication,
    TerminationReason,
    check_lapse,
    parse_organs,
    refusal_message,
    window_deadline,
)
from hearing_review.domain.organs import OrganHierarchy
from hearing_review.domain.stats import empty_kind, render_markdown, statistical_year, summary_sentence
from hearing_review.domain.vocab import Ground

from hearing_core.deadlines import HolidayCalendar, load_profile
from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed

OK = Checklist((GroundResult(Ground.WINDOW, True, "in time"),))
LATE = Checklist((GroundResult(Ground.APPLICANT, True, "ok"), GroundResult(Ground.WINDOW, False, "late",
                                                                           rule="review.request_window")))


def application(kind: Kind = Kind.REVIEW) -> ReviewApplication:
    challenged = Challenged(ChallengedKind.HANDLING_OPINION if kind is Kind.REVIEW else ChallengedKind.REVIEW_OPINION,
                            "XF-2025-00001", "M-1", "east-town", date(2025, 5, 6), conclusion="not_support")
    return ReviewApplication(kind, challenged, Applicant("张三"), "county-gov", "撤销原处理意见", "补偿标准计算有误",
                             date(2025, 5, 20), ref="FC-2025-0001")


def test_machine_table() -> None:
    assert APPLICATION.allowed_actions("received") == ["accept", "refuse", "withdraw"]
    assert APPLICATION.allowed_actions("accepted") == ["decide", "withdraw"]
    assert APPLICATION.allowed_actions("not_accepted") == []


def test_accept_needs_an_admissible_checklist_and_names_the_rule() -> None:
    app = application()
    with pytest.raises(RuleViolation) as exc:
        app.accept(date(2025, 5, 21), LATE)
    assert exc.value.rule == "review.request_window" and app.state == "received"
    app.accept(date(2025, 5, 21), OK)
    assert app.state == "accepted" and app.accepted_on == date(2025, 5, 21)
    with pytest.raises(InvalidTransition):
        app.refuse(date(2025, 5, 22), LATE)


def test_refuse_needs_a_failed_ground_and_counts_the_first() -> None:
    app = application()
    with pytest.raises(RuleViolation):
        app.refuse(date(2025, 5, 21), OK)
    app.refuse(date(2025, 5, 21), LATE)
    assert app.state == "not_accepted" and app.refused_ground is Ground.WINDOW
    assert app.allowed_actions() == []


def test_decide_outcomes_and_their_conditions() -> None:
    app = application()
    app.accept(date(2025, 5, 21), OK)
    with pytest.raises(ValidationFailed) as exc:
        app.decide(Decision(Outcome.REVOKE_REMAND, date(2025, 6, 10), "事实不清"))
    assert exc.value.errors[0].field == "redo_due_on"
    with pytest.raises(ValidationFailed):
        app.decide(Decision(Outcome.MODIFY, date(2025, 6, 10), "认定有误"))
    with pytest.raises(ValidationFailed):
        app.decide(Decision(Outcome.UPHOLD, date(2025, 5, 20), "事实清楚"))  # before acceptance
    app.decide(Decision(Outcome.UPHOLD, date(2025, 6, 10), "事实清楚，依据正确"))
    assert app.state == "decided"
    app.serve(date(2025, 6, 12))
    assert app.state == "served" and "record_redo" not in app.allowed_actions()


def test_remand_redo_may_not_repeat_the_same_conclusion_on_the_same_facts() -> None:
    app = application()
    app.accept(date(2025, 5, 21), OK)
    app.decide(Decision(Outcome.REVOKE_REMAND, date(2025, 6, 10), "事实不清", redo_due_on=date(2025, 7, 10)))
    app.serve(date(2025, 6, 12))
    assert "record_redo" in app.allowed_actions()
    with pytest.raises(RuleViolation) as exc:
        app.record_redo(Redo("not_support", date(2025, 7, 1), None, same_facts=True))
    assert exc.value.rule == "review.remand_no_same_conclusion"
    with pytest.raises(ValidationFailed):
        app.record_redo(Redo("uphold", date(2025, 7, 1), None, same_facts=False))
    late = app.record_redo(Redo("not_support", date(2025, 7, 15), date(2025, 7, 16), same_facts=False,
                                approved_by="临江县人民政府"))
    assert late is True and app.redo is not None
    with pytest.raises(RuleViolation, match="already recorded"):
        app.record_redo(Redo("support", date(2025, 7, 20), None, same_facts=False))


def test_withdraw_before_the_decision_only() -> None:
    app = application()
    app.withdraw(date(2025, 5, 22), "已与单位协商解决")
    assert app.state == "withdrawn"
    done = application()
    done.accept(date(2025, 5, 21), OK)
    done.decide(Decision(Outcome.UPHOLD, date(2025, 6, 10), "事实清楚"))
    with pytest.raises(InvalidTransition):
        done.withdraw(date(2025, 6, 11))


def test_application_problems() -> None:
    app = ReviewApplication(Kind.REREVIEW, application().challenged, Applicant(" ", Capacity.AGENT), "x", " ", "",
                            date(2030, 1, 1))
    fields = {e.field for e in app.problems(date(2025, 6, 1))}
    assert fields == {"request", "reasons", "applicant.name", "applicant.agent_of", "received_on", "challenged"}


def test_organ_file_parsing_and_hierarchy_checks() -> None:
    organs = parse_organs([
        {"code": "city-gov", "name": "某市人民政府", "level": "市级"},
        {"code": "county-gov", "name": "临江县人民政府", "level": "county", "parent": "city-gov"},
    ])
    h = OrganHierarchy(organs)
    assert h.is_next_higher("county-gov", "city-gov") and not h.is_next_higher("city-gov", "county-gov")
    assert h.by_name("临江县人民政府").code == "county-gov"  # type: ignore[union-attr]
    with pytest.raises(ValidationFailed) as exc:
        parse_organs([{"code": "A B", "name": "", "level": "galaxy"}, {"code": "x", "name": "甲", "level": "county",
                                                                         "alt_parent": "y", "colour": 1}])
    fields = {e.field for e in exc.value.errors}
    assert {"organ[0].level", "organ[1].alt_parent", "organ[1].colour"} <= fields
    cyclic = OrganHierarchy(parse_organs([
        {"code": "a", "name": "甲", "level": "county", "parent": "b"},
        {"code": "b", "name": "乙", "level": "city", "parent": "a"},
        {"code": "c", "name": "丙", "level": "city", "parent": "zz"},
    ]))
    assert {e.field for e in cyclic.problems()} == {"a.parent", "b.parent", "c.parent"}


def test_refusal_message_of_a_rereview_termination() -> None:
    assert refusal_message(TerminationReason.REREVIEW_SERVED, date(2025, 6, 3)) == \
        "该事项已于2025年6月3日复核终结（三级终结），同一事实和理由不再受理"


def test_lapse_check() -> None:
    profile, cal = load_profile("national"), HolidayCalendar()
    window = window_deadline(profile, cal, Kind.REVIEW, date(2025, 5, 6), today=date(2025, 6, 20))
    assert check_lapse(window, date(2025, 6, 20), []) == date(2025, 6, 6)
    with pytest.raises(RuleViolation, match="has not lapsed"):
        check_lapse(window, date(2025, 6, 5), [])
    with pytest.raises(RuleViolation, match="FC-2025-0003"):
        check_lapse(window, date(2025, 6, 20), ["FC-2025-0003"])


def test_statistical_year() -> None:
    assert statistical_year(2025, "12-31") == (date(2025, 1, 1), date(2025, 12, 31))
    assert statistical_year(2025, "12-20") == (date(2024, 12, 21), date(2025, 12, 20))


def test_the_seed_sentence() -> None:
    f = empty_kind() | {"applications": 16, "not_accepted": 6, "accepted": 10, "decided": 7, "pending": 3}
    seed = "信访事项复查申请16件，经审核不予受理的6件;受理的有10件，其中7件已作出处理意见，正在复查中的有3件"
    assert summary_sentence(Kind.REVIEW, f) == seed.replace(";", "；") + "。"
    figures = {"year": 2025, "review": f | {"by_ground": {"window": 4, "level": 2}, "by_outcome": {"uphold": 7}},
               "rereview": empty_kind(), "terminations": {"total": 0, "by_reason": {}}}
    text = render_markdown(figures)
    assert text.startswith("2025年，信访事项复查申请16件")
    assert "超过申请期限4件" in text and "维持7件" in text and "复核" not in text
    assert summary_sentence(Kind.REREVIEW, empty_kind()) == "未收到信访事项复核申请。"
