"""Report snapshots (报告快照): freeze the report sent upward, show it again, verify it.

Freezing stores the report's canonical JSON (sorted keys, compact separators,
UTF-8, Decimals as strings) and its SHA-256. The same register gives the same
text and therefore the same hash. Verification recomputes the hash of the stored
text (``intact``: nobody changed the row) and, on request, recomputes the report
from today's register (``reproducible``: the register still gives the same
figures), listing the figures that differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from hearing_core.errors import NotFound
from hearing_core.petitions.domain.statistics import PreviousYear
from hearing_core.reports.service import FREEZE, READ, compute_report
from hearing_core.reports.tables import ReportSnapshot

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "canonical_json",
    "content_hash",
    "freeze",
    "get_snapshot",
    "list_snapshots",
    "verify_snapshot",
]

_SUMMARY = ("id", "kind", "year", "period_start", "period_end", "sha256", "report_version", "profile",
            "note", "frozen_by", "frozen_at")  # fmt: skip


def canonical_json(report: Mapping[str, Any]) -> str:
    """The one text a report hashes to: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(report, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(report: Mapping[str, Any] | str) -> str:
    """SHA-256 (hex) of the canonical JSON of ``report`` (or of that text itself)."""
    text = report if isinstance(report, str) else canonical_json(report)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _summary(row: Mapping[str, Any]) -> dict[str, Any]:
    data = {key: row[key] for key in _SUMMARY}
    for key in ("period_start", "period_end", "frozen_at"):
        if hasattr(data[key], "isoformat"):
            data[key] = data[key].isoformat()
    return data


async def freeze(
    ctx: ServiceContext, year: int, *, note: str = "", published_previous: PreviousYear | None = None
) -> dict[str, Any]:
    """Compute the report of ``year`` now and store it as a dated snapshot (冻结); audited."""
    ctx.require(FREEZE)
    async with ctx.write():
        # Computed inside the write transaction: the snapshot is of one state of the register.
        report = await compute_report(ctx.app, year, published_previous=published_previous)
        text = canonical_json(report)
        digest = content_hash(text)
        row = ReportSnapshot(
            kind="annual",
            year=year,
            period_start=date.fromisoformat(report["period"]["start"]),
            period_end=date.fromisoformat(report["period"]["end"]),
            sha256=digest,
            content=text,
            report_version=report["version"],
            profile=ctx.app.profile.name,
            profile_fingerprint=ctx.app.profile.fingerprint(),
            note=note[:2000],
            frozen_by=ctx.actor.username,
            frozen_at=ctx.now(),
        )
        await row.save().run()
        snapshot_id: int = row.id  # type: ignore[attr-defined]  # piccolo adds the primary key
        f = report["figures"]
        await ctx.audit(
            "report.freeze",
            "report_snapshot",
            snapshot_id,
            after={
                "year": year,
                "sha256": digest,
                "total": f["total"],
                "accepted": f["accepted"],
                "distinct_matters": f["distinct_matters"],
                "backlog": f["backlog"],
            },  # fmt: skip
            subject_ref=f"report:annual:{year}",
            note=note[:200],
        )
    return await get_snapshot(ctx, snapshot_id)


async def list_snapshots(ctx: ServiceContext, *, year: int | None = None) -> list[dict[str, Any]]:
    """Snapshots, newest first (without their content)."""
    ctx.require(READ)
    columns = [getattr(ReportSnapshot, key) for key in _SUMMARY]
    query = ReportSnapshot.select(*columns).order_by(ReportSnapshot._meta.primary_key, ascending=False)
    if year is not None:
        query = query.where(ReportSnapshot.year == year)
    return [_summary(row) for row in await query.run()]


async def _row(snapshot_id: int) -> dict[str, Any]:
    rows = await ReportSnapshot.select().where(ReportSnapshot._meta.primary_key == snapshot_id).run()
    if not rows:
        raise NotFound(f"report snapshot {snapshot_id} not found")
    return rows[0]  # type: ignore[no-any-return]


async def get_snapshot(ctx: ServiceContext, snapshot_id: int) -> dict[str, Any]:
    """One snapshot with its report (``report``) parsed from the stored text."""
    ctx.require(READ)
    row = await _row(snapshot_id)
    return {**_summary(row), "report": json.loads(row["content"])}


async def verify_snapshot(ctx: ServiceContext, snapshot_id: int, *, recompute: bool = True) -> dict[str, Any]:
    """Check a snapshot (核验): its stored text still hashes to its hash; optionally that the
    register still gives the same report.

    Returns ``{"id", "sha256", "computed_sha256", "intact", "reproducible", "differences"}``:
    ``intact`` — the stored text still hashes to the stored hash; ``reproducible`` — the
    register today gives a report with the stored hash (``None`` without ``recompute``);
    ``differences`` — keys where the stored text and today's report differ
    (``figures.accepted``, ``sections``…): after tampering, the altered figures; after a
    change to the register, the figures it moved.
    """
    ctx.require(READ)
    row = await _row(snapshot_id)
    computed = content_hash(row["content"])
    result: dict[str, Any] = {
        "id": row["id"],
        "year": row["year"],
        "sha256": row["sha256"],
        "computed_sha256": computed,
        "intact": computed == row["sha256"],
        "reproducible": None,
        "differences": [],
    }
    if recompute:
        try:
            frozen = json.loads(row["content"])
        except ValueError:
            frozen = {}
        published = None
        if frozen.get("previous_source") == "published":
            f = frozen["figures"]
            published = PreviousYear(f["previous_accepted"], f["previous_distinct_matters"])
        now = await compute_report(ctx.app, row["year"], published_previous=published)
        result["reproducible"] = content_hash(now) == row["sha256"]
        result["differences"] = _differences(frozen, now)
    return result


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    keys = []
    for key in sorted(set(old) | set(new)):
        if key == "figures" and isinstance(old.get(key), Mapping):
            keys += [f"figures.{k}" for k in sorted(set(old[key]) | set(new[key]))
                     if old[key].get(k) != new[key].get(k)]  # fmt: skip
        elif old.get(key) != new.get(key):
            keys.append(key)
    return keys
