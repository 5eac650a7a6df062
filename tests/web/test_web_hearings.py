"""The hearing pages: list, case page, the clerk's console, the private vote page, the conclusion.

One hearing is prepared through the services (:mod:`hearing_web_support`) and then run through
the pages by the people who sit on it, each in their own logged-in client: the presiding officer
opens and moves the session, the clerk checks attendance, types the record and the
cross-examination opinions, the officers vote on their own pages, the clerk collects signatures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from hearing_web_support import PASSWORD, PreparedHearing, prepare_hearing
from web_support import HTML, csrf_of, form_login, new_client

DAY = dt.date(2025, 6, 24)
Login = Callable[[str], Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def prepared(hearing_app: Any) -> PreparedHearing:
    return await prepare_hearing(hearing_app, DAY, restore_clock=False)


@pytest.fixture
async def login(client: Any) -> AsyncIterator[Login]:
    opened: list[httpx.AsyncClient] = []

    async def factory(username: str) -> httpx.AsyncClient:
        web = new_client(client.app)
        opened.append(web)
        assert (await form_login(web, username, PASSWORD)).status_code == 303
        return web

    yield factory
    for web in opened:
        await web.aclose()


async def act(web: httpx.AsyncClient, page_url: str, action: str, case_id: int, **data: Any) -> httpx.Response:
    """Post an action form of ``page_url`` as the page does (its CSRF token, origin and next)."""
    page = await web.get(page_url, headers=HTML)
    assert page.status_code == 200, page.text[:300]
    origin = page_url.rsplit("/", 1)[-1] if not page_url.endswith(str(case_id)) else "page"
    form = {"_csrf_token": csrf_of(page.text), "origin": origin, "next": page_url, **data}
    version = re.search(r'name="version" value="(\d+)"', page.text)
    if version and "version" not in data:
        form["version"] = version.group(1)
    return await web.post(f"/hearings/{case_id}/actions/{action}", data=form, headers=HTML)


def phase_of(html: str) -> str:
    match = re.search(r'data-page-phase="([a-z_]*)"', html)
    assert match, "no console on the page"
    return match.group(1)


async def test_list_and_case_page_in_chinese_with_the_actions_of_the_state(
        prepared: PreparedHearing, login: Login, browser_as: Any) -> None:
    manager = await login(prepared.manager)
    listing = await manager.get("/hearings", headers=HTML)
    assert listing.status_code == 200 and f"听证#{prepared.case_id}" in listing.text and "已排期" in listing.text
    assert 'href="/hearings"' in listing.text and "听证案件" in listing.text  # menu entry
    page = await manager.get(f"/hearings/{prepared.case_id}", headers=HTML)
    text = page.text
    for expected in ("听证组成", "王立新", "听证主持人", "刘志强", "参加人", "张建国", "信访人", "送达记录", "听证通知书",
                     "直接送达", "房屋所有权证", "书证", "尚无质证意见", "延期听证", "撤回"):
        assert expected in text, expected
    assert f"/api/v1/hearings/{prepared.case_id}/documents/notice?participant=1" in text
    assert 'data-action="open_session"' not in text  # the presiding officer opens, not the organ
    presiding = await login(prepared.presiding)
    assert "开始听证会" in (await presiding.get(f"/hearings/{prepared.case_id}", headers=HTML)).text
    leader = await browser_as("leader")
    seen = await leader.get(f"/hearings/{prepared.case_id}", headers=HTML)
    assert seen.status_code == 200 and "王立新" in seen.text and "可办理的操作" not in seen.text
    outsider = await browser_as("registrar")
    assert (await outsider.get("/hearings", headers=HTML)).status_code == 403
    other_officer = await browser_as("hearing_officer")  # not on this panel: the case does not exist for them
    assert (await other_officer.get(f"/hearings/{prepared.case_id}", headers=HTML)).status_code == 404


async def test_a_refused_action_shows_why_and_keeps_the_form(prepared: PreparedHearing, login: Login) -> None:
    manager = await login(prepared.manager)
    url = f"/hearings/{prepared.case_id}"
    refused = await act(manager, url, "postpone", prepared.case_id, reason="other", detail="")
    assert refused.status_code == 422 and "操作未执行" in refused.text and "detail" in refused.text
    stale = await act(manager, url, "postpone", prepared.case_id, reason="other", detail="主持人生病", version="1")
    assert stale.status_code == 409 and "该操作与当前状态冲突" in stale.text and "changed by someone else" in stale.text
    page = await manager.get(url, headers=HTML)
    no_token = await manager.post(f"{url}/actions/postpone", data={"reason": "other", "detail": "x"}, headers=HTML)
    assert no_token.status_code == 403 and "已过期" in no_token.text
    assert "已排期" in (await manager.get(url, headers=HTML)).text and page.status_code == 200


async def test_the_console_walks_the_session_and_never_passes_a_phase_silently(
        prepared: PreparedHearing, login: Login) -> None:
    case = prepared.case_id
    console = f"/hearings/{case}/console"
    presiding, clerk = await login(prepared.presiding), await login(prepared.clerk)
    before = await clerk.get(console, headers=HTML)
    assert "听证会尚未开始" in before.text and 'id="entry-form"' not in before.text
    opened = await act(presiding, console, "open_session", case)
    assert opened.status_code == 303 and opened.headers["location"] == console
    page = await clerk.get(console, headers=HTML)
    assert phase_of(page.text) == "attendance_check" and "核对到场人员" in page.text and "键盘快捷键" in page.text
    for no in (1, 2):
        assert (await act(clerk, console, "record_attendance", case, participant_no=str(no), present="yes")).status_code == 303
    # An entry through htmx: the fragment to append, nothing else.
    page = await clerk.get(console, headers=HTML)
    entry = await clerk.post(f"{console}/entries", data={"speaker": "panel:1", "text": "现在核对到场人员，双方均已到场。",
                                                         "phase": "attendance_check"},
                             headers={"HX-Request": "true", "X-CSRF-Token": csrf_of(page.text)})
    assert entry.status_code == 200 and entry.text.strip().startswith('<li class="entry">')
    assert "王立新（听证主持人）" in entry.text and "双方均已到场" in entry.text and "<html" not in entry.text
    without = await clerk.post(f"{console}/entries", data={"speaker": "panel:1", "text": "x"}, headers={"HX-Request": "true"})
    assert without.status_code == 403
    # The clerk may not move the session; the presiding officer may not keep the record.
    assert 'data-action="advance"' not in page.text
    refused = await act(clerk, console, "advance", case, phase="attendance_check")
    assert refused.status_code == 403
    pres_page = await presiding.get(console, headers=HTML)
    assert "下一阶段：宣布听证开始、介绍听证人员、询问回避" in pres_page.text and 'id="entry-form"' not in pres_page.text
    assert "本阶段不能跳过" in pres_page.text
    assert (await act(presiding, console, "advance", case, phase="attendance_check")).status_code == 303
    # A second click on the same button (the page still shows attendance) is refused, not a second move.
    again = await presiding.post(f"/hearings/{case}/actions/advance", headers=HTML, data={
        "_csrf_token": csrf_of(pres_page.text), "origin": "console", "next": console, "phase": "attendance_check"})
    assert again.status_code == 409 and "宣布听证开始" in again.text
    page = await clerk.get(console, headers=HTML)
    assert phase_of(page.text) == "opening"
    late = await clerk.post(f"{console}/entries", data={"speaker": "participant:1", "text": "不申请回避。",
                                                        "phase": "attendance_check"},
                            headers={"HX-Request": "true", "X-CSRF-Token": csrf_of(page.text)})
    assert late.headers.get("hx-retarget") == "#live" and 'id="live"' in late.text and "不申请回避" in late.text
    for phase in ("opening", "rights_and_rules", "petitioner_statement"):
        assert (await act(presiding, console, "advance", case, phase=phase)).status_code == 303
    # handling_unit_statement may be skipped, but only explicitly and with a reason.
    pres_page = await presiding.get(console, headers=HTML)
    assert 'data-action="skip"' in pres_page.text
    no_reason = await act(presiding, console, "skip", case, phase="handling_unit_statement", reason="")
    assert no_reason.status_code == 422 and "reason" in no_reason.text
    assert (await act(presiding, console, "skip", case, phase="handling_unit_statement",
                      reason="承办单位无新证据")).status_code == 303
    page = await clerk.get(console, headers=HTML)
    assert phase_of(page.text) == "cross_examination" and "本阶段未进行，理由：承办单位无新证据" in page.text
    assert 'class="phase skipped"' in page.text
    cross = await act(clerk, console, "cross_examine", case, evidence_no="1", by_no="2", authenticity_stance="accept",
                      relevance_stance="dispute", relevance_comment="测绘时间早于加建", legality_stance="accept")
    assert cross.status_code == 303
    case_page = await clerk.get(f"/hearings/{case}", headers=HTML)
    assert "质证意见" in case_page.text and "测绘时间早于加建" in case_page.text and "有异议" in case_page.text
    assert (await presiding.get(console, headers=HTML)).status_code == 200


async def run_to_deliberation(prepared: PreparedHearing, presiding: httpx.AsyncClient,
                              clerk: httpx.AsyncClient) -> None:
    case, console = prepared.case_id, f"/hearings/{prepared.case_id}/console"
    await act(presiding, console, "open_session", case)
    for no in (1, 2):
        await act(clerk, console, "record_attendance", case, participant_no=str(no), present="yes")
    for phase in ("attendance_check", "opening", "rights_and_rules", "petitioner_statement",
                  "handling_unit_statement"):
        assert (await act(presiding, console, "advance", case, phase=phase)).status_code == 303
    assert (await act(clerk, console, "cross_examine", case, evidence_no="1", by_no="2", authenticity_stance="accept",
                      relevance_stance="accept", legality_stance="accept")).status_code == 303
    assert (await act(presiding, console, "advance", case, phase="cross_examination")).status_code == 303
    assert (await act(presiding, console, "define_issue", case, title="加建部分是否应予补偿")).status_code == 303
    for phase in ("debate", "questioning", "final_statements"):
        assert (await act(presiding, console, "advance", case, phase=phase)).status_code == 303


async def test_votes_are_private_until_deliberation_closes_then_the_conclusion(
        prepared: PreparedHearing, login: Login) -> None:
    case = prepared.case_id
    presiding, clerk = await login(prepared.presiding), await login(prepared.clerk)
    first, second = await login(prepared.officers[0]), await login(prepared.officers[1])
    early = await first.get(f"/hearings/{case}/vote", headers=HTML)
    assert early.status_code == 200 and "尚未确定争议焦点" in early.text
    await run_to_deliberation(prepared, presiding, clerk)
    assert (await clerk.get(f"/hearings/{case}/vote", headers=HTML)).status_code == 403  # the clerk never votes
    vote_url = f"/hearings/{case}/vote"
    page = await first.get(vote_url, headers=HTML)
    assert "加建部分是否应予补偿" in page.text and "你尚未对此争议焦点表决" in page.text
    cast = await first.post(vote_url, headers=HTML, data={"_csrf_token": csrf_of(page.text), "issue_no": "1",
                                                          "value": "not_reasonable", "opinion": "加建未经批准，不应补偿"})
    assert cast.status_code == 303
    mine = await first.get(vote_url, headers=HTML)
    assert "加建未经批准" in mine.text and "修改我的表决" in mine.text
    theirs = await second.get(vote_url, headers=HTML)
    assert "加建未经批准" not in theirs.text and "你尚未对此争议焦点表决" in theirs.text
    for web, value, opinion in ((second, "reasonable", "加建系生活必需"), (presiding, "reasonable", "应适当补偿")):
        page = await web.get(vote_url, headers=HTML)
        await web.post(vote_url, headers=HTML, data={"_csrf_token": csrf_of(page.text), "issue_no": "1",
                                                      "value": value, "opinion": opinion})
    console = f"/hearings/{case}/console"
    assert "加建未经批准" not in (await presiding.get(console, headers=HTML)).text
    refused = await act(presiding, console, "conclude", case, facts_found="事实", basis="依据", recommendation="建议")
    assert refused.status_code == 422 and "操作未执行" in refused.text  # the panel has not found on evidence 1
    assert "事实" in refused.text  # the form keeps what was typed
    assert (await act(presiding, console, "find_evidence", case, evidence_no="1", admitted="yes")).status_code == 303
    concluded = await act(presiding, console, "conclude", case, facts_found="加建部分建于2010年，未经审批。",
                          basis="《国有土地上房屋征收与补偿条例》", recommendation="建议对加建部分给予适当补助")
    assert concluded.status_code == 303
    for phase in ("deliberation", "resumption"):
        assert (await act(presiding, console, "advance", case, phase=phase)).status_code == 303
    after = await second.get(vote_url, headers=HTML)
    assert "加建未经批准，不应补偿" in after.text and "刘志强" in after.text  # published with the conclusion
    conclusion = await clerk.get(f"/hearings/{case}/conclusion", headers=HTML)
    text = conclusion.text
    assert "听证结论" in text and "合理" in text and "2 票" in text and "赵晓燕" not in text.split("不同意见")[0][-10:]
    assert "不同意见" in text and "刘志强（不合理）：加建未经批准，不应补偿" in text
    assert "建议对加建部分给予适当补助" in text and f"/api/v1/hearings/{case}/documents/report?format=pdf" in text
    signatories = list(dict.fromkeys(re.findall(r'<option value="((?:participant|panel):\d+)"', text)))
    assert "participant:1" in signatories and "panel:4" in signatories
    refused_sign = await act(clerk, f"/hearings/{case}/conclusion", "refuse_signature", case,
                             signatory_key="participant:1", note="信访人以不认可结论为由拒绝签名")
    assert refused_sign.status_code == 303
    for key in signatories:
        if key != "participant:1":
            assert (await act(clerk, f"/hearings/{case}/conclusion", "sign_record", case,
                              signatory_key=key)).status_code == 303
    final = await clerk.get(f"/hearings/{case}/conclusion", headers=HTML)
    assert "笔录已完成签字" in final.text and "拒绝签字" in final.text and "信访人以不认可结论为由拒绝签名" in final.text
    report = await clerk.get(f"/api/v1/hearings/{case}/documents/report?format=pdf")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
