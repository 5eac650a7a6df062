"""End to end in headless Chromium: a registrar's, a leader's and an administrator's day.

A real server (uvicorn, temp SQLite instance, mediation/review/reception loaded) and
the system Chromium driven by Playwright (never ``playwright install``). Screenshots
of the main pages at 1366x768 go to ``$HEARING_SCREENSHOTS`` (docs/screenshots/ when
refreshing the documentation) or the test's temp folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import CHROMIUM_ARGS, FIRST_ID, USERS, running_server

pytestmark = pytest.mark.slow
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
    assert page.get_by_text("用户名或密码错误").is_visible()
    context.close()


def test_registrar_registers_a_repeat_and_disposes_it(browser: Any, server: str, shots: Path) -> None:
    page = login(browser, server, "chen.reg")
    assert page.get_by_role("heading", name="工作台").is_visible()
    assert page.get_by_text("积案（按包案领导）").is_visible() and page.get_by_text("王副县长").first.is_visible()
    page.screenshot(path=str(shots / "dashboard.png"))

    page.get_by_role("link", name="登记来信来访").click()
    page.wait_for_url(server + "/register/new")
    page.get_by_label("人数").fill("4")
    page.locator("#f-p0_name").fill("张三")
    page.locator("#f-p0_id_number").press_sequentially(FIRST_ID, delay=15)  # typed, as at the desk
    suggestion = page.get_by_text("疑似重复信访")
    suggestion.wait_for()
    assert page.get_by_text("身份证号相同").first.is_visible()
    page.locator('input[name="suggested_matter"]').first.check()
    page.get_by_label("内容摘要").fill("再次反映征地补偿款未发放，要求尽快解决")
    page.get_by_label("诉求").fill("尽快发放补偿款")
    page.locator("#f-summary").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "intake.png"))
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_url(re.compile(r"/register/items/XF-\d{4}-\d{5}$"))
    ref = page.url.rsplit("/", 1)[1]
    assert page.get_by_text(f"已登记信访件 {ref}").is_visible()
    assert page.get_by_text("受理", exact=True).count() >= 1

    page.get_by_role("button", name="受理", exact=True).click()
    page.wait_for_url(re.compile(rf"/register/items/{ref}$"))
    assert page.get_by_text("已完成：受理").is_visible()
    assert page.get_by_role("button", name="受理", exact=True).count() == 0  # no longer allowed

    matter_ref = page.locator(".subtitle a").first.inner_text()
    page.locator(".subtitle a").first.click()
    page.wait_for_url(re.compile(r"/register/matters/"))
    assert page.get_by_role("heading", name=f"信访事项 {matter_ref}").is_visible()
    assert page.get_by_text("重复件1件").is_visible()
    assert page.get_by_text(ref).first.is_visible() and page.get_by_text("列入积案台账").is_visible()
    page.screenshot(path=str(shots / "matter-timeline.png"))
    page.context.close()


def test_leader_opens_the_report_and_drills_down(browser: Any, server: str, shots: Path) -> None:
    page = login(browser, server, "wang.leader")
    assert page.get_by_role("link", name="登记来信来访").count() == 0  # not a leader's page
    page.get_by_role("link", name="年度报告").click()
    page.wait_for_url(re.compile(r"/reports/annual"))
    assert page.get_by_text("信访工作情况").first.is_visible()
    assert page.locator("figure svg").count() >= 1
    page.screenshot(path=str(shots / "report.png"), full_page=True)  # the charts are below the fold
    page.locator('a[href*="figure=total"]').first.click()
    page.wait_for_url(re.compile(r"figure=total"))
    assert page.get_by_role("heading", name=re.compile("数据明细")).is_visible()
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
    form.get_by_role("button", name="新增用户").click()
    page.wait_for_url(server + "/admin/users")
    assert page.get_by_text("已新增用户 zhao.clerk").is_visible()
    assert page.get_by_role("cell", name="赵记录").is_visible()
    page.screenshot(path=str(shots / "admin-users.png"))

    page.get_by_role("link", name="插件").click()
    page.wait_for_url(server + "/admin/plugins")
    page.get_by_role("button", name="停用 reception").click()
    assert page.get_by_text("插件 reception 将在下次启动时停用").is_visible()
    assert page.get_by_text("需重启").is_visible()
    page.get_by_role("button", name="启用 reception").click()
    assert page.get_by_text("插件 reception 将在下次启动时启用").is_visible()
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
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible() and not page.get_by_role("link", name="Petition items").is_visible()
    menu.click()
    page.get_by_role("link", name="Petition items").click()
    page.wait_for_url(server + "/register/items")
    page.keyboard.press("Tab")  # the skip link comes first for keyboard users
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to content"
    context.close()
