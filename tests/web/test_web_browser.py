"""End to end in headless Chromium: a registrar's, a leader's and an administrator's day, a short
hearing from the console to its signed conclusion, and the desks of the plugins.

A real server (uvicorn, temp SQLite instance, mediation/review/reception/pdf_import loaded) and
the system Chromium driven by Playwright (never ``playwright install``). Screenshots
of the main pages at 1366x768 go to ``$HEARING_SCREENSHOTS`` (docs/screenshots/ when
refreshing the documentation) or the test's temp folder.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import CHROMIUM_ARGS, FIRST_ID, USERS, running_server
from playwright.sync_api import expect

pytestmark = pytest.mark.slow
# Assertions go through ``expect``: it waits for the page after a click (a form post back to the
# same URL gives ``wait_for_url`` nothing to wait for), where ``is_visible()`` answers at once.
expect.set_options(timeout=15_000)
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(tmp_path_factory.mktemp("e2e-instance")) as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("HEARING_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def login(browser: Any, server: str, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(server + "/")
    assert "/login" in page.url  # not logged in: sent to the login form
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(USERS[username])
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(server + "/")
    return page


def test_login_page(browser: Any, server: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.goto(server + "/login")
    assert page.title().startswith("登录")
    page.screenshot(path=str(shots / "login.png"))
    page.get_by_label("用户名").fill("chen.reg")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("用户名或密码错误")).to_be_visible()
    context.close()


def test_registrar_registers_a_repeat_and_disposes_it(browser: Any, server: str, shots: Path) -> None:
    page = login(browser, server, "chen.reg")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("积案（按包案领导）")).to_be_visible()
    expect(page.get_by_text("王副县长").first).to_be_visible()
    page.screenshot(path=str(shots / "dashboard.png"))

    page.get_by_role("link", name="登记来信来访").click()
    page.wait_for_url(server + "/register/new")
    page.get_by_label("人数").fill("4")
    page.locator("#f-p0_name").fill("张三")
    page.locator("#f-p0_id_number").press_sequentially(FIRST_ID, delay=15)  # typed, as at the desk
    suggestion = page.get_by_text("疑似重复信访")
    suggestion.wait_for()
    expect(page.get_by_text("身份证号相同").first).to_be_visible()
    page.locator('input[name="suggested_matter"]').first.check()
    page.get_by_label("内容摘要").fill("再次反映征地补偿款未发放，要求尽快解决")
    page.get_by_label("诉求").fill("尽快发放补偿款")
    page.locator("#f-summary").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "intake.png"))
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_url(re.compile(r"/register/items/XF-\d{4}-\d{5}$"))
    ref = page.url.rsplit("/", 1)[1]
    expect(page.get_by_text(f"已登记信访件 {ref}")).to_be_visible()
    assert page.get_by_text("受理", exact=True).count() >= 1

    page.get_by_role("button", name="受理", exact=True).click()
    page.wait_for_url(re.compile(rf"/register/items/{ref}$"))
    expect(page.get_by_text("已完成：受理")).to_be_visible()
    assert page.get_by_role("button", name="受理", exact=True).count() == 0  # no longer allowed

    matter_ref = page.locator(".subtitle a").first.inner_text()
    page.locator(".subtitle a").first.click()
    page.wait_for_url(re.compile(r"/register/matters/"))
    expect(page.get_by_role("heading", name=f"信访事项 {matter_ref}")).to_be_visible()
    expect(page.get_by_text("重复件1件")).to_be_visible()
    expect(page.get_by_text(ref).first).to_be_visible()
    expect(page.get_by_text("列入积案台账")).to_be_visible()
    page.screenshot(path=str(shots / "matter-timeline.png"))
    page.context.close()


def test_leader_opens_the_report_and_drills_down(browser: Any, server: str, shots: Path) -> None:
    page = login(browser, server, "wang.leader")
    assert page.get_by_role("link", name="登记来信来访").count() == 0  # not a leader's page
    page.get_by_role("link", name="年度报告").click()
    page.wait_for_url(re.compile(r"/reports/annual"))
    expect(page.get_by_text("信访工作情况").first).to_be_visible()
    assert page.locator("figure svg").count() >= 1
    page.screenshot(path=str(shots / "report.png"), full_page=True)  # the charts are below the fold
    page.locator('a[href*="figure=total"]').first.click()
    page.wait_for_url(re.compile(r"figure=total"))
    expect(page.get_by_role("heading", name=re.compile("数据明细"))).to_be_visible()
    assert page.locator("tbody tr").count() >= 3
    page.context.close()


def test_administrator_adds_a_user_and_toggles_a_plugin(browser: Any, server: str, shots: Path) -> None:
    page = login(browser, server, "admin")
    page.get_by_role("link", name="用户与角色").click()
    page.wait_for_url(server + "/admin/users")
    form = page.locator("form[action='/admin/users']")
    form.get_by_label("用户名").fill("zhao.clerk")
    form.get_by_label("姓名").fill("赵记录")
    form.locator("#f-password").fill("clerk-password-1")
    form.locator("#f-password2").fill("clerk-password-1")
    form.get_by_label("记录员").check()
    _submit(page, form.get_by_role("button", name="新增用户"))
    page.wait_for_url(server + "/admin/users")
    expect(page.get_by_text("已新增用户 zhao.clerk")).to_be_visible()
    expect(page.get_by_role("cell", name="赵记录")).to_be_visible()
    page.screenshot(path=str(shots / "admin-users.png"))

    page.get_by_role("link", name="插件").click()
    page.wait_for_url(server + "/admin/plugins")
    _submit(page, page.get_by_role("button", name="停用 reception"))
    expect(page.get_by_text("插件 reception 将在下次启动时停用")).to_be_visible()
    expect(page.get_by_text("需重启")).to_be_visible()
    _submit(page, page.get_by_role("button", name="启用 reception"))
    expect(page.get_by_text("插件 reception 将在下次启动时启用")).to_be_visible()
    page.screenshot(path=str(shots / "admin-plugins.png"))
    page.context.close()


def test_english_and_tablet_layout(browser: Any, server: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 820, "height": 1180}, locale="zh-CN")
    page = context.new_page()
    page.goto(server + "/login?lang=en")
    page.get_by_label("Username").fill("chen.reg")
    page.get_by_label("Password").fill(USERS["chen.reg"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(server + "/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Petition items")).to_be_hidden()
    menu.click()
    page.get_by_role("link", name="Petition items").click()
    page.wait_for_url(server + "/register/items")
    page.keyboard.press("Tab")  # the skip link comes first for keyboard users
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to content"
    context.close()


def _open_hearing(browser: Any, server: str, username: str) -> tuple[Any, str]:
    """``username`` logged in, on the hearing's console (found through the hearings list)."""
    page = login(browser, server, username)
    page.get_by_role("link", name="听证案件").click()
    page.locator('a[href^="/hearings/"]', has_text="听证#").first.click()
    page.wait_for_url(re.compile(r"/hearings/\d+$"))
    console = page.url + "/console"
    page.goto(console)
    return page, console


def _act(page: Any, console: str, action: str, **fields: str) -> None:
    """Open the console's form of ``action`` (a <details>), fill it (label → value), submit, back on the console."""
    if page.url != console:
        page.goto(console)
    form = page.locator(f'details[data-action="{action}"]')
    form.locator("summary").click()
    for label, value in fields.items():
        control = form.get_by_label(label)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    _submit(page, form.locator('button[type="submit"]'))
    _back_on(page, console)


def _submit(page: Any, button: Any) -> None:
    """Click a form's submit button and wait for the page the post leads to.

    Most forms post back to the page they are on, so ``wait_for_url`` would be satisfied by the
    old page; waiting for the navigation itself is the only way to know the answer has arrived.
    """
    with page.expect_navigation():
        button.click()


def _back_on(page: Any, url: str) -> None:
    """After a form: back on ``url`` (a refused action re-renders the form with the reason instead)."""
    page.wait_for_load_state()
    errors = page.locator(".alert.error")
    assert errors.count() == 0, errors.first.inner_text()
    page.wait_for_url(url)


def _advance(page: Any, console: str, expected_next: str) -> None:
    if page.url != console:
        page.goto(console)
    button = page.locator('button[data-action="advance"]')
    assert expected_next in button.inner_text()
    _submit(page, button)
    _back_on(page, console)
    expect(page.get_by_text("已完成").first).to_be_visible()


def _say(page: Any, console: str, speaker: int, text: str) -> None:
    """The clerk records a statement from the keyboard: Alt+<n> chooses the speaker, Enter records."""
    page.goto(console)
    box = page.locator("#entry-text")
    box.focus()
    page.keyboard.press(f"Alt+Digit{speaker}")
    box.fill(text)
    box.press("Enter")
    page.locator("#record-current .entry", has_text=text).wait_for()
    assert box.input_value() == ""  # cleared for the next statement, focus kept


def test_a_short_hearing_from_the_console_to_its_conclusion(browser: Any, server: str, shots: Path) -> None:
    presiding, console = _open_hearing(browser, server, "presiding")
    expect(presiding.get_by_text("听证会尚未开始").first).to_be_visible()
    _submit(presiding, presiding.get_by_role("button", name="开始听证会"))
    presiding.wait_for_url(console)
    clerk, _ = _open_hearing(browser, server, "clerk")
    clerk.goto(console)
    for name in ("张建国", "李承办"):
        _submit(clerk, clerk.get_by_role("button", name=f"将{name}登记为到场"))
        clerk.wait_for_url(console)
    # Speakers by number (Alt+1…): 1 张建国 (petitioner), 2 李承办 (handling unit), 3 王立新 (presiding)…
    _say(clerk, console, 3, "现在核对到场人员，信访人张建国、承办单位李承办均已到场。")
    # The phase never moves by typing: only the presiding officer's button, which names the next phase.
    assert clerk.locator('button[data-action="advance"]').count() == 0
    _advance(presiding, console, "宣布听证开始")
    _say(clerk, console, 3, "宣布听证开始，介绍听证员和记录员，询问是否申请回避。")
    _say(clerk, console, 1, "不申请回避。")
    _advance(presiding, console, "告知权利义务")
    _advance(presiding, console, "信访人陈述")
    _say(clerk, console, 1, "加建部分系2010年为老人居住所建，应当一并补偿。")
    _advance(presiding, console, "承办单位陈述")
    _say(clerk, console, 2, "加建部分未经规划审批，依照补偿方案不予补偿。")
    clerk.screenshot(path=str(shots / "hearing-console.png"))
    _advance(presiding, console, "质证")
    clerk.goto(console)
    clerk.locator("#cx-by").select_option("2")  # the handling unit on the petitioner's evidence
    clerk.locator(".cross-form").get_by_label("有异议").nth(1).check()  # relevance disputed
    clerk.locator("#cx-relevance").fill("测绘时间早于加建")
    _submit(clerk, clerk.get_by_role("button", name="记录质证意见"))
    _back_on(clerk, console)
    _advance(presiding, console, "辩论")
    _act(presiding, console, "define_issue", 争议焦点="加建部分是否应予补偿")
    for following in ("询问", "最后陈述", "评议"):
        _advance(presiding, console, following)

    # Each member votes on a private page; nobody sees another's vote before the conclusion.
    for username, view, opinion in (
        ("officer1", "不合理", "加建未经批准，不应补偿"),
        ("officer2", "合理", "加建系生活必需"),
        ("presiding", "合理", "应适当补偿"),
    ):
        voter = presiding if username == "presiding" else login(browser, server, username)
        voter.goto(console.replace("/console", "/vote"))
        expect(voter.get_by_text("加建部分是否应予补偿").first).to_be_visible()
        assert voter.get_by_text("加建未经批准").count() == 0
        voter.get_by_label(view, exact=True).check()
        voter.get_by_label("你的意见").fill(opinion)
        if username == "officer2":
            voter.screenshot(path=str(shots / "hearing-vote.png"))
        _submit(voter, voter.get_by_role("button", name="提交表决"))
        voter.wait_for_url(re.compile(r"/vote$"))
        expect(voter.get_by_text(f"你的表决：{view} · {opinion}")).to_be_visible()
        if voter is not presiding:
            voter.context.close()

    presiding.goto(console)
    finding = presiding.locator('details[data-action="find_evidence"]')
    finding.locator("summary").click()
    finding.locator("select").nth(0).select_option(index=0)
    finding.locator("select").nth(1).select_option(value="yes")
    _submit(presiding, finding.locator('button[type="submit"]'))
    _back_on(presiding, console)
    _act(
        presiding,
        console,
        "conclude",
        认定的事实="加建部分建于2010年，未经审批。",
        依据="《国有土地上房屋征收与补偿条例》",
        对处理机关的建议="建议对加建部分给予适当补助",
    )
    _advance(presiding, console, "")
    _advance(presiding, console, "")  # out of resumption: the session closes

    conclusion = console.replace("/console", "/conclusion")
    clerk.goto(conclusion)
    expect(clerk.get_by_role("heading", name="听证结论").first).to_be_visible()
    expect(clerk.get_by_text("建议对加建部分给予适当补助")).to_be_visible()
    signing = clerk.locator('details[data-action="sign_record"]')
    signed = 0
    while signing.count():  # one signature after another, until nobody is left to sign
        signing.locator("summary").click()
        signing.locator("select").select_option(index=0)
        _submit(clerk, signing.locator('button[type="submit"]'))
        _back_on(clerk, conclusion)
        signed += 1
    assert signed >= 6
    expect(clerk.get_by_text("笔录已完成签字")).to_be_visible()
    clerk.screenshot(path=str(shots / "hearing-conclusion.png"), full_page=True)
    assert clerk.locator('a[href$="/documents/report?format=pdf"]').count() == 1
    clerk.context.close()
    presiding.context.close()


def test_the_desks_of_the_plugins(browser: Any, server: str, shots: Path, tmp_path: Path) -> None:
    """Mediation desk, a review's admissibility checklist, the reception calendar, the documents."""
    desk = login(browser, server, "desk1")
    desk.get_by_role("link", name="调解工作台").click()
    desk.wait_for_url(server + "/mediation/desk")
    desk.locator("#b-persons").fill("2")
    desk.locator("#b-p0-name").fill("张秀英")
    desk.locator("#b-p1-name").fill("张伟")
    desk.locator("#b-matter").fill("咨询城乡居民养老保险补缴政策")
    desk.locator("#d-action").select_option("explain")
    desk.locator("#d-note").fill("讲解补缴条件和办理流程，当事人表示理解")
    desk.get_by_role("button", name="登记本批来访").click()
    desk.wait_for_url(re.compile(r"/mediation/reception/\d+$"))
    desk.goto(server + "/mediation/desk")
    expect(desk.get_by_text("张秀英、张伟")).to_be_visible()
    desk.screenshot(path=str(shots / "mediation-desk.png"))
    desk.context.close()

    officer = login(browser, server, "fang.review")
    officer.get_by_role("link", name="复查复核申请").first.click()
    officer.wait_for_url(server + "/reviews")
    officer.locator('a[href^="/reviews/applications/"]').first.click()
    officer.wait_for_url(re.compile(r"/reviews/applications/[^/]+$"))
    _submit(officer, officer.locator('button[data-form="examine"]'))
    expect(officer.locator("td.pass")).to_have_count(7)
    expect(officer.get_by_text("在申请期限内")).to_be_visible()
    officer.screenshot(path=str(shots / "review-checklist.png"))
    officer.context.close()

    reception = login(browser, server, "reg.desk")
    reception.goto(server + "/reception")
    expect(reception.get_by_text("县信访局群众接待大厅").first).to_be_visible()
    reception.screenshot(path=str(shots / "reception-calendar.png"))

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins" / "pdf_import"))
    import pdf_factory

    letter = pdf_factory.letter_pdf(tmp_path / "王某某来信.pdf")
    ledger = pdf_factory.table_pdf(tmp_path / "征地补偿台账.pdf")
    reception.get_by_role("link", name="文书导入").click()
    reception.wait_for_url(server + "/documents")
    reception.get_by_label("PDF文件（可多选）").set_input_files([str(letter), str(ledger)])
    reception.get_by_role("button", name="导入", exact=True).click()
    reception.wait_for_url(server + "/documents/import", timeout=60_000)  # a first import starts the worker
    assert reception.locator(".alert.error").count() == 0, reception.locator(
        ".alert.error"
    ).first.inner_text()
    reception.get_by_role("heading", name=re.compile("导入结果")).wait_for()
    assert reception.locator("section.card .badge", has_text="全部可读").count() == 2
    reception.screenshot(path=str(shots / "documents.png"))
    reception.get_by_role("link", name="王某某来信.pdf").first.click()
    reception.wait_for_url(re.compile(r"/documents/\d+$"))
    expect(reception.get_by_text("信访工作条例").first).to_be_visible()
    reception.screenshot(path=str(shots / "document-text.png"))
    reception.context.close()
