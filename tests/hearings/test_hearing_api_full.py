"""A whole hearing through the HTTP API, each step by the person who does it.

Panel of three (presiding officer and two officers), one recusal and replacement at the
opening, the petitioner and a third party each with an agent, the handling unit, three
evidence items each cross-examined by the two other sides, every phase, votes 2-1, the
conclusion, signatures (one refusal noted), the report served.
"""

from __future__ import annotations

from typing import Any

from hearing_support import HEARING_DAY, NOTICE_ON, Clock, make_matter

from hearing_core.hearings.domain import PHASES

BASE = "/api/v1/hearings"


class Api:
    """Posts actions with the version last seen, and keeps the case's latest view."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.view: dict[str, Any] = {}

    @property
    def url(self) -> str:
        return f"{BASE}/{self.view['id']}"

    async def act(self, who: dict[str, str], action: str, **body: Any) -> dict[str, Any]:
        response = await self.client.post(f"{self.url}/{action}", headers=who,
                                          json={"version": self.view["version"], **body})
        assert response.status_code == 200, (action, response.text)
        self.view = response.json()
        return self.view


async def test_a_full_hearing_through_the_api(client: Any, auth_headers: Any, app: Any, clock: Clock) -> None:
    await make_matter(app)
    manager = await auth_headers("handling_officer", username="manager")
    presiding = await auth_headers("presiding_officer", username="presiding")
    clerk = await auth_headers("clerk", username="clerk")
    officers = [await auth_headers("hearing_officer", username=f"officer{i}") for i in (1, 2, 3)]
    pool = []
    for i, affiliation in zip((1, 2, 3), ("lawyer", "npc_deputy", "expert"), strict=True):
        response = await client.post(f"{BASE}/pool", headers=manager, json={
            "name": f"听证员{i}", "affiliation": affiliation, "organisation": "县律师协会", "username": f"officer{i}"})
        assert response.status_code == 201, response.text
        pool.append(response.json()["id"])

    api = Api(client)
    response = await client.post(f"{BASE}/apply", headers=manager, json={
        "matter_ref": "2025-0001", "applicant_name": "张三", "grounds": "请求重新核定征收补偿",
        "applied_on": "2025-06-02", "told_of_right_on": "2025-06-01", "phone": "13912345678"})
    assert response.status_code == 201, response.text
    api.view = response.json()
    assert api.view["state"] == "applied" and "accept" in api.view["allowed_actions"]

    await api.act(manager, "decide", outcome="accept", decided_by="县信访局局长", on="2025-06-03")
    for body in ({"name": "王律师", "role": "agent", "principal_no": 1, "power_of_attorney": "委托书1号"},
                 {"name": "李承办", "role": "handling_unit_officer", "unit": "县住建局", "username": "manager"},
                 {"name": "某建筑公司", "role": "third_party"},
                 {"name": "赵律师", "role": "agent", "principal_no": 4, "power_of_attorney": "委托书2号"}):
        await api.act(manager, "participants", **body)
    await api.act(manager, "panel", role="presiding_officer", username="presiding")
    await api.act(manager, "panel", role="hearing_officer", pool_entry_id=pool[0])
    await api.act(manager, "panel", role="hearing_officer", pool_entry_id=pool[1])
    await api.act(manager, "panel", role="clerk", username="clerk")
    await api.act(manager, "schedule", start=f"{HEARING_DAY}T09:00:00+08:00", end=f"{HEARING_DAY}T12:00:00+08:00",
                  venue="县信访局听证室")
    await api.act(manager, "serve", document="hearing_notice", method="in_person", proof_ref="送达回证",
                  all_targets=True, served_on=NOTICE_ON.isoformat())
    await api.act(manager, "announce", channel="县政府网站", reference="公告2025-1", published_on=NOTICE_ON.isoformat())
    assert api.view["state"] == "scheduled" and len(api.view["services"]) == 3  # petitioner, third party, unit

    clock.set(HEARING_DAY, 9)
    await api.act(presiding, "open")
    for no in range(1, 6):
        await api.act(clerk, "attendance", participant_no=no)
    await api.act(presiding, "advance")
    # Recusal at the opening: officer 2 steps aside and officer 3 takes the seat.
    seat = next(m["seat"] for m in api.view["panel"]["members"] if m["name"] == "听证员2")
    await api.act(clerk, "recusals", seat=seat, requested_by="张三", grounds="听证员2曾参与本案调查")
    await api.act(manager, "recusals/decide", request_no=1, granted=True, capacity="organ_head", decided_by="局长")
    assert api.view["panel"]["vacant_seats"] == [seat]
    await api.act(manager, "recusals/replace", seat=seat, pool_entry_id=pool[2])
    await api.act(presiding, "advance")
    await api.act(clerk, "record", speaker="panel:1", text="告知双方权利义务。")
    await api.act(presiding, "advance")
    assert api.view["phase"] == "petitioner_statement"

    upload = await client.post(f"{api.url}/files", headers=clerk,
                               files={"data": ("产权证.pdf", b"%PDF-1.4 deed of title", "application/pdf")})
    assert upload.status_code == 201, upload.text
    digest = upload.json()["sha256"]
    await api.act(clerk, "record", speaker="participant:2", text="补偿标准低于市场价。")
    await api.act(clerk, "evidence", submitted_by_no=2, kind="document", title="房屋产权证", attachments=[digest])
    await api.act(clerk, "evidence", submitted_by_no=5, kind="document", title="施工合同")
    await api.act(presiding, "advance")
    await api.act(clerk, "evidence", submitted_by_no=3, kind="site_survey", title="评估报告")
    await api.act(presiding, "advance")
    parties = {"petitioner": 2, "handling_unit": 3, "third_party:4": 5}
    accept = {"stance": "accept"}
    for item in api.view["evidence"]:
        for side, by in parties.items():
            if side != item["side"]:
                legality = {"stance": "dispute", "comment": "程序不合法"} if by == 2 else accept
                await api.act(clerk, "cross-examine", evidence_no=item["no"], by_no=by, authenticity=accept,
                              relevance=accept, legality=legality)
    assert sum(len(e["opinions"]) for e in api.view["evidence"]) == 6
    await api.act(presiding, "advance")
    await api.act(presiding, "issues", title="补偿标准是否合理")
    for _phase in ("questioning", "final_statements", "deliberation"):
        await api.act(presiding, "advance")
    for no in (1, 2, 3):
        await api.act(presiding, "findings", evidence_no=no, admitted=True)
    await api.act(presiding, "votes", issue_no=1, value="reasonable", opinion="补偿偏低")
    await api.act(officers[0], "votes", issue_no=1, value="reasonable", opinion="应重新评估")
    await api.act(officers[2], "votes", issue_no=1, value="not_reasonable", opinion="评估程序合法")
    own = await client.get(f"{api.url}/votes", headers=officers[0])
    assert [v["value"] for v in own.json()] == ["reasonable"]
    await api.act(presiding, "conclude", facts_found="评估时点有误", basis="《国有土地上房屋征收与补偿条例》",
                  recommendation="建议重新评估并补足差额")
    await api.act(presiding, "advance")
    await api.act(presiding, "advance")
    assert (api.view["state"], api.view["phase"]) == ("concluded", "closed")
    visited = [v["phase"] for v in api.view["sessions"][0]["visits"]]
    assert visited == [str(p) for p in PHASES]  # every phase, in order

    for person in api.view["record"]["pending"]:
        if person["key"] == "participant:5":
            await api.act(clerk, "refuse-sign", signatory_key=person["key"], note="代理人以不同意结论为由拒签")
        else:
            await api.act(clerk, "sign", signatory_key=person["key"])
    final = await client.post(f"{api.url}/finalise", headers=manager)
    assert final.status_code == 200 and final.json()["final"] is True
    await api.act(manager, "serve", document="hearing_report", method="registered_post", proof_ref="挂号信",
                  all_targets=True)
    await api.act(manager, "serve-report")

    shown = (await client.get(api.url, headers=officers[2])).json()
    assert shown["state"] == "report_served" and shown["allowed_actions"] == []
    result = shown["conclusion"]["results"][0]
    assert result["tally"] == {"reasonable": 2, "partly_reasonable": 0, "not_reasonable": 1}
    assert result["result"] == "reasonable" and result["strict_majority"] is True
    assert [d["voter_name"] for d in result["dissents"]] == ["听证员3"]
    assert shown["participants"][0]["phone"] == "139****5678"
    download = await client.get(f"{api.url}/files/{digest}", headers=officers[2])
    assert download.status_code == 200 and download.content == b"%PDF-1.4 deed of title"
    events = (await client.get(f"{api.url}/events", headers=manager)).json()
    assert [e["kind"] for e in events[-2:]] == ["case_transitioned", "report_served"]
    assert events[-2]["data"]["target"] == "report_served" and events[-1]["data"]["overdue"] is False
    listed = (await client.get(BASE, headers=officers[2], params={"state": "report_served"})).json()
    assert [h["id"] for h in listed["items"]] == [api.view["id"]]
