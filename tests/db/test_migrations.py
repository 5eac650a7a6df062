from __future__ import annotations

from typing import Any

from hearing_core.db.migrations import migration_status, upgrade


async def test_upgrade_is_idempotent_and_status_reports_applied(hearing_app: Any) -> None:
    # The fixture already upgraded once; a second run applies nothing.
    assert await upgrade(hearing_app.db, hearing_app.app_configs) == []
    states = await migration_status(hearing_app.db, hearing_app.app_configs)
    assert states, "the core app has migrations"
    assert all(s.applied for s in states)
    assert {s.app for s in states} == {"hearing_core"}


async def test_fresh_database_gets_every_table(make_app: Any) -> None:
    app = await make_app()
    from hearing_core.audit.tables import AuditEntry
    from hearing_core.security.tables import User

    assert await User.table_exists().run()
    assert await AuditEntry.table_exists().run()
    assert await app.db.ping()


async def test_write_transaction_rolls_back_on_error(hearing_app: Any, admin_ctx: Any) -> None:
    from hearing_core.audit.tables import AuditEntry

    before = await AuditEntry.count().run()
    try:
        async with admin_ctx.write():
            await admin_ctx.audit("test.action", "thing", 1)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert await AuditEntry.count().run() == before
