"""Domain events of a hearing case (听证事件).

Session, deliberation and outcome events are in :mod:`.session_events`.

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
    "ApplicationWaived",
    "CaseTransitioned",
    "ConsentAnswered",
    "CrossExaminationRecorded",
    "DocumentServed",
    "DomainEvent",
    "EvidenceFindingMade",
    "EvidenceSubmitted",
    "HearingAccepted",
    "HearingAnnounced",
    "HearingApplied",
    "HearingDeemedAccepted",
    "HearingInitiated",
    "HearingRefused",
    "HearingScheduled",
    "HearingWithdrawn",
    "PanelMemberAssigned",
    "PanelMemberRecused",
    "PanelMemberReplaced",
    "ParticipantAdded",
    "RecusalRefused",
    "RecusalRequested",
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
    late: bool  # after the hearing.application due date (see ApplicationWaived)


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
