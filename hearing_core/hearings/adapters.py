"""The active rule profile and deadline engine as the hearing domain's protocols (规则适配).

The domain receives :class:`~hearing_core.hearings.domain.HearingRules` and
:class:`~hearing_core.hearings.domain.DeadlineCalculator`; here the real profile and
deadline engine of a :class:`~hearing_core.app.HearingApp` answer them. ``hearing.notice`` is
counted *before* the hearing day (its due date is the latest valid notice day); every other
``hearing.*`` time limit runs *after* its start event. Paused intervals the domain passes as
``(first, last)`` day pairs become engine :class:`~hearing_core.deadlines.Pause` objects of the
kind the rule excludes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from hearing_core.errors import RuleViolation
from hearing_core.hearings.domain import HearingRuleSet, Param

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["ProfileDeadlines", "profile_rules"]

_PARAMS = {f.name for f in fields(HearingRuleSet)} - {"sources"}


def profile_rules(app: HearingApp) -> HearingRuleSet:
    """The ``hearing.*`` parameters of the app's profile, with their sources (cached per app)."""
    key = ("hearings.rules", app.profile.fingerprint())
    cached = app.state.get("hearings.rules")
    if cached is not None and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for param in Param:
        name = str(param).removeprefix("hearing.")
        if name not in _PARAMS or str(param) not in app.profile.params:
            continue  # a profile without the param keeps the domain's default
        info = app.profile.param_info(str(param))
        values[name] = info.value
        if info.source:
            sources[str(param)] = info.source
    rules = HearingRuleSet(**values, sources=sources)
    app.state["hearings.rules"] = (key, rules)
    return rules


class ProfileDeadlines:
    """:class:`DeadlineCalculator` over the app's profile, holiday calendar and deadline engine."""

    def __init__(self, app: HearingApp) -> None:
        self.app = app

    def due(self, rule_id: str, start: dt.date, pauses: Sequence[tuple[dt.date, dt.date]] = ()) -> dt.date:
        from hearing_core.deadlines import Pause

        rule = self.app.profile.rule(str(rule_id))
        kind = rule.pauses[0] if rule.pauses else "hearing"
        deadline = self.app.deadline(str(rule_id), start, pauses=[Pause(kind, a, b) for a, b in pauses])
        if deadline.due is None:  # only an open pause leaves no due date, and pairs are closed
            raise RuleViolation(f"rule {rule_id} has no due date", rule=str(rule_id), source=rule.source)
        return deadline.due

    def latest_before(self, rule_id: str, event: dt.date) -> dt.date:
        from hearing_core.deadlines import Direction

        rule = self.app.profile.rule(str(rule_id))
        if rule.direction is not Direction.BEFORE:
            raise RuleViolation(f"rule {rule_id} is not counted before its event in profile {rule.profile!r}",
                                rule=str(rule_id), source=rule.source)
        return self.due(rule_id, event)

    def source(self, rule_id: str) -> str | None:
        try:
            return self.app.profile.rule(str(rule_id)).source or None
        except Exception:  # noqa: BLE001 - a source is decoration of an error message
            return None

    def deadline(self, rule_id: str, start: dt.date, completed_on: dt.date | None = None) -> Any:
        """The engine's full :class:`~hearing_core.deadlines.Deadline` (status, explanation), for views."""
        return self.app.deadline(str(rule_id), start, completed_on=completed_on)
