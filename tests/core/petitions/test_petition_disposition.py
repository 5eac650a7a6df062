from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources

import pytest

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.petitions.domain import (
    DISPOSITION,
    ClockEvent,
    Disposition,
    DispositionState,
    EventKind,
    NotAcceptedReason,
    OpinionOutcome,
    StatutoryRoute,
)

D = date


def accepted() -> Disposition:
    d = Disposition(received_on=D(2023, 3, 1))
    d.accept(D(2023, 3, 5))
    return d


def test_full_assigned_path_yields_clock_events() -> None:
    d = Disposition(received_on=D(2023, 3, 1))
    assert d.state == "registered"
    assert d.accept(D(2023, 3, 5)) == [ClockEvent(EventKind.ACCEPTED, D(2023, 3, 5))]
    assert d.assign(D(2023, 3, 6), "县自然资源局", due_on=D(2023, 4, 30)) == [
        ClockEvent(EventKind.ASSIGNED, D(2023, 3, 6), due_on=D(2023, 4, 30))
    ]
    assert d.extend(D(2023, 4, 20), 30, "需要补充测绘", max_days=30) == [
        ClockEvent(EventKind.EXTENDED, D(2023, 4, 20), days=30)
    ]
    assert d.issue_opinion(D(2023, 5, 20), OpinionOutcome.EXPLAIN) == [
        ClockEvent(EventKind.OPINION_ISSUED, D(2023, 5, 20))
    ]
    assert d.allowed_actions() == ["report_completion", "record_service"]
    d.report_completion(D(2023, 5, 21), "已出具处理意见并送达")
    assert d.record_service(D(2023, 5, 23)) == [ClockEvent(EventKind.OPINION_SERVED, D(2023, 5, 23))]
    assert d.conclude(D(2023, 5, 25)) == [ClockEvent(EventKind.CONCLUDED, D(2023, 5, 25))]
    assert d.state == DispositionState.CONCLUDED
    assert d.allowed_actions() == []
    assert [e.kind for e in d.clock_events()] == [
        EventKind.RECEIVED, EventKind.ACCEPTED, EventKind.ASSIGNED, EventKind.EXTENDED,
        EventKind.OPINION_ISSUED, EventKind.COMPLETION_REPORTED, EventKind.OPINION_SERVED, EventKind.CONCLUDED,
    ]  # fmt: skip


def test_event_codes_match_the_profile_start_events() -> None:
    # The deadline engine starts clocks from the event codes a profile declares; the
    # disposition's events must use the same codes where they mean the same day.
    text = resources.files("hearing_core.profiles").joinpath("national.toml").read_text("utf-8")
    declared = set(tomllib.loads(text)["events"])
    shared = {EventKind.RECEIVED, EventKind.ACCEPTED, EventKind.OPINION_SERVED}
    assert {str(kind) for kind in shared} <= declared


def test_invalid_transition_names_state_and_allowed_actions() -> None:
    d = Disposition(received_on=D(2023, 3, 1))
    with pytest.raises(InvalidTransition) as info:
        d.issue_opinion(D(2023, 3, 2), OpinionOutcome.SUPPORT)
    err = info.value
    assert err.state == "registered" and err.action == "issue_opinion"
    assert err.allowed == ["accept", "not_accept", "route_to_statutory"]
    assert "cannot issue_opinion a disposition in state 'registered'" in err.detail
    assert d.state == "registered" and d.opinion is None  # nothing changed


def test_not_accepted_is_final_and_other_needs_a_note() -> None:
    d = Disposition(received_on=D(2023, 3, 1))
    with pytest.raises(ValidationFailed) as info:
        d.not_accept(D(2023, 3, 2), NotAcceptedReason.OTHER)
    assert info.value.errors[0].field == "not_accepted_note"
    assert d.state == "registered"
    d.not_accept(D(2023, 3, 2), NotAcceptedReason.STATUTORY_PROCEDURE)
    assert d.state == "not_accepted" and d.not_accepted_reason is NotAcceptedReason.STATUTORY_PROCEDURE
    with pytest.raises(InvalidTransition) as info2:
        d.accept(D(2023, 3, 3))
    assert info2.value.allowed == []


def test_extension_once_only() -> None:
    d = accepted()
    d.transfer(D(2023, 3, 6), "县人社局")
    d.extend(D(2023, 4, 30), 10, "案情复杂", max_days=30)
    assert "extend" not in d.allowed_actions()
    with pytest.raises(RuleViolation) as info:
        d.extend(D(2023, 5, 1), 5, "再次延期", max_days=30)
    assert info.value.rule == "handling.extension_once"
    assert d.extension_days == 10


@pytest.mark.parametrize("days", [0, 31, 45])
def test_extension_length_bounded_by_the_rule(days: int) -> None:
    d = accepted()
    with pytest.raises(RuleViolation) as info:
        d.extend(D(2023, 4, 30), days, "案情复杂", max_days=30)
    assert info.value.rule == "handling.extension_max"
    assert "1 to 30 days" in info.value.detail
    assert d.extension_days is None


def test_extension_needs_a_reason() -> None:
    with pytest.raises(ValidationFailed) as info:
        accepted().extend(D(2023, 4, 30), 10, "  ", max_days=30)
    assert info.value.errors[0].field == "extension_reason"


def test_dates_cannot_run_backwards() -> None:
    d = Disposition(received_on=D(2023, 3, 10))
    with pytest.raises(ValidationFailed) as info:
        d.accept(D(2023, 3, 9))
    assert info.value.errors[0].message == "2023-03-09 is before received_on 2023-03-10"
    d.accept(D(2023, 3, 10))
    with pytest.raises(ValidationFailed):
        d.assign(D(2023, 3, 11), "县住建局", due_on=D(2023, 3, 1))


def test_conclude_guards_service_and_completion_report() -> None:
    d = accepted()
    d.assign(D(2023, 3, 6), "县住建局", due_on=D(2023, 4, 30))
    d.issue_opinion(D(2023, 4, 1), OpinionOutcome.SUPPORT, served_on=D(2023, 4, 3))
    assert "conclude" not in d.allowed_actions()
    with pytest.raises(RuleViolation) as info:
        d.conclude(D(2023, 4, 5))
    assert info.value.rule == "conclude.completion_report"
    d.report_completion(D(2023, 4, 4), "办结报告")
    d.conclude(D(2023, 4, 5))
    assert d.state == "concluded"

    unserved = accepted()
    unserved.issue_opinion(D(2023, 4, 1), OpinionOutcome.NOT_SUPPORT)
    with pytest.raises(RuleViolation) as info2:
        unserved.conclude(D(2023, 4, 5))
    assert info2.value.rule == "conclude.opinion_served"


def test_completion_report_only_for_assigned_matters() -> None:
    d = accepted()
    d.transfer(D(2023, 3, 6), "县人社局")
    d.issue_opinion(D(2023, 4, 1), OpinionOutcome.SUPPORT)
    assert "report_completion" not in d.allowed_actions()
    with pytest.raises(RuleViolation):
        d.report_completion(D(2023, 4, 2), "报告")


def test_routed_to_statutory_procedure_leaves_the_petition_track() -> None:
    d = accepted()
    d.route_to_statutory(D(2023, 3, 8), StatutoryRoute.LITIGATION)
    assert d.state == "routed_to_statutory_procedure"
    assert d.allowed_actions() == []
    assert d.clock_events()[-1] == ClockEvent(EventKind.ROUTED, D(2023, 3, 8))


def test_state_table_is_complete_and_final_states_are_dead_ends() -> None:
    table = DISPOSITION.describe()
    assert {row["action"] for row in table} == {
        "accept", "not_accept", "transfer", "assign", "extend", "report_completion", "issue_opinion",
        "record_service", "route_to_statutory", "conclude",
    }  # fmt: skip
    for state in DISPOSITION.final:
        assert DISPOSITION.allowed_actions(state) == []
    reachable = {DISPOSITION.initial} | {str(row["to"]) for row in table}
    assert reachable == set(DISPOSITION.states)
