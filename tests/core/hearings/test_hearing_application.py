"""Application, consent, decision, silence, withdrawal and re-application (reference §2.4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hearing_story import APPLIED_ON, DECIDED_ON, Profile, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    CaseState,
    ConsentReply,
    DocumentKind,
    HearingAccepted,
    HearingApplied,
    HearingCase,
    HearingDeemedAccepted,
    Origin,
    ParticipantRole,
    RuleId,
    ServiceMethod,
    Stage,
)
from hearing_core.hearings.domain.events import ApplicationWaived


def test_a_timely_application_is_registered_with_the_petitioner(story: Story) -> None:
    story.apply()
    case = story.case
    assert case.state is CaseState.APPLIED and case.origin is Origin.PETITIONER_APPLICATION
    assert [(p.no, p.role) for p in case.participants] == [(1, ParticipantRole.PETITIONER)]
    applied = next(e for e in story.events if isinstance(e, HearingApplied))
    assert (applied.matter_id, applied.applicant, applied.late) == (7001, "张三", False)


def test_an_application_on_the_due_day_is_in_time(story: Story) -> None:
    told = date(2024, 5, 31)
    due = story.calc.due(RuleId.APPLICATION, told)
    story.apply(told_of_right_on=told, applied_on=due)
    assert story.case.state is CaseState.APPLIED


def test_a_late_application_is_waived_naming_the_rule(profile: Profile) -> None:
    # Told on Wednesday 1 May: 10 calendar days (national) or 5 working days (Shandong).
    due = {"national": date(2024, 5, 11), "shandong": date(2024, 5, 8)}[profile.name]
    story = Story(profile).apply(told_of_right_on=date(2024, 5, 1))
    assert story.case.state is CaseState.WAIVED
    waived = next(e for e in story.events if isinstance(e, ApplicationWaived))
    assert (waived.rule, waived.due, waived.applied_on) == ("hearing.application", due, APPLIED_ON)
    assert waived.source == profile.calc.source(RuleId.APPLICATION)
    with pytest.raises(InvalidTransition):
        story.accept()


def test_where_the_organ_decides_on_late_applications_it_stays_open(story: Story) -> None:
    story.rules = replace(story.rules, application_late_means="organ_decides")
    story.apply(told_of_right_on=date(2024, 5, 1), rules=story.rules)
    assert story.case.state is CaseState.APPLIED
    assert story.case.application is not None and story.case.application.late


def test_without_notification_of_the_right_an_application_cannot_be_late(story: Story) -> None:
    story.apply(told_of_right_on=None, applied_on=date(2025, 1, 1))
    assert story.case.state is CaseState.APPLIED


def test_blank_grounds_or_name_are_refused(story: Story) -> None:
    with pytest.raises(ValidationFailed) as err:
        story.apply(grounds="  ", applicant_name="")
    assert {e.field for e in err.value.errors} == {"grounds", "name"}


# -- decision ----------------------------------------------------------------------------------
def test_a_refusal_needs_written_reasons(story: Story) -> None:
    story.apply()
    with pytest.raises(RuleViolation) as err:
        story.case.refuse(DECIDED_ON, "局长", " ", story.calc, story.rules)
    assert err.value.rule == "hearing.refusal_reasons"
    events = story.case.refuse(DECIDED_ON, "局长", "事实清楚、争议不大", story.calc, story.rules)
    assert story.case.state is CaseState.REFUSED
    assert story.case.decision is not None and story.case.decision.reasons == "事实清楚、争议不大"
    assert events[-1].as_dict()["reasons"] == "事实清楚、争议不大"


def test_acceptance_records_who_decided_and_when(story: Story) -> None:
    story.apply().accept()
    accepted = next(e for e in story.events if isinstance(e, HearingAccepted))
    assert (accepted.decided_on, accepted.effective_on, accepted.decided_by) == (DECIDED_ON, DECIDED_ON, "县信访局局长")
    assert story.case.state is CaseState.ACCEPTED


def test_where_hearings_are_mandatory_a_timely_application_cannot_be_refused(story: Story) -> None:
    rules = replace(story.rules, mandatory_on_application=True)
    story.apply()
    with pytest.raises(RuleViolation) as err:
        story.case.refuse(DECIDED_ON, "局长", "不必要", story.calc, rules)
    assert err.value.rule == "hearing.mandatory_on_application"


def test_decision_due_dates_follow_the_profile(story: Story) -> None:
    story.apply()
    expected = {"national": date(2024, 6, 18), "shandong": date(2024, 6, 10)}[story.profile.name]
    assert story.case.decision_due(story.calc) == expected


def test_silence_accepts_under_shandong_as_an_explained_derived_state(shandong: Profile) -> None:
    story = Story(shandong).apply()
    case, due = story.case, date(2024, 6, 10)
    assert case.status_on(due, story.calc, story.rules).state is CaseState.APPLIED
    status = case.status_on(due + timedelta(days=1), story.calc, story.rules)
    assert (status.state, status.stored, status.deemed, status.rule) == (
        CaseState.ACCEPTED, CaseState.APPLIED, True, "hearing.decision")
    assert "no decision by 2024-06-10" in status.explanation and "AH17, JS" in status.explanation
    with pytest.raises(RuleViolation) as err:
        case.record_deemed_acceptance(due, story.calc, story.rules)
    assert err.value.rule == "hearing.decision" and "until 2024-06-10" in err.value.detail
    events = case.record_deemed_acceptance(due + timedelta(days=3), story.calc, story.rules)
    assert case.state is CaseState.ACCEPTED
    assert case.decision is not None and (case.decision.deemed, case.decision.effective_on) == (True, due)
    deemed = next(e for e in events if isinstance(e, HearingDeemedAccepted))
    assert (deemed.due, deemed.recorded_on) == (due, due + timedelta(days=3))


def test_silence_means_nothing_under_the_national_profile(national: Profile) -> None:
    story = Story(national).apply()
    later = date(2024, 12, 1)
    status = story.case.status_on(later, story.calc, story.rules)
    assert (status.state, status.deemed) == (CaseState.APPLIED, False)
    with pytest.raises(RuleViolation) as err:
        story.case.record_deemed_acceptance(later, story.calc, story.rules)
    assert err.value.rule == "hearing.decision_silence_means"
    story.case.refuse(later, "局长", "不属于听证范围", story.calc, story.rules)  # late, but still a decision
    assert story.case.state is CaseState.REFUSED


def test_once_silence_has_accepted_a_refusal_comes_too_late(shandong: Profile) -> None:
    story = Story(shandong).apply()
    with pytest.raises(RuleViolation) as err:
        story.case.refuse(date(2024, 6, 11), "局长", "不必要", story.calc, story.rules)
    assert err.value.rule == "hearing.decision"
    assert "2024-06-10" in err.value.detail


def test_a_late_acceptance_does_not_buy_time_where_silence_accepts(shandong: Profile) -> None:
    story = Story(shandong).apply()
    story.case.accept(date(2024, 6, 20), "局长", story.calc, story.rules)
    assert story.case.decision is not None and story.case.decision.effective_on == date(2024, 6, 10)


# -- organ-initiated hearings -------------------------------------------------------------------
def _initiated(profile: Profile, **rule_changes: object) -> Story:
    story = Story(profile)
    story.rules = replace(profile.rules, organ_initiated_needs_consent=True, **rule_changes)  # type: ignore[arg-type]
    story._case, events = HearingCase.initiate(
        matter_id=7002, stage=Stage.REVIEW, petitioner_name="张三", initiated_on=APPLIED_ON,
        grounds="多次信访、政策界限不清", rules=story.rules)
    story.keep(events)
    return story


def _ask_consent(story: Story, on: date = APPLIED_ON) -> None:
    story.keep(story.case.serve(DocumentKind.CONSENT_REQUEST, recipient_no=1, method=ServiceMethod.IN_PERSON,
                                served_on=on, proof_ref="征询回执-1"))


def test_consent_is_due_within_the_reply_period_from_service(profile: Profile) -> None:
    story = _initiated(profile)
    assert story.case.state is CaseState.AWAITING_CONSENT
    assert story.case.consent_due(story.calc) is None  # nothing runs before the request is served
    _ask_consent(story)
    assert story.case.consent_due(story.calc) == date(2024, 6, 10)  # 5 working days from Monday
    story.case.answer_consent(ConsentReply.GIVEN, date(2024, 6, 7), story.calc)
    assert story.case.state is CaseState.ACCEPTED
    assert story.case.decision is not None and story.case.decision.effective_on == date(2024, 6, 7)


def test_a_reply_after_the_due_date_is_too_late(profile: Profile) -> None:
    story = _initiated(profile)
    _ask_consent(story)
    with pytest.raises(RuleViolation) as err:
        story.case.answer_consent(ConsentReply.GIVEN, date(2024, 6, 11), story.calc)
    assert err.value.rule == "hearing.consent_reply"


def test_an_explicit_refusal_ends_the_case(profile: Profile) -> None:
    story = _initiated(profile)
    _ask_consent(story)
    story.case.answer_consent(ConsentReply.REFUSED, date(2024, 6, 5), story.calc)
    assert story.case.state is CaseState.CONSENT_REFUSED


def test_silence_refuses_consent_once_the_period_has_run(profile: Profile) -> None:
    story = _initiated(profile)
    _ask_consent(story)
    status = story.case.status_on(date(2024, 6, 11), story.calc, story.rules)
    assert (status.state, status.deemed, status.rule) == (CaseState.CONSENT_REFUSED, True, "hearing.consent_reply")
    with pytest.raises(RuleViolation):
        story.case.record_consent_lapse(date(2024, 6, 10), story.calc, story.rules)
    story.case.record_consent_lapse(date(2024, 6, 11), story.calc, story.rules)
    assert story.case.state is CaseState.CONSENT_REFUSED
    assert story.case.consent is not None and story.case.consent.deemed


def test_silence_consents_where_the_profile_says_so(profile: Profile) -> None:
    story = _initiated(profile, consent_silence_means="consent")
    _ask_consent(story)
    assert story.case.status_on(date(2024, 6, 11), story.calc, story.rules).state is CaseState.ACCEPTED
    story.case.record_consent_lapse(date(2024, 6, 12), story.calc, story.rules)
    assert story.case.state is CaseState.ACCEPTED
    assert story.case.decision is not None and story.case.decision.effective_on == date(2024, 6, 10)


def test_a_lapse_cannot_be_recorded_before_the_request_was_served(profile: Profile) -> None:
    story = _initiated(profile)
    with pytest.raises(RuleViolation, match="has not been served"):
        story.case.record_consent_lapse(date(2025, 1, 1), story.calc, story.rules)


def test_without_a_consent_requirement_the_organ_decides_alone(national: Profile) -> None:
    case, _ = HearingCase.initiate(matter_id=1, stage=Stage.REREVIEW, petitioner_name="张三",
                                   initiated_on=APPLIED_ON, grounds="集体访", rules=national.rules)
    assert case.state is CaseState.ACCEPTED
    assert case.decision is not None and case.decision.effective_on == APPLIED_ON


# -- withdrawal and re-application --------------------------------------------------------------
@pytest.mark.parametrize("stop", ["apply", "accept", "schedule"])
def test_withdrawal_before_the_hearing(story: Story, stop: str) -> None:
    story.apply()
    if stop != "apply":
        story.accept().staff()
    if stop == "schedule":
        story.schedule()
    story.case.withdraw(date(2024, 6, 6), "已与承办单位达成一致")
    assert story.case.state is CaseState.WITHDRAWN
    assert story.case.withdrawal is not None and story.case.withdrawal.reason == "已与承办单位达成一致"


def test_no_withdrawal_once_the_hearing_has_opened(story: Story) -> None:
    story.ready().open()
    with pytest.raises(InvalidTransition) as err:
        story.case.withdraw(date(2024, 6, 24))
    assert err.value.state == "in_session" and "withdraw" not in err.value.allowed


def test_withdrawal_bars_a_new_application_on_the_same_facts(shandong: Profile) -> None:
    first = Story(shandong).apply()
    first.case.id = 41
    first.case.withdraw(date(2024, 6, 5))
    with pytest.raises(RuleViolation) as err:
        Story(shandong).apply(prior_cases=[first.case], applied_on=date(2024, 6, 6))
    assert err.value.rule == "hearing.withdrawal_bars_reapplication"
    assert err.value.extra["prior_case_id"] == 41
    renewed = Story(shandong).apply(prior_cases=[first.case], applied_on=date(2024, 6, 6),
                                    new_facts="新取得的测绘报告")
    assert renewed.case.state is CaseState.APPLIED
    other_matter = Story(shandong).apply(prior_cases=[first.case], matter_id=9999, applied_on=date(2024, 6, 6))
    assert other_matter.case.state is CaseState.APPLIED


def test_withdrawal_does_not_bar_reapplication_under_the_national_profile(national: Profile) -> None:
    first = Story(national).apply()
    first.case.withdraw(date(2024, 6, 5))
    again = Story(national).apply(prior_cases=[first.case], applied_on=date(2024, 6, 6))
    assert again.case.state is CaseState.APPLIED
