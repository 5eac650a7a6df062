"""The session through the services: phases, the record, interruptions and who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from hearing_support import CST, HEARING_DAY, Story

from hearing_core.errors import InvalidTransition, PermissionDenied, RuleViolation, ValidationFailed
from hearing_core.hearings import service as hs
from hearing_core.hearings.domain import CaseState, Phase


async def test_the_session_opens_only_with_every_party_notified_in_time(story: Story) -> None:
    await story.apply()
    await story.accept()
    await story.staff()
    await story.schedule()
    story.clock.set(HEARING_DAY, 9)
    with pytest.raises(RuleViolation) as caught:
        await hs.open_session(story.presiding, story.case_id)
    latest = story.app.deadline("hearing.notice", HEARING_DAY).due
    assert caught.value.rule == "hearing.notice" and caught.value.extra["latest_notice_date"] == latest.isoformat()
    await story.notify(served_on=latest + dt.timedelta(days=1))
    with pytest.raises(RuleViolation, match="after the latest valid notice date"):
        await hs.open_session(story.presiding, story.case_id)


async def test_only_the_presiding_officer_runs_and_only_the_clerk_records(story: Story) -> None:
    await story.ready()
    story.clock.set(HEARING_DAY, 9)
    with pytest.raises(PermissionDenied, match="presiding officer of this hearing"):
        await hs.open_session(story.clerk, story.case_id)
    await story.open()
    with pytest.raises(PermissionDenied):
        await hs.advance(story.clerk, story.case_id)
    with pytest.raises(PermissionDenied, match="only the clerk of this hearing may keep the record"):
        await hs.record_entry(story.presiding, story.case_id, speaker="participant:1", text="我要求回避")
    stored = await hs.record_entry(story.clerk, story.case_id, speaker="panel:1", text="现在核对到场人员")
    entry = stored.case.session.entries[-1]  # type: ignore[union-attr]
    assert (entry.speaker_name, entry.speaker_role, entry.phase) == ("王主持", "presiding_officer", Phase.ATTENDANCE_CHECK)
    with pytest.raises(ValidationFailed, match="not a present participant"):
        await hs.record_entry(story.clerk, story.case_id, speaker="旁听人", speaker_role="observer", text="插话")


async def test_a_skippable_phase_is_closed_unheld_with_its_reason(story: Story) -> None:
    await story.ready()
    await story.open()
    await story.to("handling_unit_statement")
    with pytest.raises(InvalidTransition) as wrong:
        await hs.cast_vote(story.officers[0], story.case_id, issue_no=1, value="reasonable", opinion="x")
    assert wrong.value.extra["phase"] == "handling_unit_statement"
    stored = await hs.skip(story.presiding, story.case_id, reason="承办单位无新证据")
    assert stored.phase is Phase.CROSS_EXAMINATION
    visit = stored.case.session.visits[-2]  # type: ignore[union-attr]
    assert (visit.phase, visit.skipped_reason) == (Phase.HANDLING_UNIT_STATEMENT, "承办单位无新证据")
    await story.to("final_statements")
    with pytest.raises(InvalidTransition) as caught:
        await hs.skip(story.presiding, story.case_id, reason="赶时间")
    assert caught.value.state == "final_statements" and "advance" in caught.value.allowed


async def test_a_no_show_terminates_the_hearing_as_a_waiver(story: Story) -> None:
    await story.ready()
    story.clock.set(HEARING_DAY, 9)
    await hs.open_session(story.presiding, story.case_id)
    await hs.record_attendance(story.clerk, story.case_id, participant_no=1, present=False)
    with pytest.raises(RuleViolation) as caught:
        await hs.advance(story.presiding, story.case_id)
    assert caught.value.rule == "hearing.no_absentia"
    stored = await hs.terminate(story.presiding, story.case_id, reason="petitioner_absent")
    assert stored.state is CaseState.TERMINATED and stored.case.termination.on == HEARING_DAY  # type: ignore[union-attr]
    assert stored.hearing_period() == (HEARING_DAY, HEARING_DAY)


async def test_a_postponed_session_starts_again_on_a_new_date(story: Story) -> None:
    await story.ready()
    await story.open()
    await story.to("rights_and_rules")
    stored = await hs.postpone(story.presiding, story.case_id, reason="force_majeure", detail="暴雨红色预警")
    assert stored.state is CaseState.POSTPONED and stored.case.sessions[-1].phase is Phase.ABANDONED
    story.clock.set(HEARING_DAY + dt.timedelta(days=1), 10)
    new_day = HEARING_DAY + dt.timedelta(days=14)
    await story.schedule(new_day)
    await story.notify(served_on=HEARING_DAY + dt.timedelta(days=1))
    story.clock.set(new_day, 9)
    stored = await hs.open_session(story.presiding, story.case_id)
    assert [s.no for s in stored.case.sessions] == [1, 2] and stored.phase is Phase.ATTENDANCE_CHECK


async def test_a_postponement_before_the_session_is_the_organs(story: Story) -> None:
    await story.ready()
    with pytest.raises(PermissionDenied):
        await hs.postpone(story.presiding, story.case_id, reason="other", detail="主持人生病")
    stored = await hs.postpone(story.manager, story.case_id, reason="other", detail="主持人生病")
    assert stored.state is CaseState.POSTPONED


async def test_a_suspended_session_resumes_after_every_party_is_told(story: Story) -> None:
    await story.ready()
    await story.open()
    await story.to("debate")
    await hs.suspend(story.presiding, story.case_id, reason="appraisal_or_survey", detail="需重新评估")
    start = dt.datetime.combine(HEARING_DAY + dt.timedelta(days=7), dt.time(14), CST)
    await hs.set_resumption(story.presiding, story.case_id, start=start, end=start + dt.timedelta(hours=2),
                            venue="县信访局听证室")
    story.clock.set(start.date(), 14)
    with pytest.raises(RuleViolation) as caught:
        await hs.resume(story.presiding, story.case_id)
    assert caught.value.rule == "hearing.resumption_notice"
    await hs.serve(story.manager, story.case_id, document="resumption_notice", method="sms", proof_ref="短信",
                   all_targets=True, served_on=HEARING_DAY + dt.timedelta(days=1))
    stored = await hs.resume(story.presiding, story.case_id)
    assert stored.state is CaseState.IN_SESSION and stored.phase is Phase.DEBATE
    entries = await hs.calendar_view(story.manager, date_from=start.date(), date_to=start.date())
    assert entries == []  # the resumption slot is used: it no longer blocks the calendar


async def test_a_recusal_at_the_session_vacates_the_seat_until_replaced(story: Story) -> None:
    await story.ready()
    await story.open()
    await story.to("opening")
    seat = next(m.seat for m in (await hs.get_hearing(story.manager, story.case_id)).case.panel.members
                if m.person_id == story.officers[0].actor.user_id)
    await hs.request_recusal(story.clerk, story.case_id, seat=seat, requested_by="张三", grounds="听证员系承办人亲属")
    with pytest.raises(RuleViolation, match="panel_complete"):
        await hs.advance(story.presiding, story.case_id)
    with pytest.raises(RuleViolation) as decider:
        await hs.decide_recusal(story.presiding, story.case_id, request_no=1, granted=True, capacity="presiding_officer")
    assert decider.value.rule == "hearing.recusal_decider"
    await hs.decide_recusal(story.manager, story.case_id, request_no=1, granted=True, capacity="organ_head",
                            decided_by="县信访局局长")
    stored = await hs.replace_member(story.manager, story.case_id, seat=seat,
                                     pool_entry_id=story.pool_ids[len(story.officers)])
    assert stored.case.panel.holder(seat).person_id == story.extra_officers[0].actor.user_id  # type: ignore[union-attr]
    assert (await hs.advance(story.presiding, story.case_id)).phase is Phase.RIGHTS_AND_RULES
    # The recused officer no longer sees the hearing.
    with pytest.raises(Exception, match=f"no hearing case with id {story.case_id}"):
        await hs.show_hearing(story.officers[0], story.case_id)
