"""The mediation API (/api/v1/mediation/...): a centre's day, problem details, scope, masking."""

from __future__ import annotations

from typing import Any

from mediation_helpers import id_number

LI = {"name": "李德明", "id_number": id_number("19780605", "152"), "phone": "13700002222", "address": "城关镇东街5号"}


async def setup_centre(client: Any, auth_headers: Any) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """Admin creates the centre and committee; returns (centre, desk headers, mediator headers)."""
    admin = await auth_headers("administrator")
    r = await client.post("/api/v1/mediation/centres", headers=admin, json={
        "code": "CGZ", "name": "城关镇信访服务中心", "committee_name": "城关镇人民调解委员会", "doc_prefix": "城调"})
    assert r.status_code == 201, r.text
    centre = r.json()
    desk = await auth_headers("centre_staff", username="desk1")
    chen = await auth_headers("mediator", username="chen")
    for name, role, sex, user in (("陈明", "chair", "male", "chen"), ("林芳", "member", "female", None), ("黄伟", "member", "male", None)):
        body = {"centre_id": centre["id"], "name": name, "committee_role": role, "sex": sex, "username": user}
        r = await client.post("/api/v1/mediation/mediators", headers=admin, json=body)
        assert r.status_code == 201, r.text
    r = await client.post(f"/api/v1/mediation/centres/{centre['id']}/members", headers=admin, json={"username": "desk1"})
    assert r.status_code == 201 and {m["username"] for m in r.json()["members"]} == {"desk1", "chen"}
    centre = (await client.get(f"/api/v1/mediation/centres/{centre['id']}", headers=admin)).json()
    assert centre["committee"]["complete"] is True
    return centre, desk, chen


async def test_a_centres_day_through_the_api(client: Any, auth_headers: Any) -> None:
    centre, desk, chen = await setup_centre(client, auth_headers)
    base = "/api/v1/mediation"
    r = await client.post(f"{base}/reception", headers=desk, json={
        "centre_id": centre["id"], "persons": 3, "petitioners": [{"name": "张秀英"}], "matter": "咨询政策",
        "action": "explain", "disposal": {"note": "当场讲解"}})
    assert r.status_code == 201, r.text
    assert (r.json()["disposition"], r.json()["register"]["status"]) == ("explained_on_spot", "not_accepted")
    r = await client.post(f"{base}/reception", headers=desk, json={
        "centre_id": centre["id"], "persons": 2, "petitioners": [LI], "matter": "宅基地围墙纠纷"})
    batch = r.json()
    r = await client.post(f"{base}/reception/{batch['id']}/mediate", headers=desk, json={
        "respondents": [{"name": "王建华"}], "version": batch["version"]})
    assert r.status_code == 200, r.text
    case_id = r.json()["case_id"]

    async def act(path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        response = await client.post(f"{base}/{path}", headers=chen, json=body)
        assert response.status_code == status, response.text
        return response.json()  # type: ignore[no-any-return]

    await act(f"cases/{case_id}/responses", {"party": "王建华", "consent": "agrees"})
    ids = [m["id"] for m in centre["mediators"][:2]]
    await act(f"cases/{case_id}/mediators", {"mediator_ids": ids, "chosen_by": "parties"})
    case = await act(f"cases/{case_id}/accept", {})
    assert case["state"] == "in_mediation" and case["duration"]["rule_id"] == "mediation.duration"
    await act(f"cases/{case_id}/sessions", {"place": "调解室", "parties_present": ["李德明", "王建华"],
                                            "mediators_present": ["陈明"], "notes": "双方同意以界址为准"})
    agreement = await act(f"cases/{case_id}/agreement", {
        "facts": "两户相邻", "disputes": "围墙位置", "terms": [{"content": "拆除越界围墙", "obligor": "王建华"}]}, status=201)
    for signer in ("李德明", "王建华", "陈明"):
        agreement = await act(f"agreements/{agreement['id']}/signatures", {"signer": signer})
    assert agreement["state"] == "effective" and agreement["judicial_confirmation"]["due"] == "2026-01-30"
    pdf = await client.get(f"{base}/agreements/{agreement['id']}/document", headers=chen)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = await client.get(f"{base}/agreements/{agreement['id']}/document?format=html", headers=chen)
    assert html.headers["content-type"].startswith("text/html") and "人民调解协议书" in html.text
    agreement = await act(f"agreements/{agreement['id']}/judicial-confirmation",
                          {"applicants": ["李德明", "王建华"], "court": "临江县人民法院"})
    assert agreement["confirmation"] == "applied"
    report = (await client.get(f"{base}/report?year=2025", headers=chen)).json()
    assert report["reception"]["received"] == {"batches": 2, "persons": 5}
    assert report["cases"]["succeeded"] == 1 and report["markdown"].startswith("2025年信访服务中心共接待群众2批5人次")
    listed = (await client.get(f"{base}/reception?centre_id={centre['id']}&per_page=1", headers=desk)).json()
    assert (listed["total"], len(listed["items"]), listed["per_page"]) == (2, 1, 1)
    cases = (await client.get(f"{base}/cases?state=agreed", headers=chen)).json()
    assert [c["id"] for c in cases["items"]] == [case_id]


async def test_problem_details(client: Any, auth_headers: Any) -> None:
    centre, desk, chen = await setup_centre(client, auth_headers)
    base = "/api/v1/mediation"
    r = await client.post(f"{base}/reception", headers=desk, json={"centre_id": centre["id"], "petitioners": [{"name": "甲"}],
                                                                   "matter": "事项", "surprise": 1})
    assert r.status_code == 400 and "surprise" in r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    r = await client.post(f"{base}/reception", headers=desk, json={"centre_id": centre["id"], "persons": 1,
                                                                   "petitioners": [{"name": "甲", "id_number": "123"}], "matter": ""})
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} >= {"petitioners[0].id_number", "matter"}
    batch = (await client.post(f"{base}/reception", headers=desk, json={
        "centre_id": centre["id"], "petitioners": [{"name": "甲"}], "matter": "事项"})).json()
    done = await client.post(f"{base}/reception/{batch['id']}/transfer", headers=desk, json={"unit": "县人社局"})
    assert done.status_code == 200
    again = await client.post(f"{base}/reception/{batch['id']}/explain", headers=desk, json={"note": "x"})
    assert again.status_code == 409 and again.json()["current_state"] == "transferred"
    stale = await client.post(f"{base}/reception/{batch['id']}/transfer", headers=desk, json={"unit": "x", "version": 1})
    assert stale.status_code == 409
    leader = await auth_headers("leader", username="leader1")
    assert (await client.post(f"{base}/reception/{batch['id']}/explain", headers=leader, json={"note": "x"})).status_code == 403
    assert (await client.post(f"{base}/centres", headers=desk, json={"code": "X", "name": "x", "committee_name": "y"})).status_code == 403
    assert (await client.get(f"{base}/centres")).status_code == 401


async def test_scope_and_masking(client: Any, auth_headers: Any) -> None:
    centre, desk, chen = await setup_centre(client, auth_headers)
    base = "/api/v1/mediation"
    admin = await auth_headers("administrator")
    other = (await client.post(f"{base}/centres", headers=admin, json={"code": "DSZ", "name": "东山", "committee_name": "东山调委会"})).json()
    stranger = await auth_headers("centre_staff", username="desk2")
    await client.post(f"{base}/centres/{other['id']}/members", headers=admin, json={"username": "desk2"})
    batch = (await client.post(f"{base}/reception", headers=desk, json={
        "centre_id": centre["id"], "petitioners": [LI], "matter": "事项"})).json()
    hidden = await client.get(f"{base}/reception/{batch['id']}", headers=stranger)
    missing = await client.get(f"{base}/reception/999999", headers=stranger)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(str(batch["id"]), "N") == missing.json()["detail"].replace("999999", "N")
    assert (await client.get(f"{base}/centres/{centre['id']}", headers=stranger)).status_code == 404
    assert [c["code"] for c in (await client.get(f"{base}/centres", headers=stranger)).json()] == ["DSZ"]
    assert (await client.get(f"{base}/reception", headers=stranger)).json()["total"] == 0
    leader = await auth_headers("leader", username="leader1")
    seen = (await client.get(f"{base}/reception/{batch['id']}", headers=leader)).json()
    assert seen["personal_data_masked"] and seen["petitioners"][0]["phone"] == "137****2222"
    assert LI["id_number"] not in (await client.get(f"{base}/reception", headers=leader)).text
    full = (await client.get(f"{base}/reception/{batch['id']}", headers=desk)).json()
    assert full["petitioners"][0]["id_number"] == LI["id_number"]


async def test_every_mediation_route_is_in_the_schema_with_a_permission(client: Any) -> None:
    spec = (await client.get("/schema/openapi.json")).json()
    paths = [p for p in spec["paths"] if p.startswith("/api/v1/mediation")]
    assert "/api/v1/mediation/reception/{batch_id}/{action}" in paths and "/api/v1/mediation/report" in paths
    permissions = {r.handler.opt.get("permission") for r in _handlers(client.app) if r.path.startswith("/api/v1/mediation")}
    assert permissions == {"mediation.read", "mediation.desk", "mediation.cases", "mediation.admin"}


def _handlers(asgi: Any) -> list[Any]:
    class Entry:
        def __init__(self, path: str, handler: Any) -> None:
            self.path, self.handler = path, handler

    return [Entry(route.path, h) for route in asgi.routes for h in getattr(route, "route_handlers", [])
            if h.handler_name != "options_handler"]
