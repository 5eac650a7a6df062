"""Helpers of the hearing database, API and CLI tests: a ticking clock, users, a service-level story.

:class:`Story` walks one hearing through the services with plausible defaults (a matter in the
register, an application, the decision, participants, a panel from the expert pool, a date,
notices, the announcement, the session ...). Each step is one service call, so a test can stop
anywhere and try the next command itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hearing_core.context import ServiceContext
from hearing_core.hearings import service as hs
from hearing_core.security.actor import SYSTEM
from hearing_core.security.service import actor_by_username, create_user

CST = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2025, 6, 2)  # a Monday
APPLIED_ON = TODAY
DECIDED_ON = dt.date(2025, 6, 3)
NOTICE_ON = dt.date(2025, 6, 4)
HEARING_DAY = dt.date(2025, 6, 24)  # notice still possible under national (7 d) and shandong (10 wd)
PASSWORD = "user-password-1"


class Clock:
    """The app's clock: moves forward a little on every reading, so the record runs forward."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=10)
        return self.now

    def set(self, day: dt.date, hour: int = 10, minute: int = 0) -> None:
        self.now = dt.datetime.combine(day, dt.time(hour, minute), CST)


def install_clock(app: Any, day: dt.date = TODAY, hour: int = 10) -> Clock:
    clock = Clock(dt.datetime.combine(day, dt.time(hour), CST))
    app.clock = clock
    return clock


async def make_user(app: Any, name: str, *roles: str, display: str | None = None) -> ServiceContext:
    """A user with ``roles`` and a service context acting as them."""
    await create_user(ServiceContext(app, SYSTEM), name, PASSWORD, list(roles), display or name)
    return ServiceContext(app, await actor_by_username(app, name))


async def make_matter(app: Any, ref: str = "2025-0001", title: str = "征地补偿款发放") -> str:
    from hearing_core.petitions.service import create_matter

    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    await create_matter(ctx, ref, title)
    return ref


@dataclass
class Story:
    """One hearing, driven through the services by the people who do each step."""

    app: Any
    clock: Clock
    manager: ServiceContext
    presiding: ServiceContext
    clerk: ServiceContext
    officers: list[ServiceContext]
    matter_ref: str
    pool_ids: list[int] = field(default_factory=list)
    case_id: int = 0
    extra_officers: list[ServiceContext] = field(default_factory=list)

    @classmethod
    async def create(cls, app: Any, clock: Clock, *, prefix: str = "", officers: int | None = None,
                     matter_ref: str = "2025-0001") -> Story:
        from hearing_core.hearings.adapters import profile_rules

        rules = profile_rules(app)
        count = officers if officers is not None else rules.panel_min - (1 if rules.presiding_officer_votes else 0)
        manager = await make_user(app, f"{prefix}manager", "handling_officer", display="李承办")
        presiding = await make_user(app, f"{prefix}presiding", "presiding_officer", display="王主持")
        clerk = await make_user(app, f"{prefix}clerk", "clerk", display="赵记录")
        story = cls(app, clock, manager, presiding, clerk, [], matter_ref)
        for i in range(count + 1):  # one spare for a replacement after a recusal
            ctx = await make_user(app, f"{prefix}officer{i + 1}", "hearing_officer", display=f"听证员{i + 1}")
            entry = await hs.add_expert(manager, name=f"听证员{i + 1}", affiliation=("lawyer", "npc_deputy", "expert",
                                        "cppcc_member", "community_representative", "other")[i % 6],
                                        organisation="某律师事务所", username=ctx.actor.username, phone="13812345678")
            story.pool_ids.append(entry["id"])
            (story.officers if i < count else story.extra_officers).append(ctx)
        return story

    # -- steps ------------------------------------------------------------------------------------
    async def apply(self, **changes: Any) -> Any:
        values: dict[str, Any] = dict(matter_ref=self.matter_ref, stage="handling", applicant_name="张三",
                                      grounds="请求重新核定征收补偿", applied_on=APPLIED_ON,
                                      told_of_right_on=APPLIED_ON - dt.timedelta(days=1), phone="13912345678",
                                      id_number="440106198005171234")
        values.update(changes)
        stored = await hs.apply(self.manager, **values)
        self.case_id = stored.id
        return stored

    async def accept(self) -> Any:
        return await hs.decide(self.manager, self.case_id, accept=True, decided_by="县信访局局长", on=DECIDED_ON)

    async def staff(self) -> Any:
        """The handling unit joins; presiding officer, hearing officers (from the pool) and clerk are seated."""
        await hs.add_participant(self.manager, self.case_id, name="李承办", role="handling_unit_officer",
                                 unit="县住建局", username=self.manager.actor.username)
        await hs.assign_member(self.manager, self.case_id, role="presiding_officer",
                               username=self.presiding.actor.username)
        for i in range(len(self.officers)):
            await hs.assign_member(self.manager, self.case_id, role="hearing_officer", pool_entry_id=self.pool_ids[i])
        return await hs.assign_member(self.manager, self.case_id, role="clerk", username=self.clerk.actor.username)

    def slot(self, day: dt.date = HEARING_DAY, start: int = 9, end: int = 12) -> dict[str, Any]:
        return {"start": dt.datetime.combine(day, dt.time(start), CST), "end": dt.datetime.combine(day, dt.time(end), CST),
                "venue": "县信访局听证室"}

    async def schedule(self, day: dt.date = HEARING_DAY, **changes: Any) -> Any:
        return await hs.schedule(self.manager, self.case_id, **{**self.slot(day), **changes})

    async def notify(self, served_on: dt.date = NOTICE_ON) -> Any:
        stored = await hs.serve(self.manager, self.case_id, document="hearing_notice", method="in_person",
                                proof_ref="送达回证", all_targets=True, served_on=served_on)
        if stored.case.schedule.public:
            stored = await hs.announce(self.manager, self.case_id, channel="县政府网站", reference="公告2025-1",
                                       published_on=served_on)
        return stored

    async def ready(self) -> Any:
        """Applied, accepted, staffed, scheduled, notified: ready to open."""
        await self.apply()
        await self.accept()
        await self.staff()
        await self.schedule()
        return await self.notify()

    async def open(self) -> Any:
        self.clock.set(HEARING_DAY, 9, 0)
        stored = await hs.open_session(self.presiding, self.case_id)
        for p in stored.case.participants:
            stored = await hs.record_attendance(self.clerk, self.case_id, participant_no=p.no, present=True)
        return stored

    async def to(self, phase: str) -> Any:
        stored = await hs.get_hearing(self.manager, self.case_id)
        while stored.phase is not None and str(stored.phase) != phase:
            stored = await hs.advance(self.presiding, self.case_id)
        return stored
