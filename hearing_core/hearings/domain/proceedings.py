"""The session (听证会): opening, phases, the clerk's record, and interruptions.

Interruptions follow reference §2.8: postponement (延期) abandons the sitting and waits
for a new date; suspension (中止) pauses it in its phase until a resumption time is set,
notified and reached; termination (终止) ends the case as the petitioner's waiver.
"""

from __future__ import annotations

from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain import session_events as sev
from hearing_core.hearings.domain.deliberation import Deliberation, Voter
from hearing_core.hearings.domain.machines import CASE_MACHINE, CaseState, Phase
from hearing_core.hearings.domain.model import CaseData, Termination
from hearing_core.hearings.domain.notices import check_notices_timely, unserved_targets
from hearing_core.hearings.domain.parties import PETITIONER_SIDE
from hearing_core.hearings.domain.rules import DeadlineCalculator, DomainRule, HearingRules, domain_violation
from hearing_core.hearings.domain.scheduling import EMPTY_CALENDAR, Availability, Slot
from hearing_core.hearings.domain.session import Interruption, Session
from hearing_core.hearings.domain.vocab import DocumentKind, PostponeReason, SuspendReason, TerminationReason

__all__ = ["ProceedingsMixin"]


def _required(field: str, value: str, why: str) -> str:
    if not value.strip():
        raise ValidationFailed(why, [FieldError(field, "must not be blank")])
    return value.strip()


class ProceedingsMixin(CaseData):
    """Commands that run the session."""

    def open_session(self, at: datetime, *, rules: HearingRules, calc: DeadlineCalculator) -> list[ev.DomainEvent]:
        """Open on the scheduled day, with a ready panel, every party notified in time and,
        for a public hearing, the announcement published."""
        self._allow("open_session")
        assert self.schedule is not None  # a scheduled case has its schedule
        day = self.schedule.slot.day
        if at.date() != day:
            raise ValidationFailed("the session opens on the notified day", [FieldError("at", f"not {day}")])
        self.panel.check_ready(rules)
        check_notices_timely(calc, self.services, self.participants, day, self.schedule.no)
        if self.schedule.public and self.announcement is None:
            raise domain_violation(DomainRule.PUBLIC_ANNOUNCEMENT, "a public hearing is announced before it opens")
        session = Session(len(self.sessions) + 1, at)
        self.sessions.append(session)
        return [
            *self._move("open_session"),
            sev.SessionOpened(session.no, at),
            sev.SessionPhaseEntered(str(session.phase), at),
        ]

    def record_attendance(self, participant_no: int, present: bool) -> list[ev.DomainEvent]:
        """The clerk checks who is present (核对到场人员)."""
        self._allow("record_attendance")
        self.participant(participant_no)
        self._live_session().attendance[participant_no] = present
        return [sev.AttendanceRecorded(participant_no, present)]

    def advance(self, at: datetime, *, rules: HearingRules) -> list[ev.DomainEvent]:
        """Enter the next phase; the only normal move. Guards on the way:

        leaving ``attendance_check`` needs the petitioner side present (no hearing in absence);
        leaving ``opening`` (after the recusal inquiry) and entering ``deliberation`` need a
        ready panel; closing the session moves the case to ``concluded`` or ``deliberating``.
        """
        self._allow("advance")
        session = self._live_session()
        leaving = session.phase
        if leaving is Phase.ATTENDANCE_CHECK and PETITIONER_SIDE not in self.sides_present():
            raise domain_violation(
                DomainRule.NO_ABSENTIA,
                "the petitioner side is not present; terminate (no-show is a waiver) or postpone",
            )
        if leaving in (Phase.OPENING, Phase.FINAL_STATEMENTS):
            self.panel.check_ready(rules)
        events = session.move("advance", at)
        if session.phase is Phase.DELIBERATION:
            voters = [Voter(m.person_id, m.name) for m in self.panel.voters(rules)]
            self.deliberation = Deliberation(voters, at)
            events.append(sev.DeliberationOpened(tuple(v.person_id for v in voters), at))
        elif session.phase is Phase.RESUMPTION and self.conclusion is not None:
            self.conclusion.announced_at = at
            events.append(sev.ConclusionAnnounced(at))
        elif session.phase is Phase.CLOSED:
            concluded = self.conclusion is not None
            events += self._move("close_concluded" if concluded else "close_pending")
            events.append(sev.SessionClosed(at, concluded))
        return events

    def skip(self, reason: str, at: datetime) -> list[ev.DomainEvent]:
        """Close the current phase unheld, for a recorded reason (e.g. the handling unit has no
        evidence). Only the phases in ``SKIPPABLE_PHASES``, and only before anything is said."""
        self._allow("skip")
        reason = _required("reason", reason, "skipping a phase needs a recorded reason")
        session = self._live_session()
        if session.entries_in_current_phase():
            raise ValidationFailed(
                f"{session.phase} already has statements on record; advance instead", [FieldError("reason", "")]
            )
        return session.move("skip", at, skipped_reason=reason)

    def record_entry(self, *, speaker_name: str, speaker_role: str, text: str, at: datetime) -> list[ev.DomainEvent]:
        """The clerk records a statement in the open phase; the speaker must be present."""
        self._allow("record_entry")
        session = self._live_session()
        speakers = {(p.name, str(p.role)) for p in self.participants if p.no in session.present_nos()}
        speakers |= {(m.name, str(m.role)) for m in self.panel.seated()}
        if (speaker_name.strip(), speaker_role) not in speakers:
            raise ValidationFailed(
                "the speaker is not a present participant or panel member",
                [FieldError("speaker_name", f"{speaker_name} ({speaker_role})")],
            )
        entry = session.add_entry(speaker_name=speaker_name.strip(), speaker_role=speaker_role, text=text, at=at)
        return [sev.RecordEntryAdded(entry.seq, str(entry.phase), at, entry.speaker_name)]

    # -- interruptions ------------------------------------------------------------------------
    def postpone(self, reason: PostponeReason, detail: str, at: datetime) -> list[ev.DomainEvent]:
        """延期, before or at the session; the case then waits for :meth:`schedule_hearing`."""
        self._allow("postpone")
        detail = _required("detail", detail, "a postponement states its circumstances")
        if reason is PostponeReason.RECUSAL_REQUEST and not (self.panel.pending() or self.panel.vacant_seats()):
            raise domain_violation(
                DomainRule.POSTPONEMENT_GROUNDS, "no recusal request is pending and no seat was vacated"
            )
        events: list[ev.DomainEvent] = []
        session_no = None
        if self.state is CaseState.IN_SESSION:
            session = self._live_session()
            events += session.move("postpone", at)
            session_no = session.no
        self.interruptions.append(Interruption("postponement", str(reason), detail, at, session_no))
        return [*events, *self._move("postpone"), sev.HearingPostponed(str(reason), detail, at, session_no is not None)]

    def suspend(self, reason: SuspendReason, detail: str, at: datetime) -> list[ev.DomainEvent]:
        """中止: the sitting stops in its phase until a resumption time is set and reached."""
        self._allow("suspend")
        detail = _required("detail", detail, "a suspension states its circumstances")
        session = self._live_session()
        session.check_time(at)
        self.interruptions.append(Interruption("suspension", str(reason), detail, at, session.no))
        return [*self._move("suspend"), sev.HearingSuspended(str(reason), detail, at, str(session.phase))]

    def set_resumption(self, slot: Slot, *, availability: Availability = EMPTY_CALENDAR) -> list[ev.DomainEvent]:
        """Fix when the suspended session resumes; setting it again replaces the earlier time."""
        self._allow("set_resumption")
        suspension = self.interruptions[-1]
        if slot.start <= suspension.at:
            raise ValidationFailed("resume after the suspension", [FieldError("start", "not after the suspension")])
        self._check_calendar(
            slot, availability, officers={m.person_id for m in self.panel.seated()},
            parties={p.person_id for p in self.participants if p.person_id is not None and self.side(p)},
        )
        suspension.resumption = slot
        suspension.resumption_no = 1 + max((i.resumption_no or 0 for i in self.interruptions), default=0)
        return [sev.ResumptionScheduled(slot.start, slot.end)]

    def resume(self, at: datetime) -> list[ev.DomainEvent]:
        """Resume at the set time, once every party has been told of it."""
        self._allow("resume")
        suspension = self.interruptions[-1]
        if suspension.resumption is None or suspension.resumption_no is None:
            raise self._refuse("resume", "no resumption time is set")
        if at.date() != suspension.resumption.day:
            raise ValidationFailed("resume on the notified day", [FieldError("at", str(suspension.resumption.day))])
        if missing := unserved_targets(
            self.services, self.participants, DocumentKind.RESUMPTION_NOTICE, suspension.resumption_no
        ):
            raise domain_violation(
                DomainRule.RESUMPTION_NOTICE,
                f"not told of the resumption: {', '.join(t.label for t in missing)}",
            )
        session = self._live_session()
        session.check_time(at)
        suspension.resumed_at = at
        return [*self._move("resume"), sev.HearingResumed(at, str(session.phase))]

    def terminate(self, reason: TerminationReason, at: datetime) -> list[ev.DomainEvent]:
        """终止: the petitioner did not come, or left, without a reason; deemed a waiver.

        A petitioner who gives a reason (force majeure, ...) gets a postponement instead.
        The hearing notice was served in time, or the session could not have opened.
        """
        # The phase table splits termination by ground: absence is found at the attendance
        # check, a walk-out later. Check the case first, then the ground against the phase.
        CASE_MACHINE.transition(self.state, "terminate")
        session = self._live_session()
        phase_action = "terminate_absent" if reason is TerminationReason.PETITIONER_ABSENT else "terminate_left"
        session.check(phase_action)
        if reason is TerminationReason.PETITIONER_ABSENT:
            side = self.petitioner_side()
            if any(session.attendance.get(p.no) for p in side):
                raise ValidationFailed("the petitioner side is present", [FieldError("reason", str(reason))])
            if not all(p.no in session.attendance for p in side):
                raise ValidationFailed(
                    "record the petitioner side's attendance before finding a no-show", [FieldError("reason", "")]
                )
        events = session.move(phase_action, at)
        self.termination = Termination(reason, at.date(), session.no)
        return [*events, *self._move("terminate"), sev.HearingTerminated(str(reason), at, str(session.visits[-1].phase))]
