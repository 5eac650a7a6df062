"""The document routes and commands: content types, problem details, files written."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from hearing_support import HEARING_DAY, PASSWORD, Story, make_user

from hearing_core.testing import login


@pytest.fixture
async def hearing_app(app: Any) -> Any:
    """The story's app serves the HTTP client too (one clock, one instance)."""
    return app


async def test_document_docket_and_sittings_routes(story: Story, client: Any) -> None:
    await story.ready()
    headers = await login(client, story.manager.actor.username, PASSWORD)
    base = f"/api/v1/hearings/{story.case_id}/documents"

    response = await client.get(f"{base}/notice", params={"participant": 1}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.headers["cache-control"] == "no-store"
    assert "hearing-" in response.headers["content-disposition"]

    html = await client.get(f"{base}/announcement", params={"format": "html"}, headers=headers)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "听证公告" in html.text and "张*" in html.text

    missing = await client.get(f"{base}/notice", headers=headers)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "participant"
    unknown = await client.get(f"{base}/minutes", headers=headers)
    assert unknown.status_code == 422
    early = await client.get(f"{base}/report", headers=headers)
    assert early.status_code == 409 and "conclusion" in early.json()["detail"]

    docket = await client.get("/api/v1/hearings/docket", params={"date": HEARING_DAY.isoformat(), "format": "csv"},
                              headers=headers)
    assert docket.status_code == 200 and docket.headers["content-type"].startswith("text/csv")
    assert docket.content.startswith(b"\xef\xbb\xbf") and "attachment" in docket.headers["content-disposition"]
    assert "县信访局听证室" in docket.content.decode("utf-8-sig")

    sittings = await client.get("/api/v1/hearings/sittings", headers=headers, params={
        "from": HEARING_DAY.isoformat(), "to": HEARING_DAY.isoformat(), "officer": story.presiding.actor.username})
    assert sittings.status_code == 200, sittings.text
    (officer,) = sittings.json()["officers"]
    assert officer["name"] == "王主持" and officer["days"][0]["sittings"][0]["case_id"] == story.case_id

    outsider = await make_user(story.app, "officer_x", "hearing_officer")
    other = await login(client, outsider.actor.username, PASSWORD)
    assert (await client.get(f"{base}/record", headers=other)).status_code == 404
    assert (await client.get(f"{base}/record")).status_code == 401


async def test_document_commands_write_files(story: Story, cli: Any, tmp_path: Path) -> None:
    await story.ready()

    def run(*args: str) -> Any:
        # Each command runs its own event loop (asyncio.run): give it a thread of its own.
        return asyncio.to_thread(cli, *args)

    notice = tmp_path / "notice.pdf"
    result = await run("hearings", "documents", str(story.case_id), "notice", "--participant", "1", "--output", str(notice))
    assert result.exit_code == 0, result.output
    assert notice.read_bytes().startswith(b"%PDF-")
    record = tmp_path / "record.html"
    assert (await run("hearings", "documents", str(story.case_id), "record", "--format", "html", "-o", str(record))).exit_code == 0
    assert "听证笔录" in record.read_text(encoding="utf-8")

    docket = tmp_path / "docket.csv"
    result = await run("hearings", "docket", "--date", HEARING_DAY.isoformat(), "--format", "csv", "--output", str(docket))
    assert result.exit_code == 0 and docket.read_bytes().startswith(b"\xef\xbb\xbf")

    result = await run("hearings", "sittings", "--from", HEARING_DAY.isoformat(), "--to", HEARING_DAY.isoformat())
    assert result.exit_code == 0 and "== 县信访局听证室" in result.output and "已排期" in result.output
    result = await run("hearings", "documents", str(story.case_id), "report", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 1 and "error: the hearing report needs the conclusion" in result.stderr
