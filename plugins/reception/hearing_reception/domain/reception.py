"""A reception (接访活动): one leader reception session on one day at one place.

The object checks every rule of changing it and moves its state only through
:data:`RECEPTION_MACHINE`; the service stores what it became. Each method returns
the ``(source, target)`` states of the change for the audit entry and the
``case_transitioned`` event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_reception.domain.machines import RECEPTION_MACHINE, ReceptionState
from hearing_reception.domain.planning import Leader
from hearing_reception.domain.vocab import LEVEL_LABELS, LEVEL_RANK, SESSION_LABELS, Level, Session

__all__ = ["Participant", "Reception", "participants_from"]

REASON_MAX = 500


@dataclass(frozen=True)
class Participant:
    """A leader taking part in a reception (参与接访领导); the level is kept as it was then."""

    leader_id: int
    level: Level
    name: str = ""
    post: str = ""
    portfolio: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "leader_id": self.leader_id,
            "level": str(self.level),
            "level_zh": LEVEL_LABELS[self.level],
            "name": self.name,
            "post": self.post,
            "portfolio": self.portfolio,
        }


def participants_from(leaders: list[Leader]) -> list[Participant]:
    """Participants in reception order: highest level first (the lead, 带班领导), then by id."""
    ordered = sorted(leaders, key=lambda lead: (LEVEL_RANK[lead.level], lead.id or 0))
    return [Participant(lead.id or 0, lead.level, lead.name, lead.post, lead.portfolio) for lead in ordered]


@dataclass
class Reception:
    """A planned, announced, running, held or cancelled leader reception."""

    id: int | None
    day: date
    session: Session
    start_time: time
    end_time: time
    place: str
    participants: list[Participant] = field(default_factory=list)
    rule_id: int | None = None
    plan_key: str | None = None
    nominal_date: date | None = None
    moved_because: str | None = None
    #: The first planned day, kept when the reception is moved (改期).
    original_day: date | None = None
    paired_unit: str = ""
    title: str = ""
    state: str = ReceptionState.PLANNED
    cancel_reason: str = ""
    version: int = 1

    @property
    def lead_level(self) -> Level:
        """Level of the leading leader; a reception without participants counts as town level."""
        return self.participants[0].level if self.participants else Level.TOWN

    def _move(self, action: str) -> tuple[str, str]:
        source = self.state
        self.state = RECEPTION_MACHINE.target(source, action)
        return source, self.state

    # ------------------------------------------------------------------ planning changes

    def announce(self) -> tuple[str, str]:
        """Record that the public notice went out (公示)."""
        return self._move("announce")

    def swap(self, leaving: int, coming: Leader, reason: str) -> tuple[str, str]:
        """Another leader receives instead of ``leaving`` (换班); a published notice must be renewed."""
        _need_reason(reason)
        RECEPTION_MACHINE.transition(self.state, "swap")
        ids = [p.leader_id for p in self.participants]
        if leaving not in ids:
            raise RuleViolation(f"leader {leaving} does not take part in this reception", rule="reception.swap")
        if coming.id in ids:
            raise RuleViolation(f"{coming.name} already takes part in this reception", rule="reception.swap")
        if not coming.active:
            raise RuleViolation(f"{coming.name} is no longer an active receiving leader", rule="reception.swap")
        kept = [p for p in self.participants if p.leader_id != leaving]
        self.participants = _sorted([*kept, *participants_from([coming])])
        return self._move("swap")

    def reschedule(self, day: date, reason: str, today: date, *, start: time | None = None, end: time | None = None, place: str | None = None) -> tuple[str, str]:
        """Move the reception (改期); a published notice must be renewed."""
        _need_reason(reason)
        RECEPTION_MACHINE.transition(self.state, "reschedule")
        if day < today:
            raise RuleViolation(f"cannot move a reception into the past ({day.isoformat()})", rule="reception.reschedule")
        new_start, new_end = start or self.start_time, end or self.end_time
        if new_end <= new_start:
            raise ValidationFailed("invalid times", [FieldError("end_time", "must be after the start time")])
        if self.original_day is None:
            self.original_day = self.day
        self.day, self.start_time, self.end_time = day, new_start, new_end
        if place is not None:
            if not place.strip():
                raise ValidationFailed("invalid place", [FieldError("place", "is required")])
            self.place = place
        self.moved_because = None
        return self._move("reschedule")

    def cancel(self, reason: str) -> tuple[str, str]:
        """Cancel the reception (取消), with a reason the public can be told."""
        _need_reason(reason)
        self.cancel_reason = reason.strip()
        return self._move("cancel")

    # ------------------------------------------------------------------ the day itself

    def open(self, today: date) -> tuple[str, str]:
        """Open the reception day; not before the day itself (a past day may be recorded later)."""
        RECEPTION_MACHINE.transition(self.state, "open")
        if today < self.day:
            raise RuleViolation(
                f"the reception of {self.day.isoformat()} cannot be opened before its day", rule="reception.open"
            )
        if not self.participants:
            raise RuleViolation("a reception needs at least one receiving leader", rule="reception.open")
        return self._move("open")

    def close(self) -> tuple[str, str]:
        return self._move("close")

    def set_participants(self, leaders: list[Leader]) -> tuple[str, str]:
        """Record who actually took part (参与接访人次): at least one leader, each once."""
        RECEPTION_MACHINE.transition(self.state, "set_participants")
        ids = [lead.id for lead in leaders]
        if not leaders:
            raise ValidationFailed("no participants", [FieldError("leaders", "at least one leader took part")])
        if len(set(ids)) != len(ids):
            raise ValidationFailed("duplicate participants", [FieldError("leaders", "a leader is listed twice")])
        self.participants = participants_from(leaders)
        return self._move("set_participants")

    def require(self, action: str) -> None:
        """Raise InvalidTransition unless ``action`` is allowed now (e.g. registering visitors)."""
        RECEPTION_MACHINE.transition(self.state, action)

    # ------------------------------------------------------------------ views

    def label_zh(self) -> str:
        """``2025年10月15日上午 县信访局`` style label for lists and documents."""
        return f"{self.day.year}年{self.day.month}月{self.day.day}日{SESSION_LABELS[self.session]} {self.place}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "rule_id": self.rule_id,
            "plan_key": self.plan_key,
            "date": self.day.isoformat(),
            "nominal_date": self.nominal_date.isoformat() if self.nominal_date else None,
            "original_date": self.original_day.isoformat() if self.original_day else None,
            "moved_because": self.moved_because,
            "session": str(self.session),
            "start_time": self.start_time.strftime("%H:%M"),
            "end_time": self.end_time.strftime("%H:%M"),
            "place": self.place,
            "paired_unit": self.paired_unit,
            "state": str(self.state),
            "lead_level": str(self.lead_level),
            "leaders": [p.as_dict() for p in self.participants],
            "cancel_reason": self.cancel_reason,
            "allowed_actions": RECEPTION_MACHINE.allowed_actions(self.state),
            "version": self.version,
        }


def _sorted(participants: list[Participant]) -> list[Participant]:
    return sorted(participants, key=lambda p: (LEVEL_RANK[p.level], p.leader_id))


def _need_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationFailed("a reason is required", [FieldError("reason", "is required")])
    if len(reason) > REASON_MAX:
        raise ValidationFailed("reason too long", [FieldError("reason", f"must be at most {REASON_MAX} characters")])
