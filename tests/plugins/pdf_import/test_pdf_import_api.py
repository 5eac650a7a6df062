"""``/api/v1/documents`` (SQLite, and PostgreSQL with -m db): multipart batches with hostile files,
size and part limits (413), reading and searching, forms and the review queue, permissions."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pdf_factory
from hearing_pdf_import.cli.documents import collect_files
from import_support import EXPECTED, FAILED, PDF_SETTINGS, TextImporterPlugin, form_values

API = "/api/v1/documents"
P = ("pdf_import",)


def upload(*paths: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("file", (p.name, p.read_bytes(), "application/pdf")) for p in paths]


@asynccontextmanager
async def client_for(app: Any) -> AsyncIterator[Any]:
    """An HTTP client on another app of the test (different settings or plugins)."""
    import httpx

    from hearing_core.api import create_app

    transport = httpx.ASGITransport(app=create_app(hearing_app=app))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as other:
        yield other


async def admin_headers(client: Any) -> dict[str, str]:
    from hearing_core.testing import ADMIN_PASSWORD, login

    return await login(client, "admin", ADMIN_PASSWORD)


async def test_a_batch_with_hostile_files_reports_each_file_and_keeps_serving(
    client: Any, auth_headers: Any, batch_dir: Path
) -> None:
    clerk = await auth_headers("clerk")
    files = list(collect_files((batch_dir,)))
    started = time.monotonic()
    response = await client.post(API, headers=clerk, files=upload(*files))
    assert time.monotonic() - started < 120
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["total"], body["failed"]) == (len(EXPECTED), len(FAILED))
    expected = {Path(name).name: value for name, value in EXPECTED.items()}
    assert {i["path"]: (i["error"]["code"] if "error" in i else i["status"]) for i in body["items"]} == expected
    failed = [i for i in body["items"] if i["status"] == "failed"]
    assert all(i["id"] is None and i["error"]["message_zh"] for i in failed)
    listed = await client.get(API, headers=clerk)
    assert listed.status_code == 200 and listed.json()["total"] == len(EXPECTED) - len(FAILED)
    # Same bytes again: duplicates, nothing new.
    again = await client.post(API, headers=clerk, files=upload(batch_dir / "a-letter.pdf"))
    [item] = again.json()["items"]
    assert item["status"] == "duplicate" and item["id"] == next(i["id"] for i in body["items"]
                                                                if i["path"] == "a-letter.pdf")


async def test_the_api_answers_while_a_batch_is_being_parsed(client: Any, auth_headers: Any, tmp_path: Path,
                                                             bomb: Path) -> None:
    from hearing_pdf_import._bench import make_document

    clerk = await auth_headers("clerk")
    long_doc = make_document(tmp_path / "long.pdf", pages=30)
    batch = asyncio.create_task(client.post(API, headers=clerk, files=upload(bomb, long_doc)))
    await asyncio.sleep(0.5)
    health = await client.get("/health")
    assert health.status_code == 200
    assert not batch.done()  # the parsing runs in worker processes, not in the event loop
    result = (await batch).json()
    assert [i["status"] for i in result["items"]] == ["failed", "ok"]
    assert result["items"][0]["error"]["code"] == "memory"


async def test_size_and_part_limits_answer_413(make_app: Any, tmp_path: Path, letter: Path) -> None:
    settings = {"pdf_import": {**PDF_SETTINGS["pdf_import"], "max_files": 2}}
    app = await make_app(plugins=P, extra=settings, max_upload_size=1024 * 1024)
    big = pdf_factory.oversize_pdf(tmp_path / "big.pdf", 2 * 1024 * 1024)
    async with client_for(app) as other:
        headers = await admin_headers(other)
        too_big = await other.post(API, headers=headers, files=upload(big))
        assert too_big.status_code == 413
        assert too_big.headers["content-type"].startswith("application/problem+json")
        too_many = await other.post(API, headers=headers, files=upload(letter, letter, letter))
        assert too_many.status_code == 413 and "at most 2" in too_many.json()["detail"]
        forms = await other.post(f"{API}/forms", headers=headers, files=upload(big))
        assert forms.status_code == 413
        none = await other.post(API, headers=headers, data={"matter_ref": "M-1"}, files=[("other", ("x", b"x"))])
        assert none.status_code == 422 and none.json()["errors"][0]["field"] == "file"
        not_form = await other.post(API, headers=headers, json={"file": "x"})
        assert not_form.status_code == 415
        ok = await other.post(API, headers=headers, files=upload(letter))
        assert ok.status_code == 200 and ok.json()["items"][0]["status"] == "ok"


async def test_reading_a_document_its_text_tables_and_file_and_searching(
    client: Any, auth_headers: Any, batch_dir: Path
) -> None:
    clerk, auditor = await auth_headers("clerk"), await auth_headers("auditor")
    body = (await client.post(API, headers=clerk, files=upload(
        batch_dir / "a-letter.pdf", batch_dir / "b-table.pdf", batch_dir / "c-blank.pdf"))).json()
    letter_id, table_id, blank_id = (i["id"] for i in body["items"])
    shown = (await client.get(f"{API}/{letter_id}", headers=auditor)).json()
    assert (shown["original_name"], shown["pages"], shown["status"]) == ("a-letter.pdf", 1, "ok")
    text = (await client.get(f"{API}/{letter_id}/text", headers=auditor)).json()
    assert "《信访工作条例》" in text["pages"][0]["text"]
    blank = (await client.get(f"{API}/{blank_id}/text", headers=auditor)).json()
    assert blank["pages"][0]["status"] == "no_text_layer" and "无文字层" in blank["pages"][0]["note"]
    tables = (await client.get(f"{API}/{table_id}/tables", headers=auditor)).json()
    assert tables["tables"][0]["rows"][1] == ["1", "张三", "征地拆迁", "已受理"]
    download = await client.get(f"{API}/{letter_id}/file", headers=auditor)
    assert download.status_code == 200 and download.content == (batch_dir / "a-letter.pdf").read_bytes()
    found = (await client.get(API, headers=auditor, params={"q": "工业园区"})).json()
    assert [i["id"] for i in found["items"]] == [letter_id] and found["items"][0]["matches"] == [1]
    paged = (await client.get(API, headers=auditor, params={"page": 2, "per_page": 2})).json()
    oldest = min(letter_id, table_id, blank_id)  # newest first; a batch is stored as its files finish
    assert (paged["total"], paged["page"], [i["id"] for i in paged["items"]]) == (3, 2, [oldest])
    assert (await client.get(f"{API}/999999", headers=auditor)).status_code == 404
    assert (await client.get(API, headers=auditor, params={"per_page": 201})).status_code == 422


async def test_permissions_of_the_document_routes(client: Any, auth_headers: Any, letter: Path) -> None:
    auditor, mediator = await auth_headers("auditor"), await auth_headers("mediator")
    assert (await client.post(API, headers=auditor, files=upload(letter))).status_code == 403
    assert (await client.get(API, headers=mediator)).status_code == 403
    assert (await client.get(API)).status_code == 401
    assert (await client.get(f"{API}/queue", headers=auditor)).status_code == 403
    assert (await client.post(f"{API}/forms", headers=await auth_headers("clerk"), files=upload(letter))).status_code == 403


async def test_attaching_through_the_api(client: Any, auth_headers: Any, admin_ctx: Any, letter: Path) -> None:
    from hearing_core.petitions.service import create_matter

    await create_matter(admin_ctx, "M-9", "征地补偿")
    officer = await auth_headers("handling_officer")
    unknown = await client.post(API, headers=officer, data={"matter_ref": "M-404"}, files=upload(letter))
    assert unknown.status_code == 404
    body = (await client.post(API, headers=officer, data={"matter_ref": "M-9"}, files=upload(letter))).json()
    assert body["items"][0]["attached"] == {"matter_ref": "M-9"}
    both = await client.post(f"{API}/{body['items'][0]['id']}/attach", headers=officer,
                             json={"matter_ref": "M-9", "hearing_id": 1, "party": 1})
    assert both.status_code == 422
    same = await client.post(f"{API}/{body['items'][0]['id']}/attach", headers=officer, json={"matter_ref": "M-9"})
    assert same.status_code == 200 and same.json()["matter_ref"] == "M-9"
    bad = await client.post(API, headers=officer, data={"hearing_id": "x"}, files=upload(letter))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "hearing_id"


async def test_forms_and_the_review_queue_through_the_api(client: Any, auth_headers: Any, tmp_path: Path) -> None:
    registrar = await auth_headers("registrar")
    good = pdf_factory.registration_form_pdf(tmp_path / "good.pdf", form_values())
    values = form_values()
    del values["信访形式"]
    bad = pdf_factory.registration_form_pdf(tmp_path / "bad.pdf", values)
    body = (await client.post(f"{API}/forms", headers=registrar, data={"new_matter": "true"},
                              files=upload(good, bad))).json()
    assert [(i["status"], i.get("item_ref")) for i in body["items"]] == [("registered", "XF-2025-00001"),
                                                                         ("queued", None)]
    assert body["items"][1]["errors"] == [{"field": "channel", "message": body["items"][1]["errors"][0]["message"],
                                           "by": "form"}]
    queue = (await client.get(f"{API}/queue", headers=registrar)).json()
    [entry] = queue["items"]
    assert entry["fields"]["name"]["source"] == "table" and "channel" not in entry["fields"]
    wrong = await client.post(f"{API}/queue/{entry['id']}/fix", headers=registrar,
                              json={"fields": {"channel": "飞鸽传书"}, "version": 1})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "channel"
    fixed = await client.post(f"{API}/queue/{entry['id']}/fix", headers=registrar,
                              json={"fields": {"channel": "来访"}, "version": 1})
    assert fixed.status_code == 200 and fixed.json()["fields"]["channel"]["value"] == "visit"
    stale = await client.post(f"{API}/queue/{entry['id']}/confirm", headers=registrar, json={"version": 1})
    assert stale.status_code == 409
    confirmed = await client.post(f"{API}/queue/{entry['id']}/confirm", headers=registrar,
                                  json={"version": 2, "new_matter": True})
    assert confirmed.status_code == 200 and confirmed.json()["item_ref"] == "XF-2025-00002"
    again = await client.post(f"{API}/queue/{entry['id']}/discard", headers=registrar, json={"reason": "重复"})
    assert again.status_code == 409 and again.json()["current_state"] == "registered"
    everything = (await client.get(f"{API}/queue", headers=registrar, params={"state": "all"})).json()
    assert everything["total"] == 2
    item = await client.get("/api/v1/petitions/XF-2025-00002", headers=registrar)
    assert item.status_code == 200 and item.json()["channel"] == "visit"


async def test_a_third_party_importer_through_the_api(make_app: Any, tmp_path: Path) -> None:
    app = await make_app(plugins=P, extra=PDF_SETTINGS, extra_plugins=[("txt_importer", TextImporterPlugin())])
    note = tmp_path / "摘录.txt"
    note.write_text("信访人反映：道路积水。", encoding="utf-8")
    async with client_for(app) as other:
        headers = await admin_headers(other)
        body = (await other.post(API, headers=headers, files=[("file", (note.name, note.read_bytes(), "text/plain"))]
                                 )).json()
        assert body["items"][0]["status"] == "ok" and body["items"][0]["importer"] == "txt"
        text = (await other.get(f"{API}/{body['items'][0]['id']}/text", headers=headers)).json()
        assert text["pages"][0]["text"] == "信访人反映：道路积水。"


async def test_openapi_lists_the_document_routes(client: Any) -> None:
    paths = (await client.get("/schema/openapi.json")).json()["paths"]
    for path in (API, f"{API}/forms", f"{API}/{{document_id}}/text", f"{API}/queue/{{form_id}}/confirm"):
        assert path in paths, path
