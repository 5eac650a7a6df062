"""The hearing API's answers when something is refused: 404 scope, 409 moves, clashes and
versions, 422 rules, 400 malformed bodies; and the calendar and pool routes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_support import HEARING_DAY, PASSWORD, Story

from hearing_core.hearings import service as hs
from hearing_core.testing import login

BASE = "/api/v1/hearings"


async def _as(client: Any, ctx: Any) -> dict[str, str]:
    return await login(client, ctx.actor.username, PASSWORD)


async def test_out_of_scope_missing_and_forbidden(story: Story, client: Any) -> None:
    await story.ready()
    outsider = await _as(client, story.extra_officers[0])
    hidden = await client.get(f"{BASE}/{story.case_id}", headers=outsider)
    missing = await client.get(f"{BASE}/{story.case_id + 50}", headers=outsider)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"] == f"no hearing case with id {story.case_id}"
    assert (await client.get(BASE, headers=outsider)).json()["items"] == []
    clerk = await _as(client, story.clerk)
    refused = await client.post(f"{BASE}/{story.case_id}/schedule", headers=clerk, json={
        "version": 1, "start": "2025-06-25T09:00:00", "end": "2025-06-25T10:00:00", "venue": "室"})
    assert refused.status_code == 403
    assert (await client.get(f"{BASE}/{story.case_id}")).status_code == 401


async def test_invalid_moves_rules_clashes_and_stale_versions(story: Story, client: Any) -> None:
    stored = await story.ready()
    manager = await _as(client, story.manager)
    url = f"{BASE}/{story.case_id}"
    wrong = await client.post(f"{url}/decide", headers=manager, json={"version": stored.version, "outcome": "accept"})
    assert wrong.status_code == 409
    body = wrong.json()
    assert body["current_state"] == "scheduled" and "open_session" in body["allowed_actions"]
    assert body["case_state"] == "scheduled" and "phase" not in body  # no session yet

    stale = await client.post(f"{url}/withdraw", headers=manager, json={"version": stored.version - 1})
    assert stale.status_code == 409 and stale.json()["current_version"] == stored.version

    too_late = stored.case.decision.effective_on + dt.timedelta(days=90)  # type: ignore[union-attr]
    rule = await client.post(f"{url}/schedule", headers=manager, json={
        "version": stored.version, "start": f"{too_late}T09:00:00", "end": f"{too_late}T11:00:00", "venue": "室"})
    assert rule.status_code == 422
    assert rule.json()["rule"] == "hearing.hold_within" and rule.json()["source"] == story.app.profile.rule(
        "hearing.hold_within").source

    await hs.add_booking(story.manager, venue="第二听证室", start=dt.datetime.fromisoformat(f"{HEARING_DAY}T13:00+08:00"),
                         end=dt.datetime.fromisoformat(f"{HEARING_DAY}T18:00+08:00"), reference="信访接待日")
    clash = await client.post(f"{url}/schedule", headers=manager, json={
        "version": stored.version, "start": f"{HEARING_DAY}T14:00:00", "end": f"{HEARING_DAY}T16:00:00",
        "venue": "第二听证室"})
    assert clash.status_code == 409
    assert clash.json()["conflicts"] == [f"venue_double_booked: venue '第二听证室' (信访接待日, {HEARING_DAY} 13:00-18:00)"]

    unknown = await client.post(f"{url}/withdraw", headers=manager, json={"version": stored.version, "why": "x"})
    assert unknown.status_code == 400
    assert (await client.get(url, headers=manager)).json()["version"] == stored.version  # nothing changed


async def test_in_session_a_wrong_action_names_the_phase(story: Story, client: Any) -> None:
    await story.ready()
    stored = await story.open()
    presiding = await _as(client, story.presiding)
    response = await client.post(f"{BASE}/{story.case_id}/conclude", headers=presiding, json={
        "version": stored.version, "facts_found": "x", "basis": "y", "recommendation": "z"})
    assert response.status_code == 409
    body = response.json()
    assert body["current_state"] == "attendance_check" and body["phase"] == "attendance_check"
    assert body["case_state"] == "in_session" and "advance" in body["case_allowed_actions"]


async def test_votes_are_hidden_from_other_officers_until_deliberation_closes(story: Story, client: Any) -> None:
    await story.ready()
    await story.open()
    await story.to("deliberation")
    await hs.define_issue(story.presiding, story.case_id, title="争议")
    stored = await hs.cast_vote(story.officers[0], story.case_id, issue_no=1, value="reasonable", opinion="合理")
    other = await _as(client, story.officers[1])
    seen = (await client.get(f"{BASE}/{story.case_id}", headers=other)).json()["deliberation"]
    assert seen["votes"] == [] and seen["owed"]
    assert (await client.get(f"{BASE}/{story.case_id}/votes", headers=other)).json() == []
    cast = await client.post(f"{BASE}/{story.case_id}/votes", headers=other, json={
        "version": stored.version, "issue_no": 1, "value": "not_reasonable", "opinion": "不合理"})
    assert cast.status_code == 200
    assert [v["value"] for v in cast.json()["deliberation"]["votes"]] == ["not_reasonable"]


async def test_calendar_per_venue_and_officer_and_the_pool(story: Story, client: Any) -> None:
    await story.ready()
    manager = await _as(client, story.manager)
    await hs.declare_unavailability(story.officers[1], start=dt.datetime.fromisoformat(f"{HEARING_DAY}T14:00+08:00"),
                                    end=dt.datetime.fromisoformat(f"{HEARING_DAY}T18:00+08:00"), reason="开会")
    day = {"date_from": HEARING_DAY.isoformat(), "date_to": HEARING_DAY.isoformat()}
    venue = (await client.get(f"{BASE}/calendar", headers=manager, params={**day, "venue": "县信访局听证室"})).json()
    assert [(e["kind"], e["hearing_id"], e["start"]) for e in venue] == [
        ("hearing", story.case_id, f"{HEARING_DAY}T09:00:00+08:00")]
    officer = (await client.get(f"{BASE}/calendar", headers=manager,
                                params={**day, "officer": story.officers[1].actor.username})).json()
    assert [e["kind"] for e in officer] == ["hearing", "unavailable"]
    assert officer[0]["panel"][0]["role"] == "presiding_officer"

    pool = (await client.get(f"{BASE}/pool", headers=manager, params={"affiliation": "lawyer"})).json()
    entry = pool["items"][0]
    patched = await client.patch(f"{BASE}/pool/{entry['id']}", headers=manager,
                                 json={"version": entry["version"], "active": False})
    assert patched.status_code == 200 and patched.json()["active"] is False
    again = await client.patch(f"{BASE}/pool/{entry['id']}", headers=manager,
                               json={"version": entry["version"], "active": True})
    assert again.status_code == 409
    hidden = (await client.get(f"{BASE}/pool", headers=manager)).json()
    assert entry["id"] not in [e["id"] for e in hidden["items"]]
