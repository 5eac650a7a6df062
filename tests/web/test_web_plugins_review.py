"""The review pages: applications, the admissibility checklist, the decision, the opinion, termination."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from plugin_web_support import review_setup
from web_support import HTML, PASSWORD, form_login, new_client, post_form


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    return await make_app(plugins=("review",))


async def logged_in(client: Any, username: str) -> Any:
    web = new_client(client.app)
    assert (await form_login(web, username, PASSWORD)).status_code == 303
    return web


async def test_an_application_is_examined_accepted_decided_and_served(client: Any, hearing_app: Any) -> None:
    setup = await review_setup(hearing_app)
    officer = await logged_in(client, setup["officer"])
    listing = await officer.get("/reviews", headers=HTML)
    assert listing.status_code == 200 and "复查复核申请" in listing.text and setup["ref"] in listing.text
    url = f"/reviews/applications/{setup['ref']}"
    page = await officer.get(url, headers=HTML)
    assert "受理条件审查" in page.text and "尚未审查受理条件" in page.text and "重新审查受理条件" in page.text
    examined = await post_form(officer, url, f"{url}/examine", {})
    assert examined.status_code == 303
    page = await officer.get(url, headers=HTML)
    for ground in ("原意见已送达", "申请人适格", "在申请期限内", "向上一级机关提出", "未被其他机关受理", "信访事项未终结"):
        assert ground in page.text, ground
    assert page.text.count('class="pass"') == 7 and 'class="fail"' not in page.text
    assert (await post_form(officer, url, f"{url}/accept", {})).status_code == 303
    refused = await post_form(officer, url, f"{url}/decide", {"outcome": "uphold", "findings": ""})
    assert refused.status_code == 422 and "操作未执行" in refused.text and "findings" in refused.text
    decided = await post_form(officer, url, f"{url}/decide", {"outcome": "uphold", "findings": "经实地测量，原处理意见并无不当。",
                                                             "decided_by": "县人民政府"})
    assert decided.status_code == 303
    page = await officer.get(url, headers=HTML)
    assert "维持" in page.text and "经实地测量" in page.text and "复查（复核）意见书（PDF）" in page.text
    assert (await post_form(officer, url, f"{url}/serve", {})).status_code == 303
    pdf = await officer.get(f"/api/v1/reviews/applications/{setup['ref']}/documents/opinion?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    matter = await officer.get(f"/reviews/matters/{setup['matter_ref']}", headers=HTML)
    assert matter.status_code == 200 and "尚未终结" in matter.text and setup["ref"] in matter.text


async def test_a_late_application_shows_the_failed_ground_and_is_refused(client: Any, hearing_app: Any) -> None:
    setup = await review_setup(hearing_app, received_days_after=45)
    officer = await logged_in(client, setup["officer"])
    url = f"/reviews/applications/{setup['ref']}"
    accept = await post_form(officer, url, f"{url}/accept", {})
    assert accept.status_code == 422 and "window" in accept.text
    await post_form(officer, url, f"{url}/examine", {})
    page = await officer.get(url, headers=HTML)
    assert 'class="fail"' in page.text and "超过" in page.text and "review.request_window" in page.text
    assert (await post_form(officer, url, f"{url}/refuse", {})).status_code == 303
    page = await officer.get(url, headers=HTML)
    assert "不予受理" in page.text and "不予受理告知书（PDF）" in page.text


async def test_a_matter_is_terminated_from_its_review_page(client: Any, hearing_app: Any, browser_as: Any) -> None:
    setup = await review_setup(hearing_app)
    officer = await logged_in(client, setup["officer"])
    url = f"/reviews/matters/{setup['matter_ref']}"
    done = await post_form(officer, url, f"{url}/terminate", {"reason": "statutory_route", "note": "已提起行政诉讼"})
    assert done.status_code == 303
    page = await officer.get(url, headers=HTML)
    assert "已导入法定程序" in page.text and "不再受理" in page.text
    reader = await browser_as("registrar")  # reviews.read only
    assert (await reader.get(url, headers=HTML)).status_code == 200
    page = await reader.get(f"/reviews/applications/{setup['ref']}", headers=HTML)
    assert page.status_code == 200 and "可办理的操作" not in page.text
    assert (await post_form(reader, f"/reviews/applications/{setup['ref']}",
                            f"/reviews/applications/{setup['ref']}/examine", {})).status_code == 403
    assert (await reader.get("/reviews/new", headers=HTML)).status_code == 403
