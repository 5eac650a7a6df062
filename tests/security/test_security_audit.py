"""Audit log: append-only at the database level, tamper-evident chain, reads audited, rollbacks leave nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from security_support import araw_execute, asgi_client, bypass_statements, make_users

from hearing_core.audit.chain import canonical, canonical_time, entry_hash
from hearing_core.audit.reads import audit_export, audit_read
from hearing_core.audit.tables import AuditEntry
from hearing_core.audit.verify import verify_chain
from hearing_core.context import ServiceContext
from hearing_core.security.service import actor_by_username, create_user
from hearing_core.testing import login


async def _ids(app: Any) -> list[int]:
    rows = await app.db.fetch("SELECT id FROM hearing_audit_entry ORDER BY id")
    return [int(r["id"]) for r in rows]


async def test_update_and_delete_of_audit_rows_are_refused_by_the_database(hearing_app: Any, admin_ctx: Any) -> None:
    await make_users(admin_ctx, 2)
    first = (await _ids(hearing_app))[0]
    for sql in (
        f"UPDATE hearing_audit_entry SET actor = 'mallory' WHERE id = {first}",
        f"DELETE FROM hearing_audit_entry WHERE id = {first}",
    ):
        with pytest.raises(Exception, match="append-only"):
            async with hearing_app.db.write():
                await hearing_app.db.fetch(sql)
    if not hearing_app.db.is_sqlite:
        with pytest.raises(Exception, match="append-only"):
            await hearing_app.db.fetch("TRUNCATE hearing_audit_entry")
    assert (await verify_chain(hearing_app.db)).ok
    assert len(await _ids(hearing_app)) == 3


@pytest.mark.parametrize("tamper", ["altered", "deleted", "reordered"])
async def test_verify_names_the_first_broken_entry(hearing_app: Any, admin_ctx: Any, database_url: str, tamper: str) -> None:
    await make_users(admin_ctx, 5)
    report = await verify_chain(hearing_app.db)
    assert report.ok and report.checked == 6
    ids = await _ids(hearing_app)
    target = ids[2]
    statements = bypass_statements(database_url)
    if tamper == "altered":
        statements.append(f"UPDATE hearing_audit_entry SET actor = 'mallory' WHERE id = {target}")
        expected_id, problem = target, "altered"
    elif tamper == "deleted":
        statements.append(f"DELETE FROM hearing_audit_entry WHERE id = {target}")
        expected_id, problem = ids[3], "broken link"
    else:
        # Swap the whole content of two neighbouring rows (hashes included).
        a, b = target, ids[3]
        cols = "at, actor, action, object_type, object_id, subject_ref, before, after, prev_hash, entry_hash, note"
        statements += [
            f"CREATE TABLE swap_tmp AS SELECT id, {cols} FROM hearing_audit_entry WHERE id IN ({a}, {b})",
            f"DELETE FROM hearing_audit_entry WHERE id IN ({a}, {b})",
            f"INSERT INTO hearing_audit_entry (id, {cols}) SELECT CASE id WHEN {a} THEN {b} ELSE {a} END, {cols} FROM swap_tmp",
            "DROP TABLE swap_tmp",
        ]
        expected_id, problem = a, "broken link"
    await araw_execute(database_url, statements)
    report = await verify_chain(hearing_app.db)
    assert not report.ok
    assert report.first_broken_id == expected_id
    assert report.problem == problem


async def test_rolled_back_change_leaves_no_audit_row(hearing_app: Any, admin_ctx: Any) -> None:
    from hearing_core.security.tables import User

    before = await AuditEntry.count().run()
    with pytest.raises(RuntimeError):
        async with admin_ctx.write():
            await create_user(admin_ctx, "ghost", "password-123", ["clerk"])
            raise RuntimeError("the request failed after the change")
    assert await AuditEntry.count().run() == before
    assert not await User.exists().where(User.username == "ghost").run()
    assert (await verify_chain(hearing_app.db)).ok


async def test_reads_of_personal_data_and_exports_are_audited(hearing_app: Any, admin_ctx: Any) -> None:
    await create_user(admin_ctx, "reg1", "password-123", ["registrar"])
    await create_user(admin_ctx, "aud1", "password-123", ["auditor"])
    registrar = ServiceContext(hearing_app, await actor_by_username(hearing_app, "reg1"))
    auditor = ServiceContext(hearing_app, await actor_by_username(hearing_app, "aud1"))
    assert await audit_read(registrar, "petitioner", 7, fields=["id_number", "phone"], subject_ref="X-2026-1")
    # The auditor lacks personal_data.read: it only ever sees masked values, nothing to record.
    assert not await audit_read(auditor, "petitioner", 7, fields=["id_number"])
    await audit_export(auditor, "petition_items", rows=12, masked=True, filters={"year": 2026})
    rows = await AuditEntry.select().where(AuditEntry.action.is_in(["personal_data.view", "export"])).order_by(AuditEntry.id).output(load_json=True).run()
    assert [(r["action"], r["actor"]) for r in rows] == [("personal_data.view", "reg1"), ("export", "aud1")]
    assert rows[0]["after"] == {"fields": ["id_number", "phone"]} and rows[0]["subject_ref"] == "X-2026-1"
    assert rows[1]["after"]["rows"] == 12
    # A read inside a transaction that fails leaves no trace of a disclosure that never happened.
    count = await AuditEntry.count().run()
    with pytest.raises(ValueError):
        async with registrar.write():
            await audit_read(registrar, "petitioner", 8, fields=["phone"])
            raise ValueError("serialisation failed")
    assert await AuditEntry.count().run() == count


async def test_timestamps_round_trip_to_the_same_canonical_form(hearing_app: Any, admin_ctx: Any) -> None:
    # A moment given in China time is stored and hashed as UTC, whatever the database.
    hearing_app.clock = lambda: dt.datetime(2026, 3, 1, 9, 30, 15, 987654, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    async with admin_ctx.write():
        await admin_ctx.audit("test.clock", "thing", 1, after={"n": 1.5, "名": "张三"})
    row = await AuditEntry.select().where(AuditEntry.action == "test.clock").first().output(load_json=True).run()
    assert canonical_time(row["at"]) == "2026-03-01T01:30:15+00:00"
    assert entry_hash(row["prev_hash"], row) == row["entry_hash"]
    assert '"at":"2026-03-01T01:30:15+00:00"' in canonical(row)
    assert canonical_time("2026-03-01T09:30:15+08:00") == canonical_time(dt.datetime(2026, 3, 1, 1, 30, 15))


async def test_audit_api_filters_pages_and_verifies(hearing_app: Any, admin_ctx: Any, database_url: str) -> None:
    await make_users(admin_ctx, 4)
    async with admin_ctx.write():
        await admin_ctx.audit("matter.note", "matter", 3, subject_ref="宝信〔2026〕12号", after={"phone": "13812345678"})
    await create_user(admin_ctx, "aud", "password-123", ["auditor"])
    await create_user(admin_ctx, "clk", "password-123", ["clerk"])
    async with asgi_client(hearing_app) as client:
        auditor = await login(client, "aud", "password-123")
        page = await client.get("/api/v1/audit", params={"action": "user.create", "per_page": 2}, headers=auditor)
        assert page.status_code == 200
        body = page.json()
        assert body["total"] == 7 and len(body["items"]) == 2 and body["page"] == 1 and body["per_page"] == 2
        assert body["items"][0]["id"] > body["items"][1]["id"]  # newest first
        matter = await client.get("/api/v1/audit", params={"matter": "宝信〔2026〕12号"}, headers=auditor)
        items = matter.json()["items"]
        assert [i["action"] for i in items] == ["matter.note"]
        assert items[0]["after"] == {"phone": "138****5678"}  # the auditor may not read personal data
        by_actor = await client.get("/api/v1/audit", params={"actor": "system"}, headers=auditor)
        assert {i["actor"] for i in by_actor.json()["items"]} == {"system"}
        future = await client.get("/api/v1/audit", params={"since": "2999-01-01"}, headers=auditor)
        assert future.json()["total"] == 0
        bad = await client.get("/api/v1/audit", params={"since": "yesterday"}, headers=auditor)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "since"
        verified = await client.get("/api/v1/audit/verify", headers=auditor)
        assert verified.json()["ok"] is True and verified.json()["checked"] == 8
        clerk = await login(client, "clk", "password-123")
        assert (await client.get("/api/v1/audit", headers=clerk)).status_code == 403
        assert (await client.get("/api/v1/audit/verify", headers=clerk)).status_code == 403
        third = (await _ids(hearing_app))[2]
        await araw_execute(
            database_url, [*bypass_statements(database_url), f"UPDATE hearing_audit_entry SET note = 'x' WHERE id = {third}"]
        )
        broken = (await client.get("/api/v1/audit/verify", headers=auditor)).json()
        assert broken["ok"] is False and broken["first_broken_id"] == third and broken["problem"] == "altered"
