"""Scheduling a hearing (听证时间、地点安排): slots, conflicts and date rules.

Everything here is a pure function of its arguments: the service layer loads the other
bookings and declared unavailability, and the domain says what clashes and why.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain.rules import (
    DeadlineCalculator,
    DomainRule,
    HearingRules,
    Param,
    RuleId,
    deadline_violation,
    domain_violation,
    param_violation,
)
from hearing_core.hearings.domain.vocab import ClosedReason

__all__ = [
    "EMPTY_CALENDAR",
    "Availability",
    "Booking",
    "SchedulingConflict",
    "Slot",
    "Unavailability",
    "check_hold_within",
    "check_notice_window",
    "check_openness",
    "find_conflicts",
]


@dataclass(frozen=True)
class Slot:
    """When and where a hearing sits: a venue, a video link, or both (听证时间地点)."""

    start: datetime
    end: datetime
    venue: str | None = None
    video_link: str | None = None

    def __post_init__(self) -> None:
        errors = []
        if self.end <= self.start:
            errors.append(FieldError("end", "must be after start"))
        if self.end.date() != self.start.date():
            # Notice and hold-within rules count whole days; a sitting spans one day.
            errors.append(FieldError("end", "must be on the same day as start"))
        if not (self.venue or "").strip() and not (self.video_link or "").strip():
            errors.append(FieldError("venue", "give a venue or a video link"))
        if errors:
            raise ValidationFailed("invalid hearing slot", errors)

    @property
    def day(self) -> date:
        return self.start.date()

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Half-open ranges: a booking ending at 10:00 does not clash with one starting at 10:00."""
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Booking:
    """Something already in the calendar: another hearing, a reception day, ..."""

    start: datetime
    end: datetime
    person_ids: frozenset[int] = frozenset()
    venue: str | None = None
    reference: str = ""


@dataclass(frozen=True)
class Unavailability:
    """A panel member's declared absence (请假、回避期间等)."""

    person_id: int
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True)
class Availability:
    """What the service layer knows of the calendar, handed to scheduling commands."""

    bookings: tuple[Booking, ...] = ()
    unavailability: tuple[Unavailability, ...] = ()


#: No known bookings: the default when the caller has no calendar to check against.
EMPTY_CALENDAR = Availability()


@dataclass(frozen=True)
class SchedulingConflict:
    """One clash of a proposed slot with the calendar."""

    kind: str  # officer_double_booked | party_double_booked | venue_double_booked | officer_unavailable
    start: datetime
    end: datetime
    person_id: int | None = None
    venue: str | None = None
    reference: str = ""

    def describe(self) -> str:
        who = f"person {self.person_id}" if self.person_id is not None else f"venue '{self.venue}'"
        what = self.reference or "another booking"
        return f"{self.kind}: {who} ({what}, {self.start:%Y-%m-%d %H:%M}-{self.end:%H:%M})"


def _same_venue(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


def find_conflicts(
    slot: Slot,
    *,
    officer_ids: Collection[int],
    party_ids: Collection[int],
    bookings: Sequence[Booking] = (),
    unavailability: Sequence[Unavailability] = (),
) -> list[SchedulingConflict]:
    """Every clash of ``slot`` with existing bookings and officers' declared unavailability.

    ``officer_ids`` are the panel (presiding officer, hearing officers, clerk) and
    ``party_ids`` the people to be heard; a person booked elsewhere at an overlapping time is a
    conflict in whichever capacity they hold here. A video-only slot has no venue to clash.
    """
    found: list[SchedulingConflict] = []
    for b in bookings:
        if not slot.overlaps(b.start, b.end):
            continue
        for pid in sorted(b.person_ids & set(officer_ids)):
            found.append(SchedulingConflict("officer_double_booked", b.start, b.end, pid, reference=b.reference))
        for pid in sorted(b.person_ids & set(party_ids)):
            found.append(SchedulingConflict("party_double_booked", b.start, b.end, pid, reference=b.reference))
        if _same_venue(slot.venue, b.venue):
            found.append(SchedulingConflict("venue_double_booked", b.start, b.end, venue=b.venue, reference=b.reference))
    for u in unavailability:
        if u.person_id in officer_ids and slot.overlaps(u.start, u.end):
            found.append(SchedulingConflict("officer_unavailable", u.start, u.end, u.person_id, reference=u.reason))
    return found


def check_hold_within(calc: DeadlineCalculator, decided_on: date, day: date) -> date:
    """The hearing must sit by the due date of ``hearing.hold_within``; returns that date."""
    due = calc.due(RuleId.HOLD_WITHIN, decided_on)
    if day > due:
        raise deadline_violation(
            calc,
            RuleId.HOLD_WITHIN,
            f"the hearing must be held by {due.isoformat()} (decided on {decided_on.isoformat()}); "
            f"{day.isoformat()} is too late",
            due=due,
        )
    return due


def check_notice_window(calc: DeadlineCalculator, today: date, day: date) -> date:
    """A date is acceptable only if notice can still be served in time; returns the last notice day."""
    latest = calc.latest_before(RuleId.NOTICE, day)
    if latest < today:
        raise deadline_violation(
            calc,
            RuleId.NOTICE,
            f"notice for a hearing on {day.isoformat()} had to be served by {latest.isoformat()}; "
            f"it is {today.isoformat()} already",
            latest_notice_date=latest,
        )
    return latest


def check_openness(rules: HearingRules, public: bool, closed_reason: ClosedReason | None) -> None:
    """Public unless a listed secret is involved; some profiles refuse such matters outright."""
    if public and closed_reason is not None:
        raise ValidationFailed("a public hearing has no closed reason", [FieldError("closed_reason", "remove it")])
    if public:
        return
    if closed_reason is None:
        raise domain_violation(
            DomainRule.PUBLIC_BY_DEFAULT,
            "a closed hearing needs a reason: state_secret, commercial_secret or privacy",
        )
    if rules.secret_matters == "forbidden":
        raise param_violation(
            rules,
            Param.SECRET_MATTERS,
            f"matters involving {closed_reason} cannot be heard under this profile",
            closed_reason=str(closed_reason),
        )
