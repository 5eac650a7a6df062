"""Administration pages (users, plugins, rules, audit) and the annual report with drill-down."""

from __future__ import annotations

from typing import Any

from web_support import HTML, PASSWORD, form_login, new_client, post_form


async def test_add_user_set_roles_reset_password_disable(browser_as: Any, client: Any) -> None:
    admin = await browser_as("administrator")
    added = await post_form(admin, "/admin/users", "/admin/users", {
        "username": "li.si", "display_name": "李四", "password": PASSWORD, "password2": PASSWORD,
        "roles": ["registrar", "clerk"]})
    assert added.status_code == 303
    listing = await admin.get("/admin/users", headers=HTML)
    assert "已新增用户 li.si" in listing.text and "李四" in listing.text and "登记员" in listing.text
    short = await post_form(admin, "/admin/users", "/admin/users", {
        "username": "wang", "password": "short", "password2": "short", "roles": "registrar"})
    assert short.status_code == 422 and "操作未执行" in short.text
    user = new_client(client.app)
    assert (await form_login(user, "li.si", PASSWORD)).status_code == 303
    roles = await post_form(admin, "/admin/users", "/admin/users/li.si/roles", {"roles": ["leader"]})
    assert roles.status_code == 303
    # The role change ended li.si's session; with the new role the report is allowed, the intake is not.
    assert (await user.get("/", headers=HTML)).status_code == 303
    assert (await form_login(user, "li.si", PASSWORD)).status_code == 303
    assert (await user.get("/register/new", headers=HTML)).status_code == 403
    reset = await post_form(admin, "/admin/users", "/admin/users/li.si/password",
                            {"password": "new-password-9", "password2": "new-password-9"})
    assert reset.status_code == 303
    assert (await form_login(user, "li.si", PASSWORD)).status_code == 401
    disabled = await post_form(admin, "/admin/users", "/admin/users/li.si/disable", {})
    assert disabled.status_code == 303
    assert "已停用" in (await admin.get("/admin/users", headers=HTML)).text
    assert (await form_login(user, "li.si", "new-password-9")).status_code == 401
    await user.aclose()


async def test_auditor_reads_users_but_cannot_change_them(browser_as: Any) -> None:
    auditor = await browser_as("auditor")
    page = await auditor.get("/admin/users", headers=HTML)
    assert page.status_code == 200 and "新增用户" not in page.text and "/admin/users/admin/disable" not in page.text
    refused = await post_form(auditor, "/admin/users", "/admin/users", {"username": "x1", "password": PASSWORD,
                                                                        "password2": PASSWORD, "roles": "clerk"})
    assert refused.status_code == 403


async def test_disable_and_enable_a_plugin_writes_the_config(make_app: Any, hearing_app: Any, browser_as: Any) -> None:
    from hearing_core.settings import InstanceConfig

    admin = await browser_as("administrator")
    page = await admin.get("/admin/plugins", headers=HTML)
    assert page.status_code == 200 and "mediation" in page.text and "重启后" in page.text
    off = await post_form(admin, "/admin/plugins", "/admin/plugins/reception/disable", {})
    assert off.status_code == 303
    config = InstanceConfig.load(hearing_app.settings.config_path)
    assert config.get("disabled_plugins") == ["reception"]
    page = await admin.get("/admin/plugins", headers=HTML)
    assert "插件 reception 将在下次启动时停用" in page.text and "需重启" not in page.text.split("reception")[0]
    on = await post_form(admin, "/admin/plugins", "/admin/plugins/reception/enable", {})
    assert on.status_code == 303
    assert InstanceConfig.load(hearing_app.settings.config_path).get("disabled_plugins") == []
    audit = await admin.get("/admin/audit", headers=HTML)
    assert "plugin.disable" in audit.text and "plugin.enable" in audit.text
    core = await post_form(admin, "/admin/plugins", "/admin/plugins/hearing_core.web.plugin/disable", {})
    assert core.status_code in (404, 409)
    unknown = await post_form(admin, "/admin/plugins", "/admin/plugins/no-such-plugin/disable", {})
    assert unknown.status_code == 404
    auditor = await browser_as("auditor")
    assert (await auditor.get("/admin/plugins", headers=HTML)).status_code == 200
    assert (await post_form(auditor, "/admin/plugins", "/admin/plugins/reception/disable", {})).status_code == 403


async def test_rule_profile_and_audit_verification(browser_as: Any, hearing_app: Any) -> None:
    admin = await browser_as("administrator")
    rules = await admin.get("/admin/rules", headers=HTML)
    assert rules.status_code == 200 and "当前规则配置" in rules.text
    for rule_id in hearing_app.profile.rules:
        assert rule_id in rules.text
    verified = await admin.get("/admin/audit?verify=1", headers=HTML)
    assert verified.status_code == 200 and "审计日志完整" in verified.text


async def test_annual_report_with_charts_and_drill_down(browser_as: Any, hearing_app: Any) -> None:
    from test_web_register import register

    web = await browser_as("registrar", "handling_officer")
    refs = [await register(web, channel=channel) for channel in ("visit", "letter", "visit")]
    leader = await browser_as("leader")
    year = hearing_app.today().year
    report = await leader.get(f"/reports/annual?year={year}", headers=HTML)
    assert report.status_code == 200, report.text[:3000]
    assert f"{year}年" in report.text and "信访工作情况" in report.text and "<svg" in report.text
    assert f"/reports/annual/drill?year={year}&amp;figure=visit_batches" in report.text
    drill = await leader.get(f"/reports/annual/drill?year={year}&figure=visit_batches", headers=HTML)
    assert drill.status_code == 200 and "共2条" in drill.text
    assert refs[0] in drill.text and refs[2] in drill.text and refs[1] not in drill.text
    bad = await leader.get(f"/reports/annual/drill?year={year}&figure=nonsense", headers=HTML)
    assert bad.status_code == 422 and "figure" in bad.text
    registrar_only = await browser_as("clerk")
    assert (await registrar_only.get("/reports/annual", headers=HTML)).status_code == 403
