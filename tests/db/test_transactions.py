"""Write transactions: foreign keys hold inside them, a failed one leaves nothing behind, and on
SQLite their connections come from the engine's pool (``PooledSQLiteTransaction``)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from hearing_core.db.engine import HearingSQLiteEngine, create_engine
from hearing_core.security.tables import User


async def test_foreign_keys_hold_inside_a_write_transaction(hearing_app: Any, admin_ctx: Any) -> None:
    with pytest.raises(Exception, match="(?i)foreign key"):
        async with hearing_app.db.write():
            await hearing_app.db.fetch(
                "INSERT INTO hearing_petitioner (item, role, position, name, id_number, phone, address) "
                "VALUES ({}, 'petitioner', 0, '张三', '', '', '')", 987_654)
    # The failed transaction left nothing, and the next one works.
    async with hearing_app.db.write():
        await User.update({User.display_name: "王主任"}).where(User.username == "admin").run()
    assert (await User.select(User.display_name).where(User.username == "admin").first().run())["display_name"] == "王主任"
    assert [dict(r) for r in await hearing_app.db.fetch("SELECT COUNT(*) AS n FROM hearing_petitioner")] == [{"n": 0}]


def test_sqlite_transactions_reuse_one_pooled_connection(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    assert isinstance(engine, HearingSQLiteEngine)

    async def scenario() -> None:
        seen = []
        for n in range(3):
            async with engine.transaction() as tx:
                seen.append(id(tx.connection))
                await tx.connection.execute(f"CREATE TABLE t{n} (id INTEGER PRIMARY KEY)")
        assert len(set(seen)) == 1  # given back after each clean commit and borrowed again
        with pytest.raises(RuntimeError):
            async with engine.transaction() as tx:
                failed = tx.connection
                raise RuntimeError("boom")
        async with engine.transaction() as tx:
            assert tx.connection is not failed  # a failed transaction's connection is closed, not reused
            rows = await (await tx.connection.execute("SELECT name FROM sqlite_master ORDER BY name")).fetchall()
        assert [r["name"] for r in rows] == ["t0", "t1", "t2"]
        assert (await engine._run_in_new_connection("PRAGMA foreign_keys"))[0]["foreign_keys"] == 1
        await engine.close_idle_connections()

    asyncio.run(scenario())
