"""Domain events of the session, deliberation and outcome (听证会、评议、结论事件).

See :mod:`hearing_core.hearings.domain.events` for the base class and what events carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hearing_core.hearings.domain.events import DomainEvent

__all__ = [
    "AttendanceRecorded",
    "ConclusionAnnounced",
    "ConclusionReached",
    "DeliberationOpened",
    "HearingPostponed",
    "HearingResumed",
    "HearingSuspended",
    "HearingTerminated",
    "IssueDefined",
    "RecordEntryAdded",
    "RecordFinalised",
    "RecordSigned",
    "ReportServed",
    "ResumptionScheduled",
    "SessionClosed",
    "SessionOpened",
    "SessionPhaseEntered",
    "SessionPhaseSkipped",
    "VoteCast",
]


# -- session ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionOpened(DomainEvent):
    session_no: int
    at: datetime


@dataclass(frozen=True)
class AttendanceRecorded(DomainEvent):
    participant_no: int
    present: bool


@dataclass(frozen=True)
class SessionPhaseEntered(DomainEvent):
    phase: str
    at: datetime


@dataclass(frozen=True)
class SessionPhaseSkipped(DomainEvent):
    phase: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class RecordEntryAdded(DomainEvent):
    seq: int
    phase: str
    at: datetime
    speaker: str


@dataclass(frozen=True)
class HearingPostponed(DomainEvent):
    reason: str
    detail: str
    at: datetime
    at_session: bool


@dataclass(frozen=True)
class HearingSuspended(DomainEvent):
    reason: str
    detail: str
    at: datetime
    phase: str


@dataclass(frozen=True)
class ResumptionScheduled(DomainEvent):
    start: datetime
    end: datetime


@dataclass(frozen=True)
class HearingResumed(DomainEvent):
    at: datetime
    phase: str


@dataclass(frozen=True)
class HearingTerminated(DomainEvent):
    """终止: the petitioner is deemed to have waived the hearing (视为放弃)."""

    reason: str
    at: datetime
    phase: str


@dataclass(frozen=True)
class SessionClosed(DomainEvent):
    at: datetime
    concluded_on_spot: bool


# -- deliberation and outcome -----------------------------------------------------------------
@dataclass(frozen=True)
class DeliberationOpened(DomainEvent):
    voter_person_ids: tuple[int, ...]
    at: datetime


@dataclass(frozen=True)
class IssueDefined(DomainEvent):
    no: int
    title: str


@dataclass(frozen=True)
class VoteCast(DomainEvent):
    """An officer voted on an issue. The value is secret, so it is not in the event."""

    issue_no: int
    voter_person_id: int


@dataclass(frozen=True)
class ConclusionReached(DomainEvent):
    at: datetime
    on_spot: bool
    results: tuple[tuple[int, str], ...]  # (issue no, result) per issue
    recommendation: str


@dataclass(frozen=True)
class ConclusionAnnounced(DomainEvent):
    at: datetime


@dataclass(frozen=True)
class RecordSigned(DomainEvent):
    signatory: str
    role: str
    signed: bool  # False: refusal noted by the clerk
    note: str
    at: datetime


@dataclass(frozen=True)
class RecordFinalised(DomainEvent):
    at: datetime


@dataclass(frozen=True)
class ReportServed(DomainEvent):
    served_on: date
    due: date
    overdue: bool
    rule: str
