"""Benchmark: the annual report (年度报告) against one hand-written SQL aggregate.

``run(quick)`` loads a synthetic register (:func:`hearing_core.seeddata.bulk_records`,
two statistical years) with the driver's bulk path (PostgreSQL ``COPY``, SQLite
``executemany``), then times

* the report service's computation (:func:`hearing_core.reports.service.compute_report`:
  both years, every figure, categories, months, reasons), and
* a single hand-written statement computing the headline figures of both years
  (total, channels, persons, collective visits, not accepted, accepted, 纯件数,
  积案, last year's accepted and 纯件数),

each the best of several warm runs (interleaved), and checks the two agree. ``ratio`` is report
time ÷ hand-written time at the largest size (target ≤ 2.0); ``details`` also gives
the times at each size and how they scale (linear: 10× rows ≈ 10× time).

Database: ``HEARING_BENCH_DATABASE`` (a PostgreSQL server URL; a scratch database is
created and dropped) or, unset, a SQLite file in a temporary directory.

    python -c "import bench.report_bench as b, json; print(json.dumps(b.run(quick=True), indent=2))"
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

__all__ = ["run"]

NAME = "annual report vs hand-written SQL aggregate"
TARGET = 2.0
YEAR = 2023
_CHUNK = 50_000
_ITEM_COLUMNS = ("ref", "received_on", "channel", "persons", "collective", "category", "category_top", "summary",
                 "matter", "matter_key", "status", "accepted_on", "not_accepted_on", "not_accepted_reason",
                 "registered_by")  # fmt: skip
_MATTER_COLUMNS = ("id", "ref", "title", "category", "on_backlog")
_REASONS = {"不属于我县管辖": "out_of_jurisdiction", "当面解释": "explained_on_spot"}

# Both years in one pass; dates are generated literals (no user input).
BASELINE_SQL = """
SELECT
  SUM(CASE WHEN i.received_on >= '{cs}' THEN 1 ELSE 0 END) AS total,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.channel = 'letter' THEN 1 ELSE 0 END) AS letters,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.channel = 'visit' THEN 1 ELSE 0 END) AS visit_batches,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.channel = 'visit' THEN i.persons ELSE 0 END) AS visit_persons,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.channel = 'visit' AND i.persons >= 5 THEN 1 ELSE 0 END) AS collective_batches,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.channel = 'visit' AND i.persons >= 5 THEN i.persons ELSE 0 END)
    AS collective_persons,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.status = 'not_accepted' THEN 1 ELSE 0 END) AS not_accepted,
  SUM(CASE WHEN i.received_on >= '{cs}' AND i.status <> 'not_accepted' THEN 1 ELSE 0 END) AS accepted,
  COUNT(DISTINCT CASE WHEN i.received_on >= '{cs}' AND i.status <> 'not_accepted' THEN i.matter_key END)
    AS distinct_matters,
  COUNT(DISTINCT CASE WHEN i.received_on >= '{cs}' AND i.status <> 'not_accepted' AND m.on_backlog
    THEN i.matter_key END) AS backlog,
  SUM(CASE WHEN i.received_on < '{cs}' AND i.status <> 'not_accepted' THEN 1 ELSE 0 END) AS previous_accepted,
  COUNT(DISTINCT CASE WHEN i.received_on < '{cs}' AND i.status <> 'not_accepted' THEN i.matter_key END)
    AS previous_distinct_matters
FROM hearing_petition_item i LEFT JOIN hearing_petition_matter m ON m.id = i.matter
WHERE i.received_on >= '{ps}' AND i.received_on <= '{ce}'
"""


def _rows(n: int) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Chunks of (new matter rows, item rows) in the tables' column order, streamed."""
    from hearing_core.petitions.domain import default_catalog
    from hearing_core.seeddata import bulk_records

    catalog = default_catalog()
    codes: dict[str, tuple[str, str]] = {}
    matters_seen = 0
    matters: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    for r in bulk_records(n, year=YEAR):
        if r.category not in codes:
            codes[r.category] = (catalog.resolve(r.category).code, catalog.top_level(r.category).code)
        code, top = codes[r.category]
        matter_id = None
        if r.matter_ref is not None:
            matter_id = int(r.matter_ref[3:]) + 1  # BX-0000041 is matter number 41
            if matter_id > matters_seen:
                matters_seen = matter_id
                matters.append((matter_id, r.matter_ref, r.summary[:100], code, r.backlog))
        items.append((
            r.ref, r.received_on, r.channel, r.persons, r.persons >= 5, code, top, r.summary, matter_id,
            r.matter_ref or f"item:{r.ref}", "accepted" if r.accepted else "not_accepted",
            r.received_on if r.accepted else None, None if r.accepted else r.received_on,
            _REASONS.get(r.not_accepted_reason or ""), "bench",
        ))  # fmt: skip
        if len(items) == _CHUNK:
            yield matters, items
            matters, items = [], []
    if items:
        yield matters, items


async def _load_postgres(url: str, n: int) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            for matters, items in _rows(n):
                if matters:
                    await conn.copy_records_to_table(
                        "hearing_petition_matter", records=matters, columns=_MATTER_COLUMNS
                    )
                await conn.copy_records_to_table(
                    "hearing_petition_item", records=items, columns=_ITEM_COLUMNS
                )
        await conn.execute(
            "SELECT setval('hearing_petition_matter_id_seq', (SELECT MAX(id) FROM hearing_petition_matter))"
        )
        await conn.execute("ANALYZE hearing_petition_item; ANALYZE hearing_petition_matter")
    finally:
        await conn.close()


def _load_sqlite(path: str, n: int) -> None:
    import sqlite3

    def iso(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in row)

    conn = sqlite3.connect(path)
    try:
        with conn:
            for matters, items in _rows(n):
                conn.executemany(
                    f"INSERT INTO hearing_petition_matter ({', '.join(_MATTER_COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
                    matters,
                )
                marks = ", ".join("?" * len(_ITEM_COLUMNS))
                conn.executemany(
                    f"INSERT INTO hearing_petition_item ({', '.join(_ITEM_COLUMNS)}) VALUES ({marks})",
                    map(iso, items),
                )
        conn.execute("ANALYZE")
    finally:
        conn.close()


async def _best_of(works: list[Any], repeat: int) -> list[tuple[float, Any]]:
    """Best time and last result of each coroutine function, run in turn ``repeat`` times.

    Interleaved, so a burst of load on the machine or a cache warming up affects both alike.
    """
    best: list[tuple[float, Any]] = [(float("inf"), None)] * len(works)
    for _ in range(repeat):
        for n, work in enumerate(works):
            began = time.perf_counter()
            result = await work()
            best[n] = (min(best[n][0], time.perf_counter() - began), result)
    return best


async def _measure(url: str, n: int, repeat: int) -> dict[str, Any]:
    """Load ``n`` items into a fresh instance at ``url`` and time both computations."""
    from hearing_core.app import HearingApp
    from hearing_core.db.migrations import upgrade
    from hearing_core.plugins import get_plugin_manager
    from hearing_core.reports.service import compute_report, period_of
    from hearing_core.settings import Settings

    data_dir = Path(tempfile.mkdtemp(prefix="hearing-bench-"))
    settings = Settings(data_dir=data_dir, database_url=url, load_plugins=(), secret_key="b" * 40)
    app = HearingApp(settings, pm=get_plugin_manager(only=()))
    async with app.running():
        await upgrade(app.db, app.app_configs)
        began = time.perf_counter()
        if app.db.is_sqlite:
            await asyncio.to_thread(_load_sqlite, url.removeprefix("sqlite:///"), n)
        else:
            await _load_postgres(url, n)
        load = time.perf_counter() - began
        current, previous = period_of(app, YEAR), period_of(app, YEAR - 1)
        sql = BASELINE_SQL.format(cs=current.start, ce=current.end, ps=previous.start)

        async def report() -> dict[str, Any]:
            return await compute_report(app, YEAR)

        async def baseline() -> dict[str, Any]:
            return (await app.db.fetch(sql))[0]

        await report(), await baseline()  # warm caches and plans
        (report_s, figures), (baseline_s, row) = await _best_of([report, baseline], repeat)
    f = figures["figures"]
    mismatched = [k for k, v in row.items() if int(v or 0) != int(f[k] or 0)]
    if mismatched:
        raise AssertionError(f"report and hand-written SQL disagree on {mismatched}")
    return {"items": n, "load_s": round(load, 2), "report_s": round(report_s, 4), "baseline_s": round(baseline_s, 4),
            "ratio": round(report_s / baseline_s, 2), "accepted": f["accepted"], "distinct_matters": f["distinct_matters"]}  # fmt: skip


async def _scratch_postgres(server: str) -> tuple[str, str]:
    import asyncpg

    name = f"hearing_bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(server)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return urlunparse(urlparse(server)._replace(path=f"/{name}")), name


async def _drop_postgres(server: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(server)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def _run(sizes: tuple[int, ...], repeat: int, server: str | None) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        if server:
            url, name = await _scratch_postgres(server)
            try:
                results.append({"database": "postgresql", **await _measure(url, n, repeat)})
            finally:
                await _drop_postgres(server, name)
        else:
            url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='hearing-bench-')) / 'bench.db'}"
            results.append({"database": "sqlite", **await _measure(url, n, repeat)})
    return results


def run(quick: bool) -> dict[str, Any]:
    """Time the report against the hand-written aggregate: 20k/100k items (quick) or 100k/1M."""
    sizes = (20_000, 100_000) if quick else (100_000, 1_000_000)
    server = os.environ.get("HEARING_BENCH_DATABASE") or None
    results = asyncio.run(_run(sizes, 3 if quick else 5, server))
    small, large = results[0], results[-1]
    growth = large["items"] / small["items"]
    details = {
        "sizes": results,
        # Linear: time per item stays flat from the small to the large register (1.0 = perfectly linear).
        "report_scaling": round(large["report_s"] / small["report_s"] / growth, 2),
        "baseline_scaling": round(large["baseline_s"] / small["baseline_s"] / growth, 2),
        "indexes": "hearing_petition_item: received_on, channel, status, matter_key, matter, category_top",
    }
    return {"name": NAME, "ratio": large["ratio"], "target": TARGET, "details": details}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(quick="--full" not in sys.argv), ensure_ascii=False, indent=2))
