"""Preparing the hearing (听证准备): participants, panel, recusal, date and notices."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain import session_events as sev
from hearing_core.hearings.domain.machines import CaseState
from hearing_core.hearings.domain.model import Announcement, CaseData, Schedule
from hearing_core.hearings.domain.notices import ServiceRecord
from hearing_core.hearings.domain.parties import Participant, check_new_participant
from hearing_core.hearings.domain.rules import DeadlineCalculator, DomainRule, HearingRules, domain_violation
from hearing_core.hearings.domain.scheduling import (
    EMPTY_CALENDAR,
    Availability,
    Slot,
    check_hold_within,
    check_notice_window,
    check_openness,
)
from hearing_core.hearings.domain.vocab import (
    Affiliation,
    ClosedReason,
    DeciderCapacity,
    DocumentKind,
    PanelRole,
    ParticipantRole,
    ServiceMethod,
)

__all__ = ["Nominee", "PreparationMixin"]


@dataclass(frozen=True)
class Nominee:
    """A person proposed for a panel seat; hearing officers come from the expert pool."""

    person_id: int
    name: str
    affiliation: Affiliation | None = None
    pool_entry_id: int | None = None


class PreparationMixin(CaseData):
    """Commands that prepare the hearing."""

    # -- participants -------------------------------------------------------------------------
    def add_participant(
        self,
        *,
        name: str,
        role: ParticipantRole,
        rules: HearingRules,
        person_id: int | None = None,
        principal_no: int | None = None,
        power_of_attorney: str | None = None,
        unit: str | None = None,
    ) -> list[ev.DomainEvent]:
        """Admit a participant; someone admitted during the session is present by definition."""
        self._allow("add_participant")
        check_new_participant(
            self.participants, rules, name=name, role=role, person_id=person_id,
            principal_no=principal_no, power_of_attorney=power_of_attorney,
        )
        if person_id is not None and person_id in self.panel.person_ids():
            raise domain_violation(DomainRule.ONE_SEAT_PER_PERSON, f"person {person_id} sits on the panel")
        p = Participant(len(self.participants) + 1, name.strip(), role, person_id, principal_no,
                        (power_of_attorney or "").strip() or None, unit)
        self.participants.append(p)
        events: list[ev.DomainEvent] = [ev.ParticipantAdded(p.no, p.name, str(role), principal_no)]
        if self.state is CaseState.IN_SESSION:
            self._live_session().attendance[p.no] = True
            events.append(sev.AttendanceRecorded(p.no, True))
        return events

    # -- panel --------------------------------------------------------------------------------
    def assign_member(
        self,
        role: PanelRole,
        nominee: Nominee,
        *,
        investigators: Collection[int] = (),
        availability: Availability = EMPTY_CALENDAR,
    ) -> list[ev.DomainEvent]:
        """Seat a presiding officer, hearing officer or clerk. ``investigators``: who investigated the matter."""
        self._allow("assign_member")
        return self._seat(role, nominee, None, investigators, availability)

    def request_recusal(self, *, seat: int, requested_by: str, grounds: str, at: datetime) -> list[ev.DomainEvent]:
        """A participant asks that a panel member step aside."""
        self._allow("request_recusal")
        return [self.panel.request_recusal(seat=seat, requested_by=requested_by, grounds=grounds, at=at)]

    def decide_recusal(
        self,
        request_no: int,
        *,
        granted: bool,
        decided_by: str,
        capacity: DeciderCapacity,
        at: datetime,
        reason: str = "",
        decider_person_id: int | None = None,
    ) -> list[ev.DomainEvent]:
        """Grant or refuse a recusal request. A grant leaves the seat vacant until replaced."""
        self._allow("decide_recusal")
        return [
            self.panel.decide_recusal(
                request_no=request_no, granted=granted, decided_by=decided_by, capacity=capacity,
                decider_person_id=decider_person_id, reason=reason, at=at,
            )
        ]

    def replace_member(
        self,
        seat: int,
        nominee: Nominee,
        *,
        investigators: Collection[int] = (),
        availability: Availability = EMPTY_CALENDAR,
    ) -> list[ev.DomainEvent]:
        """Fill a seat vacated by a granted recusal with someone in the same role."""
        self._allow("replace_member")
        if seat not in self.panel.vacant_seats():
            raise ValidationFailed("only a vacated seat can be filled", [FieldError("seat", f"seat {seat} is not vacant")])
        old = [m for m in self.panel.members if m.seat == seat][-1]
        events = self._seat(old.role, nominee, seat, investigators, availability)
        return [*events, ev.PanelMemberReplaced(seat, old.person_id, nominee.person_id, nominee.name)]

    def _seat(
        self,
        role: PanelRole,
        nominee: Nominee,
        seat: int | None,
        investigators: Collection[int],
        availability: Availability,
    ) -> list[ev.DomainEvent]:
        taken = {p.person_id for p in self.participants if p.person_id is not None}
        if self.schedule is not None:
            self._check_calendar(self.schedule.slot, availability, officers={nominee.person_id}, parties=set())
        m = self.panel.assign(
            role=role, person_id=nominee.person_id, name=nominee.name, affiliation=nominee.affiliation,
            pool_entry_id=nominee.pool_entry_id, investigators=investigators, taken=taken, seat=seat,
        )
        return [ev.PanelMemberAssigned(m.seat, m.person_id, m.name, str(m.role), m.affiliation and str(m.affiliation))]

    # -- date, place and publicity ------------------------------------------------------------
    def schedule_hearing(
        self,
        slot: Slot,
        *,
        today: date,
        rules: HearingRules,
        calc: DeadlineCalculator,
        public: bool = True,
        closed_reason: ClosedReason | None = None,
        availability: Availability = EMPTY_CALENDAR,
    ) -> list[ev.DomainEvent]:
        """Fix date, time and place (first time, or again). Rules checked, in order:

        open or closed (``hearing.secret_matters``); held within ``hearing.hold_within`` of the
        decision (not after a postponement, whose cause the organ did not choose); notice still
        possible under ``hearing.notice``; nobody and nothing double-booked.
        """
        action = "reschedule" if self.state in (CaseState.SCHEDULED, CaseState.POSTPONED) else "schedule"
        self._allow(action)
        check_openness(rules, public, closed_reason)
        if self.state is not CaseState.POSTPONED:
            assert self.decision is not None  # accepted and scheduled cases carry their decision
            check_hold_within(calc, self.decision.effective_on, slot.day)
        check_notice_window(calc, today, slot.day)
        officers = {m.person_id for m in self.panel.seated()}
        parties = {p.person_id for p in self.participants if p.person_id is not None and self.side(p) is not None}
        self._check_calendar(slot, availability, officers=officers, parties=parties)
        number = self.schedule.no + 1 if self.schedule else 1
        self.schedule = Schedule(number, slot, public, closed_reason, today)
        self.announcement = None  # an announcement names the old date
        return [
            *self._move(action),
            ev.HearingScheduled(slot.start, slot.end, slot.venue, slot.video_link, public,
                                closed_reason and str(closed_reason), rescheduled=number > 1),
        ]

    def announce(self, *, published_on: date, channel: str, reference: str) -> list[ev.DomainEvent]:
        """Publish the announcement of a public hearing (听证公告)."""
        self._allow("announce")
        assert self.schedule is not None  # a scheduled case has its schedule
        if not self.schedule.public:
            raise domain_violation(DomainRule.PUBLIC_ANNOUNCEMENT, "a closed hearing is not announced")
        if published_on > self.schedule.slot.day:
            raise ValidationFailed("announce before the hearing", [FieldError("published_on", "after the hearing day")])
        if not channel.strip():
            raise ValidationFailed("say where it was published", [FieldError("channel", "must not be blank")])
        self.announcement = Announcement(published_on, channel.strip(), reference.strip())
        return [ev.HearingAnnounced(published_on, channel.strip(), reference.strip())]

    # -- service of documents -------------------------------------------------------------------
    def serve(
        self,
        document: DocumentKind,
        *,
        recipient_no: int,
        method: ServiceMethod,
        served_on: date,
        proof_ref: str,
    ) -> list[ev.DomainEvent]:
        """Log a document served. Service is a fact: it is logged even if late, and the rules
        that depend on it (notice period, consent reply, report) read the log."""
        self.participant(recipient_no)
        if not proof_ref.strip():
            raise ValidationFailed("service needs proof", [FieldError("proof_ref", "must not be blank")])
        subject = self._subject_of(document)
        record = ServiceRecord(len(self.services) + 1, document, recipient_no, method, served_on,
                               proof_ref.strip(), subject)
        self.services.append(record)
        return [ev.DocumentServed(str(document), recipient_no, str(method), served_on, record.proof_ref)]

    def _subject_of(self, document: DocumentKind) -> int | None:
        if document is DocumentKind.HEARING_NOTICE:
            if self.schedule is None or self.state is not CaseState.SCHEDULED:
                raise self._refuse("serve_hearing_notice", "a hearing notice announces a current schedule")
            return self.schedule.no
        if document is DocumentKind.RESUMPTION_NOTICE:
            last = self.interruptions[-1] if self.interruptions else None
            if self.state is not CaseState.SUSPENDED or last is None or last.resumption_no is None:
                raise self._refuse("serve_resumption_notice", "no resumption time is set")
            return last.resumption_no
        if document is DocumentKind.HEARING_REPORT and self.conclusion is None:
            raise self._refuse("serve_hearing_report", "there is no conclusion yet")
        return None
