"""Reading hearings: list filters and pages, a matter's hearings and their days, bookings and
unavailability, the expert pool."""

from __future__ import annotations

import datetime as dt

import pytest
from hearing_support import CST, HEARING_DAY, Story, make_matter

from hearing_core.errors import PermissionDenied, ValidationFailed
from hearing_core.hearings import service as hs


async def test_list_filters_by_state_day_venue_officer_and_matter(story: Story) -> None:
    await story.ready()
    first = story.case_id
    await make_matter(story.app, "2025-0002", "拆迁安置")
    await story.apply(matter_ref="2025-0002")
    second = story.case_id
    ids = lambda page: [h["id"] for h in page["items"]]  # noqa: E731
    assert ids(await hs.list_hearings(story.manager)) == [second, first]
    assert ids(await hs.list_hearings(story.manager, state="scheduled")) == [first]
    assert ids(await hs.list_hearings(story.manager, date_from=HEARING_DAY, date_to=HEARING_DAY)) == [first]
    assert ids(await hs.list_hearings(story.manager, date_from=HEARING_DAY + dt.timedelta(days=1))) == []
    assert ids(await hs.list_hearings(story.manager, venue="县信访局听证室")) == [first]
    assert ids(await hs.list_hearings(story.manager, officer=story.clerk.actor.username)) == [first]
    assert ids(await hs.list_hearings(story.manager, matter_ref="2025-0002")) == [second]
    page = await hs.list_hearings(story.manager, page=2, per_page=1)
    assert (ids(page), page["total"], page["page"], page["per_page"]) == ([first], 2, 2, 1)
    row = (await hs.list_hearings(story.manager, state="scheduled"))["items"][0]
    assert (row["petitioner"], row["presiding_officer"], row["officers"]) == ("张三", "王主持", ["听证员1", "听证员2"])
    with pytest.raises(ValidationFailed):
        await hs.list_hearings(story.manager, state="adjourned")
    with pytest.raises(ValidationFailed):
        await hs.list_hearings(story.manager, per_page=500)


async def test_a_matters_hearings_tell_when_each_hearing_ran(story: Story) -> None:
    await story.ready()
    [stored] = await hs.hearings_for_matter(story.manager, "2025-0001")
    assert stored.hearing_period() == (None, None)
    await story.open()
    await story.to("deliberation")
    await hs.define_issue(story.presiding, story.case_id, title="争议")
    for officer in (story.presiding, *story.officers):
        await hs.cast_vote(officer, story.case_id, issue_no=1, value="not_reasonable", opinion="不合理")
    await story.to("resumption")
    stored = await hs.advance(story.presiding, story.case_id)
    assert stored.hearing_period() == (HEARING_DAY, None)  # deliberating after the session
    later = HEARING_DAY + dt.timedelta(days=5)
    story.clock.set(later)
    await hs.conclude(story.presiding, story.case_id, facts_found="事实", basis="依据", recommendation="维持原处理意见",
                      at=dt.datetime.combine(later, dt.time(15), CST))
    [stored] = await hs.hearings_for_matter(story.manager, "2025-0001")
    assert stored.hearing_period() == (HEARING_DAY, later)
    assert await hs.hearings_for_matter(story.extra_officers[0], "2025-0001") == []


async def test_bookings_and_unavailability_are_listed_by_period(story: Story) -> None:
    day = dt.datetime.combine(HEARING_DAY, dt.time(9), CST)
    booking = await hs.add_booking(story.manager, venue="第二听证室", start=day, end=day + dt.timedelta(hours=3),
                                   reference="人大代表接待日")
    assert booking["start"] == day.isoformat() and booking["created_by"] == story.manager.actor.username
    with pytest.raises(PermissionDenied):
        await hs.add_booking(story.clerk, venue="第二听证室", start=day, end=day + dt.timedelta(hours=1))
    with pytest.raises(ValidationFailed):
        await hs.add_booking(story.manager, venue="第二听证室", start=day, end=day)
    listed = await hs.list_bookings(story.clerk, date_from=HEARING_DAY, date_to=HEARING_DAY)
    assert [b["reference"] for b in listed] == ["人大代表接待日"]
    assert await hs.list_bookings(story.clerk, date_from=HEARING_DAY + dt.timedelta(days=1),
                                  date_to=HEARING_DAY + dt.timedelta(days=2)) == []

    officer = story.officers[0]
    await hs.declare_unavailability(officer, start=day, end=day + dt.timedelta(days=2), reason="培训")
    with pytest.raises(PermissionDenied):
        await hs.declare_unavailability(officer, start=day, end=day + dt.timedelta(hours=1),
                                        username=story.officers[1].actor.username)
    await hs.declare_unavailability(story.manager, start=day, end=day + dt.timedelta(hours=1), reason="会议",
                                    username=story.officers[1].actor.username)
    everyone = await hs.list_unavailability(story.manager, date_from=HEARING_DAY, date_to=HEARING_DAY)
    assert sorted(u["reason"] for u in everyone) == ["会议", "培训"]
    own = await hs.list_unavailability(officer, date_from=HEARING_DAY, date_to=HEARING_DAY)
    assert [(u["person_id"], u["reason"]) for u in own] == [(officer.actor.user_id, "培训")]


async def test_the_pool_is_kept_by_pool_keepers_and_read_by_panel_members(story: Story) -> None:
    with pytest.raises(PermissionDenied):
        await hs.add_expert(story.presiding, name="某专家", affiliation="expert")
    with pytest.raises(ValidationFailed, match="invalid affiliation"):
        await hs.add_expert(story.manager, name="某专家", affiliation="judge")
    entry = await hs.add_expert(story.manager, name="某政协委员", affiliation="cppcc_member", organisation="县政协")
    linked = await hs.update_expert(story.manager, entry["id"], version=entry["version"],
                                    username=story.extra_officers[0].actor.username)
    assert linked["username"] == story.extra_officers[0].actor.username and linked["version"] == 2
    members = await hs.list_experts(story.presiding, affiliation="cppcc_member")
    assert [e["name"] for e in members["items"]] == ["某政协委员"]
    await hs.update_expert(story.manager, entry["id"], active=False)
    assert (await hs.list_experts(story.presiding, affiliation="cppcc_member"))["items"] == []
    everyone = await hs.list_experts(story.presiding, affiliation="cppcc_member", active=None)
    assert [(e["name"], e["active"]) for e in everyone["items"]] == [("某政协委员", False)]
