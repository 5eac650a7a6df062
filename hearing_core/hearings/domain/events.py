"""Domain events of a hearing case (听证事件).

Every command on :class:`~hearing_core.hearings.domain.case.HearingCase` returns the events
it caused, in order. The service layer stores them with the case id (events do not carry
it: a new case has no id until it is saved) and publishes them to plugins.

Events are facts safe to publish. Vote values and opinions are deliberately absent from
:class:`VoteCast`: they stay secret until deliberation closes and are published only in
:class:`ConclusionReached`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, ClassVar

__all__ = [
    "ApplicationWaived", "AttendanceRecorded", "CaseTransitioned", "ConclusionAnnounced",
    "ConclusionReached", "ConsentAnswered", "CrossExaminationRecorded", "DeliberationOpened",
    "DocumentServed", "DomainEvent", "EvidenceFindingMade", "EvidenceSubmitted", "HearingAccepted",
    "HearingAnnounced", "HearingApplied", "HearingDeemedAccepted", "HearingInitiated",
    "HearingPostponed", "HearingRefused", "HearingResumed", "HearingScheduled", "HearingSuspended",
    "HearingTerminated", "HearingWithdrawn", "IssueDefined", "PanelMemberAssigned",
    "PanelMemberRecused", "PanelMemberReplaced", "ParticipantAdded", "RecordEntryAdded",
    "RecordFinalised", "RecordSigned", "RecusalRefused", "RecusalRequested", "ReportServed",
    "ResumptionScheduled", "SessionClosed", "SessionOpened", "SessionPhaseEntered",
    "SessionPhaseSkipped", "VoteCast",
]


@dataclass(frozen=True)
class DomainEvent:
    """Base of every hearing event; ``kind`` is the snake_case class name."""

    kind: ClassVar[str] = "domain_event"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.kind = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()

    def as_dict(self) -> dict[str, Any]:
        """The event as JSON-ready data (dates as ISO strings), with its ``kind``."""
        data = {k: _plain(v) for k, v in asdict(self).items()}
        return {"kind": self.kind, **data}


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class CaseTransitioned(DomainEvent):
    """The case changed state (for the audit log and the ``case_transitioned`` hook)."""

    action: str
    source: str
    target: str


# -- application, consent, decision ---------------------------------------------------------
@dataclass(frozen=True)
class HearingApplied(DomainEvent):
    matter_id: int
    stage: str
    applied_on: date
    applicant: str


@dataclass(frozen=True)
class HearingInitiated(DomainEvent):
    matter_id: int
    stage: str
    initiated_on: date


@dataclass(frozen=True)
class ApplicationWaived(DomainEvent):
    """Applied after the due date of ``rule``; deemed waived (视为放弃)."""

    applied_on: date
    due: date
    rule: str
    source: str | None


@dataclass(frozen=True)
class ConsentAnswered(DomainEvent):
    """Reply to an organ-initiated hearing; ``deemed`` when silence counted as refusal."""

    reply: str
    on: date
    deemed: bool


@dataclass(frozen=True)
class HearingAccepted(DomainEvent):
    decided_on: date
    decided_by: str
    #: Date the hold-within period counts from (earlier than ``decided_on`` when the
    #: organ decided after silence had already meant acceptance).
    effective_on: date


@dataclass(frozen=True)
class HearingDeemedAccepted(DomainEvent):
    """No decision by ``due`` under a profile where silence means acceptance (视为同意)."""

    due: date
    recorded_on: date
    rule: str
    source: str | None


@dataclass(frozen=True)
class HearingRefused(DomainEvent):
    decided_on: date
    decided_by: str
    reasons: str


@dataclass(frozen=True)
class HearingWithdrawn(DomainEvent):
    on: date
    reason: str


# -- preparation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class HearingScheduled(DomainEvent):
    start: datetime
    end: datetime
    venue: str | None
    video_link: str | None
    public: bool
    closed_reason: str | None
    rescheduled: bool


@dataclass(frozen=True)
class HearingAnnounced(DomainEvent):
    published_on: date
    channel: str
    reference: str


@dataclass(frozen=True)
class DocumentServed(DomainEvent):
    document: str
    recipient_no: int
    method: str
    served_on: date
    proof_ref: str


@dataclass(frozen=True)
class ParticipantAdded(DomainEvent):
    no: int
    name: str
    role: str
    principal_no: int | None


@dataclass(frozen=True)
class PanelMemberAssigned(DomainEvent):
    seat: int
    person_id: int
    name: str
    role: str
    affiliation: str | None


@dataclass(frozen=True)
class RecusalRequested(DomainEvent):
    request_no: int
    seat: int
    member_person_id: int
    requested_by: str
    grounds: str


@dataclass(frozen=True)
class RecusalRefused(DomainEvent):
    request_no: int
    decided_by: str
    capacity: str
    reason: str


@dataclass(frozen=True)
class PanelMemberRecused(DomainEvent):
    """A recusal was granted: the seat is vacant until :class:`PanelMemberReplaced`."""

    request_no: int
    seat: int
    member_person_id: int
    decided_by: str
    capacity: str


@dataclass(frozen=True)
class PanelMemberReplaced(DomainEvent):
    seat: int
    old_person_id: int
    new_person_id: int
    new_name: str


# -- evidence ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class EvidenceSubmitted(DomainEvent):
    no: int
    submitted_by_no: int
    evidence_kind: str
    title: str
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class CrossExaminationRecorded(DomainEvent):
    evidence_no: int
    side: str
    disputed: bool


@dataclass(frozen=True)
class EvidenceFindingMade(DomainEvent):
    evidence_no: int
    admitted: bool
    reason: str


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
