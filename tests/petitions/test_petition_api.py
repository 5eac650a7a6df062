from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hearing_core.audit.tables import AuditEntry
from tests.petitions.conftest import id_number

ITEM = {
    "ref": "XF-API-1",
    "received_on": "2025-09-20",
    "channel": "来访",
    "persons": 6,
    "petitioners": [{"name": "张三", "id_number": id_number(), "phone": "13812345678"}],
    "category": "土地征收",
    "summary": "反映村里征地补偿款一直没有发放到户",
    "create_matter": True,
}


async def register(client: Any, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/petitions", headers=headers, json={**ITEM, **changes})
    assert response.status_code == 201, response.text
    return response.json()


async def test_register_and_validation_errors_listed(client: Any, auth_headers: Any) -> None:
    headers = await auth_headers("registrar")
    created = await register(client, headers)
    assert created["ref"] == "XF-API-1" and created["matter_ref"] == "M-XF-API-1" and created["collective"] is True
    assert created["status"] == "registered" and created["allowed_actions"] == ["accept", "not_accept", "route_to_statutory"]
    bad = await client.post("/api/v1/petitions", headers=headers, json={
        "channel": "鸽子", "summary": "", "persons": 0, "purpose": "nope",
        "petitioners": [{"name": "", "id_number": "440106198005171230"}],
    })
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert {e["field"] for e in bad.json()["errors"]} == {"channel", "purpose"}
    bad2 = await client.post("/api/v1/petitions", headers=headers, json={
        "channel": "visit", "summary": "", "persons": 0, "petitioners": [{"name": "", "id_number": "440106198005171230"}],
    })
    assert bad2.status_code == 422
    assert {e["field"] for e in bad2.json()["errors"]} == {"summary", "persons", "petitioners[0].name",
                                                          "petitioners[0].id_number"}
    assert "440106198005171230" not in bad2.text  # error messages never repeat an ID number
    unknown_field = await client.post("/api/v1/petitions", headers=headers, json={**ITEM, "colour": "red"})
    assert unknown_field.status_code == 400


async def test_actions_and_invalid_transition_409(client: Any, auth_headers: Any) -> None:
    registrar, officer = await auth_headers("registrar"), await auth_headers("handling_officer")
    await register(client, registrar)
    base = "/api/v1/petitions/XF-API-1"
    denied = await client.post(f"{base}/accept", headers=registrar, json={})
    assert denied.status_code == 403
    steps = [
        ("accept", {"on": "2025-09-22"}, "accepted"),
        ("extend", {"days": 10, "reason": "需现场核查", "on": "2025-09-30"}, "accepted"),
        ("transfer", {"unit": "县自然资源局", "on": "2025-09-23"}, "transferred"),
        ("issue-opinion", {"outcome": "not_support", "on": "2025-10-08"}, "opinion_issued"),
        ("record-service", {"served_on": "2025-10-09"}, "opinion_issued"),
        ("conclude", {"on": "2025-10-09"}, "concluded"),
    ]
    for action, body, status in steps:
        response = await client.post(f"{base}/{action}", headers=officer, json=body)
        assert response.status_code == 200, (action, response.text)
        assert response.json()["status"] == status
    wrong = await client.post(f"{base}/assign", headers=officer, json={"unit": "x", "due_on": "2025-10-20"})
    assert wrong.status_code == 409
    problem = wrong.json()
    assert problem["current_state"] == "concluded" and problem["allowed_actions"] == []
    await register(client, registrar, ref="XF-API-2", create_matter=False)
    early = await client.post("/api/v1/petitions/XF-API-2/conclude", headers=officer, json={})
    assert early.status_code == 409
    assert early.json()["current_state"] == "registered"
    assert early.json()["allowed_actions"] == ["accept", "not_accept", "route_to_statutory"]
    routed = await client.post("/api/v1/petitions/XF-API-2/route-to-statutory", headers=officer,
                               json={"route": "行政复议"})
    assert routed.json()["disposition"]["routed_to"] == "administrative_reconsideration"
    rejected = await register(client, registrar, ref="XF-API-3", create_matter=False)
    not_acc = await client.post(f"/api/v1/petitions/{rejected['ref']}/not-accept", headers=officer,
                                json={"reason": "out_of_jurisdiction"})
    assert not_acc.json()["status"] == "not_accepted"


async def test_assign_report_and_extension_limits(client: Any, auth_headers: Any) -> None:
    registrar, officer = await auth_headers("registrar"), await auth_headers("handling_officer")
    await register(client, registrar)
    base = "/api/v1/petitions/XF-API-1"
    await client.post(f"{base}/accept", headers=officer, json={"on": "2025-09-22"})
    assigned = await client.post(f"{base}/assign", headers=officer,
                                 json={"unit": "县自然资源局", "due_on": "2025-10-31", "on": "2025-09-23"})
    assert assigned.json()["status"] == "assigned"
    too_long = await client.post(f"{base}/extend", headers=officer, json={"days": 45, "reason": "复杂"})
    assert too_long.status_code == 422 and too_long.json()["rule"] == "handling.extension_max"
    ok = await client.post(f"{base}/extend", headers=officer, json={"days": 30, "reason": "复杂"})
    assert ok.status_code == 200 and ok.json()["disposition"]["extension_days"] == 30
    again = await client.post(f"{base}/extend", headers=officer, json={"days": 1, "reason": "再延"})
    assert again.status_code == 422 and again.json()["rule"] == "handling.extension_once"
    report = await client.post(f"{base}/report-completion", headers=officer,
                               json={"report": "已发放", "on": "2025-10-08"})
    assert report.json()["disposition"]["completion_reported_on"] == "2025-10-08"


async def test_masking_and_audited_personal_reads(client: Any, auth_headers: Any) -> None:
    registrar, auditor = await auth_headers("registrar"), await auth_headers("auditor")
    await register(client, registrar)
    masked = (await client.get("/api/v1/petitions/XF-API-1", headers=auditor)).json()
    person = masked["petitioners"][0]
    assert person["id_number"] == "440106********" + id_number()[-4:] and person["phone"] == "138****5678"
    assert masked["personal_data_masked"] is True
    assert await AuditEntry.count().where(AuditEntry.action == "petition.read_personal").run() == 0
    full = (await client.get("/api/v1/petitions/XF-API-1", headers=registrar)).json()
    assert full["petitioners"][0]["id_number"] == id_number() and full["personal_data_masked"] is False
    entry = await AuditEntry.select().where(AuditEntry.action == "petition.read_personal").first().output(
        load_json=True).run()
    assert entry["after"]["items"] == ["XF-API-1"] and entry["subject_ref"] == "M-XF-API-1"
    listed = (await client.get("/api/v1/petitions", headers=registrar)).json()
    assert listed["items"][0]["petitioners"][0]["id_number"].startswith("440106****")
    matter = (await client.get("/api/v1/matters/M-XF-API-1", headers=auditor)).json()
    assert matter["items"][0]["petitioners"][0]["phone"] == "138****5678"


async def test_patch_optimistic_concurrency(client: Any, auth_headers: Any) -> None:
    registrar = await auth_headers("registrar")
    created = await register(client, registrar)
    url = "/api/v1/petitions/XF-API-1"
    first = await client.patch(url, headers=registrar, json={"version": created["version"], "summary": "更正后的摘要",
                                                            "persons": 2})
    assert first.status_code == 200 and first.json()["version"] == 2 and first.json()["collective"] is False
    stale = await client.patch(url, headers=registrar, json={"version": created["version"], "summary": "另一更正"})
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert (await client.get(url, headers=registrar)).json()["summary"] == "更正后的摘要"
    entry = await AuditEntry.select().where(AuditEntry.action == "petition.update").first().output(load_json=True).run()
    assert entry["before"] == {"persons": 6, "summary": ITEM["summary"]}
    stale_action = await client.post(f"{url}/accept", headers=await auth_headers("handling_officer"),
                                     json={"version": 1})
    assert stale_action.status_code == 409


async def test_list_filters_and_pagination(client: Any, auth_headers: Any) -> None:
    registrar = await auth_headers("registrar")
    await register(client, registrar)
    await register(client, registrar, ref="XF-API-2", channel="letter", persons=1, received_on="2025-10-08",
                   create_matter=False, summary="咨询社保转移", category="劳动和社会保障")
    await register(client, registrar, ref="XF-API-3", channel="phone", persons=1, received_on="2024-05-08",
                   create_matter=False, summary="反映噪声扰民", category=None)

    async def refs(query: str) -> list[str]:
        response = await client.get(f"/api/v1/petitions?{query}", headers=registrar)
        assert response.status_code == 200, response.text
        return [i["ref"] for i in response.json()["items"]]

    assert await refs("") == ["XF-API-2", "XF-API-1", "XF-API-3"]
    assert await refs("year=2024") == ["XF-API-3"]
    assert await refs("channel=来信") == ["XF-API-2"]
    assert await refs("category=natural_resources") == ["XF-API-1"]
    assert await refs("q=社保") == ["XF-API-2"]
    assert await refs("q=张三") == ["XF-API-2", "XF-API-1", "XF-API-3"]
    assert await refs("matter=M-XF-API-1") == ["XF-API-1"]
    assert await refs("overdue=true") == ["XF-API-3"]
    assert await refs("date_from=2025-09-01&date_to=2025-09-30") == ["XF-API-1"]
    page = (await client.get("/api/v1/petitions?per_page=2&page=2", headers=registrar)).json()
    assert (page["total"], page["page"], page["per_page"], len(page["items"])) == (3, 2, 2, 1)
    too_many = await client.get("/api/v1/petitions?per_page=500", headers=registrar)
    assert too_many.status_code == 422
    bad_channel = await client.get("/api/v1/petitions?channel=鸽子", headers=registrar)
    assert bad_channel.status_code == 422 and bad_channel.json()["errors"][0]["field"] == "channel"


async def test_deadlines_endpoints_explain_national_day(client: Any, auth_headers: Any) -> None:
    registrar = await auth_headers("registrar")
    await register(client, registrar)
    clocks = (await client.get("/api/v1/petitions/XF-API-1/deadlines?explain=true", headers=registrar)).json()
    intake = next(c for c in clocks if c["rule_id"] == "intake.disposition")
    assert intake["due"] == "2025-10-09" and "国庆节" in intake["explanation_text"]
    assert any("国庆节" in step["text_zh"] for step in intake["explanation"]["steps"])
    due = (await client.get("/api/v1/deadlines/due?within=7", headers=registrar)).json()
    assert [(r["ref"], r["rule_id"], r["due"]) for r in due["items"]] == [("XF-API-1", "intake.disposition", "2025-10-09")]
    assert due["today"] == "2025-10-09"
    bad = await client.get("/api/v1/deadlines/due?within=1000", headers=registrar)
    assert bad.status_code == 422


async def test_matters_links_and_suggestions(client: Any, auth_headers: Any) -> None:
    registrar = await auth_headers("registrar")
    await register(client, registrar)
    draft = {k: v for k, v in ITEM.items() if k not in ("ref", "create_matter")}
    suggested = (await client.post("/api/v1/matters/suggestions", headers=registrar, json=draft)).json()
    assert suggested[0]["ref"] == "XF-API-1" and suggested[0]["matter_ref"] == "M-XF-API-1"
    await register(client, registrar, ref="XF-API-2", create_matter=False)
    for_item = (await client.get("/api/v1/petitions/XF-API-2/suggestions", headers=registrar)).json()
    assert for_item[0]["ref"] == "XF-API-1" and for_item[0]["score"] >= 0.9
    linked = await client.post("/api/v1/matters/M-XF-API-1/items", headers=registrar, json={"item_ref": "XF-API-2"})
    assert linked.status_code == 200 and linked.json()["matter_ref"] == "M-XF-API-1"
    matter = (await client.get("/api/v1/matters/M-XF-API-1", headers=registrar)).json()
    assert [i["ref"] for i in matter["items"]] == ["XF-API-1", "XF-API-2"] and matter["repeat_count"] == 1
    assert "deadlines" in matter["items"][0]
    listed = (await client.get("/api/v1/matters", headers=registrar)).json()
    assert listed["items"][0]["item_count"] == 2 and listed["total"] == 1
    unlinked = await client.delete("/api/v1/matters/M-XF-API-1/items/XF-API-2", headers=registrar)
    assert unlinked.status_code == 200 and unlinked.json()["matter_ref"] is None
    created = await client.post("/api/v1/matters", headers=registrar, json={"ref": "M-NEW", "title": "新事项"})
    assert created.status_code == 201 and created.json()["ref"] == "M-NEW"
    missing = await client.get("/api/v1/matters/M-404", headers=registrar)
    assert missing.status_code == 404


async def test_backlog_endpoints(client: Any, auth_headers: Any) -> None:
    registrar, leader = await auth_headers("registrar"), await auth_headers("leader")
    await register(client, registrar)
    body = {"matter_ref": "M-XF-API-1", "owning_leader": "王副县长", "responsible_unit": "县自然资源局",
            "responsible_person": "李科长", "time_limit": "2025-12-31", "plan": "分期发放"}
    assert (await client.post("/api/v1/backlog", headers=registrar, json=body)).status_code == 403
    added = await client.post("/api/v1/backlog", headers=leader, json=body)
    assert added.status_code == 201 and added.json()["state"] == "in_progress"
    progress = await client.post("/api/v1/backlog/M-XF-API-1/progress", headers=leader, json={"text": "已召开协调会"})
    assert progress.json()["progress"][0]["month"] == "2025-10"
    resolved = await client.post("/api/v1/backlog/M-XF-API-1/resolve", headers=leader, json={})
    assert resolved.json()["state"] == "resolved"
    ceased = await client.post("/api/v1/backlog/M-XF-API-1/cease", headers=leader, json={"on": "2025-10-09"})
    assert ceased.json()["outcome"] == "ceased_petitioning"
    listed = (await client.get("/api/v1/backlog?state=ceased_petitioning", headers=leader)).json()
    assert listed["total"] == 1 and listed["items"][0]["matter_ref"] == "M-XF-API-1"
    again = await client.post("/api/v1/backlog/M-XF-API-1/progress", headers=leader, json={"text": "x"})
    assert again.status_code == 409 and again.json()["current_state"] == "ceased_petitioning"


async def test_import_endpoint_multipart_jsonl_and_errors(client: Any, auth_headers: Any, tmp_path: Path) -> None:
    registrar = await auth_headers("registrar")
    rows = [
        {"ref": "XF-I-1", "received_on": "2024-03-01", "channel": "visit", "persons": 3, "matter_ref": "M-I",
         "accepted": True, "category": "土地征收", "backlog": True,
         "petitioner": {"name": "张三", "id_number": id_number(), "phone": "13812345678"}, "summary": "反映征地补偿"},
        {"ref": "XF-I-2", "received_on": "2024-03-02", "channel": "来信", "accepted": False,
         "not_accepted_reason": "不属于我县管辖", "petitioner": {"name": "李四"}, "summary": "咨询社保转移"},
    ]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    uploaded = await client.post("/api/v1/petitions/import", headers=registrar,
                                 files={"file": ("register.jsonl", body, "application/octet-stream")})
    assert uploaded.status_code == 200, uploaded.text
    assert (uploaded.json()["created"], uploaded.json()["skipped_existing"]) == (2, 0)
    again = await client.post("/api/v1/petitions/import", headers={**registrar, "content-type": "application/x-ndjson"},
                              content=body)
    assert (again.json()["created"], again.json()["skipped_existing"]) == (0, 2)
    bad = body.replace(b'"2024-03-02"', b'"2024/03/02"').replace(b'"M-I"', b'"M-I", "colour": 1')
    rejected = await client.post("/api/v1/petitions/import", headers={**registrar, "content-type": "application/x-ndjson"},
                                 content=bad)
    assert rejected.status_code == 422
    assert [(e["line"], e["field"]) for e in rejected.json()["errors"]] == [(1, "colour"), (2, "received_on")]
    denied = await client.post("/api/v1/petitions/import", headers={**(await auth_headers("handling_officer")),
                                                                   "content-type": "application/x-ndjson"}, content=body)
    assert denied.status_code == 403
    wrong_type = await client.post("/api/v1/petitions/import", headers={**registrar, "content-type": "text/plain"},
                                   content=body)
    assert wrong_type.status_code == 415
