"""Rules table rows 16-23 enforced with the numbers of the active profile (national and Shandong).

Every expected date or count is read from the profile or computed by the deadline engine,
never written here, so the same test proves each profile's own values are the ones applied.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hearing_support import APPLIED_ON, DECIDED_ON, Story

from hearing_core.errors import InvalidTransition, RuleViolation
from hearing_core.hearings import service as hs
from hearing_core.hearings.domain import CaseState


def _source(story: Story, rule: str) -> str:
    return story.app.profile.rule(rule).source


async def test_row16_application_deadline(profiled_story: Story) -> None:
    story = profiled_story
    told = APPLIED_ON - dt.timedelta(days=20)
    due = story.app.deadline("hearing.application", told).due
    on_time = await story.apply(told_of_right_on=told, applied_on=due)
    assert on_time.state is CaseState.APPLIED and not on_time.case.application.late  # type: ignore[union-attr]
    late = await story.apply(told_of_right_on=told, applied_on=due + dt.timedelta(days=1))
    assert late.state is CaseState.WAIVED  # application_late_means = waived in both profiles
    event = next(e for e in await hs.hearing_events(story.manager, late.id) if e["kind"] == "application_waived")
    assert event["data"]["due"] == due.isoformat() and event["data"]["source"] == _source(story, "hearing.application")


async def test_row17_decision_period_and_silence(profiled_story: Story) -> None:
    story = profiled_story
    await story.apply()
    due = story.app.deadline("hearing.decision", APPLIED_ON).due
    view = await hs.show_hearing(story.manager, story.case_id)
    assert view["deadlines"]["decision_due"] == due.isoformat()
    story.clock.set(due + dt.timedelta(days=1))
    with pytest.raises(RuleViolation) as caught:  # silence means nothing in these profiles
        await hs.record_silence(story.manager, story.case_id)
    assert caught.value.rule == "hearing.decision_silence_means"
    assert caught.value.source == story.app.profile.param_info("hearing.decision_silence_means").source
    stored = await hs.decide(story.manager, story.case_id, accept=True, on=due + dt.timedelta(days=1))
    assert stored.case.decision.effective_on == due + dt.timedelta(days=1)  # type: ignore[union-attr]


async def test_row18_hold_within_the_period_after_the_decision(profiled_story: Story) -> None:
    story = profiled_story
    await story.apply()
    await story.accept()
    await story.staff()
    due = story.app.deadline("hearing.hold_within", DECIDED_ON).due
    with pytest.raises(RuleViolation) as caught:
        await story.schedule(due + dt.timedelta(days=1))
    assert caught.value.rule == "hearing.hold_within" and caught.value.extra["due"] == due.isoformat()
    assert caught.value.source == _source(story, "hearing.hold_within")
    assert (await story.schedule(due)).state is CaseState.SCHEDULED


async def test_row19_notice_before_the_hearing(profiled_story: Story) -> None:
    story = profiled_story
    await story.apply()
    await story.accept()
    await story.staff()
    today = story.app.today()
    earliest = today + dt.timedelta(days=1)
    while story.app.deadline("hearing.notice", earliest).due < today:
        earliest += dt.timedelta(days=1)
    with pytest.raises(RuleViolation) as caught:
        await story.schedule(earliest - dt.timedelta(days=1))
    latest = story.app.deadline("hearing.notice", earliest - dt.timedelta(days=1)).due
    assert caught.value.rule == "hearing.notice" and caught.value.extra["latest_notice_date"] == latest.isoformat()
    assert caught.value.source == _source(story, "hearing.notice")
    stored = await story.schedule(earliest)
    assert stored.case.schedule.slot.day == earliest  # type: ignore[union-attr]
    view = await hs.show_hearing(story.manager, story.case_id)
    assert view["deadlines"]["latest_notice_day"] == story.app.deadline("hearing.notice", earliest).due.isoformat()


async def test_row20_organ_initiated_hearing_and_consent(profiled_story: Story) -> None:
    story = profiled_story
    needs_consent = story.app.param("hearing.organ_initiated_needs_consent")
    stored = await hs.initiate(story.manager, matter_ref=story.matter_ref, stage="handling", petitioner_name="张三",
                               grounds="群体性诉求")
    assert stored.state is (CaseState.AWAITING_CONSENT if needs_consent else CaseState.ACCEPTED)
    if not needs_consent:
        with pytest.raises(InvalidTransition):
            await hs.consent(story.manager, stored.id, reply="given")
        return
    await hs.serve(story.manager, stored.id, document="consent_request", method="in_person", proof_ref="回证",
                   recipients=[1], served_on=APPLIED_ON)
    due = story.app.deadline("hearing.consent_reply", APPLIED_ON).due
    with pytest.raises(RuleViolation, match="hearing.consent_reply"):
        await hs.consent(story.manager, stored.id, reply="given", on=due + dt.timedelta(days=1))


async def test_row21_panel_size_and_odd_number(profiled_story: Story) -> None:
    story = profiled_story
    await story.apply()
    await story.accept()
    cid = story.case_id
    await hs.add_participant(story.manager, cid, name="李承办", role="handling_unit_officer", unit="县住建局")
    await hs.assign_member(story.manager, cid, role="presiding_officer", username=story.presiding.actor.username)
    await hs.assign_member(story.manager, cid, role="clerk", username=story.clerk.actor.username)
    for entry in story.pool_ids[: len(story.officers) - 1]:
        await hs.assign_member(story.manager, cid, role="hearing_officer", pool_entry_id=entry)
    await story.schedule()
    await story.notify()
    panel_min = story.app.param("hearing.panel_min")
    with pytest.raises(RuleViolation) as small:
        await story.open()
    assert small.value.rule == "hearing.panel_min" and small.value.extra["voters"] == panel_min - 1
    assert small.value.source == story.app.profile.param_info("hearing.panel_min").source
    for entry in story.pool_ids[len(story.officers) - 1:]:
        await hs.assign_member(story.manager, cid, role="hearing_officer", pool_entry_id=entry)
    with pytest.raises(RuleViolation) as even:
        await story.open()
    assert even.value.rule == "hearing.panel_odd" and even.value.extra["voters"] == panel_min + 1


async def test_row22_representatives_and_agents(profiled_story: Story) -> None:
    story = profiled_story
    await story.apply(applicant_role="representative", applicant_name="代表一")
    most = story.app.param("hearing.representatives_max")
    for i in range(2, most + 1):
        await hs.add_participant(story.manager, story.case_id, name=f"代表{i}", role="representative")
    with pytest.raises(RuleViolation) as caught:
        await hs.add_participant(story.manager, story.case_id, name="多一名代表", role="representative")
    assert caught.value.rule == "hearing.representatives_max" and caught.value.extra["limit"] == most
    agents = story.app.param("hearing.agents_max")
    for i in range(agents):
        await hs.add_participant(story.manager, story.case_id, name=f"律师{i}", role="agent", principal_no=1,
                                 power_of_attorney=f"委托书{i}")
    with pytest.raises(RuleViolation) as agent:
        await hs.add_participant(story.manager, story.case_id, name="第三位律师", role="agent", principal_no=1,
                                 power_of_attorney="委托书x")
    assert agent.value.rule == "hearing.agents_max"
    assert agent.value.source == story.app.profile.param_info("hearing.agents_max").source


async def _to_deliberation_with_votes(story: Story) -> None:
    await story.ready()
    await story.open()
    await story.to("deliberation")
    await hs.define_issue(story.presiding, story.case_id, title="是否应当补偿")
    for officer in (story.presiding, *story.officers):
        await hs.cast_vote(officer, story.case_id, issue_no=1, value="reasonable", opinion="应当补偿")


async def test_row23_report_period_when_concluded_on_the_spot(profiled_story: Story) -> None:
    story = profiled_story
    await _to_deliberation_with_votes(story)
    await hs.conclude(story.presiding, story.case_id, facts_found="事实", basis="依据", recommendation="建议补偿")
    await story.to("resumption")
    stored = await hs.advance(story.presiding, story.case_id)
    heard = stored.case.heard_on
    due = story.app.deadline("hearing.conclusion_on_spot", heard).due
    assert (await hs.show_hearing(story.manager, story.case_id))["deadlines"]["report_due"] == due.isoformat()
    await hs.sign_record(story.clerk, story.case_id, signatory_key="participant:1")
    for key in [p["key"] for p in (await hs.show_hearing(story.manager, story.case_id))["record"]["pending"]]:
        await hs.sign_record(story.clerk, story.case_id, signatory_key=key)
    await hs.serve(story.manager, story.case_id, document="hearing_report", method="in_person", proof_ref="回证",
                   all_targets=True, served_on=due + dt.timedelta(days=1))
    await hs.serve_report(story.manager, story.case_id)
    served = next(e for e in await hs.hearing_events(story.manager, story.case_id) if e["kind"] == "report_served")
    assert served["data"] == {"kind": "report_served", "served_on": (due + dt.timedelta(days=1)).isoformat(),
                              "due": due.isoformat(), "overdue": True, "rule": "hearing.conclusion_on_spot"}


async def test_row23_report_period_when_concluded_later(profiled_story: Story) -> None:
    story = profiled_story
    await _to_deliberation_with_votes(story)
    await story.to("resumption")
    stored = await hs.advance(story.presiding, story.case_id)
    assert stored.state is CaseState.DELIBERATING
    due = story.app.deadline("hearing.conclusion_later", stored.case.heard_on).due
    stored = await hs.conclude(story.presiding, story.case_id, facts_found="事实", basis="依据", recommendation="建议")
    assert stored.state is CaseState.CONCLUDED and not stored.case.conclusion.on_spot  # type: ignore[union-attr]
    view = await hs.show_hearing(story.manager, story.case_id)
    assert view["deadlines"]["report_due"] == due.isoformat() and view["deadlines"]["report_overdue"] is False
