"""The session: phases, skipping, the record, postponement, suspension, termination (§2.7-2.8)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hearing_story import HEARING_DAY, PETITIONER, UNIT_OFFICER, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    PHASES,
    CaseState,
    DocumentKind,
    HearingTerminated,
    ParticipantRole,
    Phase,
    PostponeReason,
    ServiceMethod,
    SessionPhaseEntered,
    SessionPhaseSkipped,
    Slot,
    SuspendReason,
    TerminationReason,
    notice_targets,
)


def _say(story: Story, who: str, role: str, text: str) -> None:
    story.keep(story.case.record_entry(speaker_name=who, speaker_role=role, text=text, at=story.now()))


def test_the_session_walks_every_phase_in_order_and_closes(story: Story) -> None:
    story.ready().open().to(Phase.CLOSED)
    entered = [e.phase for e in story.events if isinstance(e, SessionPhaseEntered)]
    assert entered == [p.value for p in PHASES]
    assert story.case.state is CaseState.DELIBERATING  # closed without a conclusion: it comes later
    assert story.case.heard_on == HEARING_DAY


def test_the_session_opens_on_the_notified_day_only(story: Story) -> None:
    story.ready()
    with pytest.raises(ValidationFailed, match="notified day"):
        story.case.open_session(datetime(2024, 6, 25, 9), rules=story.rules, calc=story.calc)


def test_no_hearing_without_the_petitioner_side(story: Story) -> None:
    story.ready().open()
    story.case.record_attendance(PETITIONER, False)
    with pytest.raises(RuleViolation) as err:
        story.case.advance(story.now(), rules=story.rules)
    assert err.value.rule == "hearing.no_absentia"


# -- skipping -------------------------------------------------------------------------------------
def test_only_listed_phases_may_be_skipped_and_only_with_a_reason(story: Story) -> None:
    story.ready().open().to(Phase.RIGHTS_AND_RULES)
    with pytest.raises(InvalidTransition) as err:
        story.case.skip("不需要", story.now())
    assert (err.value.state, err.value.action) == ("rights_and_rules", "skip")
    assert "advance" in err.value.allowed
    story.to(Phase.HANDLING_UNIT_STATEMENT)
    with pytest.raises(ValidationFailed, match="recorded reason"):
        story.case.skip("  ", story.now())
    events = story.case.skip("承办单位无新的证据和意见", story.now())
    skipped = next(e for e in events if isinstance(e, SessionPhaseSkipped))
    assert (skipped.phase, skipped.reason) == ("handling_unit_statement", "承办单位无新的证据和意见")
    session = story.case.session
    assert session is not None and session.phase is Phase.CROSS_EXAMINATION
    assert [v.skipped_reason for v in session.visits if v.phase is Phase.HANDLING_UNIT_STATEMENT] == [
        "承办单位无新的证据和意见"]


def test_consecutive_phases_can_each_be_skipped_with_their_own_reason(story: Story) -> None:
    story.ready().open().to(Phase.CROSS_EXAMINATION)
    story.case.skip("无证据需质证", story.now())
    story.case.skip("双方无争议", story.now())
    session = story.case.session
    assert session is not None and session.phase is Phase.QUESTIONING
    assert [v.skipped_reason for v in session.visits if v.skipped_reason] == ["无证据需质证", "双方无争议"]


def test_a_phase_with_statements_on_record_is_advanced_not_skipped(story: Story) -> None:
    story.ready().open().to(Phase.DEBATE)
    _say(story, "张三", "petitioner", "补偿标准明显偏低")
    with pytest.raises(ValidationFailed, match="advance instead"):
        story.case.skip("无争议", story.now())


# -- the record -----------------------------------------------------------------------------------
def test_entries_are_timestamped_per_phase(story: Story) -> None:
    story.ready().open().to(Phase.OPENING)
    _say(story, "王主持", "presiding_officer", "宣布听证开始，询问是否申请回避")
    _say(story, "张三", "petitioner", "不申请回避")
    session = story.case.session
    assert session is not None
    assert [(e.seq, e.phase, e.speaker_role) for e in session.entries] == [
        (1, Phase.OPENING, "presiding_officer"), (2, Phase.OPENING, "petitioner")]
    assert session.entries[0].at < session.entries[1].at


def test_entries_run_forward_in_time_and_name_a_present_speaker(story: Story) -> None:
    story.ready().open()
    with pytest.raises(ValidationFailed, match="forward in time"):
        story.case.record_entry(speaker_name="张三", speaker_role="petitioner", text="x",
                                at=datetime.combine(HEARING_DAY, time(8)))
    with pytest.raises(ValidationFailed, match="not a present participant"):
        _say(story, "陌生人", "petitioner", "我要发言")
    story.case.record_attendance(UNIT_OFFICER, False)
    with pytest.raises(ValidationFailed, match="not a present participant"):
        _say(story, "李承办", "handling_unit_officer", "缺席者不能发言")
    with pytest.raises(ValidationFailed, match="has text"):
        _say(story, "张三", "petitioner", " ")


def test_entries_are_refused_outside_an_open_phase(story: Story) -> None:
    story.ready().open().to(Phase.DELIBERATION)
    with pytest.raises(InvalidTransition) as err:
        _say(story, "王主持", "presiding_officer", "评议意见不入听证笔录")
    assert err.value.state == "deliberation"
    story.to(Phase.CLOSED)
    with pytest.raises(InvalidTransition) as err:
        _say(story, "王主持", "presiding_officer", "闭会后不再记录")
    assert err.value.state == "deliberating"


def test_before_the_session_there_is_nothing_to_record(story: Story) -> None:
    story.ready()
    with pytest.raises(InvalidTransition) as err:
        _say(story, "张三", "petitioner", "x")
    assert err.value.state == "scheduled"


# -- postponement -----------------------------------------------------------------------------------
def test_postponement_before_the_session_then_a_new_date(story: Story) -> None:
    story.ready()
    with pytest.raises(ValidationFailed):
        story.case.postpone(PostponeReason.OTHER, " ", datetime(2024, 6, 20, 9))
    story.case.postpone(PostponeReason.FORCE_MAJEURE, "暴雨道路中断", datetime(2024, 6, 20, 9))
    assert story.case.state is CaseState.POSTPONED
    with pytest.raises(InvalidTransition):
        story.open()
    story.schedule(day=date(2024, 7, 15))
    story.set_day(date(2024, 7, 15))
    with pytest.raises(RuleViolation, match="hearing.notice"):
        story.open()  # the notices named 24 June
    story.notify(served_on=date(2024, 6, 21))
    story.open()
    assert story.case.session is not None and story.case.session.no == 1
    assert story.case.interruptions[0].session_no is None


def test_postponement_at_the_session_abandons_it_and_the_next_starts_afresh(story: Story) -> None:
    story.ready().open().to(Phase.PETITIONER_STATEMENT)
    story.case.postpone(PostponeReason.OTHER, "信访人突发疾病", story.now())
    first = story.case.sessions[0]
    assert (first.phase, first.ended_at is not None) == (Phase.ABANDONED, True)
    story.schedule(day=date(2024, 7, 15))
    story.notify(served_on=date(2024, 6, 25))
    story.set_day(date(2024, 7, 15))
    story.open()
    assert [s.no for s in story.case.sessions] == [1, 2]
    assert story.case.session is not None and story.case.session.phase is Phase.ATTENDANCE_CHECK


def test_no_postponement_once_the_panel_deliberates(story: Story) -> None:
    story.ready().open().to(Phase.DELIBERATION)
    with pytest.raises(InvalidTransition) as err:
        story.case.postpone(PostponeReason.OTHER, "太晚了", story.now())
    assert err.value.state == "deliberation"


# -- suspension ---------------------------------------------------------------------------------
def _serve_resumption(story: Story, on: date) -> None:
    for t in notice_targets(story.case.participants):
        story.case.serve(DocumentKind.RESUMPTION_NOTICE, recipient_no=t.recipient_nos[0],
                         method=ServiceMethod.SMS, served_on=on, proof_ref=f"短信-{t.recipient_nos[0]}")


def test_suspension_resumes_in_the_same_phase_at_a_notified_time(story: Story) -> None:
    story.ready().open().to(Phase.DEBATE)
    story.case.suspend(SuspendReason.NEW_WITNESS, "需通知新的证人到场", story.now())
    assert story.case.state is CaseState.SUSPENDED
    with pytest.raises(InvalidTransition):
        _say(story, "张三", "petitioner", "暂停期间不记录")
    resume_at = datetime(2024, 7, 1, 9)
    with pytest.raises(InvalidTransition, match="no resumption time is set") as err:
        story.case.resume(resume_at)
    assert "resume" not in err.value.allowed and "set_resumption" in err.value.allowed
    story.case.set_resumption(Slot(resume_at, resume_at + timedelta(hours=2), venue="县信访局听证室"))
    with pytest.raises(RuleViolation) as err:
        story.case.resume(resume_at)
    assert err.value.rule == "hearing.resumption_notice"
    _serve_resumption(story, date(2024, 6, 26))
    with pytest.raises(ValidationFailed, match="notified day"):
        story.case.resume(datetime(2024, 7, 2, 9))
    story.case.resume(resume_at)
    assert story.case.state is CaseState.IN_SESSION
    assert story.case.session is not None and story.case.session.phase is Phase.DEBATE
    assert story.case.interruptions[-1].resumed_at == resume_at


def test_a_new_resumption_time_needs_a_new_notice(story: Story) -> None:
    story.ready().open().to(Phase.QUESTIONING)
    story.case.suspend(SuspendReason.APPRAISAL_OR_SURVEY, "需重新勘验", story.now())
    first = datetime(2024, 7, 1, 9)
    story.case.set_resumption(Slot(first, first + timedelta(hours=2), venue="室"))
    _serve_resumption(story, date(2024, 6, 26))
    second = datetime(2024, 7, 8, 9)
    story.case.set_resumption(Slot(second, second + timedelta(hours=2), venue="室"))
    with pytest.raises(RuleViolation, match="not told of the resumption"):
        story.case.resume(second)
    _serve_resumption(story, date(2024, 7, 2))
    story.case.resume(second)
    assert story.case.state is CaseState.IN_SESSION


def test_the_resumption_comes_after_the_suspension(story: Story) -> None:
    story.ready().open().to(Phase.DEBATE)
    story.case.suspend(SuspendReason.OTHER, "停电", story.now())
    early = datetime.combine(HEARING_DAY, time(8))
    with pytest.raises(ValidationFailed, match="after the suspension"):
        story.case.set_resumption(Slot(early, early + timedelta(hours=1), venue="室"))


# -- termination ----------------------------------------------------------------------------------
def test_a_no_show_without_reason_terminates_the_hearing_as_a_waiver(story: Story) -> None:
    story.ready()
    story.keep(story.case.open_session(story.now(), rules=story.rules, calc=story.calc))
    with pytest.raises(ValidationFailed, match="record the petitioner side"):
        story.case.terminate(TerminationReason.PETITIONER_ABSENT, story.now())
    story.case.record_attendance(PETITIONER, False)
    events = story.case.terminate(TerminationReason.PETITIONER_ABSENT, story.now())
    assert story.case.state is CaseState.TERMINATED
    terminated = next(e for e in events if isinstance(e, HearingTerminated))
    assert (terminated.reason, terminated.phase) == ("petitioner_absent", "attendance_check")
    assert story.case.termination is not None and story.case.termination.on == HEARING_DAY


def test_a_present_petitioner_cannot_be_found_absent(story: Story) -> None:
    story.ready().open()
    with pytest.raises(ValidationFailed, match="present"):
        story.case.terminate(TerminationReason.PETITIONER_ABSENT, story.now())


def test_an_agent_present_for_the_petitioner_avoids_the_waiver(story: Story) -> None:
    story.apply().accept().staff()
    story.case.add_participant(name="钱律师", role=ParticipantRole.AGENT, rules=story.rules,
                               principal_no=PETITIONER, power_of_attorney="委托书")
    story.schedule().notify().open()
    story.case.record_attendance(PETITIONER, False)
    story.case.advance(story.now(), rules=story.rules)
    assert story.case.session is not None and story.case.session.phase is Phase.OPENING


def test_leaving_mid_session_terminates_but_absence_is_only_found_at_the_attendance_check(story: Story) -> None:
    story.ready().open()
    with pytest.raises(InvalidTransition) as err:
        story.case.terminate(TerminationReason.PETITIONER_LEFT, story.now())
    assert err.value.action == "terminate_left" and err.value.state == "attendance_check"
    story.to(Phase.DEBATE)
    with pytest.raises(InvalidTransition):
        story.case.terminate(TerminationReason.PETITIONER_ABSENT, story.now())
    story.case.terminate(TerminationReason.PETITIONER_LEFT, story.now())
    assert story.case.state is CaseState.TERMINATED
    with pytest.raises(InvalidTransition):
        story.case.advance(story.now(), rules=story.rules)
