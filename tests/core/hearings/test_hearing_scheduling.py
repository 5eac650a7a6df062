"""Scheduling: slots, conflicts, hold-within, notice window, publicity (reference §2.4, §2.6)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hearing_story import CLERK_ID, DECIDED_ON, HEARING_DAY, PRESIDING_ID, Profile, Story

from hearing_core.errors import Conflict, InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    Availability,
    Booking,
    CaseState,
    ClosedReason,
    HearingScheduled,
    PanelRole,
    PostponeReason,
    Slot,
    Unavailability,
    find_conflicts,
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


SLOT = Slot(at(HEARING_DAY, 9), at(HEARING_DAY, 12), venue="县信访局听证室")


# -- conflicts (pure) ---------------------------------------------------------------------------
def test_no_conflict_with_an_empty_calendar_or_adjacent_bookings() -> None:
    assert find_conflicts(SLOT, officer_ids={1}, party_ids={2}) == []
    before = Booking(at(HEARING_DAY, 8), at(HEARING_DAY, 9), frozenset({1, 2}), venue="县信访局听证室")
    after = Booking(at(HEARING_DAY, 12), at(HEARING_DAY, 13), frozenset({1, 2}), venue="县信访局听证室")
    assert find_conflicts(SLOT, officer_ids={1}, party_ids={2}, bookings=[before, after]) == []


def test_double_booked_officer_party_and_venue_are_each_reported() -> None:
    clash = Booking(at(HEARING_DAY, 11), at(HEARING_DAY, 14), frozenset({1, 2, 9}), venue=" 县信访局听证室 ",
                    reference="case 88")
    found = find_conflicts(SLOT, officer_ids={1}, party_ids={2}, bookings=[clash])
    assert [(c.kind, c.person_id, c.venue) for c in found] == [
        ("officer_double_booked", 1, None),
        ("party_double_booked", 2, None),
        ("venue_double_booked", None, " 县信访局听证室 "),
    ]
    assert "case 88" in found[0].describe()


def test_declared_unavailability_counts_for_officers_only() -> None:
    away = [Unavailability(1, at(HEARING_DAY, 0), at(HEARING_DAY, 23), "出差"),
            Unavailability(2, at(HEARING_DAY, 0), at(HEARING_DAY, 23), "请假")]
    found = find_conflicts(SLOT, officer_ids={1}, party_ids={2}, unavailability=away)
    assert [(c.kind, c.person_id, c.reference) for c in found] == [("officer_unavailable", 1, "出差")]
    other_day = [Unavailability(1, at(date(2024, 6, 25), 0), at(date(2024, 6, 25), 23))]
    assert find_conflicts(SLOT, officer_ids={1}, party_ids=set(), unavailability=other_day) == []


def test_a_video_hearing_has_no_venue_to_clash() -> None:
    video = Slot(at(HEARING_DAY, 9), at(HEARING_DAY, 12), video_link="https://meet.example/h1")
    room = Booking(at(HEARING_DAY, 9), at(HEARING_DAY, 12), venue="县信访局听证室")
    assert find_conflicts(video, officer_ids=set(), party_ids=set(), bookings=[room]) == []


def test_a_slot_needs_a_place_and_a_forward_same_day_time_range() -> None:
    with pytest.raises(ValidationFailed) as err:
        Slot(at(HEARING_DAY, 12), at(HEARING_DAY, 9))
    assert {e.field for e in err.value.errors} == {"end", "venue"}
    with pytest.raises(ValidationFailed):
        Slot(at(HEARING_DAY, 9), at(date(2024, 6, 25), 9), venue="室")


# -- scheduling rules ---------------------------------------------------------------------------
def test_scheduling_records_the_slot(story: Story) -> None:
    story.apply().accept().staff().schedule()
    case = story.case
    assert case.state is CaseState.SCHEDULED
    assert case.schedule is not None and (case.schedule.no, case.schedule.slot) == (1, story.slot())
    scheduled = story.events[-1]
    assert isinstance(scheduled, HearingScheduled) and scheduled.public and not scheduled.rescheduled


def test_the_hearing_is_held_within_the_period_after_the_decision(story: Story) -> None:
    story.apply().accept().staff()
    due = date(2024, 7, 4)  # 30 days after 4 June under both profiles
    with pytest.raises(RuleViolation) as err:
        story.schedule(day=date(2024, 7, 5))
    assert err.value.rule == "hearing.hold_within"
    assert err.value.extra["due"] == "2024-07-04" and "2024-07-05 is too late" in err.value.detail
    story.schedule(day=due)
    assert story.case.state is CaseState.SCHEDULED


def test_a_date_too_close_for_notice_is_refused_with_the_latest_notice_date(story: Story) -> None:
    story.apply().accept().staff()
    # National: 7 calendar days; Shandong: 10 working days, counted back from the hearing day.
    too_soon, latest, earliest_ok = {
        "national": (date(2024, 6, 10), "2024-06-03", date(2024, 6, 11)),
        "shandong": (date(2024, 6, 14), "2024-05-31", date(2024, 6, 18)),
    }[story.profile.name]
    with pytest.raises(RuleViolation) as err:
        story.schedule(day=too_soon)
    assert err.value.rule == "hearing.notice"
    assert err.value.extra["latest_notice_date"] == latest
    assert f"had to be served by {latest}" in err.value.detail
    assert err.value.source == story.calc.source("hearing.notice")
    story.schedule(day=earliest_ok)
    assert story.case.state is CaseState.SCHEDULED


def test_a_closed_hearing_needs_a_listed_reason(story: Story) -> None:
    story.apply().accept().staff()
    with pytest.raises(RuleViolation) as err:
        story.schedule(public=False)
    assert err.value.rule == "hearing.public_by_default"
    with pytest.raises(ValidationFailed):
        story.schedule(public=True, closed_reason=ClosedReason.PRIVACY)


def test_secret_matters_are_heard_in_private_or_not_at_all_depending_on_the_profile(story: Story) -> None:
    story.apply().accept().staff()
    if story.rules.secret_matters == "forbidden":
        with pytest.raises(RuleViolation) as err:
            story.schedule(public=False, closed_reason=ClosedReason.STATE_SECRET)
        assert err.value.rule == "hearing.secret_matters"
        assert err.value.source == "AH17; GXnew Art. 3"
        assert story.case.state is CaseState.ACCEPTED
    else:
        story.schedule(public=False, closed_reason=ClosedReason.STATE_SECRET)
        assert story.case.schedule is not None and story.case.schedule.closed_reason is ClosedReason.STATE_SECRET


def test_calendar_clashes_refuse_the_slot(story: Story) -> None:
    story.apply().accept().staff()
    busy = Availability(
        bookings=(Booking(at(HEARING_DAY, 10), at(HEARING_DAY, 11), frozenset({PRESIDING_ID, 300}), reference="案88"),),
        unavailability=(Unavailability(CLERK_ID, at(HEARING_DAY, 0), at(HEARING_DAY, 23), "年假"),),
    )
    with pytest.raises(Conflict) as err:
        story.schedule(availability=busy)
    kinds = [c.split(":")[0] for c in err.value.extra["conflicts"]]
    assert kinds == ["officer_double_booked", "party_double_booked", "officer_unavailable"]
    assert story.case.state is CaseState.ACCEPTED
    story.schedule(day=date(2024, 6, 25), availability=busy)
    assert story.case.state is CaseState.SCHEDULED


def test_seating_someone_after_scheduling_checks_their_calendar(story: Story) -> None:
    story.apply().accept()
    story.keep(story.case.assign_member(PanelRole.PRESIDING_OFFICER, story.pool(PRESIDING_ID)))
    story.schedule()
    busy = Availability(bookings=(Booking(at(HEARING_DAY, 9), at(HEARING_DAY, 10), frozenset({101})),))
    with pytest.raises(Conflict, match="officer_double_booked"):
        story.case.assign_member(PanelRole.HEARING_OFFICER, story.pool(101), availability=busy)
    assert [m.person_id for m in story.case.panel.members] == [PRESIDING_ID]


def test_moving_a_scheduled_hearing_still_respects_hold_within(story: Story) -> None:
    story.apply().accept().staff().schedule()
    with pytest.raises(RuleViolation, match="hearing.hold_within"):
        story.schedule(day=date(2024, 7, 8))
    story.schedule(day=date(2024, 7, 1))
    assert story.case.schedule is not None and story.case.schedule.no == 2
    assert isinstance(story.events[-1], HearingScheduled) and story.events[-1].rescheduled


def test_after_a_postponement_the_new_date_is_not_bound_by_hold_within(story: Story) -> None:
    story.apply().accept().staff().schedule()
    story.case.postpone(PostponeReason.FORCE_MAJEURE, "台风红色预警", at(date(2024, 6, 20), 10))
    assert story.case.state is CaseState.POSTPONED
    story.schedule(day=date(2024, 7, 22))
    assert story.case.state is CaseState.SCHEDULED


def test_a_public_hearing_opens_only_after_its_announcement(story: Story) -> None:
    story.apply().accept().staff().schedule()
    story.notify()
    story.case.announcement = None  # as if never announced
    with pytest.raises(RuleViolation) as err:
        story.open()
    assert err.value.rule == "hearing.public_announcement"
    story.case.announce(published_on=date(2024, 6, 20), channel="公告栏", reference="公告-2")
    story.open()
    assert story.case.state is CaseState.IN_SESSION


def test_a_closed_hearing_is_not_announced_and_an_announcement_precedes_the_day(national: Profile) -> None:
    story = Story(national).apply().accept().staff().schedule(public=False, closed_reason=ClosedReason.PRIVACY)
    with pytest.raises(RuleViolation, match="hearing.public_announcement"):
        story.case.announce(published_on=DECIDED_ON, channel="网站", reference="x")
    public = Story(national).apply().accept().staff().schedule()
    with pytest.raises(ValidationFailed):
        public.case.announce(published_on=date(2024, 6, 25), channel="网站", reference="x")
    with pytest.raises(InvalidTransition):
        Story(national).apply().case.announce(published_on=DECIDED_ON, channel="网站", reference="x")
