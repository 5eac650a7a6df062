"""A hearing ready for the web pages: people, matter, panel, schedule, notices (through the services).

:func:`prepare_hearing` drives one hearing case up to ``scheduled`` on ``day`` with every notice
served in time and the announcement published, so the presiding officer can open it on that
day. The preparation happens with the app's clock set some days before ``day`` (the notice
rule needs the lead time) and the clock is left on ``day`` at 09:00, ticking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CST = dt.timezone(dt.timedelta(hours=8))
PASSWORD = "user-password-1"


class TickingClock:
    """The app's clock: a settable moment that moves forward a little on every reading."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=5)
        return self.now

    def set(self, day: dt.date, hour: int = 9, minute: int = 0) -> None:
        self.now = dt.datetime.combine(day, dt.time(hour, minute), CST)


@dataclass
class PreparedHearing:
    case_id: int
    matter_ref: str
    manager: str
    presiding: str
    clerk: str
    officers: list[str] = field(default_factory=list)


async def _user(app: Any, name: str, role: str, display: str) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    await create_user(ServiceContext(app, SYSTEM), name, PASSWORD, [role], display)
    return ServiceContext(app, await actor_by_username(app, name))


async def prepare_hearing(app: Any, day: dt.date, *, prefix: str = "", matter_ref: str = "M-2025-0042",
                          restore_clock: bool = True) -> PreparedHearing:
    """A public hearing on ``day`` 09:00–17:30 at the bureau's hearing room, ready to open.

    People (all with password ``PASSWORD``): ``<prefix>manager`` (handling officer, 李承办),
    ``<prefix>presiding`` (王立新), ``<prefix>clerk`` (孙丽), ``<prefix>officer1``/``2``
    (hearing officers 刘志强, 赵晓燕 from the pool). Participants: 1 张建国 (petitioner),
    2 李承办 (handling unit officer, 县住建局).
    """
    from hearing_core.context import ServiceContext
    from hearing_core.hearings import service as hs
    from hearing_core.petitions.service import create_matter
    from hearing_core.security.service import actor_by_username

    previous = app.clock
    clock = TickingClock(dt.datetime.combine(day - dt.timedelta(days=12), dt.time(9), CST))
    app.clock = clock
    admin = ServiceContext(app, await actor_by_username(app, "admin"))
    manager = await _user(app, f"{prefix}manager", "handling_officer", "李承办")
    presiding = await _user(app, f"{prefix}presiding", "presiding_officer", "王立新")
    clerk = await _user(app, f"{prefix}clerk", "clerk", "孙丽")
    officers = []
    for i, name in enumerate(("刘志强", "赵晓燕"), start=1):
        officer = await _user(app, f"{prefix}officer{i}", "hearing_officer", name)
        officers.append(officer)
    await create_matter(admin, matter_ref, "房屋征收补偿款核定")
    pool = [await hs.add_expert(manager, name=o.actor.display_name, affiliation=aff, organisation="县律师协会",
                                username=o.actor.username) for o, aff in zip(officers, ("lawyer", "npc_deputy"), strict=True)]
    case_day = clock.now.date()
    stored = await hs.apply(manager, matter_ref=matter_ref, stage="handling", applicant_name="张建国",
                            grounds="请求重新核定房屋征收补偿", applied_on=case_day, told_of_right_on=case_day,
                            phone="13912345678")
    case_id = stored.id
    await hs.decide(manager, case_id, accept=True, decided_by="县信访局局长", on=case_day)
    await hs.add_participant(manager, case_id, name="李承办", role="handling_unit_officer", unit="县住房和城乡建设局",
                             username=manager.actor.username)
    await hs.assign_member(manager, case_id, role="presiding_officer", username=presiding.actor.username)
    for entry in pool:
        await hs.assign_member(manager, case_id, role="hearing_officer", pool_entry_id=entry["id"])
    await hs.assign_member(manager, case_id, role="clerk", username=clerk.actor.username)
    start = dt.datetime.combine(day, dt.time(9), CST)
    await hs.schedule(manager, case_id, start=start, end=start.replace(hour=17, minute=30),
                      venue="县信访局三楼听证室")
    await hs.serve(manager, case_id, document="hearing_notice", method="in_person", proof_ref="送达回证",
                   all_targets=True, served_on=case_day)
    await hs.announce(manager, case_id, channel="县人民政府网站", reference="县信听公〔2025〕1号", published_on=case_day)
    await hs.submit_evidence(manager, case_id, submitted_by_no=1, kind="document", title="房屋所有权证",
                             description="加建部分未登记")
    if restore_clock:
        app.clock = previous
    else:
        clock.set(day, 9, 0)
    return PreparedHearing(case_id, matter_ref, manager.actor.username, presiding.actor.username,
                           clerk.actor.username, [o.actor.username for o in officers])
