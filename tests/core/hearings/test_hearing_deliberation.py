"""Deliberation: who votes, vote secrecy, the majority rule, ties impossible, the conclusion."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hearing_story import CLERK_ID, FIRST_OFFICER_ID, PRESIDING_ID, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    Assessment,
    CaseState,
    ConclusionReached,
    EvidenceKind,
    PanelRole,
    Phase,
    Stance,
    VoteCast,
    VoteValue,
    decide,
)

R, P, N = VoteValue.REASONABLE, VoteValue.PARTLY_REASONABLE, VoteValue.NOT_REASONABLE


def _deliberating(story: Story, issues: int = 1) -> Story:
    story.ready().open().to(Phase.DEBATE)
    for i in range(issues):
        story.keep(story.case.define_issue(f"争议焦点{i + 1}"))
    return story.to(Phase.DELIBERATION)


def _voters(story: Story) -> list[int]:
    return [v.person_id for v in story.case.deliberation.voters] if story.case.deliberation else []


def _vote(story: Story, voter: int, value: VoteValue, issue: int = 1) -> None:
    story.keep(story.case.cast_vote(voter_person_id=voter, issue_no=issue, value=value,
                                    opinion=f"{voter}认为{value}", at=story.now()))


def _conclude(story: Story) -> None:
    story.keep(story.case.conclude(facts_found="补偿面积少计12平方米", basis="《国有土地上房屋征收与补偿条例》第19条",
                                   recommendation="建议承办单位重新核定补偿面积", at=story.now()))


# -- the rule -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "votes,result",
    [([R, R, N], R), ([N, R, N], N), ([R, P, N], P), ([R, R, R, P, N], R), ([R, P, P, N, N], P), ([P], P)],
)
def test_the_result_is_the_median_view(votes: list[VoteValue], result: VoteValue) -> None:
    assert decide(votes) is result


def test_an_even_number_of_votes_is_refused_by_construction() -> None:
    with pytest.raises(ValueError, match="tie"):
        decide([R, N])


# -- who votes ------------------------------------------------------------------------------------
def test_the_voting_roster_is_frozen_when_deliberation_opens(story: Story) -> None:
    _deliberating(story)
    expected = [PRESIDING_ID, *range(FIRST_OFFICER_ID, FIRST_OFFICER_ID + story.officer_count())]
    assert _voters(story) == expected
    assert len(expected) % 2 == 1
    with pytest.raises(ValidationFailed, match="voting members"):
        _vote(story, CLERK_ID, R)
    with pytest.raises(InvalidTransition) as err:
        story.case.replace_member(2, story.pool(199))
    assert err.value.state == "deliberation"


def test_without_presiding_officer_votes_only_hearing_officers_vote(story: Story) -> None:
    story.rules = replace(story.rules, presiding_officer_votes=False)
    story.apply().accept().staff()  # seats panel_min hearing officers besides the presiding officer
    assert len([m for m in story.case.panel.seated() if m.role is PanelRole.HEARING_OFFICER]) == story.rules.panel_min
    story.schedule().notify().open().to(Phase.DEBATE)
    story.case.define_issue("争议焦点")
    story.to(Phase.DELIBERATION)
    assert PRESIDING_ID not in _voters(story) and len(_voters(story)) == story.rules.panel_min
    with pytest.raises(ValidationFailed):
        _vote(story, PRESIDING_ID, R)


def test_votes_are_cast_only_in_deliberation(story: Story) -> None:
    story.ready().open().to(Phase.DEBATE)
    story.case.define_issue("争议焦点")
    with pytest.raises(InvalidTransition) as err:
        _vote(story, PRESIDING_ID, R)
    assert (err.value.state, err.value.action) == ("debate", "cast_vote")


# -- secrecy --------------------------------------------------------------------------------------
def test_votes_stay_secret_until_deliberation_closes(story: Story) -> None:
    _deliberating(story)
    first, second, *rest = _voters(story)
    _vote(story, first, R)
    _vote(story, second, N)
    assert [v.voter_person_id for v in story.case.visible_votes(first)] == [first]
    assert [v.voter_person_id for v in story.case.visible_votes(second)] == [second]
    assert story.case.visible_votes(CLERK_ID) == []
    assert story.case.visible_votes(rest[0]) == []
    cast = [e for e in story.events if isinstance(e, VoteCast)]
    assert [e.as_dict() for e in cast] == [
        {"kind": "vote_cast", "issue_no": 1, "voter_person_id": first},
        {"kind": "vote_cast", "issue_no": 1, "voter_person_id": second},
    ]  # the value and opinion never travel in an event
    for voter in rest:
        _vote(story, voter, R)
    _conclude(story)
    assert len(story.case.visible_votes(CLERK_ID)) == len(_voters(story))


def test_an_officer_may_change_their_vote_until_the_close(story: Story) -> None:
    _deliberating(story)
    voter = _voters(story)[0]
    _vote(story, voter, N)
    _vote(story, voter, R)
    assert [v.value for v in story.case.visible_votes(voter)] == [R]
    for other in _voters(story)[1:]:
        _vote(story, other, R)
    _conclude(story)
    with pytest.raises(InvalidTransition, match="conclusion has been reached") as err:
        _vote(story, voter, N)
    assert "cast_vote" not in err.value.allowed and "advance" in err.value.allowed


def test_a_vote_states_an_opinion(story: Story) -> None:
    _deliberating(story)
    with pytest.raises(ValidationFailed, match="opinion"):
        story.case.cast_vote(voter_person_id=PRESIDING_ID, issue_no=1, value=R, opinion=" ", at=story.now())
    with pytest.raises(ValidationFailed, match="no such issue"):
        _vote(story, PRESIDING_ID, R, issue=9)


# -- closing --------------------------------------------------------------------------------------
def test_closing_needs_every_vote_on_every_issue(story: Story) -> None:
    _deliberating(story, issues=2)
    voters = _voters(story)
    for v in voters:
        _vote(story, v, R, issue=1)
    for v in voters[:-1]:
        _vote(story, v, R, issue=2)
    with pytest.raises(RuleViolation) as err:
        _conclude(story)
    assert err.value.rule == "hearing.deliberation_complete"
    assert f"听证员{voters[-1]} on issue 2" in err.value.detail
    assert story.case.conclusion is None and story.case.deliberation is not None
    assert story.case.deliberation.closed_at is None
    _vote(story, voters[-1], N, issue=2)
    _conclude(story)
    assert story.case.conclusion is not None


def test_a_conclusion_needs_a_framed_issue_and_its_texts(story: Story) -> None:
    _deliberating(story, issues=0)
    with pytest.raises(RuleViolation, match="no disputed issue"):
        _conclude(story)
    with pytest.raises(ValidationFailed) as err:
        story.case.conclude(facts_found="", basis=" ", recommendation="x", at=story.now())
    assert {e.field for e in err.value.errors} == {"facts_found", "basis"}


def test_the_conclusion_carries_majority_and_dissent_per_issue(story: Story) -> None:
    _deliberating(story, issues=2)
    voters = _voters(story)
    majority = len(voters) // 2 + 1
    for i, v in enumerate(voters):
        _vote(story, v, R if i < majority else N, issue=1)
        _vote(story, v, [R, P, N][i % 3], issue=2)
    _conclude(story)
    conclusion = story.case.conclusion
    assert conclusion is not None and conclusion.on_spot
    first, second = conclusion.results
    assert (first.result, first.strict_majority) == (R, True)
    assert first.tally == {"reasonable": majority, "partly_reasonable": 0, "not_reasonable": len(voters) - majority}
    assert [d.voter_person_id for d in first.dissents] == voters[majority:]
    assert all(d.value is N and d.opinion.endswith("not_reasonable") for d in first.dissents)
    assert len(first.majority_opinions) == majority
    assert second.result is P  # views spread over all three: the middle view carries the majority
    reached = next(e for e in story.events if isinstance(e, ConclusionReached))
    assert reached.results == ((1, "reasonable"), (2, "partly_reasonable"))


def test_without_a_conclusion_at_the_session_the_panel_concludes_later(story: Story) -> None:
    _deliberating(story)
    voters = _voters(story)
    _vote(story, voters[0], N)
    story.to(Phase.CLOSED)
    assert story.case.state is CaseState.DELIBERATING
    for v in voters[1:]:
        _vote(story, v, N)
    assert [v.value for v in story.case.visible_votes(voters[0])] == [N]
    _conclude(story)
    assert story.case.state is CaseState.CONCLUDED
    assert story.case.conclusion is not None and not story.case.conclusion.on_spot
    assert story.case.conclusion.announced_at is None


def test_an_on_the_spot_conclusion_is_announced_when_the_session_resumes(story: Story) -> None:
    _deliberating(story)
    for v in _voters(story):
        _vote(story, v, P)
    _conclude(story)
    assert story.case.state is CaseState.IN_SESSION
    with pytest.raises(InvalidTransition, match="conclusion has been reached"):
        story.case.define_issue("补充焦点")
    story.to(Phase.RESUMPTION)
    assert story.case.conclusion is not None and story.case.conclusion.announced_at is not None
    story.to(Phase.CLOSED)
    assert story.case.state is CaseState.CONCLUDED


def test_the_conclusion_rests_on_a_finding_for_every_item(story: Story) -> None:
    story.ready().open().to(Phase.PETITIONER_STATEMENT)
    story.case.submit_evidence(submitted_by_no=1, kind=EvidenceKind.DOCUMENT, title="协议", at=story.now())
    story.to(Phase.CROSS_EXAMINATION)
    ok = Assessment(Stance.ACCEPT)
    story.case.cross_examine(1, by_no=2, authenticity=ok, relevance=ok, legality=ok, at=story.now())
    story.to(Phase.DEBATE)
    story.case.define_issue("争议焦点")
    story.to(Phase.DELIBERATION)
    for v in _voters(story):
        _vote(story, v, R)
    with pytest.raises(RuleViolation) as err:
        _conclude(story)
    assert err.value.rule == "hearing.evidence_finding" and "[1]" in err.value.detail
    story.case.find_evidence(1, admitted=True, reason="", at=story.now())
    _conclude(story)
    with pytest.raises(InvalidTransition, match="rests on the findings"):
        story.case.find_evidence(1, admitted=False, reason="改变认定", at=story.now())
    assert not {"find_evidence", "cast_vote", "conclude", "define_issue"} & set(story.case.allowed_actions())
