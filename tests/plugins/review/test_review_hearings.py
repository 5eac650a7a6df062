"""A hearing inside a review: opened through the hearings service, its sitting pauses the decision clock.

The hearing is driven through the core's hearings services with the app's clock moved day by
day (the hearings check notices and sittings against "now"); the review plugin only listens to
the hearing events and follows the hearing's recorded start and end.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from hearing_review import services as reviews
from hearing_review.domain import Applicant

from hearing_core.errors import ValidationFailed

pytestmark = pytest.mark.usefixtures("organs")

CST = dt.timezone(dt.timedelta(hours=8))
D = dt.date


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), CST)


class Clock:
    """Moves forward a little on every reading, so the hearing record runs forward."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=5)
        return self.now

    def set(self, day: dt.date, hour: int = 9) -> None:
        self.now = at(day, hour)


async def user(app: Any, name: str, role: str) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    await create_user(ServiceContext(app, SYSTEM), name, "user-password-1", [role], name)
    return ServiceContext(app, await actor_by_username(app, name))


async def accepted_review(admin: Any, opinion: Any, clock: Clock) -> str:
    """A review received Thu 9 Oct 2025 (its window ended in the National Day holidays), accepted."""
    clock.set(D(2025, 10, 10))
    item = await opinion(D(2025, 9, 1))
    app = await reviews.submit(admin, kind="review", item_ref=item, applicant=Applicant("张三"), request="撤销处理意见",
                               reasons="面积测量有误", received_on=D(2025, 10, 9), receiving_organ="county-gov")
    await reviews.accept(admin, app["ref"], on=D(2025, 10, 10))
    return str(app["ref"])


async def test_hearing_sitting_pauses_the_decision_clock(hearing_app: Any, admin_ctx: Any, opinion: Any) -> None:
    from hearing_core.hearings import service as hs

    clock = Clock(at(D(2025, 10, 10)))
    hearing_app.clock = clock
    ref = await accepted_review(admin_ctx, opinion, clock)
    view = await reviews.get_application(admin_ctx, ref)
    # Received 9 Oct: Oct 10 - Nov 8 = 30; Sat 8 Nov rolls to Mon 10 Nov.
    assert next(c for c in view["deadlines"] if c["clock"] == "decision")["due"] == "2025-11-10"

    clock.set(D(2025, 10, 11))
    opened = await reviews.open_hearing(admin_ctx, ref, grounds="房屋面积认定存在争议", on=D(2025, 10, 11))
    case_id = opened["hearing_case"]
    assert opened["pauses"] == [{"kind": "hearing", "start": None, "end": None, "note": f"听证#{case_id}",
                                 "hearing_case": case_id}]
    presiding = await user(hearing_app, "wanglx", "presiding_officer")
    clerk = await user(hearing_app, "sunli", "clerk")
    await hs.assign_member(admin_ctx, case_id, role="presiding_officer", username="wanglx")
    for name in ("chenhm", "liuzq"):
        await user(hearing_app, name, "hearing_officer")
        entry = await hs.add_expert(admin_ctx, name=name, affiliation="lawyer", username=name)
        await hs.assign_member(admin_ctx, case_id, role="hearing_officer", pool_entry_id=entry["id"])
    await hs.assign_member(admin_ctx, case_id, role="clerk", username="sunli")
    await hs.schedule(admin_ctx, case_id, start=at(D(2025, 10, 20), 9), end=at(D(2025, 10, 20), 17), venue="听证室")
    await hs.serve(admin_ctx, case_id, document="hearing_notice", method="in_person", proof_ref="回证1",
                   all_targets=True, served_on=D(2025, 10, 11))
    await hs.announce(admin_ctx, case_id, channel="县政府网站", published_on=D(2025, 10, 11))

    clock.set(D(2025, 10, 20))
    stored = await hs.open_session(presiding, case_id, at=at(D(2025, 10, 20), 9))
    for p in stored.case.participants:
        await hs.record_attendance(clerk, case_id, participant_no=p.no, present=True)
    running = await reviews.get_application(admin_ctx, ref)
    assert running["pauses"][0]["start"] == "2025-10-20" and running["pauses"][0]["end"] is None
    decision = next(c for c in running["deadlines"] if c["clock"] == "decision")
    assert decision["status"] == "paused" and decision["due"] is None  # the clock is suspended while it runs

    await hs.advance(presiding, case_id, at=at(D(2025, 10, 20), 9, 30))
    clock.set(D(2025, 10, 22))  # the sitting ran over three days and ended with the petitioner walking out
    await hs.terminate(presiding, case_id, reason="petitioner_left", at=at(D(2025, 10, 22), 10))
    done = await reviews.get_application(admin_ctx, ref)
    assert (done["pauses"][0]["start"], done["pauses"][0]["end"]) == ("2025-10-20", "2025-10-22")
    decision = next(c for c in done["deadlines"] if c["clock"] == "decision")
    # Oct 10-19 = 10, Oct 20-22 not counted, Oct 23-31 = 19, Nov 1-11 = 30 -> Tue 11 Nov (not Mon 10 Nov).
    assert decision["paused_days"] == 3 and decision["due"] == "2025-11-11"

    clock.set(D(2025, 11, 5))
    await reviews.decide(admin_ctx, ref, outcome="uphold", findings="房屋面积与测绘报告一致", on=D(2025, 11, 5))
    html, _ = await reviews.document(admin_ctx, ref, "opinion", output="html")
    assert "组织听证，听证时间不计入复查期限" in html.decode()


async def test_a_hearing_opened_elsewhere_joins_the_application_under_examination(
    hearing_app: Any, admin_ctx: Any, opinion: Any,
) -> None:
    from hearing_core.hearings import service as hs

    clock = Clock(at(D(2025, 10, 10)))
    hearing_app.clock = clock
    ref = await accepted_review(admin_ctx, opinion, clock)
    case = await hs.initiate(admin_ctx, matter_ref="M-001", stage="review", petitioner_name="张三", grounds="争议")
    view = await reviews.get_application(admin_ctx, ref)
    assert [p["hearing_case"] for p in view["pauses"]] == [case.id]
    # A hearing at another stage is not this application's.
    other = await hs.initiate(admin_ctx, matter_ref="M-001", stage="handling", petitioner_name="张三", grounds="办理中")
    with pytest.raises(ValidationFailed, match="stage"):
        await reviews.link_hearing(admin_ctx, ref, other.id)


async def test_listeners_ignore_objects_they_do_not_understand(hearing_app: Any, admin_ctx: Any) -> None:
    from hearing_review.services.hearing_link import on_hearing_changed, on_hearing_opened

    odd = SimpleNamespace(id=7, matter_ref="M-404")
    await on_hearing_opened(hearing_app, odd, admin_ctx.actor)
    await on_hearing_changed(hearing_app, odd, admin_ctx.actor)
    await on_hearing_changed(hearing_app, object(), admin_ctx.actor)
