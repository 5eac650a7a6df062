"""Login, logout, session cookie, CSRF and permissions of the web pages."""

from __future__ import annotations

from typing import Any

from web_support import HTML, PASSWORD, csrf_of, form_login, make_user, new_client, post_form

from hearing_core.testing import ADMIN_PASSWORD


async def test_anonymous_browser_is_sent_to_login_and_back(client: Any) -> None:
    response = await client.get("/register/items?year=2025", headers=HTML)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/register/items%3Fyear%3D2025"
    login = await client.get(response.headers["location"], headers=HTML)
    assert login.status_code == 200
    assert "登录" in login.text and 'name="next" value="/register/items?year=2025"' in login.text
    assert login.headers["content-type"].startswith("text/html")
    assert login.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
    done = await client.post("/login", data={"username": "admin", "password": ADMIN_PASSWORD, "next": "/register/items?year=2025",
                                             "_csrf_token": csrf_of(login.text)})
    assert done.status_code == 303 and done.headers["location"] == "/register/items?year=2025"


async def test_anonymous_non_browser_and_htmx_clients(client: Any) -> None:
    plain = await client.get("/")
    assert plain.status_code == 401 and "请先登录" in plain.text and "Traceback" not in plain.text
    htmx = await client.post("/register/suggestions", headers={"hx-request": "true", "hx-current-url": "http://testserver.local/register/new"})
    assert htmx.status_code == 401 and htmx.headers["hx-redirect"] == "/login?next=/register/new"


async def test_session_cookie_attributes_and_wrong_password(client: Any) -> None:
    wrong = await form_login(client, "admin", "not-the-password")
    assert wrong.status_code == 401 and "用户名或密码错误" in wrong.text
    assert "hearing_session" not in wrong.headers.get("set-cookie", "")
    ok = await form_login(client, "admin", ADMIN_PASSWORD)
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    cookie = next(c for c in ok.headers.get_list("set-cookie") if c.startswith("hearing_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http without secure_cookies
    assert (await client.get("/", headers=HTML)).status_code == 200


async def test_secure_cookie_when_configured(make_app: Any) -> None:
    import httpx

    from hearing_core.api import create_app

    app = await make_app(extra={"secure_cookies": True})
    transport = httpx.ASGITransport(app=create_app(hearing_app=app))
    # Secure cookies come back only over https (as behind the TLS-terminating proxy).
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver.local") as web:
        ok = await form_login(web, "admin", ADMIN_PASSWORD)
    cookies = ok.headers.get_list("set-cookie")
    assert any(c.startswith("hearing_session=") and "Secure" in c and "HttpOnly" in c for c in cookies)


async def test_login_form_needs_its_csrf_token(client: Any) -> None:
    await client.get("/login", headers=HTML)
    forged = await client.post("/login", data={"username": "admin", "password": ADMIN_PASSWORD}, headers=HTML)
    assert forged.status_code == 403 and "表单已过期" in forged.text
    assert "hearing_session" not in forged.headers.get("set-cookie", "")


async def test_post_with_session_cookie_needs_csrf_token(browser_as: Any) -> None:
    web = await browser_as("administrator")
    forged = await web.post("/admin/users", data={"username": "mallory", "password": "password-123",
                                                  "password2": "password-123", "roles": "registrar"}, headers=HTML)
    assert forged.status_code == 403 and "表单已过期" in forged.text
    listing = await web.get("/admin/users", headers=HTML)
    assert "mallory" not in listing.text


async def test_logout_revokes_the_session(browser_as: Any) -> None:
    web = await browser_as("registrar")
    out = await post_form(web, "/", "/logout", {})
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert any(c.startswith("hearing_session=") and "Max-Age=0" in c for c in out.headers.get_list("set-cookie")) or \
        any(c.startswith('hearing_session=""') for c in out.headers.get_list("set-cookie"))
    login_page = await web.get("/login", headers=HTML)
    assert "您已退出登录" in login_page.text
    assert (await web.get("/", headers=HTML)).status_code == 303


async def test_permissions_are_checked_on_pages_and_actions(browser_as: Any, hearing_app: Any) -> None:
    registrar = await browser_as("registrar")
    denied = await registrar.get("/admin/users", headers=HTML)
    assert denied.status_code == 403 and "您没有执行此操作的权限" in denied.text and "Traceback" not in denied.text
    leader = await browser_as("leader")
    assert (await leader.get("/register/new", headers=HTML)).status_code == 403
    assert (await leader.get("/reports/annual", headers=HTML)).status_code == 200
    # A registrar may register but not dispose: the accept action answers 403.
    refused = await post_form(registrar, "/register/items", "/register/items/XF-1/actions/accept", {})
    assert refused.status_code == 403


async def test_menu_follows_the_roles(browser_as: Any) -> None:
    registrar = await (await browser_as("registrar")).get("/", headers=HTML)
    assert "登记来信来访" in registrar.text and "用户与角色" not in registrar.text and "插件" not in registrar.text
    leader = await (await browser_as("leader")).get("/", headers=HTML)
    assert "年度报告" in leader.text and "登记来信来访" not in leader.text
    admin = await (await browser_as("administrator")).get("/", headers=HTML)
    for entry in ("工作台", "登记来信来访", "信访件", "信访事项", "年度报告", "用户与角色", "插件", "规则配置", "审计日志"):
        assert entry in admin.text


async def test_unknown_page_and_disabled_account(browser_as: Any, hearing_app: Any, client: Any) -> None:
    web = await browser_as("administrator")
    missing = await web.get("/register/items/XF-NOPE-1", headers=HTML)
    assert missing.status_code == 404 and "未找到" in missing.text and "XF-NOPE-1" in missing.text
    name = await make_user(hearing_app, "registrar")
    other = new_client(client.app)
    assert (await form_login(other, name, PASSWORD)).status_code == 303
    await post_form(web, "/admin/users", f"/admin/users/{name}/disable", {})
    # Disabling voids the user's session at once.
    assert (await other.get("/", headers=HTML)).status_code == 303
    await other.aclose()
