"""``/api/v1/reports``: figures, exports, drill-down and snapshots over HTTP."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

import pytest
from report_fixtures import SEED_FIGURES, SEED_SENTENCES

from hearing_core.audit.tables import AuditEntry

Headers = Callable[..., Awaitable[dict[str, str]]]


@pytest.fixture
async def hearing_app(seeded: Any) -> Any:
    """The API tests run on the seeded instance (``client`` and ``auth_headers`` use this fixture)."""
    return seeded


async def test_annual_json_and_exports(client: Any, auth_headers: Headers) -> None:
    import pdfplumber

    headers = await auth_headers("leader")
    got = await client.get("/api/v1/reports/annual", params={"year": 2023}, headers=headers)
    assert got.status_code == 200, got.text
    figures = got.json()["figures"]
    assert {k: figures[k] for k in SEED_FIGURES} == SEED_FIGURES
    md = await client.get("/api/v1/reports/annual", params={"year": 2023, "format": "md"}, headers=headers)
    assert md.headers["content-type"].startswith("text/markdown") and SEED_SENTENCES[1] in md.text
    assert unquote(md.headers["content-disposition"]).endswith("2023年信访工作情况报告.md")
    html = await client.get(
        "/api/v1/reports/annual", params={"year": 2023, "format": "html"}, headers=headers
    )
    assert html.headers["content-type"].startswith("text/html") and SEED_SENTENCES[2] in html.text
    pdf = await client.get("/api/v1/reports/annual", params={"year": 2023, "format": "pdf"}, headers=headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join("".join(page.extract_text().split()) for page in document.pages)
    assert "全年实际受理群众来信来访566件" in text
    exports = await AuditEntry.count().where(AuditEntry.action == "report.export").run()
    assert exports == 3


async def test_published_previous_year_and_bad_requests(client: Any, auth_headers: Headers) -> None:
    headers = await auth_headers("registrar")
    params = {"year": 2023, "previous_accepted": 500, "previous_distinct_matters": 300}
    figures = (await client.get("/api/v1/reports/annual", params=params, headers=headers)).json()["figures"]
    assert (figures["accepted_yoy_pct"], figures["distinct_yoy_pct"]) == ("13.2", "16.0")
    half = await client.get(
        "/api/v1/reports/annual", params={"year": 2023, "previous_accepted": 500}, headers=headers
    )
    assert half.status_code == 422
    bad = await client.get("/api/v1/reports/annual", params={"year": 2023, "format": "docx"}, headers=headers)
    assert bad.status_code == 422 and "format" in bad.text
    assert (
        await client.get("/api/v1/reports/annual", params={"year": 99}, headers=headers)
    ).status_code == 422


async def test_drill_down(client: Any, auth_headers: Headers) -> None:
    headers = await auth_headers("handling_officer")
    got = await client.get(
        "/api/v1/reports/annual/drill", params={"year": 2023, "figure": "backlog"}, headers=headers
    )
    assert got.status_code == 200
    body = got.json()
    assert body["total"] == 52 and body["unit"] == "matters" and len(body["items"]) == 50
    persons = await client.get("/api/v1/reports/annual/drill",
                               params={"year": 2023, "figure": "visit_persons", "per_page": 1}, headers=headers)  # fmt: skip
    assert persons.json()["persons"] == 1134
    unknown = await client.get(
        "/api/v1/reports/annual/drill", params={"year": 2023, "figure": "x"}, headers=headers
    )
    assert unknown.status_code == 422 and "figures are:" in unknown.text


async def test_snapshots(client: Any, auth_headers: Headers) -> None:
    leader, registrar = await auth_headers("leader"), await auth_headers("registrar")
    refused = await client.post("/api/v1/reports/annual/snapshots", json={"year": 2023}, headers=registrar)
    assert refused.status_code == 403
    made = await client.post(
        "/api/v1/reports/annual/snapshots", json={"year": 2023, "note": "报市信访局"}, headers=leader
    )
    assert made.status_code == 201, made.text
    snap = made.json()
    assert snap["report"]["figures"]["distinct_matters"] == 348 and len(snap["sha256"]) == 64
    extra = await client.post(
        "/api/v1/reports/annual/snapshots", json={"year": 2023, "bogus": 1}, headers=leader
    )
    assert extra.status_code == 400
    listed = (await client.get("/api/v1/reports/annual/snapshots", headers=registrar)).json()
    assert (
        listed["total"] == 1
        and listed["items"][0]["sha256"] == snap["sha256"]
        and "report" not in listed["items"][0]
    )
    one = await client.get(
        f"/api/v1/reports/annual/snapshots/{snap['id']}", params={"verify": "true"}, headers=registrar
    )
    assert one.json()["verification"]["intact"] is True and one.json()["verification"]["reproducible"] is True
    pdf = await client.get(
        f"/api/v1/reports/annual/snapshots/{snap['id']}", params={"format": "pdf"}, headers=registrar
    )
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    missing = await client.get("/api/v1/reports/annual/snapshots/999", headers=registrar)
    assert missing.status_code == 404


async def test_other_roles_are_refused(client: Any, auth_headers: Headers) -> None:
    clerk = await auth_headers("clerk")
    for path in (
        "/api/v1/reports/annual",
        "/api/v1/reports/annual/drill",
        "/api/v1/reports/annual/snapshots",
    ):
        response = await client.get(path, params={"year": 2023, "figure": "total"}, headers=clerk)
        assert response.status_code == 403, path
    assert (await client.get("/api/v1/reports/annual", params={"year": 2023})).status_code == 401
