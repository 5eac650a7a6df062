"""The core's own hook implementations: accounts, audit and system permissions, core tables.

Registered first by :func:`hearing_core.plugins.get_plugin_manager`; it uses the
same hooks a third-party plugin uses.
"""

from __future__ import annotations

from hearing_core import hookimpl
from hearing_core.contributions import Permission

ALL_STAFF = (
    "registrar",
    "handling_officer",
    "presiding_officer",
    "hearing_officer",
    "clerk",
    "mediator",
    "centre_staff",
    "review_officer",
    "leader",
    "auditor",
)


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("session.own", "see one's own account, log out", ALL_STAFF),
        Permission("users.read", "list user accounts", ("auditor",)),
        Permission("users.manage", "create users, change roles, disable, reset passwords", ()),
        Permission("system.read", "see plugins, roles and permissions of the instance", ("auditor",)),
        # Administrators hold every permission; nobody else enables or disables plugins.
        Permission("plugins.manage", "enable and disable plugins (config.toml, next start)", ()),
        Permission("audit.read", "read and verify the audit log", ("auditor",)),
        Permission("personal_data.read", "see unmasked ID numbers and phone numbers", ("registrar", "handling_officer", "clerk", "presiding_officer", "mediator", "centre_staff", "review_officer")),
    ]


@hookimpl
def register_piccolo_apps() -> list[str]:
    return ["hearing_core.db.piccolo_app"]
