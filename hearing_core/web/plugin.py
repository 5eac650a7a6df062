"""The web interface as a core plugin (网页界面): the core's menu entries.

Light on purpose: ``hearing --help`` imports this module (``CORE_PLUGINS``); the
pages themselves are mounted by the app factory (:func:`hearing_core.web.web_setup`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_core import hookimpl
from hearing_core.contributions import MenuEntry

if TYPE_CHECKING:
    from hearing_core.app import HearingApp


@hookimpl
def register_web_menu(app: HearingApp) -> list[MenuEntry]:
    return [
        MenuEntry("工作台", "Dashboard", "/", "session.own", order=0, section="main"),
        MenuEntry("登记来信来访", "Register a petition", "/register/new", "petitions.write", order=10, section="register"),
        MenuEntry("信访件", "Petition items", "/register/items", "petitions.read", order=20, section="register"),
        MenuEntry("信访事项", "Matters", "/register/matters", "petitions.read", order=30, section="register"),
        MenuEntry("听证案件", "Hearings", "/hearings", "hearings.read", order=10, section="hearings"),
        MenuEntry("年度报告", "Annual report", "/reports/annual", "reports.read", order=10, section="reports"),
        MenuEntry("用户与角色", "Users and roles", "/admin/users", "users.read", order=10, section="admin"),
        MenuEntry("插件", "Plugins", "/admin/plugins", "system.read", order=20, section="admin"),
        MenuEntry("规则配置", "Rule profile", "/admin/rules", "system.read", order=30, section="admin"),
        MenuEntry("审计日志", "Audit log", "/admin/audit", "audit.read", order=40, section="admin"),
    ]
