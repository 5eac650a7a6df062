"""Explicit state machines: every allowed transition of a workflow in one table.

A domain object keeps its state as a plain string; it never assigns it directly.
It asks its machine for the target of an action, which either returns the new
state or raises :class:`~hearing_core.errors.InvalidTransition` naming the current
state and the actions that are allowed there. The API exposes
:meth:`StateMachine.allowed_actions` so clients can show only valid buttons.

Guards (conditions beyond the source state, such as "the panel has an odd number
of officers") live in the domain object's method that performs the action, where
they can raise a precise :class:`~hearing_core.errors.RuleViolation`; the machine
only knows states and actions. That keeps the table readable at a glance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearing_core.errors import InvalidTransition

__all__ = ["StateMachine", "Transition"]


@dataclass(frozen=True)
class Transition:
    """``action`` moves an object from any of ``sources`` to ``target``."""

    action: str
    sources: tuple[str, ...]
    target: str
    #: Permission needed to perform the action (checked by services), if any.
    permission: str | None = None
    #: Human description, used in docs and ``allowed_actions`` listings.
    label: str = ""


class StateMachine:
    """An immutable table of states and transitions for one kind of object."""

    def __init__(
        self,
        name: str,
        states: Iterable[str],
        transitions: Iterable[Transition],
        *,
        initial: str,
        final: Iterable[str] = (),
    ) -> None:
        self.name = name
        self.states: tuple[str, ...] = tuple(states)
        self.initial = initial
        self.final: frozenset[str] = frozenset(final)
        self.transitions: tuple[Transition, ...] = tuple(transitions)
        known = set(self.states)
        if initial not in known:
            raise ValueError(f"{name}: initial state {initial!r} is not a state")
        self._by_key: dict[tuple[str, str], Transition] = {}
        for t in self.transitions:
            if t.target not in known:
                raise ValueError(f"{name}: transition {t.action!r} targets unknown state {t.target!r}")
            for source in t.sources:
                if source not in known:
                    raise ValueError(f"{name}: transition {t.action!r} from unknown state {source!r}")
                if source in self.final:
                    raise ValueError(f"{name}: transition {t.action!r} leaves final state {source!r}")
                key = (source, t.action)
                if key in self._by_key:
                    raise ValueError(f"{name}: action {t.action!r} defined twice from {source!r}")
                self._by_key[key] = t

    def allowed_actions(self, state: str) -> list[str]:
        """Actions that may be performed in ``state``, in declaration order."""
        return [t.action for t in self.transitions if state in t.sources]

    def can(self, state: str, action: str) -> bool:
        return (state, action) in self._by_key

    def transition(self, state: str, action: str) -> Transition:
        """The transition for ``action`` from ``state``, or InvalidTransition."""
        try:
            return self._by_key[(state, action)]
        except KeyError:
            raise InvalidTransition(self.name, state, action, self.allowed_actions(state)) from None

    def target(self, state: str, action: str) -> str:
        """The state ``action`` leads to from ``state``, or InvalidTransition."""
        return self.transition(state, action).target

    def describe(self) -> list[dict[str, object]]:
        """The table as data, for docs and the API."""
        return [
            {"action": t.action, "from": list(t.sources), "to": t.target, "label": t.label}
            for t in self.transitions
        ]
