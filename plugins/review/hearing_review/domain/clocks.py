"""The clocks of review and re-review (复查、复核期限), through the core's deadline engine.

| clock | rule | from |
|---|---|---|
| request window (请求期限) | ``review.request_window`` / ``rereview.request_window`` | service of the challenged opinion |
| non-acceptance notice (不予受理告知) | ``review.nonacceptance_notice`` | receipt of the request |
| decision (复查、复核意见期限) | ``review.decision`` / ``rereview.decision`` | receipt of the request; hearing (and, where the profile says so, appraisal and survey) time not counted |

Force majeure (不可抗力): reference §3.4(2) terminates a matter only when the petitioner let
the window pass "without force majeure". The days an obstacle lasted are therefore not counted
in the window: the plugin records the obstacle and hands it to the engine as a paused interval
of kind ``不可抗力`` (the profile's request-window rules name no pause kinds, so the plugin adds
this one kind to its copy of the rule; the explanation prints "不可抗力期间 … 不计入期限").

Pure functions of a profile and a holiday calendar: tested without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from hearing_core.deadlines import (
    Deadline,
    HolidayCalendar,
    Pause,
    Profile,
    Rule,
    WindowCheck,
    check_window,
    compute,
)
from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_review.domain.vocab import Kind

__all__ = [
    "FORCE_MAJEURE",
    "HEARING",
    "Obstacle",
    "decision_deadline",
    "decision_rule",
    "hearing_excluded",
    "nonacceptance_deadline",
    "request_window",
    "window_deadline",
    "window_rule",
]

#: Pause kind of a force-majeure obstacle; printed as is in the engine's Chinese explanation.
FORCE_MAJEURE = "不可抗力"
HEARING = "hearing"


@dataclass(frozen=True)
class Obstacle:
    """A force-majeure obstacle (不可抗力等正当理由) that kept the petitioner from applying."""

    start: date
    end: date
    reason: str

    def __post_init__(self) -> None:
        errors = []
        if self.end < self.start:
            errors.append(FieldError("end", f"{self.end} is before start {self.start}"))
        if not self.reason.strip():
            errors.append(FieldError("reason", "is required: say what prevented the application"))
        if errors:
            raise ValidationFailed("invalid force-majeure record", errors)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def pause(self) -> Pause:
        return Pause(FORCE_MAJEURE, self.start, self.end, self.reason)


def window_rule(profile: Profile, kind: Kind) -> Rule:
    """The request-window rule of ``kind``, able to exclude force-majeure days."""
    rule = profile.rule(f"{kind.rule_prefix}.request_window")
    return rule if FORCE_MAJEURE in rule.pauses else replace(rule, pauses=(*rule.pauses, FORCE_MAJEURE))


def decision_rule(profile: Profile, kind: Kind) -> Rule:
    return profile.rule(f"{kind.rule_prefix}.decision")


def _due_soon(profile: Profile) -> int:
    try:
        return int(profile.param("deadlines.due_soon_days"))  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a profile without the param keeps the engine's default
        return 3


def request_window(profile: Profile, calendar: HolidayCalendar, kind: Kind, served_on: date, act_on: date,
                   obstacles: Sequence[Obstacle] = ()) -> WindowCheck:
    """Was a request received on ``act_on`` within the window opened by service on ``served_on``?"""
    return check_window(window_rule(profile, kind), served_on, act_on, calendar, [o.pause() for o in obstacles])


def window_deadline(profile: Profile, calendar: HolidayCalendar, kind: Kind, served_on: date, today: date,
                    obstacles: Sequence[Obstacle] = (), completed_on: date | None = None) -> Deadline:
    """The request window as a deadline seen on ``today`` (for lapse checks and listings)."""
    return compute(window_rule(profile, kind), served_on, calendar, [o.pause() for o in obstacles], today=today,
                   completed_on=completed_on, due_soon_days=_due_soon(profile))


def hearing_excluded(profile: Profile, kind: Kind) -> bool:
    """Whether hearing time is not counted in the decision clock of ``kind``."""
    if HEARING not in decision_rule(profile, kind).pauses:
        return False
    if kind is Kind.REREVIEW:
        try:
            return bool(profile.param("rereview.hearing_time_excluded"))
        except Exception:  # noqa: BLE001 - derived param absent: the rule's pauses decide
            return True
    return True


def decision_deadline(profile: Profile, calendar: HolidayCalendar, kind: Kind, received_on: date, today: date,
                      pauses: Sequence[Pause] = (), decided_on: date | None = None) -> Deadline:
    """The decision clock; hearing pauses are dropped where the profile does not exclude hearing time.

    Other kinds (appraisal, survey) the rule does not exclude raise RuleViolation naming the rule.
    """
    rule = decision_rule(profile, kind)
    kept = [p for p in pauses if p.kind != HEARING or hearing_excluded(profile, kind)]
    for p in kept:
        if p.kind not in rule.pauses:
            raise RuleViolation(
                f"rule {rule.id} ({rule.title_zh}) does not exclude {p.kind!r} time in rule profile "
                f"{rule.profile!r}; kinds it excludes: {', '.join(rule.pauses) or 'none'}",
                rule=rule.id, source=rule.source)
    return compute(rule, received_on, calendar, kept, today=today, completed_on=decided_on,
                   due_soon_days=_due_soon(profile))


def nonacceptance_deadline(profile: Profile, calendar: HolidayCalendar, received_on: date, today: date,
                           notified_on: date | None = None) -> Deadline:
    """The written non-acceptance notice's limit (``review.nonacceptance_notice``, both stages)."""
    return compute(profile.rule("review.nonacceptance_notice"), received_on, calendar, today=today,
                   completed_on=notified_on, due_soon_days=_due_soon(profile))
