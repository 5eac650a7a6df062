"""Mediation agreements (调解协议书): signatures, performance, judicial confirmation — no database."""

from __future__ import annotations

from datetime import date

import pytest
from hearing_mediation.domain import Agreement, AgreementForm, FollowUp, FollowUpFinding, Term

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed


def agreement(**changes: object) -> Agreement:
    data: dict[str, object] = {
        "case_id": 1, "concluded_on": date(2025, 3, 10), "parties": ["李甲", "王乙"], "mediators": ["陈调解", "林调解"],
        "facts": "两户宅基地相邻，因围墙位置发生争执", "disputes": "围墙是否越界",
        "terms": [Term("王乙拆除越界围墙", "王乙", "自行拆除", date(2025, 3, 31)), Term("李甲补偿500元", "李甲", "现金", date(2025, 3, 20))],
    }
    data.update(changes)
    a = Agreement(**data)  # type: ignore[arg-type]
    a.validate()
    return a


def test_content_required_by_article_29() -> None:
    with pytest.raises(ValidationFailed) as exc:
        agreement(facts="", disputes=" ", terms=[Term("", due_on=date(2025, 1, 1))])
    assert {"facts", "disputes", "terms[0].content", "terms[0].due_on"} <= {e.field for e in exc.value.errors}


def test_effective_when_all_parties_and_a_mediator_signed() -> None:
    a = agreement()
    assert a.sign("李甲", date(2025, 3, 10)) is False
    assert a.missing_signatures() == ["王乙", "陈调解、林调解（人民调解员，任一人）"]
    assert a.sign("林调解", date(2025, 3, 10)) is False
    with pytest.raises(ValidationFailed):
        a.sign("李甲", date(2025, 3, 10))
    with pytest.raises(ValidationFailed):
        a.sign("路人", date(2025, 3, 10))
    assert a.sign("王乙", date(2025, 3, 11)) is True
    assert a.state == "effective" and a.effective_on == date(2025, 3, 11)
    with pytest.raises(InvalidTransition):
        a.sign("陈调解", date(2025, 3, 11))


def test_revising_a_draft_voids_signatures() -> None:
    a = agreement()
    a.sign("李甲", date(2025, 3, 10))
    a.revise(disputes="围墙是否越界及补偿数额")
    assert a.signatures == [] and a.disputes == "围墙是否越界及补偿数额"


def test_oral_agreement_takes_effect_when_reached() -> None:
    a = agreement(form=AgreementForm.ORAL)
    with pytest.raises(RuleViolation):
        a.sign("李甲", date(2025, 3, 10))
    a.take_effect_orally()
    assert a.state == "effective" and a.effective_on == date(2025, 3, 10)
    with pytest.raises(RuleViolation):
        agreement().take_effect_orally()


def signed() -> Agreement:
    a = agreement()
    for who in ("李甲", "王乙", "陈调解"):
        a.sign(who, date(2025, 3, 10))
    return a


def test_performance_term_by_term_then_follow_up() -> None:
    a = signed()
    assert a.record_performance(2, date(2025, 3, 15), "已当面支付") is False
    with pytest.raises(ValidationFailed):
        a.record_performance(3, date(2025, 3, 15))
    a.record_follow_up(FollowUp(date(2025, 3, 20), "陈调解", FollowUpFinding.PERFORMING))
    assert a.record_performance(1, date(2025, 3, 28)) is True
    assert a.state == "performed" and a.performed_on == date(2025, 3, 28)
    a.record_follow_up(FollowUp(date(2025, 4, 5), "陈调解", FollowUpFinding.PERFORMED, "双方再无争执"))
    assert len(a.follow_ups) == 2


def test_judicial_confirmation_joint_and_within_window() -> None:
    a = signed()
    due = date(2025, 4, 9)
    with pytest.raises(RuleViolation) as one:
        a.apply_confirmation(date(2025, 3, 20), ["李甲"], "临江县人民法院", due)
    assert "王乙" in one.value.detail and one.value.rule == "mediation.judicial_confirmation"
    with pytest.raises(RuleViolation) as late:
        a.apply_confirmation(date(2025, 4, 10), ["李甲", "王乙"], "临江县人民法院", due)
    assert "2025-04-09" in late.value.detail
    a.apply_confirmation(date(2025, 4, 9), ["李甲", "王乙"], "临江县人民法院", due)
    assert a.confirmation == "applied"
    a.record_confirmation(date(2025, 4, 20), confirmed=True, note="（2025）临民特12号")
    assert a.confirmation == "confirmed" and a.state == "effective"


def test_court_refusing_confirmation_invalidates_the_agreement() -> None:
    a = signed()
    with pytest.raises(InvalidTransition):
        a.record_confirmation(date(2025, 3, 20), confirmed=True)
    a.apply_confirmation(date(2025, 3, 12), ["李甲", "王乙"], "临江县人民法院", None)
    a.record_confirmation(date(2025, 3, 25), confirmed=False, note="协议内容违反法律规定")
    assert a.confirmation == "rejected" and a.state == "invalidated"
    assert a.as_dict()["allowed_actions"] == []


def test_draft_cannot_be_confirmed_or_performed() -> None:
    a = agreement()
    with pytest.raises(InvalidTransition):
        a.apply_confirmation(date(2025, 3, 12), ["李甲", "王乙"], "法院", None)
    with pytest.raises(InvalidTransition):
        a.record_performance(1, date(2025, 3, 12))
