from __future__ import annotations

import pytest

from hearing_core.errors import InvalidTransition
from hearing_core.fsm import StateMachine, Transition

MACHINE = StateMachine(
    "sample",
    ["draft", "open", "closed"],
    [
        Transition("open", ("draft",), "open"),
        Transition("close", ("draft", "open"), "closed"),
    ],
    initial="draft",
    final=["closed"],
)


def test_allowed_actions_follow_declaration_order() -> None:
    assert MACHINE.allowed_actions("draft") == ["open", "close"]
    assert MACHINE.allowed_actions("open") == ["close"]
    assert MACHINE.allowed_actions("closed") == []


def test_target_of_valid_action() -> None:
    assert MACHINE.target("draft", "open") == "open"
    assert MACHINE.can("open", "close")
    assert not MACHINE.can("closed", "open")


def test_invalid_action_names_state_and_allowed_actions() -> None:
    with pytest.raises(InvalidTransition) as info:
        MACHINE.target("open", "open")
    assert info.value.state == "open"
    assert info.value.allowed == ["close"]
    assert "state 'open'" in str(info.value) and "close" in str(info.value)
    assert info.value.problem()["allowed_actions"] == ["close"]


@pytest.mark.parametrize(
    ("states", "transitions", "message"),
    [
        (["a"], [Transition("go", ("a",), "b")], "unknown state 'b'"),
        (["a", "b"], [Transition("go", ("c",), "b")], "unknown state 'c'"),
        (["a", "b"], [Transition("go", ("a",), "b"), Transition("go", ("a",), "a")], "defined twice"),
    ],
)
def test_inconsistent_tables_are_refused(states: list[str], transitions: list[Transition], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        StateMachine("bad", states, transitions, initial="a")


def test_final_states_cannot_be_left() -> None:
    with pytest.raises(ValueError, match="leaves final state"):
        StateMachine("bad", ["a", "b"], [Transition("go", ("b",), "a")], initial="a", final=["b"])


def test_describe_lists_every_transition() -> None:
    assert MACHINE.describe()[1] == {"action": "close", "from": ["draft", "open"], "to": "closed", "label": ""}
