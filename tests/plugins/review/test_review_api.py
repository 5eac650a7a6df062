"""The review API: routes, permissions, problem details, masking, documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.plugins.review.conftest import ORGANS

pytestmark = pytest.mark.usefixtures("organs")


async def test_application_lifecycle_over_http(client: Any, auth_headers: Any, opinion: Any) -> None:
    item = await opinion(dt.date(2025, 5, 6))
    officer = await auth_headers("review_officer")
    auditor = await auth_headers("auditor")
    body = {"kind": "review", "item_ref": item, "received_on": "2025-05-20", "receiving_organ": "county-gov",
            "applicant": {"name": "张三", "id_number": "440106198001010019", "phone": "13812345678"},
            "request": "撤销原处理意见", "reasons": "补偿标准适用错误",
            "evidence": [{"title": "征收补偿协议复印件", "pages": 3}]}
    r = await client.post("/api/v1/reviews/applications", json=body, headers=officer)
    assert r.status_code == 201, r.text
    ref = r.json()["ref"]
    assert r.json()["applicant"]["id_number"] == "440106********0019"

    r = await client.post("/api/v1/reviews/applications", json=body, headers=auditor)
    assert r.status_code == 403
    r = await client.post("/api/v1/reviews/applications", json={**body, "colour": "red"}, headers=officer)
    assert r.status_code == 400

    r = await client.get(f"/api/v1/reviews/applications/{ref}", headers=auditor)
    assert r.status_code == 200 and r.json()["applicant"]["phone"] == "138****5678"
    r = await client.get(f"/api/v1/reviews/applications/{ref}", headers=officer)
    assert r.json()["applicant"]["phone"] == "13812345678"

    r = await client.post(f"/api/v1/reviews/applications/{ref}/accept", json={"on": "2025-05-21"}, headers=officer)
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    r = await client.post(f"/api/v1/reviews/applications/{ref}/refuse", json={}, headers=officer)
    assert r.status_code == 409 and r.json()["allowed_actions"] == ["decide", "withdraw"]
    r = await client.post(f"/api/v1/reviews/applications/{ref}/decide", headers=officer, json={
        "outcome": "uphold", "findings": "补偿按标准计算", "on": "2025-06-10"})
    assert r.status_code == 200
    r = await client.get(f"/api/v1/reviews/applications/{ref}/documents/opinion", headers=officer)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content[:5] == b"%PDF-"
    r = await client.get(f"/api/v1/reviews/applications/{ref}/documents/notice", headers=officer)
    assert r.status_code == 422 and r.json()["rule"] == "review.nonacceptance_notice"
    r = await client.get(f"/api/v1/reviews/applications/{ref}/deadlines", headers=auditor)
    assert any("期限届满日" in c["explanation"] for c in r.json()["items"])

    r = await client.get("/api/v1/reviews/applications", params={"kind": "review", "state": "decided"}, headers=auditor)
    assert r.json()["total"] == 1 and r.json()["items"][0]["ref"] == ref
    r = await client.get("/api/v1/reviews/report", params={"year": 2025}, headers=auditor)
    assert r.json()["review"]["decided"] == 1 and "信访事项复查申请1件" in r.json()["markdown"]


async def test_late_application_refused_with_the_rule_over_http(client: Any, auth_headers: Any, opinion: Any) -> None:
    item = await opinion(dt.date(2025, 5, 6))
    officer = await auth_headers("review_officer")
    r = await client.post("/api/v1/reviews/applications", headers=officer, json={
        "kind": "review", "item_ref": item, "received_on": "2025-06-30", "receiving_organ": "county-gov",
        "applicant": {"name": "张三"}, "request": "撤销", "reasons": "不服"})
    ref = r.json()["ref"]
    r = await client.post(f"/api/v1/reviews/applications/{ref}/accept", json={}, headers=officer)
    assert r.status_code == 422 and r.json()["rule"] == "review.request_window"
    r = await client.post(f"/api/v1/reviews/applications/{ref}/refuse", json={}, headers=officer)
    assert r.json()["refused_ground"] == "window"
    r = await client.get(f"/api/v1/reviews/applications/{ref}/documents/notice", params={"format": "html"},
                         headers=officer)
    assert r.status_code == 200 and "超过" in r.text


async def test_matters_organs_and_termination_routes(client: Any, auth_headers: Any, opinion: Any) -> None:
    await opinion(dt.date(2025, 5, 6))
    admin, officer = await auth_headers("administrator"), await auth_headers("review_officer")
    r = await client.get("/api/v1/reviews/organs", headers=officer)
    assert r.json()["total"] == len(ORGANS)
    r = await client.post("/api/v1/reviews/organs", headers=officer, json={"organs": [
        {"code": "west-town", "name": "西河镇人民政府", "level": "township", "parent": "county-gov"}]})
    assert r.status_code == 403
    r = await client.post("/api/v1/reviews/organs", headers=admin, json={"organs": [
        {"code": "west-town", "name": "西河镇人民政府", "level": "township", "parent": "nowhere"}]})
    assert r.status_code == 422
    r = await client.post("/api/v1/reviews/matters/M-001/terminate", headers=officer,
                          json={"reason": "review_window_lapsed"})
    assert r.status_code == 200 and r.json()["terminated_on"] == "2025-06-06"
    r = await client.post("/api/v1/reviews/matters/M-001/followups", headers=officer,
                          json={"kind": "assistance", "staff": "李干部", "note": "协助申请临时救助", "on": "2025-07-01"})
    assert r.status_code == 201
    r = await client.get("/api/v1/reviews/matters/M-001", headers=officer)
    assert r.json()["terminated"] and len(r.json()["followups"]) == 1
    r = await client.post("/api/v1/petitions", headers=admin, json={
        "received_on": "2025-07-02", "channel": "visit", "summary": "再次反映", "petitioners": [{"name": "张三"}],
        "matter_ref": "M-001"})
    assert r.status_code == 422 and "终结" in r.json()["detail"]
