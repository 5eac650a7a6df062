"""Service of documents and the notice period checked against actual service dates."""

from __future__ import annotations

from datetime import date

import pytest
from hearing_story import PETITIONER, UNIT_OFFICER, Profile, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    CaseState,
    DocumentKind,
    DocumentServed,
    ParticipantRole,
    ServiceMethod,
    notice_targets,
)


def _latest(profile: Profile) -> date:
    """Last valid notice day for the 24 June hearing."""
    return {"national": date(2024, 6, 17), "shandong": date(2024, 6, 10)}[profile.name]


def _serve(story: Story, no: int, on: date, method: ServiceMethod = ServiceMethod.IN_PERSON) -> None:
    story.keep(story.case.serve(DocumentKind.HEARING_NOTICE, recipient_no=no, method=method, served_on=on,
                                proof_ref=f"回证-{no}-{on}"))


def _scheduled(story: Story) -> Story:
    story.apply().accept().staff().schedule()
    story.keep(story.case.announce(published_on=date(2024, 6, 5), channel="县政府网站", reference="公告"))
    return story


def test_service_is_logged_with_method_date_and_proof(story: Story) -> None:
    _scheduled(story)
    _serve(story, PETITIONER, date(2024, 6, 5), ServiceMethod.REGISTERED_POST)
    record = story.case.services[-1]
    assert (record.document, record.recipient_no, record.method, record.served_on, record.proof_ref,
            record.subject_no) == (DocumentKind.HEARING_NOTICE, PETITIONER, ServiceMethod.REGISTERED_POST,
                                   date(2024, 6, 5), "回证-1-2024-06-05", 1)
    assert isinstance(story.events[-1], DocumentServed)


def test_notice_served_on_the_latest_valid_day_is_in_time(story: Story) -> None:
    _scheduled(story)
    _serve(story, PETITIONER, _latest(story.profile))
    _serve(story, UNIT_OFFICER, date(2024, 6, 5))
    story.open()
    assert story.case.state is CaseState.IN_SESSION


def test_notice_served_one_day_late_blocks_the_session_naming_dates_and_rule(story: Story) -> None:
    _scheduled(story)
    latest = _latest(story.profile)
    late = date.fromordinal(latest.toordinal() + 1)
    _serve(story, PETITIONER, late)  # service is a fact: it is logged even though late
    _serve(story, UNIT_OFFICER, date(2024, 6, 5))
    with pytest.raises(RuleViolation) as err:
        story.open()
    assert err.value.rule == "hearing.notice"
    assert err.value.extra["latest_notice_date"] == latest.isoformat()
    assert err.value.extra["served_on"] == late.isoformat()
    assert "petitioner #1 张三" in err.value.detail
    assert story.case.state is CaseState.SCHEDULED


def test_a_party_never_served_blocks_the_session(story: Story) -> None:
    _scheduled(story)
    _serve(story, PETITIONER, date(2024, 6, 5))
    with pytest.raises(RuleViolation, match="handling unit has not been served"):
        story.open()


def test_service_on_an_agent_counts_for_the_principal(story: Story) -> None:
    _scheduled(story)
    story.keep(story.case.add_participant(name="钱律师", role=ParticipantRole.AGENT, rules=story.rules,
                                          principal_no=PETITIONER, power_of_attorney="授权委托书2024-11"))
    targets = notice_targets(story.case.participants)
    assert [t.recipient_nos for t in targets] == [(1, 3), (2,)]
    _serve(story, 3, date(2024, 6, 5), ServiceMethod.EMAIL)
    _serve(story, UNIT_OFFICER, date(2024, 6, 5))
    story.open()
    assert story.case.state is CaseState.IN_SESSION


def test_a_third_party_must_be_notified_too(story: Story) -> None:
    _scheduled(story)
    story.keep(story.case.add_participant(name="李四", role=ParticipantRole.THIRD_PARTY, rules=story.rules))
    _serve(story, PETITIONER, date(2024, 6, 5))
    _serve(story, UNIT_OFFICER, date(2024, 6, 5))
    with pytest.raises(RuleViolation, match="third_party #3 李四"):
        story.open()
    _serve(story, 3, date(2024, 6, 6), ServiceMethod.SMS)
    story.open()
    assert story.case.state is CaseState.IN_SESSION


def test_a_notice_of_the_old_date_does_not_count_after_rescheduling(story: Story) -> None:
    _scheduled(story)
    _serve(story, PETITIONER, date(2024, 6, 5))
    _serve(story, UNIT_OFFICER, date(2024, 6, 5))
    story.schedule(day=date(2024, 6, 26))
    story.keep(story.case.announce(published_on=date(2024, 6, 6), channel="县政府网站", reference="公告2"))
    story.set_day(date(2024, 6, 26))
    with pytest.raises(RuleViolation, match="has not been served the hearing notice for 2024-06-26"):
        story.open()
    _serve(story, PETITIONER, date(2024, 6, 6))
    _serve(story, UNIT_OFFICER, date(2024, 6, 6))
    story.open()
    assert story.case.session is not None and story.case.session.opened_at.date() == date(2024, 6, 26)


def test_service_needs_proof_and_a_known_recipient(story: Story) -> None:
    _scheduled(story)
    with pytest.raises(ValidationFailed, match="proof"):
        story.case.serve(DocumentKind.HEARING_NOTICE, recipient_no=PETITIONER, method=ServiceMethod.SMS,
                         served_on=date(2024, 6, 5), proof_ref=" ")
    with pytest.raises(ValidationFailed, match="no such participant"):
        _serve(story, 99, date(2024, 6, 5))


def test_documents_need_their_subject(story: Story) -> None:
    story.apply()
    with pytest.raises(InvalidTransition, match="serve_hearing_notice .* announces a current schedule"):
        _serve(story, PETITIONER, date(2024, 6, 5))
    with pytest.raises(InvalidTransition, match="no conclusion yet"):
        story.case.serve(DocumentKind.HEARING_REPORT, recipient_no=PETITIONER, method=ServiceMethod.IN_PERSON,
                         served_on=date(2024, 6, 5), proof_ref="x")
    # A decision notice needs nothing more than a case: it may even follow a refusal.
    story.case.refuse(date(2024, 6, 4), "局长", "不属于听证范围", story.calc, story.rules)
    story.case.serve(DocumentKind.DECISION_NOTICE, recipient_no=PETITIONER, method=ServiceMethod.REGISTERED_POST,
                     served_on=date(2024, 6, 7), proof_ref="挂号信XA123")
    assert story.case.services[-1].document is DocumentKind.DECISION_NOTICE
