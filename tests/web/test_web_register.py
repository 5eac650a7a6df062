"""The register's pages: intake with repeat suggestions, lists, item actions, matter timeline."""

from __future__ import annotations

import re
from typing import Any

from web_support import HTML, csrf_of, post_form

ID_NUMBER = "11010519491231002X"


def intake(**changes: Any) -> dict[str, Any]:
    data = {"channel": "visit", "received_on": "", "persons": "2", "source": "own_intake", "category": "land_expropriation",
            "purpose": "grievance", "summary": "反映征地补偿款未发放", "request": "尽快发放补偿款",
            "p0_name": "张三", "p0_id_number": ID_NUMBER, "p0_phone": "13812345678", "matter_mode": "new"}
    data.update(changes)
    return data


async def register(web: Any, **changes: Any) -> str:
    response = await post_form(web, "/register/new", "/register/new", intake(**changes))
    assert response.status_code == 303, response.text[:2000]
    match = re.match(r"^/register/items/(XF-\d{4}-\d{5})$", response.headers["location"])
    assert match, response.headers["location"]
    return match.group(1)


async def test_register_a_visit_batch_and_see_it(browser_as: Any, hearing_app: Any) -> None:
    web = await browser_as("registrar", "handling_officer")
    form = await web.get("/register/new", headers=HTML)
    assert form.status_code == 200 and "登记来信来访" in form.text
    for label in ("信访形式", "收到日期", "身份证号", "内容摘要", "诉求", "新建事项"):
        assert label in form.text
    # Every input of the form has a label pointing at it.
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', form.text))
    labelled = set(re.findall(r'<label for="([^"]+)"', form.text))
    assert ids and ids <= labelled, ids - labelled
    ref = await register(web, received_on=hearing_app.today().isoformat())
    page = await web.get(f"/register/items/{ref}", headers=HTML)
    assert page.status_code == 200
    assert f"已登记信访件 {ref}" in page.text  # the flash message
    assert "张三" in page.text and ID_NUMBER in page.text  # a registrar reads personal data in full (audited)
    actions = set(re.findall(r'action="/register/items/[^/]+/actions/(\w+)"', page.text))
    assert actions == {"accept", "not_accept", "route_to_statutory"}  # only what 'registered' allows
    assert "期限计算过程" in page.text and "第15日" in page.text  # the engine's explanation, in Chinese


async def test_intake_errors_keep_the_input(browser_as: Any) -> None:
    web = await browser_as("registrar")
    bad = await post_form(web, "/register/new", "/register/new", intake(p0_id_number="110105194912310021", summary=""))
    assert bad.status_code == 422
    assert "操作未执行" in bad.text and 'value="110105194912310021"' in bad.text
    assert 'aria-invalid="true"' in bad.text and "张三" in bad.text


async def test_repeat_suggestions_while_typing_the_id(browser_as: Any, hearing_app: Any) -> None:
    web = await browser_as("registrar")
    first = await register(web)
    form = await web.get("/register/new", headers=HTML)
    token = csrf_of(form.text)
    fragment = await web.post("/register/suggestions", data={**intake(summary="", p0_name="", p0_phone=""),
                                                             "_csrf_token": token},
                               headers={"hx-request": "true"})
    assert fragment.status_code == 200
    assert "疑似重复信访" in fragment.text and f"M-{first}" in fragment.text and "身份证号相同" in fragment.text
    assert "<html" not in fragment.text  # a fragment, not a page
    nothing = await web.post("/register/suggestions", data={"channel": "visit", "_csrf_token": token},
                             headers={"hx-request": "true"})
    assert nothing.status_code == 200 and "疑似重复" not in nothing.text
    repeat = await register(web, matter_mode="suggested", suggested_matter=f"M-{first}")
    matter = await web.get(f"/register/matters/M-{first}", headers=HTML)
    assert first in matter.text and repeat in matter.text and "重复件1件" in matter.text


async def test_dispose_with_buttons_only_for_allowed_actions(browser_as: Any) -> None:
    web = await browser_as("registrar", "handling_officer")
    ref = await register(web)
    done = await post_form(web, f"/register/items/{ref}", f"/register/items/{ref}/actions/accept", {})
    assert done.status_code == 303
    page = await web.get(f"/register/items/{ref}", headers=HTML)
    assert "已完成：受理" in page.text and "已受理" in page.text
    actions = set(re.findall(r'action="/register/items/[^/]+/actions/(\w+)"', page.text))
    assert actions == {"transfer", "assign", "extend", "issue_opinion", "route_to_statutory"}
    # A stale or impossible action is refused by the service and explained on the page.
    refused = await post_form(web, f"/register/items/{ref}", f"/register/items/{ref}/actions/conclude", {})
    assert refused.status_code == 409 and "操作未执行" in refused.text and "当前可执行" in refused.text
    bad = await post_form(web, f"/register/items/{ref}", f"/register/items/{ref}/actions/assign",
                          {"unit": "县自然资源局", "due_on": "someday"})
    assert bad.status_code == 422 and "due_on" in bad.text
    ok = await post_form(web, f"/register/items/{ref}", f"/register/items/{ref}/actions/assign",
                         {"unit": "县自然资源局", "due_on": "2099-12-31"})
    assert ok.status_code == 303
    assert "县自然资源局" in (await web.get(f"/register/matters/M-{ref}", headers=HTML)).text


async def test_lists_filter_and_page(browser_as: Any) -> None:
    web = await browser_as("registrar")
    refs = [await register(web, summary=f"反映第{n}号问题") for n in range(3)]
    listing = await web.get("/register/items?q=第1号", headers=HTML)
    assert refs[1] in listing.text and refs[0] not in listing.text and "共1条" in listing.text
    channel = await web.get("/register/items?channel=letter", headers=HTML)
    assert "没有符合条件的信访件" in channel.text
    bad = await web.get("/register/items?date_from=yesterday", headers=HTML)
    assert bad.status_code == 422 and "date_from" in bad.text
    matters = await web.get("/register/matters?q=" + refs[2], headers=HTML)
    assert f"M-{refs[2]}" in matters.text


async def test_matter_timeline_shows_items_deadlines_and_audit(browser_as: Any) -> None:
    web = await browser_as("administrator")
    ref = await register(web)
    await post_form(web, f"/register/items/{ref}", f"/register/items/{ref}/actions/accept", {})
    page = await web.get(f"/register/matters/M-{ref}", headers=HTML)
    assert page.status_code == 200
    for text in ("时间线", "收到登记", "已受理", "起算事件", "审计记录", "petition.register", "petition.accept", "听证"):
        assert text in page.text, text
    registrar = await browser_as("registrar")
    theirs = await registrar.get(f"/register/matters/M-{ref}", headers=HTML)
    assert theirs.status_code == 200 and "审计记录" not in theirs.text  # no audit.read
