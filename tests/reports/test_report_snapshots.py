"""Snapshots: the frozen report hashes stably, verification detects tampering and register changes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import NotFound, PermissionDenied
from hearing_core.reports.service import annual_report, export_report
from hearing_core.reports.snapshots import (
    canonical_json,
    content_hash,
    freeze,
    get_snapshot,
    list_snapshots,
    verify_snapshot,
)


async def test_freeze_stores_the_report_with_a_stable_hash(
    seeded: Any, ctx_for: Callable[..., Awaitable[Any]]
) -> None:
    leader = await ctx_for("leader")
    report = await annual_report(leader, 2023)
    first = await freeze(leader, 2023, note="报市信访局")
    second = await freeze(leader, 2023)
    assert first["sha256"] == second["sha256"] == content_hash(report) == content_hash(canonical_json(report))
    assert first["report"] == report and first["report"]["figures"]["accepted"] == 566
    assert (first["year"], first["period_start"], first["period_end"]) == (2023, "2023-01-01", "2023-12-31")
    assert first["frozen_by"] == leader.actor.username and first["note"] == "报市信访局"
    assert [s["id"] for s in await list_snapshots(leader)] == [second["id"], first["id"]]
    assert await list_snapshots(leader, year=2022) == []
    check = await verify_snapshot(leader, first["id"])
    assert check["intact"] is True and check["reproducible"] is True and check["differences"] == []
    assert (await get_snapshot(leader, first["id"]))["report"] == report
    with pytest.raises(NotFound):
        await get_snapshot(leader, 999)


async def test_verification_detects_a_tampered_snapshot(seeded: Any, admin: Any) -> None:
    snap = await freeze(admin, 2023)
    await seeded.db.fetch(
        "UPDATE hearing_report_snapshot SET content = REPLACE(content, '\"accepted\":566', '\"accepted\":560') "
        "WHERE id = {}",
        snap["id"],
    )
    check = await verify_snapshot(admin, snap["id"])
    assert check["intact"] is False and check["computed_sha256"] != snap["sha256"]
    # The register still gives the frozen hash; the stored text differs from it in the altered figure.
    assert check["reproducible"] is True and check["differences"] == ["figures.accepted"]
    assert (await verify_snapshot(admin, snap["id"], recompute=False))["reproducible"] is None


async def test_a_changed_register_no_longer_reproduces_the_snapshot(seeded: Any, admin: Any) -> None:
    snap = await freeze(admin, 2023)
    await seeded.db.fetch(
        "UPDATE hearing_petition_item SET status = 'not_accepted', not_accepted_reason = 'out_of_jurisdiction' "
        "WHERE ref = (SELECT MIN(ref) FROM hearing_petition_item WHERE matter_key LIKE 'item:XF-2023-%' "
        "AND status <> 'not_accepted')"
    )
    check = await verify_snapshot(admin, snap["id"])
    assert check["intact"] is True and check["reproducible"] is False
    assert {"figures.accepted", "figures.not_accepted", "figures.distinct_matters"} <= set(
        check["differences"]
    )
    # The frozen numbers are still those sent upward.
    assert (await get_snapshot(admin, snap["id"]))["report"]["figures"]["accepted"] == 566
    assert (await annual_report(admin, 2023))["figures"]["accepted"] == 565


async def test_freezing_and_exporting_are_audited(
    seeded: Any, ctx_for: Callable[..., Awaitable[Any]]
) -> None:
    leader = await ctx_for("leader")
    snap = await freeze(leader, 2023, note="报市信访局")
    await export_report(leader, 2023, "md")
    await annual_report(leader, 2023)  # reading the figures is not an export
    rows = (
        await AuditEntry.select()
        .where(AuditEntry.actor == leader.actor.username)
        .output(load_json=True)
        .run()
    )
    actions = [(r["action"], r["object_type"]) for r in rows]
    assert actions == [("report.freeze", "report_snapshot"), ("report.export", "annual_report")]
    frozen, exported = rows
    assert frozen["object_id"] == str(snap["id"]) and frozen["after"]["sha256"] == snap["sha256"]
    assert frozen["subject_ref"] == "report:annual:2023" and frozen["after"]["accepted"] == 566
    assert exported["after"]["format"] == "md" and exported["after"]["sha256"] == snap["sha256"]


async def test_who_may_freeze(ctx_for: Callable[..., Awaitable[Any]]) -> None:
    for role in ("registrar", "handling_officer", "auditor"):
        with pytest.raises(PermissionDenied):
            await freeze(await ctx_for(role), 2023)
    auditor = await ctx_for("auditor")
    snap = await freeze(await ctx_for("leader"), 2023)
    assert (await verify_snapshot(auditor, snap["id"]))["intact"] is True
    with pytest.raises(PermissionDenied):
        await list_snapshots(await ctx_for("clerk"))
