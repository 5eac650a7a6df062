"""Test helpers of the hearing domain: a fake deadline calculator, two profiles, a story.

Two rule configurations run through the same tests: a national-like profile (panel of 3,
calendar-day notice) and a Shandong-like one (panel of 5, notice in working days, silence
accepts, secret matters forbidden, withdrawal bars re-application). Deadlines come from
:class:`FakeCalendar`, a deliberately simple :class:`DeadlineCalculator`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hearing_core.hearings.domain import (
    DocumentKind,
    HearingCase,
    HearingRuleSet,
    Nominee,
    PanelRole,
    ParticipantRole,
    Phase,
    RuleId,
    ServiceMethod,
    Slot,
    Stage,
    notice_targets,
)
from hearing_core.hearings.domain.events import DomainEvent
from hearing_core.hearings.domain.vocab import Affiliation


@dataclass(frozen=True)
class Limit:
    days: int
    working: bool = False
    source: str = ""


class FakeCalendar:
    """Counts calendar days, or Monday-Friday as working days (no holidays).

    As in the Civil Code, the start day is not counted; a paused interval (inclusive) adds
    its length to the due date.
    """

    def __init__(self, limits: dict[str, Limit]) -> None:
        self.limits = limits

    def due(self, rule_id: str, start: date, pauses: Sequence[tuple[date, date]] = ()) -> date:
        end = self._step(start, self.limits[rule_id], +1)
        return end + timedelta(days=sum((b - a).days + 1 for a, b in pauses))

    def latest_before(self, rule_id: str, event: date) -> date:
        return self._step(event, self.limits[rule_id], -1)

    def source(self, rule_id: str) -> str | None:
        return self.limits[rule_id].source or None

    @staticmethod
    def _step(day: date, limit: Limit, sign: int) -> date:
        if not limit.working:
            return day + timedelta(days=sign * limit.days)
        left = limit.days
        while left:
            day += timedelta(days=sign)
            if day.weekday() < 5:
                left -= 1
        return day


@dataclass(frozen=True)
class Profile:
    name: str
    rules: HearingRuleSet
    calc: FakeCalendar


NATIONAL = Profile(
    "national",
    HearingRuleSet(
        panel_min=3,
        organ_initiated_needs_consent=False,
        sources={"hearing.panel_min": "local practice (3+ odd)", "hearing.secret_matters": "LocA Art. 11"},
    ),
    FakeCalendar({
        RuleId.APPLICATION: Limit(10, source="LocA: 10 days from being told of the right"),
        RuleId.DECISION: Limit(15, source="GXnew: 15 days"),
        RuleId.HOLD_WITHIN: Limit(30, source="GXnew, JS: 30 days after deciding"),
        RuleId.NOTICE: Limit(7, source="GXnew, LocA: 7 days before"),
        RuleId.CONSENT_REPLY: Limit(5, working=True, source="AH17: 5 working days"),
        RuleId.CONCLUSION_ON_SPOT: Limit(10, source="LocC: 10 days"),
        RuleId.CONCLUSION_LATER: Limit(20, source="LocC: 20 days"),
    }),
)

SHANDONG = Profile(
    "shandong",
    HearingRuleSet(
        panel_min=5,
        decision_silence_means="accepted",
        secret_matters="forbidden",
        withdrawal_bars_reapplication=True,
        organ_initiated_needs_consent=True,
        sources={"hearing.panel_min": "SD06: odd, 5 or more", "hearing.secret_matters": "AH17; GXnew Art. 3"},
    ),
    FakeCalendar({
        RuleId.APPLICATION: Limit(5, working=True, source="AH17: 5 working days"),
        RuleId.DECISION: Limit(5, working=True, source="AH17, JS: 5 working days"),
        RuleId.HOLD_WITHIN: Limit(30, source="JS: 30 days after deciding"),
        RuleId.NOTICE: Limit(10, working=True, source="SD06: 10 working days before"),
        RuleId.CONSENT_REPLY: Limit(5, working=True, source="AH17: 5 working days"),
        RuleId.CONCLUSION_ON_SPOT: Limit(10, source="LocC: 10 days"),
        RuleId.CONCLUSION_LATER: Limit(20, source="LocC: 20 days"),
    }),
)

APPLIED_ON = date(2024, 6, 3)  # a Monday
DECIDED_ON = date(2024, 6, 4)
HEARING_DAY = date(2024, 6, 24)  # three weeks later: notice possible under both profiles
PETITIONER, UNIT_OFFICER = 1, 2  # participant numbers the story creates
PRESIDING_ID, CLERK_ID, FIRST_OFFICER_ID = 100, 150, 101


class Story:
    """Walks one case through the procedure with plausible defaults, keeping every event.

    Each step is a thin call of the domain API, so a test can stop at any point and try
    the next command itself.
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.rules = profile.rules
        self.calc = profile.calc
        self.events: list[DomainEvent] = []
        self._clock = datetime.combine(HEARING_DAY, time(8, 55))
        self._case: HearingCase | None = None

    @property
    def case(self) -> HearingCase:
        assert self._case is not None, "call apply() first"
        return self._case

    def now(self, minutes: int = 5) -> datetime:
        self._clock += timedelta(minutes=minutes)
        return self._clock

    def set_day(self, day: date) -> None:
        """Move the session clock to ``day`` (same time of day)."""
        self._clock = datetime.combine(day, self._clock.time())

    def keep(self, events: list[DomainEvent]) -> list[DomainEvent]:
        self.events += events
        return events

    def officer_count(self) -> int:
        """Hearing officers to seat for the smallest valid panel."""
        return self.rules.panel_min - (1 if self.rules.presiding_officer_votes else 0)

    # -- steps ----------------------------------------------------------------------------------
    def apply(self, **overrides: object) -> Story:
        kwargs: dict[str, object] = dict(
            matter_id=7001, stage=Stage.HANDLING, applicant_name="张三", applicant_person_id=1,
            applied_on=APPLIED_ON, grounds="请求重新核定征收补偿", told_of_right_on=APPLIED_ON - timedelta(days=1),
            rules=self.rules, calc=self.calc,
        )
        kwargs.update(overrides)
        self._case, events = HearingCase.apply(**kwargs)  # type: ignore[arg-type]
        self.keep(events)
        return self

    def accept(self) -> Story:
        self.keep(self.case.accept(DECIDED_ON, "县信访局局长", self.calc, self.rules))
        return self

    def staff(self) -> Story:
        """The handling unit joins; presiding officer, hearing officers and clerk are seated."""
        c = self.case
        self.keep(c.add_participant(name="李承办", role=ParticipantRole.HANDLING_UNIT_OFFICER, rules=self.rules,
                                    person_id=300, unit="县住建局"))
        self.keep(c.assign_member(PanelRole.PRESIDING_OFFICER, Nominee(PRESIDING_ID, "王主持")))
        for i in range(self.officer_count()):
            self.keep(c.assign_member(PanelRole.HEARING_OFFICER, self.pool(FIRST_OFFICER_ID + i)))
        self.keep(c.assign_member(PanelRole.CLERK, Nominee(CLERK_ID, "赵记录")))
        return self

    @staticmethod
    def pool(person_id: int, affiliation: Affiliation = Affiliation.LAWYER) -> Nominee:
        return Nominee(person_id, f"听证员{person_id}", affiliation, pool_entry_id=person_id + 5000)

    def slot(self, day: date = HEARING_DAY, start: int = 9, end: int = 12) -> Slot:
        return Slot(datetime.combine(day, time(start)), datetime.combine(day, time(end)), venue="县信访局听证室")

    def schedule(self, day: date = HEARING_DAY, **kwargs: object) -> Story:
        self.keep(self.case.schedule_hearing(self.slot(day), today=DECIDED_ON, rules=self.rules, calc=self.calc,
                                             **kwargs))  # type: ignore[arg-type]
        return self

    def notify(self, served_on: date = DECIDED_ON + timedelta(days=1)) -> Story:
        """Serve the hearing notice on every target and announce a public hearing."""
        for target in notice_targets(self.case.participants):
            self.keep(self.case.serve(DocumentKind.HEARING_NOTICE, recipient_no=target.recipient_nos[0],
                                      method=ServiceMethod.IN_PERSON, served_on=served_on,
                                      proof_ref=f"送达回证-{target.recipient_nos[0]}"))
        assert self.case.schedule is not None
        if self.case.schedule.public:
            self.keep(self.case.announce(published_on=served_on, channel="县政府网站", reference="公告2024-1"))
        return self

    def open(self) -> Story:
        self.keep(self.case.open_session(self.now(), rules=self.rules, calc=self.calc))
        for p in self.case.participants:
            self.keep(self.case.record_attendance(p.no, True))
        return self

    def to(self, phase: Phase) -> Story:
        while self.case.session is not None and self.case.session.phase is not phase:
            self.keep(self.case.advance(self.now(), rules=self.rules))
        return self

    def ready(self) -> Story:
        """Applied, accepted, staffed, scheduled, notified: ready to open."""
        return self.apply().accept().staff().schedule().notify()
