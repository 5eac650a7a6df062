from __future__ import annotations

from typing import Any

import pytest

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import Conflict, PermissionDenied, Unauthenticated, ValidationFailed
from hearing_core.security import service as users


async def test_create_and_authenticate(admin_ctx: Any, hearing_app: Any) -> None:
    view = await users.create_user(admin_ctx, "li.si", "password-123", ["registrar"], "李四")
    assert view.roles == ["registrar"] and view.display_name == "李四"
    row = await users.authenticate(hearing_app, "li.si", "password-123")
    assert row["username"] == "li.si"
    entry = await AuditEntry.select().where(AuditEntry.action == "user.create").order_by(AuditEntry.id, ascending=False).first().output(load_json=True).run()
    assert entry["actor"] == "admin" and entry["after"]["username"] == "li.si"
    assert "password" not in str(entry["after"])


async def test_failed_logins_look_the_same(admin_ctx: Any, hearing_app: Any) -> None:
    await users.create_user(admin_ctx, "wang", "password-123", ["clerk"])
    messages = []
    for name, password in [("wang", "wrong-password"), ("nobody", "wrong-password")]:
        with pytest.raises(Unauthenticated) as info:
            await users.authenticate(hearing_app, name, password)
        messages.append(str(info.value))
    assert messages[0] == messages[1]


async def test_disabled_user_cannot_log_in(admin_ctx: Any, hearing_app: Any) -> None:
    await users.create_user(admin_ctx, "zhao", "password-123", ["clerk"])
    await users.set_active(admin_ctx, "zhao", False)
    with pytest.raises(Unauthenticated):
        await users.authenticate(hearing_app, "zhao", "password-123")


async def test_validation_lists_every_bad_field(admin_ctx: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        await users.create_user(admin_ctx, "x", "short", [])
    assert {e.field for e in info.value.errors} == {"username", "roles", "password"}


async def test_duplicate_and_unknown_role(admin_ctx: Any) -> None:
    await users.create_user(admin_ctx, "dup", "password-123", ["clerk"])
    with pytest.raises(Conflict):
        await users.create_user(admin_ctx, "dup", "password-123", ["clerk"])
    with pytest.raises(ValidationFailed, match="unknown role"):
        await users.create_user(admin_ctx, "other", "password-123", ["emperor"])


async def test_non_admin_cannot_manage_users(admin_ctx: Any, hearing_app: Any) -> None:
    from hearing_core.context import ServiceContext

    await users.create_user(admin_ctx, "clerk1", "password-123", ["clerk"])
    clerk = ServiceContext(hearing_app, await users.actor_by_username(hearing_app, "clerk1"))
    with pytest.raises(PermissionDenied):
        await users.create_user(clerk, "sneaky", "password-123", ["administrator"])
    with pytest.raises(PermissionDenied):
        await users.list_users(clerk)


async def test_role_change_voids_old_tokens(admin_ctx: Any, hearing_app: Any) -> None:
    view = await users.create_user(admin_ctx, "chen", "password-123", ["clerk"])
    row = await users.authenticate(hearing_app, "chen", "password-123")
    assert await users.load_actor(hearing_app, view.id, row["token_version"]) is not None
    await users.set_roles(admin_ctx, "chen", ["registrar"])
    assert await users.load_actor(hearing_app, view.id, row["token_version"]) is None
