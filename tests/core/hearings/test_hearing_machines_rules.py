"""The state tables, the rules protocols and the fake calculator the other tests rely on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hearing_story import NATIONAL, SHANDONG, FakeCalendar, Limit, Story

from hearing_core.errors import InvalidTransition, RuleViolation
from hearing_core.hearings.domain import (
    CASE_MACHINE,
    PHASE_MACHINE,
    PHASES,
    SKIPPABLE_PHASES,
    CaseState,
    HearingRuleSet,
    Param,
    Phase,
    RuleId,
)
from hearing_core.hearings.domain.rules import deadline_violation, param_violation


def test_every_case_state_is_reachable_and_every_open_state_has_a_way_out() -> None:
    reached = {CASE_MACHINE.initial}
    frontier = [CASE_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for t in CASE_MACHINE.transitions:
            if state in t.sources and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == {s.value for s in CaseState}
    for state in CaseState:
        moves = [t for t in CASE_MACHINE.transitions if state in t.sources and t.target != state]
        assert bool(moves) != (state in CASE_MACHINE.final), state


def test_phases_follow_reference_section_2_7_and_advance_one_at_a_time() -> None:
    assert [p.value for p in PHASES] == [
        "attendance_check", "opening", "rights_and_rules", "petitioner_statement", "handling_unit_statement",
        "cross_examination", "debate", "questioning", "final_statements", "deliberation", "resumption", "closed",
    ]
    for here, there in zip(PHASES, PHASES[1:], strict=False):
        assert PHASE_MACHINE.target(here, "advance") == there
    assert SKIPPABLE_PHASES == {Phase.HANDLING_UNIT_STATEMENT, Phase.CROSS_EXAMINATION, Phase.DEBATE,
                                Phase.QUESTIONING}
    for phase in PHASES:
        assert PHASE_MACHINE.can(phase, "skip") == (phase in SKIPPABLE_PHASES)


def test_invalid_action_names_the_state_and_the_allowed_actions() -> None:
    story = Story(NATIONAL).apply()
    with pytest.raises(InvalidTransition) as err:
        story.case.schedule_hearing(story.slot(), today=date(2024, 6, 4), rules=story.rules, calc=story.calc)
    assert err.value.state == "applied"
    assert err.value.action == "schedule"
    assert {"accept", "refuse", "withdraw"} <= set(err.value.allowed)
    assert "state 'applied'" in err.value.detail


def test_in_session_the_allowed_actions_follow_the_phase() -> None:
    story = Story(NATIONAL).ready().open()
    actions = story.case.allowed_actions()
    assert {"record_attendance", "advance", "postpone", "terminate"} <= set(actions)
    assert "cast_vote" not in actions and "close_concluded" not in actions
    story.to(Phase.DELIBERATION)
    assert {"cast_vote", "define_issue", "find_evidence", "conclude", "suspend"} <= set(story.case.allowed_actions())
    assert "record_entry" not in story.case.allowed_actions()


def test_rule_set_refuses_unknown_choices() -> None:
    with pytest.raises(ValueError, match="hearing.secret_matters"):
        HearingRuleSet(secret_matters="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="hearing.consent_silence_means"):
        HearingRuleSet(consent_silence_means="maybe")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        HearingRuleSet(panel_min=0)


def test_violations_name_the_rule_and_the_profile_source() -> None:
    err = deadline_violation(SHANDONG.calc, RuleId.NOTICE, "too late", latest_notice_date=date(2024, 6, 10))
    assert isinstance(err, RuleViolation)
    assert err.rule == "hearing.notice"
    assert err.source == "SD06: 10 working days before"
    assert "rule hearing.notice, SD06" in err.detail
    assert err.problem()["latest_notice_date"] == "2024-06-10"
    err = param_violation(SHANDONG.rules, Param.PANEL_MIN, "too few")
    assert (err.rule, err.source) == ("hearing.panel_min", "SD06: odd, 5 or more")
    unsourced = replace(NATIONAL.rules, sources={})
    assert param_violation(unsourced, Param.AGENTS_MAX, "too many").source is None


def test_fake_calendar_counts_calendar_and_working_days_both_ways() -> None:
    calc = FakeCalendar({"c": Limit(7), "w": Limit(10, working=True)})
    assert calc.due("c", date(2024, 6, 3)) == date(2024, 6, 10)
    assert calc.latest_before("c", date(2024, 6, 24)) == date(2024, 6, 17)
    assert calc.due("w", date(2024, 6, 7)) == date(2024, 6, 21)  # Friday + 10 working days
    assert calc.latest_before("w", date(2024, 6, 24)) == date(2024, 6, 10)
    assert calc.due("c", date(2024, 6, 3), pauses=[(date(2024, 6, 5), date(2024, 6, 6))]) == date(2024, 6, 12)
