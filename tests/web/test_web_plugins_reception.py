"""The leader-reception pages: the calendar with its notices, the reception day, the follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from plugin_web_support import reception_setup
from web_support import HTML, PASSWORD, form_login, new_client, post_form


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    return await make_app(plugins=("reception",))


async def logged_in(client: Any, username: str) -> Any:
    web = new_client(client.app)
    assert (await form_login(web, username, PASSWORD)).status_code == 303
    return web


async def test_the_calendar_shows_receptions_and_records_the_notice(client: Any, hearing_app: Any) -> None:
    setup = await reception_setup(hearing_app)
    desk = await logged_in(client, setup["desk"])
    page = await desk.get("/reception", headers=HTML)
    assert page.status_code == 200 and "领导接访日程" in page.text and "李明（县委书记）" in page.text
    assert "县信访局群众接待大厅" in page.text and "已安排" in page.text and "接访公示" in page.text
    assert "逾期未公示" in page.text or "待公示" in page.text
    published = await post_form(desk, "/reception", "/reception/notices", {
        "receptions": str(setup["reception_id"]), "channels": "县电视台\n镇村公开栏"})
    assert published.status_code == 303
    after = await desk.get("/reception", headers=HTML)
    assert "公示晚于期限" in after.text  # published on the day itself: recorded, flagged late
    assert f"receptions={setup['reception_id']}" in after.text


async def test_a_reception_day_from_visitors_to_the_departments_reply(client: Any, hearing_app: Any,
                                                                       browser_as: Any) -> None:
    setup = await reception_setup(hearing_app)
    desk, leader = await logged_in(client, setup["desk"]), await logged_in(client, setup["leader"])
    url = f"/reception/{setup['reception_id']}"
    assert (await post_form(desk, url, f"{url}/open", {})).status_code == 303
    page = await desk.get(url, headers=HTML)
    assert "接访中" in page.text and "来访登记" in page.text and '<label for="v-summary"' in page.text
    missing = await post_form(desk, url, f"{url}/visitors", {"persons": "3", "p0_name": "张秀英", "summary": ""})
    assert missing.status_code == 422 and "张秀英" in missing.text
    registered = await post_form(desk, url, f"{url}/visitors", {
        "persons": "3", "p0_name": "张秀英", "p0_phone": "13812345678", "summary": "反映征地补偿款未足额发放",
        "new_matter": "1"})
    assert registered.status_code == 303
    page = await desk.get(url, headers=HTML)
    assert "第1批" in page.text and "张秀英" in page.text and "待接谈" in page.text and "XF-" in page.text
    case_id = page.text.split('id="case-')[1].split('"')[0]
    heard = await post_form(desk, url, f"/reception/cases/{case_id}/hear",
                            {"note": "请县自然资源局核实并限期答复", "outcome": "by_deadline"})
    assert heard.status_code == 303
    seen = await leader.get(url, headers=HTML)
    assert "张*英" in seen.text and "张秀英" not in seen.text  # the leader has no personal_data.read
    assert "登记领导批示" in seen.text and "来访登记" not in seen.text
    instructed = await post_form(leader, url, f"/reception/cases/{case_id}/instruct",
                                 {"text": "请县自然资源局十日内核实答复", "leader": "李明"})
    assert instructed.status_code == 303
    due = (hearing_app.today() + dt.timedelta(days=10)).isoformat()
    transferred = await post_form(desk, url, f"/reception/cases/{case_id}/transfer",
                                  {"department": "县自然资源局", "reply_due": due})
    assert transferred.status_code == 303
    officer = await browser_as("handling_officer")
    replied = await post_form(officer, url, f"/reception/cases/{case_id}/reply", {"text": "经核实已补发", "resolved": "yes"})
    assert replied.status_code == 303
    page = await desk.get(url, headers=HTML)
    assert "经核实已补发" in page.text and "已解决" in page.text and "县自然资源局" in page.text
    not_desk = await post_form(leader, url, f"{url}/close", {})
    assert not_desk.status_code == 403
    assert (await post_form(desk, url, f"{url}/close", {})).status_code == 303
    assert "已接访" in (await desk.get("/reception", headers=HTML)).text
