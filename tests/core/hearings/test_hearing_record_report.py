"""Signing the record and serving the report within the profile's period (§2.7 step 12, §2.9)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hearing_story import HEARING_DAY, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    CaseState,
    DocumentKind,
    ParticipantRole,
    Phase,
    RecordFinalised,
    ReportServed,
    ServiceMethod,
    VoteValue,
    notice_targets,
)


def _heard(story: Story, *, on_spot: bool) -> Story:
    story.ready()
    story.case.add_participant(name="旁听群众", role=ParticipantRole.OBSERVER, rules=story.rules)
    story.open().to(Phase.DEBATE)
    story.case.define_issue("补偿标准是否合理")
    story.to(Phase.DELIBERATION)
    deliberation = story.case.deliberation
    assert deliberation is not None
    for voter in deliberation.voters:
        story.case.cast_vote(voter_person_id=voter.person_id, issue_no=1, value=VoteValue.REASONABLE,
                             opinion="诉求有据", at=story.now())
    if on_spot:
        _conclude(story)
    story.to(Phase.CLOSED)
    if not on_spot:
        _conclude(story)
    return story


def _conclude(story: Story) -> None:
    story.case.conclude(facts_found="事实", basis="依据", recommendation="建议", at=story.now())


def _sign_all(story: Story) -> None:
    for s in story.case.signatories():
        story.keep(story.case.sign_record(s.key, story.now()))


def _serve_report(story: Story, on: date) -> None:
    for t in notice_targets(story.case.participants):
        story.case.serve(DocumentKind.HEARING_REPORT, recipient_no=t.recipient_nos[0],
                         method=ServiceMethod.REGISTERED_POST, served_on=on, proof_ref=f"挂号{t.recipient_nos[0]}")


def test_signatories_are_those_present_and_the_panel_but_not_observers(story: Story) -> None:
    _heard(story, on_spot=True)
    keys = [s.key for s in story.case.signatories()]
    assert keys[:2] == ["participant:1", "participant:2"]
    assert "participant:3" not in keys  # the observer
    assert keys[2:] == [f"panel:{m.seat}" for m in story.case.panel.seated()]


def test_the_record_is_final_when_everyone_signed_or_refused(story: Story) -> None:
    _heard(story, on_spot=True)
    case = story.case
    with pytest.raises(ValidationFailed, match="clerk notes"):
        case.note_refusal_to_sign("participant:1", " ", story.now())
    case.note_refusal_to_sign("participant:1", "信访人对笔录第3页有异议，拒绝签字", story.now())
    with pytest.raises(ValidationFailed, match="already signed or refused"):
        case.sign_record("participant:1", story.now())
    with pytest.raises(ValidationFailed, match="not a signatory"):
        case.sign_record("participant:3", story.now())
    assert not case.record_final
    _sign_all_remaining(story)
    assert case.record_final
    assert isinstance(story.events[-1], RecordFinalised)
    refused = case.signatures[0]
    assert (refused.name, refused.signed, refused.note) == ("张三", False, "信访人对笔录第3页有异议，拒绝签字")


def _sign_all_remaining(story: Story) -> None:
    done = {s.signatory_key for s in story.case.signatures}
    for s in story.case.signatories():
        if s.key not in done:
            story.keep(story.case.sign_record(s.key, story.now()))


def test_the_record_is_signed_after_the_session_closes(story: Story) -> None:
    story.ready().open().to(Phase.RESUMPTION)
    with pytest.raises(InvalidTransition) as err:
        story.case.sign_record("participant:1", story.now())
    assert err.value.state == "in_session"


@pytest.mark.parametrize("on_spot,due", [(True, date(2024, 7, 4)), (False, date(2024, 7, 14))])
def test_the_report_is_due_by_the_rule_for_how_the_conclusion_was_reached(
    story: Story, on_spot: bool, due: date
) -> None:
    _heard(story, on_spot=on_spot)
    assert story.case.heard_on == HEARING_DAY
    assert story.case.report_due(story.calc) == due
    assert not story.case.report_overdue(due, story.calc)
    assert story.case.report_overdue(date.fromordinal(due.toordinal() + 1), story.calc)


def test_no_report_due_before_the_hearing(story: Story) -> None:
    story.ready()
    assert story.case.report_due(story.calc) is None
    assert not story.case.report_overdue(date(2030, 1, 1), story.calc)


def test_serving_the_report_needs_a_final_record_and_every_party_served(story: Story) -> None:
    _heard(story, on_spot=True)
    with pytest.raises(RuleViolation) as err:
        story.case.record_report_served(story.calc)
    assert err.value.rule == "hearing.record_signatures"
    _sign_all(story)
    story.case.serve(DocumentKind.HEARING_REPORT, recipient_no=1, method=ServiceMethod.IN_PERSON,
                     served_on=date(2024, 6, 28), proof_ref="回证")
    with pytest.raises(RuleViolation) as err:
        story.case.record_report_served(story.calc)
    assert err.value.rule == "hearing.report_service" and "handling unit" in err.value.detail
    story.case.serve(DocumentKind.HEARING_REPORT, recipient_no=2, method=ServiceMethod.EMAIL,
                     served_on=date(2024, 7, 2), proof_ref="邮件回执")
    events = story.case.record_report_served(story.calc)
    assert story.case.state is CaseState.REPORT_SERVED
    served = events[-1]
    assert isinstance(served, ReportServed)
    assert (served.served_on, served.due, served.overdue, served.rule) == (
        date(2024, 7, 2), date(2024, 7, 4), False, "hearing.conclusion_on_spot")
    assert not story.case.report_overdue(date(2024, 12, 31), story.calc)


def test_a_late_report_is_recorded_as_overdue_not_refused(story: Story) -> None:
    _heard(story, on_spot=False)
    _sign_all(story)
    _serve_report(story, date(2024, 7, 20))
    events = story.case.record_report_served(story.calc)
    served = events[-1]
    assert isinstance(served, ReportServed)
    assert (served.due, served.overdue, served.rule) == (date(2024, 7, 14), True, "hearing.conclusion_later")
    assert story.case.report_overdue(date(2024, 7, 20), story.calc)


def test_the_report_is_served_only_once_the_conclusion_exists(story: Story) -> None:
    story.ready().open().to(Phase.CLOSED)
    _sign_all(story)
    with pytest.raises(InvalidTransition) as err:
        story.case.record_report_served(story.calc)
    assert err.value.state == "deliberating"
    assert story.case.signatures[-1].at <= datetime(2024, 6, 24, 23, 59)
