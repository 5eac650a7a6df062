"""ORM-free domain model of petition hearings (信访听证).

Start at :class:`HearingCase`; the procedure, its state tables and the rules each command
checks are described in ``docs/hearing-procedure.md``. The domain receives the active
profile as :class:`HearingRules` and its deadlines as a :class:`DeadlineCalculator`.
"""

from __future__ import annotations

from hearing_core.hearings.domain.application import CaseStatus, check_reapplication
from hearing_core.hearings.domain.case import HearingCase
from hearing_core.hearings.domain.deliberation import (
    Conclusion,
    Deliberation,
    DisputedIssue,
    Dissent,
    IssueResult,
    Vote,
    Voter,
    decide,
)
from hearing_core.hearings.domain.events import *  # noqa: F403 - the event classes are API
from hearing_core.hearings.domain.events import __all__ as _events_all
from hearing_core.hearings.domain.evidence import Assessment, CrossExamination, EvidenceItem, Finding
from hearing_core.hearings.domain.machines import (
    CASE_MACHINE,
    PHASE_MACHINE,
    PHASES,
    SKIPPABLE_PHASES,
    CaseState,
    Phase,
)
from hearing_core.hearings.domain.model import (
    Announcement,
    Application,
    CaseData,
    ConsentAnswer,
    Decision,
    Schedule,
    Termination,
    Withdrawal,
)
from hearing_core.hearings.domain.notices import ServiceRecord, check_notices_timely, first_service
from hearing_core.hearings.domain.panel import Panel, PanelMember, RecusalRequest
from hearing_core.hearings.domain.parties import NoticeTarget, Participant, notice_targets, side_of
from hearing_core.hearings.domain.preparation import Nominee
from hearing_core.hearings.domain.record import Signatory, Signature
from hearing_core.hearings.domain.rules import (
    DeadlineCalculator,
    DomainRule,
    HearingRules,
    HearingRuleSet,
    Param,
    RuleId,
)
from hearing_core.hearings.domain.scheduling import (
    EMPTY_CALENDAR,
    Availability,
    Booking,
    SchedulingConflict,
    Slot,
    Unavailability,
    find_conflicts,
)
from hearing_core.hearings.domain.session import Interruption, PhaseVisit, RecordEntry, Session
from hearing_core.hearings.domain.session_events import *  # noqa: F403
from hearing_core.hearings.domain.session_events import __all__ as _session_events_all
from hearing_core.hearings.domain.vocab import (
    Affiliation,
    ClosedReason,
    ConsentReply,
    DeciderCapacity,
    DocumentKind,
    EvidenceKind,
    Origin,
    PanelRole,
    ParticipantRole,
    PostponeReason,
    RecusalStatus,
    ServiceMethod,
    Stage,
    Stance,
    SuspendReason,
    TerminationReason,
    VoteValue,
)

__all__ = [
    "CASE_MACHINE", "EMPTY_CALENDAR", "PHASES", "PHASE_MACHINE", "SKIPPABLE_PHASES",
    "Affiliation", "Announcement", "Application", "Assessment", "Availability", "Booking", "CaseData",
    "CaseState", "CaseStatus", "ClosedReason", "Conclusion", "ConsentAnswer", "ConsentReply",
    "CrossExamination", "DeadlineCalculator", "DeciderCapacity", "Decision", "Deliberation", "Dissent",
    "DisputedIssue", "DocumentKind", "DomainRule", "EvidenceItem", "EvidenceKind", "Finding",
    "HearingCase", "HearingRuleSet", "HearingRules", "Interruption", "IssueResult", "Nominee",
    "NoticeTarget", "Origin", "Panel", "PanelMember", "PanelRole", "Param", "Participant",
    "ParticipantRole", "Phase", "PhaseVisit", "PostponeReason", "RecordEntry", "RecusalRequest",
    "RecusalStatus", "RuleId", "Schedule", "SchedulingConflict", "ServiceMethod", "ServiceRecord",
    "Session", "Signatory", "Signature", "Slot", "Stage", "Stance", "SuspendReason", "Termination",
    "TerminationReason", "Unavailability", "Vote", "VoteValue", "Voter", "Withdrawal",
    "check_notices_timely", "check_reapplication", "decide", "find_conflicts", "first_service",
    "notice_targets", "side_of",
    *_events_all,
    *_session_events_all,
]
