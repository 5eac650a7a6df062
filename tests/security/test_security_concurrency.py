"""Concurrent writers, optimistic concurrency, and a process killed in the middle of a transaction."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from security_support import asgi_client

from hearing_core.audit.tables import AuditEntry
from hearing_core.audit.verify import verify_chain
from hearing_core.db.engine import sqlite_path
from hearing_core.security import service as users
from hearing_core.security.stores import DatabaseStore
from hearing_core.security.tables import User
from hearing_core.testing import ADMIN_PASSWORD, login

WORKER = Path(__file__).with_name("service_worker.py")


def _worker(url: str, data_dir: Path, prefix: str, count: int, batch: int, increments: int = 0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), url, str(data_dir), prefix, str(count), str(batch), str(increments)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _usernames(prefix: str) -> list[str]:
    rows = await User.select(User.username).where(User.username.like(f"{prefix}%")).run()
    return sorted(r["username"] for r in rows)


async def test_fifty_concurrent_writers_lose_nothing(hearing_app: Any, admin_ctx: Any) -> None:
    store = DatabaseStore(hearing_app, namespace="test")
    errors: list[BaseException] = []

    async def writer(n: int) -> None:
        try:
            # Each change: a read-modify-write of one shared counter and its audit entry, one transaction.
            for i in range(4):
                async with admin_ctx.write():
                    value = await store.increment("counter", 3600)
                    await admin_ctx.audit("counter.increment", "counter", "test", after={"value": value, "writer": n, "i": i})
            if n % 10 == 0:  # and a few accounts (Argon2 hashing is slow on purpose)
                await users.create_user(admin_ctx, f"w{n:02d}", "password-123", ["clerk"])
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    audit_before = await AuditEntry.count().run()
    await asyncio.gather(*(writer(n) for n in range(50)))
    assert errors == []  # in particular no "database is locked"
    assert await store.get("counter") == b"200"
    assert len(await _usernames("w")) == 5
    entries = await AuditEntry.select(AuditEntry.after).where(AuditEntry.action == "counter.increment").output(load_json=True).run()
    # Every increment saw a distinct value: no two writers read the same count (no lost update).
    assert sorted(e["after"]["value"] for e in entries) == list(range(1, 201))
    assert await AuditEntry.count().run() == audit_before + 205
    assert (await verify_chain(hearing_app.db)).ok


async def test_writer_processes_share_one_database(hearing_app: Any, database_url: str, tmp_path: Path) -> None:
    procs = [_worker(database_url, tmp_path / f"d{i}", f"p{i}-", 2, 2, increments=25) for i in range(4)]
    results = await asyncio.gather(*(asyncio.to_thread(p.communicate, timeout=300) for p in procs))
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.strip().endswith("done")
    assert len(await _usernames("p")) == 8
    assert await DatabaseStore(hearing_app, namespace="test").get("counter") == b"100"
    assert (await verify_chain(hearing_app.db)).ok


async def test_process_killed_mid_transaction_leaves_a_consistent_database(
    hearing_app: Any, database_url: str, tmp_path: Path
) -> None:
    proc = _worker(database_url, tmp_path / "crash", "k", 12, 4)
    seen: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        seen.append(line.strip())
        if line.strip() == "created 10":  # inside the third transaction (users 8..11)
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert "committed 8" in seen and "committed 12" not in seen
    if hearing_app.db.is_sqlite:
        conn = sqlite3.connect(sqlite_path(database_url))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    # The two committed batches are there, nothing of the killed one.
    assert await _usernames("k") == [f"k{i:03d}" for i in range(8)]
    report = await verify_chain(hearing_app.db)
    assert report.ok
    # A re-run finishes the work without duplicates.
    rerun = _worker(database_url, tmp_path / "crash", "k", 12, 4)
    out, err = await asyncio.to_thread(rerun.communicate, timeout=300)
    assert rerun.returncode == 0, err
    assert await _usernames("k") == [f"k{i:03d}" for i in range(12)]
    created = await AuditEntry.select(AuditEntry.object_id).where(AuditEntry.action == "user.create").run()
    assert len(created) == len({r["object_id"] for r in created})  # one entry per user, no duplicates
    assert (await verify_chain(hearing_app.db)).checked == report.checked + 4


async def test_stale_version_is_409_and_overwrites_nothing(client: Any, admin_ctx: Any) -> None:
    await users.create_user(admin_ctx, "han", "password-123", ["clerk"])
    headers = await login(client, "admin", ADMIN_PASSWORD)
    read = (await client.get("/api/v1/users/han", headers=headers)).json()
    first = await client.patch("/api/v1/users/han", json={"version": read["version"], "roles": ["registrar"]}, headers=headers)
    assert first.status_code == 200 and first.json()["version"] == read["version"] + 1
    # A second editor still holds the old version.
    stale = await client.patch("/api/v1/users/han", json={"version": read["version"], "roles": ["leader"], "active": False}, headers=headers)
    assert stale.status_code == 409
    assert stale.json()["current_version"] == read["version"] + 1
    now = (await client.get("/api/v1/users/han", headers=headers)).json()
    assert now["roles"] == ["registrar"] and now["active"] is True
    unchanged = await client.patch("/api/v1/users/han", json={"version": read["version"]}, headers=headers)
    assert unchanged.status_code == 409
    ok = await client.patch("/api/v1/users/han", json={"version": now["version"], "active": False, "roles": ["leader"]}, headers=headers)
    assert ok.status_code == 200 and ok.json()["roles"] == ["leader"] and ok.json()["active"] is False


async def test_concurrent_patches_with_the_same_version_only_one_wins(hearing_app: Any, admin_ctx: Any) -> None:
    await users.create_user(admin_ctx, "qin", "password-123", ["clerk"])
    version = (await users.get_user(admin_ctx, "qin")).version
    roles = ["registrar", "leader", "mediator", "auditor", "review_officer", "centre_staff"]
    async with asgi_client(hearing_app) as client:
        headers = await login(client, "admin", ADMIN_PASSWORD)
        answers = await asyncio.gather(
            *(client.patch("/api/v1/users/qin", json={"version": version, "roles": [r]}, headers=headers) for r in roles)
        )
    codes = sorted(a.status_code for a in answers)
    assert codes == [200] + [409] * (len(roles) - 1)
    winner = next(a for a in answers if a.status_code == 200).json()
    final = await users.get_user(admin_ctx, "qin")
    assert final.roles == winner["roles"] and final.version == version + 1
