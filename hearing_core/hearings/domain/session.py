"""A sitting of the hearing (听证会) and the clerk's record of it (听证笔录).

The session walks the phases of reference §2.7 through the phase machine; it owns the
attendance list and the timestamped record entries. Timestamps never go backwards, so the
record reads in the order things were said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain import session_events as sev
from hearing_core.hearings.domain.machines import PHASE_MACHINE, Phase
from hearing_core.hearings.domain.scheduling import Slot

__all__ = ["Interruption", "PhaseVisit", "RecordEntry", "Session"]


@dataclass
class PhaseVisit:
    """A phase as it happened: when it was entered, and why it was closed unheld if it was."""

    phase: Phase
    entered_at: datetime
    skipped_reason: str | None = None

    def __post_init__(self) -> None:
        self.phase = Phase(self.phase)


@dataclass
class RecordEntry:
    """One statement in the hearing record (笔录条目)."""

    seq: int
    phase: Phase
    at: datetime
    speaker_name: str
    speaker_role: str
    text: str
    id: int | None = None

    def __post_init__(self) -> None:
        self.phase = Phase(self.phase)


@dataclass
class Interruption:
    """A postponement (延期) or suspension (中止) and, for a suspension, when it resumed."""

    kind: str  # "postponement" | "suspension"
    reason: str
    detail: str
    at: datetime
    session_no: int | None  # None: postponed before any session opened
    resumption: Slot | None = None
    resumption_no: int | None = None
    resumed_at: datetime | None = None
    id: int | None = None


@dataclass
class Session:
    """One sitting; a postponed sitting is abandoned and the next one starts afresh."""

    no: int
    opened_at: datetime
    phase: Phase = Phase.ATTENDANCE_CHECK
    visits: list[PhaseVisit] = field(default_factory=list)
    attendance: dict[int, bool] = field(default_factory=dict)
    entries: list[RecordEntry] = field(default_factory=list)
    ended_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.phase = Phase(self.phase)
        if not self.visits:
            self.visits.append(PhaseVisit(self.phase, self.opened_at))

    @property
    def last_time(self) -> datetime:
        times = [self.opened_at, *(v.entered_at for v in self.visits), *(e.at for e in self.entries)]
        return max(times)

    def present_nos(self) -> set[int]:
        return {no for no, here in self.attendance.items() if here}

    def check(self, action: str) -> None:
        """Raise InvalidTransition unless ``action`` is allowed in the current phase."""
        PHASE_MACHINE.transition(self.phase, action)

    def check_time(self, at: datetime) -> None:
        if at < self.last_time:
            raise ValidationFailed(
                "the record runs forward in time",
                [FieldError("at", f"{at.isoformat()} is before {self.last_time.isoformat()}")],
            )

    def move(self, action: str, at: datetime, *, skipped_reason: str | None = None) -> list[ev.DomainEvent]:
        """Leave the current phase by ``action`` and enter the next one."""
        self.check_time(at)
        left = self.phase
        target = Phase(PHASE_MACHINE.target(self.phase, action))
        events: list[ev.DomainEvent] = []
        if skipped_reason is not None:
            self.visits[-1].skipped_reason = skipped_reason
            events.append(sev.SessionPhaseSkipped(str(left), skipped_reason, at))
        self.phase = target
        if target in (Phase.CLOSED, Phase.ABANDONED):
            self.ended_at = at
        if target is not Phase.ABANDONED:
            self.visits.append(PhaseVisit(target, at))
            events.append(sev.SessionPhaseEntered(str(target), at))
        return events

    def entries_in_current_phase(self) -> list[RecordEntry]:
        since = self.visits[-1].entered_at
        return [e for e in self.entries if e.phase is self.phase and e.at >= since]

    def add_entry(self, *, speaker_name: str, speaker_role: str, text: str, at: datetime) -> RecordEntry:
        self.check_time(at)
        if not text.strip():
            raise ValidationFailed("a record entry has text", [FieldError("text", "must not be blank")])
        entry = RecordEntry(len(self.entries) + 1, self.phase, at, speaker_name, speaker_role, text.strip())
        self.entries.append(entry)
        return entry
