"""The data of a hearing case (听证案件) and the helpers every command uses.

:class:`CaseData` holds plain fields only (ints, strings, dates, small dataclasses and
lists of them) so the repository can map it to tables without knowing any rule. The
commands live in mixins, one module per part of the procedure, composed into
:class:`~hearing_core.hearings.domain.case.HearingCase`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hearing_core.errors import Conflict, FieldError, InvalidTransition, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain.deliberation import Conclusion, Deliberation, DisputedIssue
from hearing_core.hearings.domain.evidence import EvidenceItem
from hearing_core.hearings.domain.machines import CASE_MACHINE, PHASE_MACHINE, CaseState, Phase
from hearing_core.hearings.domain.notices import ServiceRecord
from hearing_core.hearings.domain.panel import Panel
from hearing_core.hearings.domain.parties import PETITIONER_SIDE, Participant, side_of
from hearing_core.hearings.domain.record import Signature
from hearing_core.hearings.domain.scheduling import Availability, Slot, find_conflicts
from hearing_core.hearings.domain.session import Interruption, Session
from hearing_core.hearings.domain.vocab import ClosedReason, ConsentReply, Origin, Stage, TerminationReason

__all__ = [
    "Announcement",
    "Application",
    "CaseData",
    "ConsentAnswer",
    "Decision",
    "Schedule",
    "Termination",
    "Withdrawal",
]

# Case actions the session turns into something else: closing happens by advancing out of
# ``resumption``; ``terminate`` is ``terminate_absent`` or ``terminate_left`` in the phase table.
_INTERNAL = {"close_concluded", "close_pending"}
# Deliberation is over once the conclusion is reached: its inputs are frozen.
_DELIBERATING = {"define_issue", "cast_vote", "find_evidence", "conclude"}


@dataclass
class Application:
    """A petitioner's application for a hearing (听证申请)."""

    applied_on: date
    told_of_right_on: date | None
    late: bool = False


@dataclass
class ConsentAnswer:
    """The petitioner's answer to an organ-initiated hearing; ``deemed`` if silence answered."""

    reply: ConsentReply
    on: date
    deemed: bool = False

    def __post_init__(self) -> None:
        self.reply = ConsentReply(self.reply)


@dataclass
class Decision:
    """Whether the hearing will be held (是否听证的决定)."""

    accepted: bool
    decided_on: date
    decided_by: str
    #: Day the hold-within period runs from: the decision, the deemed-acceptance day, or the
    #: petitioner's consent for an organ-initiated hearing.
    effective_on: date
    reasons: str = ""
    deemed: bool = False


@dataclass
class Withdrawal:
    on: date
    reason: str


@dataclass
class Schedule:
    """The current date and place; ``no`` grows with every reschedule."""

    no: int
    slot: Slot
    public: bool
    closed_reason: ClosedReason | None
    set_on: date

    def __post_init__(self) -> None:
        self.closed_reason = ClosedReason(self.closed_reason) if self.closed_reason else None


@dataclass
class Announcement:
    """Public announcement of a public hearing (听证公告)."""

    published_on: date
    channel: str
    reference: str


@dataclass
class Termination:
    reason: TerminationReason
    on: date
    session_no: int

    def __post_init__(self) -> None:
        self.reason = TerminationReason(self.reason)


@dataclass
class CaseData:
    """Every field of a hearing case; no behaviour beyond lookups and state moves."""

    matter_id: int
    stage: Stage
    origin: Origin
    grounds: str = ""  # what is asked and why (申请事项和理由), or why the organ proposes a hearing
    id: int | None = None
    state: CaseState = CaseState.NEW
    application: Application | None = None
    initiated_on: date | None = None
    consent: ConsentAnswer | None = None
    decision: Decision | None = None
    withdrawal: Withdrawal | None = None
    schedule: Schedule | None = None
    announcement: Announcement | None = None
    termination: Termination | None = None
    participants: list[Participant] = field(default_factory=list)
    panel: Panel = field(default_factory=Panel)
    evidence: list[EvidenceItem] = field(default_factory=list)
    services: list[ServiceRecord] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    interruptions: list[Interruption] = field(default_factory=list)
    issues: list[DisputedIssue] = field(default_factory=list)
    deliberation: Deliberation | None = None
    conclusion: Conclusion | None = None
    signatures: list[Signature] = field(default_factory=list)
    report_served_on: date | None = None

    def __post_init__(self) -> None:
        # A repository may hand in plain strings; the rules compare enum members.
        self.state, self.stage, self.origin = CaseState(self.state), Stage(self.stage), Origin(self.origin)

    # -- state --------------------------------------------------------------------------------
    def allowed_actions(self) -> list[str]:
        """What may be done now, refined by the session phase while in session (for UIs)."""
        actions = CASE_MACHINE.allowed_actions(self.state)
        if self.conclusion is not None:
            actions = [a for a in actions if a not in _DELIBERATING]
        if self.state is CaseState.SUSPENDED and not (self.interruptions and self.interruptions[-1].resumption):
            actions = [a for a in actions if a != "resume"]
        session = self.session
        if self.state is not CaseState.IN_SESSION or session is None:
            return actions
        in_phase = set(PHASE_MACHINE.allowed_actions(session.phase))
        refined = [a for a in actions if a in in_phase and a not in _INTERNAL]
        if in_phase & {"terminate_absent", "terminate_left"}:
            refined.append("terminate")
        return refined

    def _allow(self, action: str) -> None:
        """Raise InvalidTransition unless ``action`` is allowed in the state (and phase)."""
        CASE_MACHINE.transition(self.state, action)
        if self.state is CaseState.IN_SESSION:
            self._live_session().check(action)

    def _move(self, action: str) -> list[ev.DomainEvent]:
        source = self.state
        self.state = CaseState(CASE_MACHINE.target(source, action))
        return [ev.CaseTransitioned(action, str(source), str(self.state))]

    def _refuse(self, action: str, why: str) -> InvalidTransition:
        """``action`` is allowed in this state in general, but another part of the case is not
        ready for it (no schedule, deliberation closed, ...): say which, and what is allowed."""
        error = InvalidTransition(CASE_MACHINE.name, str(self.state), action, self.allowed_actions())
        error.detail = f"{error.detail} ({why})"
        error.args = (error.detail,)
        return error

    def _check_calendar(self, slot: Slot, availability: Availability, *, officers: set[int], parties: set[int]) -> None:
        """Conflict (409) listing every clash of ``slot`` with the calendar."""
        clashes = find_conflicts(
            slot, officer_ids=officers, party_ids=parties,
            bookings=availability.bookings, unavailability=availability.unavailability,
        )
        if clashes:
            raise Conflict(
                "the slot clashes with the calendar: " + "; ".join(c.describe() for c in clashes),
                conflicts=[c.describe() for c in clashes],
            )

    # -- lookups ------------------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self.sessions[-1] if self.sessions else None

    def _live_session(self, action: str = "continue_session") -> Session:
        session = self.session
        if session is None or session.ended_at is not None:
            raise self._refuse(action, "no session is sitting")
        return session

    def participant(self, no: int) -> Participant:
        found = next((p for p in self.participants if p.no == no), None)
        if found is None:
            raise ValidationFailed("no such participant", [FieldError("participant_no", str(no))])
        return found

    def side(self, participant: Participant) -> str | None:
        return side_of(participant, self.participants)

    def petitioner_side(self) -> list[Participant]:
        return [p for p in self.participants if self.side(p) == PETITIONER_SIDE]

    def sides_present(self) -> set[str]:
        """Sides with someone present at the current (or last) session."""
        session = self.session
        present = session.present_nos() if session else set()
        return {s for p in self.participants if p.no in present and (s := self.side(p)) is not None}

    @property
    def heard_on(self) -> date | None:
        """Day the hearing closed (periods after the hearing run from it)."""
        closed = [s for s in self.sessions if s.ended_at is not None and s.phase is Phase.CLOSED]
        return closed[-1].ended_at.date() if closed and closed[-1].ended_at else None
