"""Inputs and results of the deadline engine: pauses, extensions, deadlines, statuses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from hearing_core.deadlines.explain import Explanation
from hearing_core.deadlines.rules import Direction, Unit
from hearing_core.errors import FieldError, ValidationFailed

__all__ = ["DEFAULT_DUE_SOON_DAYS", "Deadline", "Extension", "Pause", "Status", "WindowCheck", "status_on"]

#: Days before the due date from which a running deadline shows as ``due_soon``; a profile
#: may set ``deadlines.due_soon_days`` and the caller passes it to ``compute``.
DEFAULT_DUE_SOON_DAYS = 3


class Status(StrEnum):
    """Where a deadline stands on a given day."""

    RUNNING = "running"    # 进行中
    DUE_SOON = "due_soon"  # 即将到期
    OVERDUE = "overdue"    # 已超期 (also: the act was done, but after the due date)
    MET = "met"            # 已按期完成
    PAUSED = "paused"      # 中止计算 (an open pause: no due date yet)


@dataclass(frozen=True)
class Pause:
    """A paused interval (期限中止/扣除期间), e.g. hearing time excluded from re-review.

    ``start`` and ``end`` are both paused days. ``end`` is None while the pause is still
    open (the hearing has not ended), which suspends the deadline altogether.
    """

    kind: str
    start: date
    end: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValidationFailed("invalid pause", [FieldError("end", f"{self.end} is before start {self.start}")])

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class Extension:
    """An approved extension (延期), in the unit of the rule's extension bound."""

    length: int
    reason: str = ""
    approved_on: date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.length, bool) or not isinstance(self.length, int) or self.length < 1:
            raise ValidationFailed("invalid extension", [FieldError("length", "must be a positive whole number")])


@dataclass(frozen=True)
class Deadline:
    """A computed time limit (期限) and where it stands on ``today``."""

    rule_id: str
    rule_title: str
    profile: str
    source: str
    start_event: str
    start_date: date
    direction: Direction
    unit: Unit
    length: int
    #: The due date before extensions; None while paused.
    base_due: date | None
    #: The due date after extensions (for ``before`` rules: the latest day to act); None while paused.
    due: date | None
    status: Status
    #: Calendar days from today (or from the completion date) to the due date; negative when late.
    days_remaining: int | None
    today: date
    completed_on: date | None
    paused_days: int
    extended_by: int
    explanation: Explanation
    calendar_fingerprint: str
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS

    def evaluated(self, today: date, completed_on: date | None = None) -> Deadline:
        """The same deadline seen on another day (the dates do not change)."""
        status, remaining = status_on(self.due, today, completed_on, self.due_soon_days)
        return replace(self, today=today, completed_on=completed_on, status=status, days_remaining=remaining)

    def as_dict(self) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "rule_id": self.rule_id, "rule_title": self.rule_title, "profile": self.profile,
            "source": self.source, "start_event": self.start_event, "start_date": iso(self.start_date),
            "direction": str(self.direction), "unit": str(self.unit), "length": self.length,
            "base_due": iso(self.base_due), "due": iso(self.due), "status": str(self.status),
            "days_remaining": self.days_remaining, "today": iso(self.today),
            "completed_on": iso(self.completed_on), "paused_days": self.paused_days,
            "extended_by": self.extended_by, "calendar_fingerprint": self.calendar_fingerprint,
            "explanation": self.explanation.as_dict(),
        }


@dataclass(frozen=True)
class WindowCheck:
    """Whether an act (e.g. a review application) was done within its window."""

    deadline: Deadline
    act_on: date
    #: True when ``act_on`` is on or before the due date (or the clock is paused).
    within: bool


def status_on(due: date | None, today: date, completed_on: date | None, due_soon_days: int) -> tuple[Status, int | None]:
    """Status and days remaining; a completed act is ``met`` unless it came after the due date."""
    if completed_on is not None:
        if due is None:
            return Status.MET, None
        margin = (due - completed_on).days
        return (Status.MET if margin >= 0 else Status.OVERDUE), margin
    if due is None:
        return Status.PAUSED, None
    remaining = (due - today).days
    if remaining < 0:
        return Status.OVERDUE, remaining
    if remaining <= due_soon_days:
        return Status.DUE_SOON, remaining
    return Status.RUNNING, remaining
