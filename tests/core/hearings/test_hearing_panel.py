"""Panel composition, recusal and participants (reference §2.5, §2.6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from hearing_story import CLERK_ID, FIRST_OFFICER_ID, PETITIONER, PRESIDING_ID, Profile, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    CaseState,
    DeciderCapacity,
    Nominee,
    PanelMemberRecused,
    PanelMemberReplaced,
    PanelRole,
    ParticipantRole,
    Phase,
    PostponeReason,
    RecusalStatus,
)

T = datetime(2024, 6, 10, 10, 0)


def _seat_panel(story: Story, officers: int) -> None:
    c = story.case
    story.keep(c.add_participant(name="李承办", role=ParticipantRole.HANDLING_UNIT_OFFICER, rules=story.rules,
                                 person_id=300))
    story.keep(c.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(PRESIDING_ID, "王主持")))
    for i in range(officers):
        story.keep(c.assign_member(PanelRole.HEARING_OFFICER, story.pool(FIRST_OFFICER_ID + i)))
    story.keep(c.assign_member(PanelRole.CLERK, Nominee(CLERK_ID, "赵记录")))


def _with_panel(story: Story, officers: int) -> Story:
    story.apply().accept()
    _seat_panel(story, officers)
    return story.schedule().notify()


# -- composition ----------------------------------------------------------------------------------
def test_the_presiding_officer_must_not_have_investigated_the_case(story: Story) -> None:
    story.apply().accept()
    with pytest.raises(RuleViolation) as err:
        story.case.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(55, "调查员"), investigators={55, 56})
    assert err.value.rule == "hearing.presiding_not_investigator"
    story.case.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(57, "王主持"), investigators={55, 56})
    assert story.case.panel.presiding() is not None


def test_hearing_officers_come_from_the_expert_pool(story: Story) -> None:
    story.apply().accept()
    with pytest.raises(ValidationFailed, match="expert pool"):
        story.case.assign_member(PanelRole.HEARING_OFFICER, Nominee(101, "无库外人员"))
    story.case.assign_member(PanelRole.HEARING_OFFICER, story.pool(101))
    member = story.case.panel.members[0]
    assert (member.affiliation, member.pool_entry_id) == ("lawyer", 5101)


def test_a_panel_below_the_minimum_cannot_sit(story: Story) -> None:
    _with_panel(story, story.officer_count() - 2)
    with pytest.raises(RuleViolation) as err:
        story.open()
    assert err.value.rule == "hearing.panel_min"
    assert err.value.source == story.rules.source("hearing.panel_min")
    assert f"at least {story.rules.panel_min}" in err.value.detail


def test_the_minimum_panel_sits(story: Story) -> None:
    _with_panel(story, story.officer_count())
    story.open()
    assert len(story.case.panel.voters(story.rules)) == story.rules.panel_min


def test_an_even_panel_cannot_sit(story: Story) -> None:
    _with_panel(story, story.officer_count() + 1)
    with pytest.raises(RuleViolation) as err:
        story.open()
    assert err.value.rule == "hearing.panel_odd"
    assert err.value.extra["voters"] == story.rules.panel_min + 1


def test_an_even_panel_is_refused_even_where_the_profile_does_not_ask_for_oddness(story: Story) -> None:
    story.rules = replace(story.rules, panel_odd=False)
    _with_panel(story, story.officer_count() + 1)
    with pytest.raises(RuleViolation) as err:
        story.open()
    assert err.value.rule == "hearing.odd_voting_body"


def test_a_presiding_officer_who_does_not_vote_does_not_count(story: Story) -> None:
    story.rules = replace(story.rules, presiding_officer_votes=False)
    _with_panel(story, story.rules.panel_min - 1)
    with pytest.raises(RuleViolation, match="hearing.panel_min"):
        story.open()
    story.case.assign_member(PanelRole.HEARING_OFFICER, story.pool(199))
    story.open()
    assert PRESIDING_ID not in {m.person_id for m in story.case.panel.voters(story.rules)}


def test_one_person_one_seat(story: Story) -> None:
    story.apply().accept()
    story.case.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(PRESIDING_ID, "王主持"))
    with pytest.raises(RuleViolation, match="hearing.one_seat_per_person"):
        story.case.assign_member(PanelRole.HEARING_OFFICER, story.pool(PRESIDING_ID))
    with pytest.raises(RuleViolation, match="hearing.one_seat_per_person"):
        story.case.assign_member(PanelRole.CLERK, Nominee(1, "张三"))  # the petitioner
    with pytest.raises(RuleViolation, match="sits on the panel"):
        story.case.add_participant(name="王主持", role=ParticipantRole.WITNESS, rules=story.rules,
                                   person_id=PRESIDING_ID)
    with pytest.raises(ValidationFailed, match="already has a presiding_officer"):
        story.case.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(999, "另一主持"))


def test_the_panel_is_fixed_once_the_session_opens(story: Story) -> None:
    story.ready().open()
    with pytest.raises(InvalidTransition) as err:
        story.case.assign_member(PanelRole.HEARING_OFFICER, story.pool(199))
    assert err.value.state == "in_session"


# -- recusal --------------------------------------------------------------------------------------
def test_the_organ_head_decides_on_officers_and_the_presiding_officer_on_the_clerk(story: Story) -> None:
    story.apply().accept().staff()
    c = story.case
    officer_seat, clerk_seat = 2, c.panel.members[-1].seat
    c.request_recusal(seat=officer_seat, requested_by="张三", grounds="与第三人系近亲属", at=T)
    with pytest.raises(RuleViolation) as err:
        c.decide_recusal(1, granted=True, decided_by="王主持", capacity=DeciderCapacity.PRESIDING_OFFICER,
                         decider_person_id=PRESIDING_ID, at=T)
    assert err.value.rule == "hearing.recusal_decider"
    c.request_recusal(seat=clerk_seat, requested_by="张三", grounds="曾参与调查", at=T)
    with pytest.raises(RuleViolation, match="decided by the presiding_officer"):
        c.decide_recusal(2, granted=True, decided_by="局长", capacity=DeciderCapacity.ORGAN_HEAD, at=T)
    with pytest.raises(RuleViolation, match="not the presiding officer"):
        c.decide_recusal(2, granted=True, decided_by="冒名者", capacity=DeciderCapacity.PRESIDING_OFFICER,
                         decider_person_id=777, at=T)
    with pytest.raises(ValidationFailed, match="refusal gives reasons"):
        c.decide_recusal(2, granted=False, decided_by="王主持", capacity=DeciderCapacity.PRESIDING_OFFICER,
                         decider_person_id=PRESIDING_ID, at=T)
    c.decide_recusal(2, granted=False, decided_by="王主持", capacity=DeciderCapacity.PRESIDING_OFFICER,
                     decider_person_id=PRESIDING_ID, reason="未参与调查", at=T)
    c.decide_recusal(1, granted=True, decided_by="局长", capacity=DeciderCapacity.ORGAN_HEAD, at=T)
    assert [r.status for r in c.panel.recusals] == [RecusalStatus.GRANTED, RecusalStatus.REFUSED]


def test_a_granted_recusal_leaves_the_panel_incomplete_until_replaced(story: Story) -> None:
    story.ready()
    c = story.case
    c.request_recusal(seat=2, requested_by="张三", grounds="利害关系", at=T)
    events = c.decide_recusal(1, granted=True, decided_by="局长", capacity=DeciderCapacity.ORGAN_HEAD, at=T)
    assert isinstance(events[0], PanelMemberRecused) and events[0].seat == 2
    assert c.panel.vacant_seats() == [2]
    with pytest.raises(RuleViolation) as err:
        story.open()
    assert err.value.rule == "hearing.panel_complete" and err.value.extra["vacant_seats"] == [2]
    recused_id = events[0].member_person_id
    with pytest.raises(RuleViolation, match="hearing.one_seat_per_person"):
        c.replace_member(2, story.pool(recused_id))
    with pytest.raises(ValidationFailed, match="vacated seat"):
        c.replace_member(3, story.pool(180))
    replaced = c.replace_member(2, story.pool(180))
    assert isinstance(replaced[-1], PanelMemberReplaced) and replaced[-1].old_person_id == recused_id
    holder = c.panel.holder(2)
    assert holder is not None and holder.person_id == 180
    story.open()
    assert c.state is CaseState.IN_SESSION


def test_a_pending_recusal_keeps_the_session_in_its_opening(story: Story) -> None:
    story.ready().open().to(Phase.OPENING)
    c = story.case
    c.request_recusal(seat=3, requested_by="张三", grounds="曾就本案发表意见", at=story.now())
    with pytest.raises(RuleViolation, match="recusal request #1 is not decided"):
        c.advance(story.now(), rules=story.rules)
    c.decide_recusal(1, granted=False, decided_by="局长", capacity=DeciderCapacity.ORGAN_HEAD,
                     reason="理由不成立", at=story.now())
    c.advance(story.now(), rules=story.rules)
    assert c.session is not None and c.session.phase is Phase.RIGHTS_AND_RULES


def test_a_recusal_granted_at_the_session_is_a_ground_to_postpone(story: Story) -> None:
    story.ready().open().to(Phase.OPENING)
    c = story.case
    with pytest.raises(RuleViolation) as err:
        c.postpone(PostponeReason.RECUSAL_REQUEST, "当场申请回避", story.now())
    assert err.value.rule == "hearing.postponement_grounds"
    c.request_recusal(seat=2, requested_by="张三", grounds="利害关系", at=story.now())
    c.decide_recusal(1, granted=True, decided_by="局长", capacity=DeciderCapacity.ORGAN_HEAD, at=story.now())
    c.postpone(PostponeReason.RECUSAL_REQUEST, "听证员回避，需另行指定", story.now())
    assert c.state is CaseState.POSTPONED
    assert c.session is not None and c.session.phase is Phase.ABANDONED


def test_no_recusal_request_once_deliberation_has_begun(story: Story) -> None:
    story.ready().open().to(Phase.DELIBERATION)
    with pytest.raises(InvalidTransition) as err:
        story.case.request_recusal(seat=2, requested_by="张三", grounds="迟到的理由", at=story.now())
    assert err.value.state == "deliberation"


# -- participants -------------------------------------------------------------------------------
def test_agents_are_capped_per_principal_and_need_a_power_of_attorney(story: Story) -> None:
    story.apply()
    c = story.case
    with pytest.raises(RuleViolation) as err:
        c.add_participant(name="钱律师", role=ParticipantRole.AGENT, rules=story.rules, principal_no=PETITIONER)
    assert err.value.rule == "hearing.power_of_attorney"
    for i in range(story.rules.agents_max):
        c.add_participant(name=f"代理人{i}", role=ParticipantRole.AGENT, rules=story.rules,
                          principal_no=PETITIONER, power_of_attorney=f"委托书{i}")
    with pytest.raises(RuleViolation) as err:
        c.add_participant(name="多余代理人", role=ParticipantRole.AGENT, rules=story.rules,
                          principal_no=PETITIONER, power_of_attorney="委托书x")
    assert err.value.rule == "hearing.agents_max" and err.value.extra["limit"] == story.rules.agents_max
    c.add_participant(name="李四", role=ParticipantRole.THIRD_PARTY, rules=story.rules)
    third = c.participants[-1]
    c.add_participant(name="李四代理", role=ParticipantRole.AGENT, rules=story.rules,
                      principal_no=third.no, power_of_attorney="委托书y")
    assert c.participants[-1].principal_no == third.no


def test_agents_act_for_principals_only(story: Story) -> None:
    story.apply()
    c = story.case
    c.add_participant(name="证人", role=ParticipantRole.WITNESS, rules=story.rules)
    with pytest.raises(ValidationFailed, match="acts for a petitioner"):
        c.add_participant(name="代理", role=ParticipantRole.AGENT, rules=story.rules,
                          principal_no=c.participants[-1].no, power_of_attorney="委托书")
    with pytest.raises(ValidationFailed, match="only agents"):
        c.add_participant(name="旁听", role=ParticipantRole.OBSERVER, rules=story.rules, principal_no=PETITIONER)
    with pytest.raises(ValidationFailed, match="already has a petitioner"):
        c.add_participant(name="王五", role=ParticipantRole.PETITIONER, rules=story.rules)


def test_representatives_of_a_multi_person_matter_are_capped(profile: Profile) -> None:
    story = Story(profile).apply(applicant_name="代表甲", applicant_role=ParticipantRole.REPRESENTATIVE,
                                 applicant_person_id=None)
    c = story.case
    for i in range(profile.rules.representatives_max - 1):
        c.add_participant(name=f"代表{i}", role=ParticipantRole.REPRESENTATIVE, rules=story.rules)
    with pytest.raises(RuleViolation) as err:
        c.add_participant(name="第六位代表", role=ParticipantRole.REPRESENTATIVE, rules=story.rules)
    assert err.value.rule == "hearing.representatives_max"
    assert len([p for p in c.participants if p.role is ParticipantRole.REPRESENTATIVE]) == 5
