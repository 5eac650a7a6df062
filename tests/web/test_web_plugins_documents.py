"""The document pages: import upload with per-file results, the text and tables of a document, search,
attaching to a matter or a hearing, the review queue of registration forms (fix, confirm, discard)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from hearing_web_support import PASSWORD as HEARING_PASSWORD
from hearing_web_support import prepare_hearing
from web_support import HTML, csrf_of, form_login, new_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins" / "pdf_import"))
import pdf_factory  # noqa: E402 - the PDFs of the document-import tests, generated

SETTINGS = {"pdf_import": {"max_files": 10, "options": {"ocr": False},
                           "limits": {"workers": 1, "memory_mb": 512, "timeout_seconds": 60, "max_file_mb": 5}}}
NOW = dt.datetime(2025, 6, 2, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    app = await make_app(plugins=("pdf_import",), extra=SETTINGS)
    app.clock = lambda: NOW
    return app


async def upload(web: Any, files: list[Path], **fields: str) -> Any:
    page = await web.get("/documents", headers=HTML)
    parts = [("file", (f.name, f.read_bytes(), "application/pdf")) for f in files]
    return await web.post("/documents/import", data={"_csrf_token": csrf_of(page.text), **fields}, files=parts,
                          headers=HTML)


def result_links(html: str) -> list[str]:
    """The documents linked from the import results table."""
    report = html.split('id="h-report"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'href="(/documents/\d+)"', report)


def form_of(html: str, action: str) -> dict[str, str]:
    """The CSRF token and version of the form posting to ``action``."""
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    return {"_csrf_token": csrf_of(form), "version": re.search(r'name="version" value="(\d+)"', form).group(1)}


async def test_import_shows_each_files_result_then_the_text_tables_and_search(browser_as: Any, tmp_path: Path) -> None:
    registrar = await browser_as("registrar")
    page = await registrar.get("/documents", headers=HTML)
    assert page.status_code == 200 and "导入文件" in page.text and '<label for="u-file"' in page.text
    assert 'href="/documents"' in page.text and 'href="/documents/queue"' in page.text  # menu entries
    letter = pdf_factory.letter_pdf(tmp_path / "来信.pdf")
    table = pdf_factory.table_pdf(tmp_path / "台账.pdf")
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(b"this is not a pdf")
    result = await upload(registrar, [letter, table, broken], kind="documents")
    assert result.status_code == 200 and "导入结果" in result.text and "共3个文件，1个未导入" in result.text
    assert "全部可读" in result.text and "导入失败" in result.text and "损坏.pdf" in result.text
    letter_url, table_url = result_links(result.text)
    text = await registrar.get(letter_url, headers=HTML)
    assert text.status_code == 200 and "第1页" in text.text and "信访工作条例" in text.text
    assert "原始文件" in text.text and f"/api/v1{letter_url}/file" in text.text
    tables = await registrar.get(table_url, headers=HTML)
    assert "表格" in tables.text and "<td>张三</td>" in tables.text and "<td>办理状态</td>" in tables.text
    # The results page opened again (reload, language switch) goes back to the list.
    again_get = await registrar.get("/documents/import?lang=en", headers=HTML)
    assert again_get.status_code == 303 and again_get.headers["location"] == "/documents?lang=en"
    again = await upload(registrar, [letter], kind="documents")
    assert "重复文件" in again.text
    found = await registrar.get("/documents", params={"q": "信访工作条例", "lang": "zh"}, headers=HTML)
    assert "来信.pdf" in found.text and "台账.pdf" not in found.text and "《信访工作条例》" in found.text
    nothing = await registrar.get("/documents", params={"q": "没有这句话"}, headers=HTML)
    assert "没有符合条件的文书" in nothing.text
    no_file = await registrar.post("/documents/import", data={"_csrf_token": csrf_of(page.text)}, headers=HTML,
                                   files=[("other", ("x.txt", b"x", "text/plain"))])
    assert no_file.status_code == 422 and "操作未执行" in no_file.text
    bad_option = await upload(registrar, [letter], kind="documents", hearing_id="x")
    assert bad_option.status_code == 422 and "hearing_id" in bad_option.text
    no_token = await registrar.post("/documents/import", headers=HTML, files=[("file", ("a.pdf", b"%PDF", "application/pdf"))])
    assert no_token.status_code == 403
    reader = await browser_as("leader")  # documents.read only: the list, no upload form, no attach form
    listing = await reader.get("/documents", headers=HTML)
    assert listing.status_code == 200 and "来信.pdf" in listing.text and 'id="u-file"' not in listing.text
    assert 'action="/documents/1/attach"' not in (await reader.get(letter_url, headers=HTML)).text
    assert (await reader.get("/documents/999", headers=HTML)).status_code == 404


async def test_a_document_is_attached_to_a_matter_and_as_evidence_to_a_hearing(
        hearing_app: Any, client: Any, browser_as: Any, tmp_path: Path) -> None:
    prepared = await prepare_hearing(hearing_app, dt.date(2025, 6, 24))
    hearing_app.clock = lambda: NOW
    manager = new_client(client.app)
    try:
        assert (await form_login(manager, prepared.manager, HEARING_PASSWORD)).status_code == 303
        result = await upload(manager, [pdf_factory.letter_pdf(tmp_path / "补充材料.pdf")], kind="documents")
        [url] = result_links(result.text)
        page = await manager.get(url, headers=HTML)
        unknown = await manager.post(f"{url}/attach", headers=HTML,
                                     data={**form_of(page.text, f"{url}/attach"), "matter_ref": "M-2099-0001"})
        assert unknown.status_code == 404 and "操作未执行" in unknown.text and 'value="M-2099-0001"' in unknown.text
        attached = await manager.post(f"{url}/attach", headers=HTML, data={
            **form_of(page.text, f"{url}/attach"), "matter_ref": prepared.matter_ref})
        assert attached.status_code == 303 and attached.headers["location"] == url
        stale = await manager.post(f"{url}/attach", headers=HTML, data={
            **form_of(page.text, f"{url}/attach"), "hearing_id": str(prepared.case_id), "party": "1"})
        assert stale.status_code == 409 and "该操作与当前状态冲突" in stale.text
        page = await manager.get(url, headers=HTML)
        assert f'href="/register/matters/{prepared.matter_ref}"' in page.text and 'id="a-matter"' not in page.text
        evidence = await manager.post(f"{url}/attach", headers=HTML, data={
            **form_of(page.text, f"{url}/attach"), "hearing_id": str(prepared.case_id), "party": "1"})
        assert evidence.status_code == 303
        page = await manager.get(url, headers=HTML)
        assert f"听证#{prepared.case_id}" in page.text and "证据" in page.text and f"{url}/attach" not in page.text
        hearing = await manager.get(f"/hearings/{prepared.case_id}", headers=HTML)
        assert "补充材料.pdf" in hearing.text
        by_matter = await manager.get("/documents", params={"matter": prepared.matter_ref}, headers=HTML)
        assert "补充材料.pdf" in by_matter.text
    finally:
        await manager.aclose()


async def test_a_form_that_does_not_validate_is_corrected_and_registered(browser_as: Any, tmp_path: Path) -> None:
    registrar = await browser_as("registrar")
    values = {**pdf_factory.default_form_values(), "事项类别": "土地征收", "身份证号": "440305198001011230"}  # bad check digit
    form = pdf_factory.registration_form_pdf(tmp_path / "登记表.pdf", values)
    result = await upload(registrar, [form], kind="forms")
    assert result.status_code == 200 and "待核对" in result.text and "核对登记表" in result.text
    queue = await registrar.get("/documents/queue", headers=HTML)
    assert "待核对的信访登记表" in queue.text and "王某某" in queue.text
    entry_url = "/documents/queue/" + queue.text.split('href="/documents/queue/')[1].split('"')[0]
    entry = await registrar.get(entry_url, headers=HTML)
    assert "发现的问题" in entry.text and "id_number" in entry.text and 'class="has-error"' in entry.text
    still_bad = await registrar.post(f"{entry_url}/fix", headers=HTML, data={
        **form_of(entry.text, f"{entry_url}/fix"), "f_id_number": "12345"})
    assert still_bad.status_code == 422 and 'value="12345"' in still_bad.text  # the input is kept
    too_early = await registrar.post(f"{entry_url}/confirm", headers=HTML, data={
        **form_of(entry.text, f"{entry_url}/confirm"), "new_matter": "1"})
    assert too_early.status_code == 422 and "id_number" in too_early.text
    fixed = await registrar.post(f"{entry_url}/fix", headers=HTML, data={
        **form_of(entry.text, f"{entry_url}/fix"), "f_id_number": pdf_factory.valid_id_number()})
    assert fixed.status_code == 303
    entry = await registrar.get(entry_url, headers=HTML)
    assert "更正已保存" in entry.text and "发现的问题" not in entry.text
    confirmed = await registrar.post(f"{entry_url}/confirm", headers=HTML, data={
        **form_of(entry.text, f"{entry_url}/confirm"), "new_matter": "1"})
    assert confirmed.status_code == 303
    done = await registrar.get(entry_url, headers=HTML)
    assert "已登记" in done.text and "/register/items/XF-" in done.text and "保存更正" not in done.text
    reader = await browser_as("leader")  # documents.read, not the queue
    assert (await reader.get("/documents/queue", headers=HTML)).status_code == 403
    assert (await reader.get("/documents", headers=HTML)).status_code == 200


async def test_a_form_is_set_aside_with_a_reason(browser_as: Any, tmp_path: Path) -> None:
    registrar = await browser_as("registrar")
    values = {**pdf_factory.default_form_values(), "事项类别": "土地征收", "姓名": ""}  # the name is missing
    result = await upload(registrar, [pdf_factory.registration_form_pdf(tmp_path / "空白.pdf", values)], kind="forms")
    assert "核对登记表" in result.text
    entry_url = re.search(r'href="(/documents/queue/\d+)"', result.text).group(1)
    entry = await registrar.get(entry_url, headers=HTML)
    assert 'id="fx-name"' in entry.text  # a field that was not found can be filled in
    no_reason = await registrar.post(f"{entry_url}/discard", headers=HTML, data={
        **form_of(entry.text, f"{entry_url}/discard"), "reason": ""})
    assert no_reason.status_code == 422
    discarded = await registrar.post(f"{entry_url}/discard", headers=HTML, data={
        **form_of(entry.text, f"{entry_url}/discard"), "reason": "空白登记表，重复扫描"})
    assert discarded.status_code == 303
    done = await registrar.get(entry_url, headers=HTML)
    assert "已作废" in done.text and "确认登记为信访件" not in done.text
    assert "空白.pdf" in (await registrar.get("/documents/queue?state=discarded", headers=HTML)).text
    assert "没有待核对的登记表" in (await registrar.get("/documents/queue", headers=HTML)).text
