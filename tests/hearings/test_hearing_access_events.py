"""Object-level access, vote secrecy, masking, optimistic concurrency, audit entries and hooks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from hearing_support import HEARING_DAY, Story, install_clock, make_matter, make_user

from hearing_core import hookimpl
from hearing_core.audit.tables import AuditEntry
from hearing_core.context import ServiceContext
from hearing_core.errors import Conflict, NotFound
from hearing_core.hearings import service as hs
from hearing_core.hearings.domain import CaseState
from hearing_core.security.service import actor_by_username


async def test_an_officer_off_the_panel_sees_nothing_of_the_hearing(story: Story) -> None:
    await story.ready()
    outsider = story.extra_officers[0]
    with pytest.raises(NotFound) as caught:
        await hs.show_hearing(outsider, story.case_id)
    assert str(caught.value) == f"no hearing case with id {story.case_id}"
    with pytest.raises(NotFound, match=f"no hearing case with id {story.case_id + 99}"):
        await hs.show_hearing(outsider, story.case_id + 99)  # missing and hidden read the same
    assert (await hs.list_hearings(outsider))["total"] == 0
    assert await hs.calendar_view(outsider, date_from=HEARING_DAY, date_to=HEARING_DAY) == []
    mine = await hs.list_hearings(story.officers[0])
    assert [h["id"] for h in mine["items"]] == [story.case_id]
    assert [e["hearing_id"] for e in await hs.calendar_view(story.officers[0], date_from=HEARING_DAY,
                                                            date_to=HEARING_DAY)] == [story.case_id]
    leader = await make_user(story.app, "leader1", "leader")
    assert (await hs.show_hearing(leader, story.case_id))["id"] == story.case_id


async def test_votes_stay_secret_until_the_conclusion(story: Story) -> None:
    await story.ready()
    await story.open()
    await story.to("deliberation")
    await hs.define_issue(story.presiding, story.case_id, title="补偿标准是否合理")
    first, second = story.officers[0], story.officers[1]
    await hs.cast_vote(first, story.case_id, issue_no=1, value="reasonable", opinion="合理")
    await hs.cast_vote(second, story.case_id, issue_no=1, value="not_reasonable", opinion="不合理")
    own = (await hs.show_hearing(first, story.case_id))["deliberation"]["votes"]
    assert [(v["voter_person_id"], v["value"]) for v in own] == [(first.actor.user_id, "reasonable")]
    assert (await hs.show_hearing(story.manager, story.case_id))["deliberation"]["votes"] == []
    admin = ServiceContext(story.app, await actor_by_username(story.app, "admin"))
    for other in (admin, story.clerk):  # nobody else, not even an administrator
        assert (await hs.show_hearing(other, story.case_id))["deliberation"]["votes"] == []
    assert [v.value for v in await hs.visible_votes(second, story.case_id)] == ["not_reasonable"]
    events = await hs.hearing_events(story.manager, story.case_id)
    assert all("value" not in e["data"] and "opinion" not in e["data"] for e in events if e["kind"] == "vote_cast")
    audit = await AuditEntry.select().where(AuditEntry.action == "hearing.cast_vote").output(load_json=True).run()
    assert audit and all("reasonable" not in str(a["after"]) for a in audit)
    await hs.cast_vote(story.presiding, story.case_id, issue_no=1, value="reasonable", opinion="合理")
    await hs.conclude(story.presiding, story.case_id, facts_found="事实", basis="依据", recommendation="建议")
    view = await hs.show_hearing(story.manager, story.case_id)
    assert len(view["deliberation"]["votes"]) == 3
    result = view["conclusion"]["results"][0]
    assert result["result"] == "reasonable" and result["tally"] == {"reasonable": 2, "partly_reasonable": 0,
                                                                    "not_reasonable": 1}
    assert [d["voter_person_id"] for d in result["dissents"]] == [second.actor.user_id]


async def test_contacts_are_masked_without_personal_data_read_and_audited_with_it(story: Story) -> None:
    await story.ready()
    officer_view = await hs.show_hearing(story.officers[0], story.case_id)
    assert officer_view["participants"][0]["phone"] == "139****5678"
    assert officer_view["participants"][0]["id_number"] == "440106********1234"
    manager_view = await hs.show_hearing(story.manager, story.case_id)
    assert manager_view["participants"][0]["phone"] == "13912345678"
    reads = await AuditEntry.select().where(AuditEntry.action == "personal_data.view").output(load_json=True).run()
    assert [(r["actor"], r["object_id"], r["subject_ref"]) for r in reads] == [
        (story.manager.actor.username, str(story.case_id), "2025-0001")]
    pool = await hs.list_experts(story.officers[0])
    assert {e["phone"] for e in pool["items"]} == {"138****5678"}


async def test_a_stale_version_is_a_conflict_and_changes_nothing(story: Story) -> None:
    stored = await story.apply()
    read_version = stored.version
    await story.accept()
    with pytest.raises(Conflict) as caught:
        await hs.withdraw(story.manager, story.case_id, reason="撤回", version=read_version)
    assert caught.value.extra["current_version"] == read_version + 1
    assert (await hs.get_hearing(story.manager, story.case_id)).state is CaseState.ACCEPTED
    done = await hs.withdraw(story.manager, story.case_id, reason="撤回", version=read_version + 1)
    assert done.state is CaseState.WITHDRAWN and done.version == read_version + 2


class Listener:
    """Records every hearing hook call; can be told to fail on one action."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.fail_on: str | None = None

    @hookimpl
    def hearing_case_opened(self, case: Any, actor: Any) -> None:
        self.calls.append(("opened", (case.id, str(case.state), actor.username)))

    @hookimpl
    def hearing_scheduled(self, case: Any) -> None:
        self.calls.append(("scheduled", case.case.schedule.slot.day))

    @hookimpl
    def hearing_concluded(self, case: Any) -> None:
        self.calls.append(("concluded", (case.matter_ref, case.case.conclusion.recommendation)))

    @hookimpl
    def case_transitioned(self, kind: str, obj: Any, source: str, target: str, action: str) -> None:
        if action == self.fail_on:
            raise RuntimeError("listener refuses")
        self.calls.append(("transitioned", (kind, source, target, action)))


async def test_hooks_fire_inside_the_transaction_in_order(make_app: Callable[..., Awaitable[Any]]) -> None:
    listener = Listener()
    app = await make_app(extra_plugins=[("listener", listener)])
    clock = install_clock(app)
    await make_matter(app)
    story = await Story.create(app, clock)
    await story.ready()
    assert listener.calls[:3] == [("opened", (story.case_id, "applied", "manager")),
                                  ("transitioned", ("hearing_case", "new", "applied", "apply")),
                                  ("transitioned", ("hearing_case", "applied", "accepted", "accept"))]
    assert ("scheduled", HEARING_DAY) in listener.calls
    listener.fail_on = "open_session"
    story.clock.set(HEARING_DAY, 9)
    with pytest.raises(RuntimeError, match="listener refuses"):
        await hs.open_session(story.presiding, story.case_id)
    assert (await hs.get_hearing(story.manager, story.case_id)).state is CaseState.SCHEDULED  # rolled back
    listener.fail_on = None
    await story.open()
    await story.to("deliberation")
    await hs.define_issue(story.presiding, story.case_id, title="争议")
    for officer in (story.presiding, *story.officers):
        await hs.cast_vote(officer, story.case_id, issue_no=1, value="reasonable", opinion="合理")
    await hs.conclude(story.presiding, story.case_id, facts_found="事实", basis="依据", recommendation="维持")
    assert not any(c[0] == "concluded" for c in listener.calls)  # concluded on the spot: when the session closes
    await story.to("resumption")
    await hs.advance(story.presiding, story.case_id)
    assert listener.calls[-2:] == [("transitioned", ("hearing_case", "in_session", "concluded", "close_concluded")),
                                   ("concluded", ("2025-0001", "维持"))]
    actions = await AuditEntry.select(AuditEntry.action).where(AuditEntry.object_type == "hearing_case").run()
    assert {"hearing.apply", "hearing.accept", "hearing.schedule", "hearing.open_session", "hearing.conclude",
            "hearing.advance"} <= {a["action"] for a in actions}
