"""The reception API over HTTP: a reception from plan to report, roles, problem details, masking."""

from __future__ import annotations

from typing import Any

from tests.plugins.reception.conftest import LEADERS, RULES, id_number

API = "/api/v1/reception"


async def setup(client: Any, headers: dict[str, str]) -> None:
    loaded = await client.post(f"{API}/leaders/load", headers=headers, json={"leaders": LEADERS})
    assert loaded.status_code == 201, loaded.text
    rules = await client.post(f"{API}/rules/load", headers=headers, json={"rules": RULES})
    assert rules.status_code == 201, rules.text
    assert [r["recurrence_zh"] for r in rules.json()["items"]][:2] == ["单月15日", "双月15日"]


async def test_a_reception_from_plan_to_report(client: Any, auth_headers: Any) -> None:
    desk, leader, officer = await auth_headers("registrar"), await auth_headers("leader"), await auth_headers("handling_officer")
    await setup(client, desk)
    plan = await client.post(f"{API}/plan", headers=desk, json={"from": "2025-10-01", "to": "2025-10-31"})
    assert plan.status_code == 200 and plan.json()["existing"] == 0
    listed = await client.get(f"{API}/receptions", headers=leader,
                              params={"date_from": "2025-10-15", "date_to": "2025-10-15", "leader": "zhao-head"})
    body = listed.json()
    assert body["total"] == 1 and set(body) == {"items", "total", "page", "per_page"}
    rid = body["items"][0]["id"]

    notice = await client.post(f"{API}/notices/publish", headers=desk, json={"receptions": [rid], "published_on": "2025-10-09"})
    assert notice.json()["items"][0]["status"] == "on_time"
    pdf = await client.get(f"{API}/notices/document", headers=leader, params={"receptions": [rid], "format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = await client.get(f"{API}/notices/document", headers=leader, params={"receptions": [rid]})
    assert "赵强" in html.text and html.headers["content-type"].startswith("text/html")

    assert (await client.post(f"{API}/receptions/{rid}/open", headers=desk, json={})).json()["state"] == "in_progress"
    who = await client.post(f"{API}/receptions/{rid}/participants", headers=desk, json={"leaders": ["zhao-head", "chen-town"]})
    assert [p["level"] for p in who.json()["leaders"]] == ["county", "town"]
    batch = {"persons": 2, "petitioners": [{"name": "张秀英", "id_number": id_number(1), "phone": "13812345678"}],
             "summary": "反映征地补偿款未足额发放", "category": "土地征收"}
    created = await client.post(f"{API}/receptions/{rid}/visitors", headers=desk, json=batch)
    assert created.status_code == 201, created.text
    case = created.json()
    assert case["item_ref"].startswith("XF-2025-") and case["masked"] is False and case["repeat_suggestions"] == []
    suggested = await client.post(f"{API}/receptions/{rid}/visitors/suggestions", headers=desk, json=batch)
    assert suggested.json()["items"][0]["ref"] == case["item_ref"]

    cid = case["id"]
    heard = await client.post(f"{API}/cases/{cid}/hear", headers=desk,
                              json={"note": "请县自然资源局核实", "outcome": "限期解决", "version": case["version"]})
    assert heard.json()["outcome"] == "by_deadline"
    assert (await client.post(f"{API}/receptions/{rid}/close", headers=desk, json={})).json()["state"] == "held"
    instructed = await client.post(f"{API}/cases/{cid}/instruct", headers=leader, json={"text": "请十日内答复", "on": "2025-10-15"})
    assert instructed.status_code == 200 and instructed.json()["transfer_due"] == "2025-10-17"
    assert instructed.json()["masked"] is True  # leaders do not see visitors' personal data
    assert instructed.json()["petitioners"][0]["phone"] == "138****5678"
    moved = await client.post(f"{API}/cases/{cid}/transfer", headers=desk, json={"department": "县自然资源局", "on": "2025-10-16"})
    assert moved.json()["reply_due"] == "2025-10-31"
    replied = await client.post(f"{API}/cases/{cid}/reply", headers=officer,
                                json={"text": "已补发", "resolved": True, "on": "2025-10-25"})
    assert replied.json()["state"] == "replied"
    closed = await client.post(f"{API}/cases/{cid}/feedback", headers=desk, json={"grade": "满意", "on": "2025-10-28"})
    assert closed.json()["state"] == "closed"

    report = await client.get(f"{API}/report", headers=leader, params={"year": 2025})
    figures = report.json()
    assert figures["receptions_held"] == 1 and figures["visitors"] == {"batches": 1, "persons": 2}
    assert figures["on_time_reply_rate"]["percent"] == 100 and figures["markdown"].startswith("2025年全县共组织1次")
    cases = await client.get(f"{API}/cases", headers=leader, params={"reception_id": rid})
    assert cases.json()["total"] == 1 and cases.json()["items"][0]["petitioners"][0]["name"] == "张*英"


async def test_problem_details_and_permissions(client: Any, auth_headers: Any) -> None:
    desk, leader = await auth_headers("registrar"), await auth_headers("leader")
    await setup(client, desk)
    denied = await client.post(f"{API}/plan", headers=leader, json={"from": "2025-10-01", "to": "2025-10-31"})
    assert denied.status_code == 403 and "reception.plan" in denied.json()["detail"]
    unknown = await client.post(f"{API}/leaders", headers=desk, json={"code": "x", "name": "x", "post": "x", "level": "x", "rank": 1})
    assert unknown.status_code == 400
    invalid = await client.post(f"{API}/rules", headers=desk, json={"code": "w", "title": "周会", "kind": "weekday", "weekday": "星期八",
                                                                   "place": "局", "leaders": ["li-sec"]})
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "weekday"
    created = await client.post(f"{API}/receptions", headers=desk, json={"date": "2025-10-15", "place": "县信访局", "leaders": ["li-sec"]})
    rid = created.json()["id"]
    twice = await client.post(f"{API}/receptions/{rid}/close", headers=desk, json={})
    assert twice.status_code == 409
    assert twice.json()["current_state"] == "planned" and "open" in twice.json()["allowed_actions"]
    stale = await client.post(f"{API}/receptions/{rid}/cancel", headers=desk, json={"reason": "防汛", "version": 9})
    assert stale.status_code == 409 and stale.json()["current_version"] == 1
    missing = await client.get(f"{API}/receptions/999", headers=leader)
    assert missing.status_code == 404
    assert (await client.get(f"{API}/receptions")).status_code == 401


async def test_openapi_lists_the_reception_routes(client: Any) -> None:
    spec = await client.get("/schema/openapi.json")
    paths = spec.json()["paths"]
    assert f"{API}/plan" in paths and f"{API}/cases/{{case_id}}/instruct" in paths
