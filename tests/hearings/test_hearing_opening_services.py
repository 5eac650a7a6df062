"""Opening, deciding and preparing a hearing through the services, on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest
from hearing_support import APPLIED_ON, CST, DECIDED_ON, HEARING_DAY, Story, make_user

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import Conflict, InvalidTransition, NotFound, RuleViolation, ValidationFailed
from hearing_core.hearings import service as hs
from hearing_core.hearings.domain import CaseState

StoryFor = Callable[..., Awaitable[Story]]


async def test_an_application_is_registered_on_a_register_matter_and_audited(story: Story) -> None:
    stored = await story.apply()
    assert stored.state is CaseState.APPLIED and stored.version == 1
    assert stored.matter_ref == "2025-0001" and stored.matter_id is not None
    entry = await AuditEntry.select().where(AuditEntry.action == "hearing.apply").first().output(load_json=True).run()
    assert entry["subject_ref"] == "2025-0001" and entry["object_id"] == str(stored.id)
    assert entry["after"]["state"] == "applied" and "hearing_applied" in entry["after"]["events"]
    assert "13912345678" not in str(entry)  # contacts never reach the audit log


async def test_an_unknown_matter_is_not_found(story: Story) -> None:
    with pytest.raises(NotFound, match="no petition matter '2099-9'"):
        await story.apply(matter_ref="2099-9")


async def test_a_late_application_is_registered_as_waived_with_the_rule(story: Story) -> None:
    due = story.app.deadline("hearing.application", APPLIED_ON - dt.timedelta(days=30)).due
    stored = await story.apply(told_of_right_on=APPLIED_ON - dt.timedelta(days=30))
    assert stored.state is CaseState.WAIVED and stored.case.application.late  # type: ignore[union-attr]
    events = await hs.hearing_events(story.manager, story.case_id)
    waived = next(e for e in events if e["kind"] == "application_waived")
    assert waived["data"]["due"] == due.isoformat() and waived["data"]["rule"] == "hearing.application"


async def test_a_refusal_needs_written_reasons(story: Story) -> None:
    await story.apply()
    with pytest.raises(RuleViolation) as caught:
        await hs.decide(story.manager, story.case_id, accept=False, reasons="  ")
    assert caught.value.rule == "hearing.refusal_reasons" and caught.value.source
    stored = await hs.decide(story.manager, story.case_id, accept=False, reasons="事实清楚，争议不大")
    assert stored.state is CaseState.REFUSED and stored.case.decision.reasons == "事实清楚，争议不大"  # type: ignore[union-attr]


async def test_a_withdrawn_application_bars_a_new_one_without_new_facts_in_anhui(story_for: StoryFor) -> None:
    story = await story_for("anhui")
    await story.apply()
    await hs.withdraw(story.manager, story.case_id, reason="已与承办单位协商")
    with pytest.raises(RuleViolation) as caught:
        await story.apply()
    assert caught.value.rule == "hearing.withdrawal_bars_reapplication"
    assert caught.value.source == story.app.profile.param_info("hearing.withdrawal_bars_reapplication").source
    again = await story.apply(new_facts="新取得的评估报告")
    assert again.state is CaseState.APPLIED


async def test_an_organ_initiated_hearing_waits_for_consent_in_anhui(story_for: StoryFor) -> None:
    story = await story_for("anhui")
    stored = await hs.initiate(story.manager, matter_ref=story.matter_ref, stage="review", petitioner_name="张三",
                               grounds="群众反映强烈")
    assert stored.state is CaseState.AWAITING_CONSENT
    cid = stored.id
    await hs.serve(story.manager, cid, document="consent_request", method="in_person", proof_ref="回证",
                   recipients=[1], served_on=APPLIED_ON)
    due = story.app.deadline("hearing.consent_reply", APPLIED_ON).due
    with pytest.raises(RuleViolation) as caught:
        await hs.consent(story.manager, cid, reply="given", on=due + dt.timedelta(days=1))
    assert caught.value.rule == "hearing.consent_reply"
    stored = await hs.consent(story.manager, cid, reply="given", on=due)
    assert stored.state is CaseState.ACCEPTED and stored.case.decision.effective_on == due  # type: ignore[union-attr]


async def test_silence_on_a_consent_request_is_put_on_file_as_refusal_in_anhui(story_for: StoryFor) -> None:
    story = await story_for("anhui")
    stored = await hs.initiate(story.manager, matter_ref=story.matter_ref, stage="handling", petitioner_name="张三",
                               grounds="群众反映强烈")
    await hs.serve(story.manager, stored.id, document="consent_request", method="sms", proof_ref="短信网关1",
                   recipients=[1], served_on=APPLIED_ON)
    with pytest.raises(RuleViolation, match="silence counts only after"):
        await hs.record_silence(story.manager, stored.id)
    story.clock.set(story.app.deadline("hearing.consent_reply", APPLIED_ON).due + dt.timedelta(days=1))
    assert (await hs.record_silence(story.manager, stored.id)).state is CaseState.CONSENT_REFUSED


async def test_an_organ_initiated_hearing_is_accepted_at_once_where_no_consent_is_needed(story: Story) -> None:
    stored = await hs.initiate(story.manager, matter_ref=story.matter_ref, stage="handling", petitioner_name="张三",
                               grounds="长期未解决")
    assert stored.state is CaseState.ACCEPTED
    with pytest.raises(InvalidTransition) as caught:
        await hs.consent(story.manager, stored.id, reply="given")
    assert caught.value.state == "accepted" and "schedule" in caught.value.allowed


async def test_silence_accepts_the_application_where_the_profile_says_so(story_for: StoryFor) -> None:
    story = await story_for("county_silence")
    await story.apply()
    due = story.app.deadline("hearing.decision", APPLIED_ON).due
    view = await hs.show_hearing(story.manager, story.case_id)
    assert view["deadlines"]["decision_due"] == due.isoformat() and not view["status"]["deemed"]
    story.clock.set(due + dt.timedelta(days=1))
    view = await hs.show_hearing(story.manager, story.case_id)
    assert view["status"]["deemed"] and view["status"]["state"] == "accepted" and view["state"] == "applied"
    with pytest.raises(RuleViolation) as caught:
        await hs.decide(story.manager, story.case_id, accept=False, reasons="不予听证")
    assert caught.value.rule == "hearing.decision"
    stored = await hs.record_silence(story.manager, story.case_id)
    assert stored.state is CaseState.ACCEPTED and stored.case.decision.deemed  # type: ignore[union-attr]


async def test_the_panel_comes_from_users_and_the_pool_with_fitting_roles(story: Story) -> None:
    await story.apply()
    await story.accept()
    cid = story.case_id
    registrar = await make_user(story.app, "registrar1", "registrar")
    with pytest.raises(ValidationFailed, match="cannot sit as presiding_officer"):
        await hs.assign_member(story.manager, cid, role="presiding_officer", username=registrar.actor.username)
    unlinked = await hs.add_expert(story.manager, name="无账号专家", affiliation="expert")
    with pytest.raises(ValidationFailed, match="has no user account"):
        await hs.assign_member(story.manager, cid, role="hearing_officer", pool_entry_id=unlinked["id"])
    outsider = await make_user(story.app, "outsider", "hearing_officer")
    with pytest.raises(ValidationFailed, match="drawn from the expert pool"):
        await hs.assign_member(story.manager, cid, role="hearing_officer", username=outsider.actor.username)
    # An officer seated by username takes the affiliation of their pool entry.
    stored = await hs.assign_member(story.manager, cid, role="hearing_officer",
                                    username=story.officers[0].actor.username)
    member = stored.case.panel.members[-1]
    assert member.pool_entry_id == story.pool_ids[0] and str(member.affiliation) == "lawyer"


async def test_whoever_investigated_the_matter_cannot_preside_and_a_participant_cannot_sit(story: Story) -> None:
    await story.apply()
    await story.accept()
    investigator = await make_user(story.app, "investigator", "handling_officer", "presiding_officer")
    with pytest.raises(RuleViolation) as caught:
        await hs.assign_member(story.manager, story.case_id, role="presiding_officer",
                               username=investigator.actor.username, investigators=["investigator"])
    assert caught.value.rule == "hearing.presiding_not_investigator"
    await hs.add_participant(story.manager, story.case_id, name="调查人", role="handling_unit_officer",
                             unit="县住建局", username="investigator")
    with pytest.raises(RuleViolation) as seat:
        await hs.assign_member(story.manager, story.case_id, role="presiding_officer", username="investigator")
    assert seat.value.rule == "hearing.one_seat_per_person"


async def test_an_agent_needs_a_power_of_attorney(story: Story) -> None:
    await story.apply()
    with pytest.raises(RuleViolation) as caught:
        await hs.add_participant(story.manager, story.case_id, name="王律师", role="agent", principal_no=1)
    assert caught.value.rule == "hearing.power_of_attorney"
    stored = await hs.add_participant(story.manager, story.case_id, name="王律师", role="agent", principal_no=1,
                                      power_of_attorney="授权委托书2025-1", phone="13700001111")
    assert stored.case.participants[-1].power_of_attorney == "授权委托书2025-1"
    assert stored.contacts[stored.case.participants[-1].no].phone == "13700001111"


async def test_scheduling_lists_every_clash_with_the_stored_calendar(story: Story) -> None:
    await story.apply()
    await story.accept()
    await story.staff()
    slot = story.slot()
    await hs.add_booking(story.manager, venue="县信访局听证室", start=slot["start"], end=slot["start"] + dt.timedelta(hours=1),
                         reference="领导接访日")
    await hs.declare_unavailability(story.officers[0], start=slot["start"] - dt.timedelta(days=1),
                                    end=slot["end"] + dt.timedelta(days=1), reason="出差")
    with pytest.raises(Conflict) as caught:
        await story.schedule()
    kinds = sorted(c.split(":")[0] for c in caught.value.extra["conflicts"])
    assert kinds == ["officer_unavailable", "venue_double_booked"]
    assert any("领导接访日" in c for c in caught.value.extra["conflicts"])
    stored = await story.schedule(HEARING_DAY + dt.timedelta(days=2))
    assert stored.state is CaseState.SCHEDULED


async def test_another_hearing_with_the_same_officer_clashes(story: Story) -> None:
    await story.ready()
    first = story.case_id
    await story.apply()
    await story.accept()
    await hs.assign_member(story.manager, story.case_id, role="presiding_officer",
                           username=story.presiding.actor.username)
    with pytest.raises(Conflict) as caught:
        await hs.schedule(story.manager, story.case_id, **{**story.slot(), "venue": "第二听证室"})
    assert caught.value.extra["conflicts"] == [
        f"officer_double_booked: person {story.presiding.actor.user_id} (听证#{first}, {HEARING_DAY} 09:00-12:00)"
    ]
    # Seating someone already booked at the scheduled time clashes too.
    await hs.schedule(story.manager, story.case_id, **{**story.slot(start=14, end=17), "venue": "第二听证室"})
    with pytest.raises(Conflict, match="officer_double_booked"):
        await hs.schedule(story.manager, story.case_id, **{**story.slot(start=10, end=11), "venue": "第二听证室"})


async def test_a_closed_hearing_names_its_reason_and_is_not_announced(story: Story) -> None:
    await story.apply()
    await story.accept()
    await story.staff()
    with pytest.raises(RuleViolation, match="public_by_default"):
        await story.schedule(public=False)
    stored = await story.schedule(public=False, closed_reason="privacy")
    assert stored.case.schedule.closed_reason == "privacy"  # type: ignore[union-attr]
    with pytest.raises(RuleViolation) as caught:
        await hs.announce(story.manager, story.case_id, channel="县政府网站")
    assert caught.value.rule == "hearing.public_announcement"


async def test_secret_matters_are_not_heard_in_anhui(story_for: StoryFor) -> None:
    story = await story_for("anhui")
    await story.apply()
    await story.accept()
    with pytest.raises(RuleViolation) as caught:
        await story.schedule(public=False, closed_reason="state_secret")
    assert caught.value.rule == "hearing.secret_matters"


async def test_a_decision_in_the_wrong_state_names_state_and_allowed_actions(story: Story) -> None:
    await story.apply()
    await story.accept()
    with pytest.raises(InvalidTransition) as caught:
        await story.accept()
    problem = caught.value.problem()
    assert problem["current_state"] == "accepted" and problem["case_state"] == "accepted"
    assert "schedule" in problem["allowed_actions"] and "accept" not in problem["allowed_actions"]


async def test_accepting_late_keeps_the_hold_within_period_from_the_due_date(story_for: StoryFor) -> None:
    story = await story_for("county_silence")
    await story.apply()
    due = story.app.deadline("hearing.decision", APPLIED_ON).due
    stored = await hs.decide(story.manager, story.case_id, accept=True, on=due + dt.timedelta(days=3))
    assert stored.case.decision.effective_on == due  # type: ignore[union-attr]
    hold = story.app.deadline("hearing.hold_within", due).due
    view = await hs.show_hearing(story.manager, story.case_id)
    assert view["deadlines"]["hold_within_due"] == hold.isoformat()
    assert DECIDED_ON < due and CST is not None
