"""Mediation cases (调解案件): consent, mediators, sessions, extension, outcomes — no database."""

from __future__ import annotations

from datetime import date

import pytest
from hearing_mediation.domain import (
    AdviceRoute,
    ApplicationKind,
    CaseMediator,
    Consent,
    Helper,
    MediationCase,
    MediatorChoice,
    Party,
    PartyRole,
    Session,
    committee_status,
)
from mediation_helpers import case, committee, started_case

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed

FULL = committee_status(committee(), 3, 9)


def session(on: date = date(2025, 3, 6), **changes: object) -> Session:
    data: dict[str, object] = {
        "held_on": on, "place": "城关镇调解室", "public": False, "parties_present": ["李甲", "王乙"],
        "mediators_present": ["调解员0"], "notes": "双方陈述，调解员释明相关规定",
    }
    data.update(changes)
    return Session(**data)  # type: ignore[arg-type]


def test_applicant_consents_by_applying_respondent_must_answer() -> None:
    c = case()
    assert c.party("李甲").consent is Consent.AGREES and c.party("王乙").consent is Consent.PENDING
    c.assign_mediators([CaseMediator(1, "调解员0", MediatorChoice.DESIGNATED)])
    with pytest.raises(RuleViolation) as pending:
        c.accept(date(2025, 3, 4), FULL)
    assert pending.value.rule == "mediation.voluntary" and "王乙" in pending.value.detail


def test_a_clear_refusal_bars_mediation_only_refuse_remains() -> None:
    c = case()
    c.assign_mediators([CaseMediator(1, "调解员0", MediatorChoice.PARTIES)])
    c.record_response("王乙", Consent.DECLINES, date(2025, 3, 4))
    assert "accept" not in c.allowed_actions() and "refuse" in c.allowed_actions()
    with pytest.raises(RuleViolation) as exc:
        c.accept(date(2025, 3, 4), FULL)
    assert exc.value.rule == "mediation.party_declines" and "第十七条" in (exc.value.source or "")
    c.refuse(date(2025, 3, 4), "被申请人明确拒绝调解")
    assert c.state == "refused" and c.closed_on == date(2025, 3, 4)


def test_accept_needs_a_mediator_and_a_complete_committee() -> None:
    c = case(ApplicationKind.JOINT)
    with pytest.raises(RuleViolation) as no_mediator:
        c.accept(date(2025, 3, 4), FULL)
    assert no_mediator.value.rule == "mediation.mediator_required"
    c.assign_mediators([CaseMediator(1, "调解员0", MediatorChoice.PARTIES), CaseMediator(2, "调解员1", MediatorChoice.PARTIES)])
    assert c.mediators[0].lead and not c.mediators[1].lead
    with pytest.raises(RuleViolation) as small:
        c.accept(date(2025, 3, 4), committee_status(committee(2), 3, 9))
    assert small.value.rule == "mediation.committee_min"
    c.accept(date(2025, 3, 4), FULL)
    assert c.state == "in_mediation" and c.started_on == date(2025, 3, 4)


def test_application_shapes_are_checked() -> None:
    joint_with_respondent = MediationCase(
        1, date(2025, 3, 3), ApplicationKind.JOINT, [Party("甲", PartyRole.APPLICANT), Party("乙", PartyRole.RESPONDENT)], "纠纷"
    )
    with pytest.raises(ValidationFailed):
        joint_with_respondent.validate()
    alone = MediationCase(1, date(2025, 3, 3), ApplicationKind.ONE_PARTY, [Party("甲", PartyRole.APPLICANT)], "")
    with pytest.raises(ValidationFailed) as exc:
        alone.validate()
    assert {"parties", "dispute"} <= {e.field for e in exc.value.errors}


def test_helpers_only_with_consent() -> None:
    c = started_case()
    with pytest.raises(RuleViolation) as exc:
        c.invite_helper(Helper("赵村长", "村委会主任", date(2025, 3, 6), parties_consent=False))
    assert exc.value.rule == "mediation.helper_consent"
    c.invite_helper(Helper("赵村长", "村委会主任", date(2025, 3, 6), parties_consent=True))
    assert [h.name for h in c.helpers] == ["赵村长"]


def test_sessions_are_numbered_and_attendance_checked() -> None:
    c = started_case()
    with pytest.raises(ValidationFailed) as strangers:
        c.record_session(session(parties_present=["路人"], mediators_present=["别人"]))
    assert {e.field for e in strangers.value.errors} == {"parties_present", "mediators_present"}
    with pytest.raises(ValidationFailed):
        c.record_session(session(on=date(2025, 3, 1)))
    c.record_session(session())
    c.record_session(session(on=date(2025, 3, 10), public=True))
    assert [s.number for s in c.sessions] == [1, 2]
    assert c.sessions[0].closed_reason and c.sessions[1].closed_reason == ""


def test_extension_by_consent_only_and_only_later() -> None:
    c = started_case()
    due = date(2025, 4, 7)
    with pytest.raises(RuleViolation):
        c.extend(date(2025, 4, 30), due, parties_consent=False, allowed=True)
    with pytest.raises(RuleViolation):
        c.extend(date(2025, 4, 30), due, parties_consent=True, allowed=False)
    with pytest.raises(ValidationFailed):
        c.extend(date(2025, 4, 1), due, parties_consent=True, allowed=True)
    c.extend(date(2025, 4, 30), due, parties_consent=True, allowed=True, note="双方同意继续调解")
    assert c.extended_until == date(2025, 4, 30)


def test_agreement_needs_a_recorded_session() -> None:
    c = started_case()
    with pytest.raises(RuleViolation) as exc:
        c.reach_agreement(date(2025, 3, 6))
    assert exc.value.rule == "mediation.record"
    c.record_session(session())
    c.reach_agreement(date(2025, 3, 6))
    assert c.state == "agreed" and not c.is_open
    with pytest.raises(InvalidTransition):
        c.record_session(session())


def test_failure_gives_advice_on_other_routes() -> None:
    c = started_case()
    with pytest.raises(RuleViolation) as exc:
        c.fail(date(2025, 3, 20), [], "分歧过大")
    assert exc.value.rule == "mediation.failure_advice"
    c.fail(date(2025, 3, 20), [AdviceRoute.LITIGATION, AdviceRoute.LITIGATION, AdviceRoute.ARBITRATION], "分歧过大")
    assert c.state == "failed" and c.advice == [AdviceRoute.LITIGATION, AdviceRoute.ARBITRATION]


def test_withdrawal_and_escalation() -> None:
    c = started_case()
    c.flag_escalation("双方曾发生肢体冲突", reported_to_police=True)
    c.flag_escalation("再次发生口角")
    assert c.escalation and c.reported_to_police and c.escalation_note == "再次发生口角"
    c.withdraw(date(2025, 3, 8), "申请人要求终止调解")
    assert c.state == "withdrawn" and c.as_dict()["allowed_actions"] == []
