"""The mediation pages: the reception desk (a visit batch with its disposition), cases, agreements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from plugin_web_support import mediation_centre
from web_support import HTML, PASSWORD, csrf_of, form_login, new_client, post_form


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    return await make_app(plugins=("mediation",))


@pytest.fixture
async def centre(hearing_app: Any) -> dict[str, Any]:
    return await mediation_centre(hearing_app)


async def logged_in(client: Any, username: str) -> Any:
    web = new_client(client.app)
    assert (await form_login(web, username, PASSWORD)).status_code == 303
    return web


async def test_the_desk_registers_a_batch_with_its_disposition(client: Any, centre: dict[str, Any]) -> None:
    desk = await logged_in(client, "desk1")
    page = await desk.get("/mediation/desk", headers=HTML)
    assert page.status_code == 200 and "调解工作台" in page.text and "接待登记簿" in page.text and "登记来访" in page.text
    assert "城关镇信访服务中心" in page.text and 'href="/mediation/desk"' in page.text
    for label_for in ("b-centre", "b-date", "b-persons", "b-p0-name", "b-matter", "d-action", "d-note"):
        assert f'<label for="{label_for}"' in page.text, label_for
    bad = await post_form(desk, "/mediation/desk", "/mediation/desk", {
        "centre_id": str(centre["id"]), "received_on": "2099-01-01", "persons": "2", "p0_name": "张秀英", "matter": "",
        "action": "explain"})
    assert bad.status_code == 422 and "操作未执行" in bad.text and "张秀英" in bad.text  # the form keeps its input
    done = await post_form(desk, "/mediation/desk", "/mediation/desk", {
        "centre_id": str(centre["id"]), "persons": "2", "p0_name": "张秀英", "p0_phone": "13812345678",
        "p1_name": "张伟", "matter": "咨询城乡居民养老保险补缴政策", "action": "explain",
        "note": "讲解补缴条件和办理流程，当事人表示理解"})
    assert done.status_code == 303 and done.headers["location"].startswith("/mediation/reception/")
    batch = await desk.get(done.headers["location"], headers=HTML)
    assert "当场疏导解释" in batch.text and "讲解补缴条件" in batch.text and "XF-" in batch.text
    log = await desk.get("/mediation/desk", headers=HTML)
    assert "张秀英、张伟" in log.text and "咨询城乡居民养老保险补缴政策" in log.text
    no_token = await desk.post("/mediation/desk", data={"centre_id": str(centre["id"]), "matter": "x"}, headers=HTML)
    assert no_token.status_code == 403


async def test_a_batch_goes_to_mediation_and_ends_in_a_signed_agreement(client: Any, centre: dict[str, Any]) -> None:
    desk, chen = await logged_in(client, "desk1"), await logged_in(client, "chen")
    received = await post_form(desk, "/mediation/desk", "/mediation/desk", {
        "centre_id": str(centre["id"]), "persons": "1", "p0_name": "李德明", "matter": "宅基地围墙纠纷"})
    batch_url = received.headers["location"]
    waiting = await desk.get(batch_url, headers=HTML)
    assert "待处理" in waiting.text and "处理本批来访" in waiting.text
    mediated = await post_form(desk, batch_url, f"{batch_url}/dispose", {"action": "mediate", "r_name": "王建华",
                                                                           "application": "one_party", "note": "双方愿意调解"})
    assert mediated.status_code == 303
    case_link = (await desk.get(batch_url, headers=HTML)).text.split('href="/mediation/cases/')[1].split('"')[0]
    case_url = f"/mediation/cases/{case_link}"
    page = await chen.get(case_url, headers=HTML)
    assert page.status_code == 200 and "王建华" in page.text and "登记当事人是否同意调解" in page.text
    chen_id = str(centre["mediators"][0]["id"])
    for form, data in (("respond", {"party": "王建华", "consent": "agrees"}),
                       ("mediators", {"mediator_ids": chen_id, "chosen_by": "designated"}),
                       ("accept", {}),
                       ("session", {"place": "城关镇调解室", "parties_present": ["李德明", "王建华"],
                                    "mediators_present": "陈明", "notes": "双方同意按宅基地证界址重建围墙"})):
        answer = await post_form(chen, case_url, f"{case_url}/{form}", data)
        assert answer.status_code == 303, (form, answer.text[:2000])
    drafted = await post_form(chen, case_url, f"{case_url}/agreement", {
        "facts": "李德明与王建华系相邻住户", "disputes": "围墙是否越界", "terms": "王建华拆除越界部分围墙|王建华|自行拆除|2099-12-31"})
    assert drafted.status_code == 303 and "/mediation/agreements/" in drafted.headers["location"]
    agreement_url = drafted.headers["location"]
    page = await chen.get(agreement_url, headers=HTML)
    assert "人民调解协议书" in page.text and "王建华拆除越界部分围墙" in page.text and "尚待签名" in page.text
    for signer in ("李德明", "王建华", "陈明"):
        assert (await post_form(chen, agreement_url, f"{agreement_url}/sign", {"signer": signer})).status_code == 303
    effective = await chen.get(agreement_url, headers=HTML)
    assert "已生效" in effective.text and "当事人可在" in effective.text and "共同申请司法确认" in effective.text
    pdf = await chen.get(f"/api/v1/mediation/agreements/{agreement_url.rsplit('/', 1)[1]}/document?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    cases = await chen.get("/mediation/cases", headers=HTML)
    assert "调解成功" in cases.text and "宅基地围墙纠纷" in cases.text


async def test_who_may_open_the_mediation_pages(client: Any, centre: dict[str, Any], browser_as: Any) -> None:
    registrar = await browser_as("registrar")
    assert (await registrar.get("/mediation/desk", headers=HTML)).status_code == 403
    assert "调解工作台" not in (await registrar.get("/", headers=HTML)).text
    leader = await browser_as("leader")  # reads every centre, records nothing
    page = await leader.get("/mediation/desk", headers=HTML)
    assert page.status_code == 200 and "登记来访" not in page.text.split("</h2>", 2)[-1]
    mediator = await logged_in(client, "chen")
    assert (await mediator.post("/mediation/desk", headers=HTML, data={
        "_csrf_token": csrf_of((await mediator.get("/mediation/desk", headers=HTML)).text), "centre_id": "1",
        "matter": "x"})).status_code == 403
