"""Backup and restore: nothing lost, the audit chain still verifies, bad files are refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from security_support import make_users

from hearing_core.audit.tables import AuditEntry
from hearing_core.audit.verify import verify_chain
from hearing_core.db.backup import backup_database, check_sqlite_backup, restore_database
from hearing_core.errors import HearingError
from hearing_core.security.tables import User


async def _snapshot() -> tuple[list[Any], list[Any]]:
    users = await User.select(User.username, User.roles, User.password_hash, User.version).order_by(User.id).output(load_json=True).run()
    audit = await AuditEntry.select(AuditEntry.id, AuditEntry.entry_hash).order_by(AuditEntry.id).run()
    return users, audit


async def test_backup_restore_round_trip(hearing_app: Any, admin_ctx: Any, database_url: str, tmp_path: Path) -> None:
    await make_users(admin_ctx, 3, prefix="before")
    async with admin_ctx.write():
        await admin_ctx.audit("matter.note", "matter", 1, subject_ref="宝信〔2026〕1号", after={"text": "原件"})
    saved = await _snapshot()
    target = tmp_path / "backups" / "hearing.backup"
    result = backup_database(database_url, target)
    assert target.is_file() and result.size == target.stat().st_size > 0
    if hearing_app.db.is_sqlite:
        check_sqlite_backup(target)
        assert not target.with_name(target.name + "-wal").exists()
    # Work continues after the backup; the restore must bring back exactly the saved state.
    await make_users(admin_ctx, 2, prefix="after")
    assert (await _snapshot()) != saved
    await hearing_app.db.close()
    restored = restore_database(database_url, target)
    await hearing_app.db.open(hearing_app.tables)
    assert await _snapshot() == saved
    report = await verify_chain(hearing_app.db)
    assert report.ok and report.checked == len(saved[1])
    if hearing_app.db.is_sqlite:
        assert restored.previous and Path(restored.previous).is_file()
        conn = sqlite3.connect(restored.previous)
        try:
            # The replaced database is kept, with the work done after the backup.
            names = {r[0] for r in conn.execute("SELECT username FROM hearing_user")}
        finally:
            conn.close()
        assert {"after000", "after001"} <= names
    # The append-only triggers came back with the data.
    with pytest.raises(Exception, match="append-only"):
        async with hearing_app.db.write():
            await hearing_app.db.fetch("DELETE FROM hearing_audit_entry")


def test_restore_refuses_files_that_are_not_hearing_databases(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HearingError, match="not a SQLite database"):
        restore_database(url, junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(HearingError, match="not a hearing database"):
        restore_database(url, other)
    with pytest.raises(HearingError, match="no backup file"):
        restore_database(url, tmp_path / "missing.db")
    assert not (tmp_path / "live.db").exists()


def test_cli_backup_and_restore_with_confirmation(cli: Any, tmp_path: Path) -> None:
    assert cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive").exit_code == 0
    cli("users", "add", "keep", "--role", "clerk", "--password", "password-123")
    backup_file = tmp_path / "b.backup"
    made = cli("db", "backup", str(backup_file), "--json")
    assert made.exit_code == 0, made.output
    assert json.loads(made.output)["size"] > 0
    cli("users", "add", "later", "--role", "clerk", "--password", "password-123")
    refused = cli("db", "restore", str(backup_file), input="n\n")
    assert refused.exit_code == 1 and "Aborted" in refused.output
    assert "later" in cli("users", "list").output
    done = cli("db", "restore", str(backup_file), "--yes", "--json")
    assert done.exit_code == 0, done.output + done.stderr
    report = json.loads(done.output)
    assert report["audit"]["ok"] is True
    names = [u["username"] for u in json.loads(cli("users", "list", "--json").output)]
    assert names == ["keep", "root"]
    assert cli("audit", "verify").exit_code == 0
