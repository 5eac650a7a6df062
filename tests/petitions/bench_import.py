"""Benchmark: bulk import of N register rows vs a raw driver bulk INSERT of the same rows.

    python -m tests.petitions.bench_import [--rows 100000] [--database postgresql://postgres@127.0.0.1:5432/postgres]

The baseline inserts the rows the import writes (items and their petitioners,
already converted) with the bare driver's ``executemany`` in one transaction —
no parsing, no validation, no lookups. The import reads the JSON Lines file,
validates every row, resolves matters and writes. Prints items/s of both and
the ratio (target ≥ 0.3).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

CHANNELS = ["letter", "visit", "phone", "online", "来信", "来访"]
#: Every file of a run (register, databases, instance folders) lives here and is removed at the end.
WORK = Path(tempfile.mkdtemp(prefix="hearing-petitions-bench-"))


def id_number(seq: int) -> str:
    first17 = f"440106{dt.date(1950, 1, 1) + dt.timedelta(days=seq % 20000):%Y%m%d}{seq % 1000:03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def write_file(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            accepted = i % 10 != 0
            row = {
                "ref": f"XF-{i:07d}", "received_on": (dt.date(2024, 1, 1) + dt.timedelta(days=i % 365)).isoformat(),
                "channel": CHANNELS[i % len(CHANNELS)], "persons": 1 + i % 7, "matter_ref": f"M-{i // 2}",
                "accepted": accepted, "category": "土地征收" if i % 3 else "劳动和社会保障",
                "backlog": i % 50 == 1, "petitioner": {"name": f"张{i % 997}", "id_number": id_number(i),
                                                       "phone": f"138{i % 100000000:08d}"},
                "summary": f"反映第{i}号征地补偿款未发放问题，请求尽快解决",
            }
            if not accepted:
                row["not_accepted_reason"] = "out_of_jurisdiction"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


async def baseline(url: str, n: int) -> float:
    """Seconds for the raw driver to insert N items and N petitioners in one transaction."""
    from hearing_core.app import HearingApp
    from hearing_core.db.migrations import upgrade
    from hearing_core.plugins import get_plugin_manager
    from hearing_core.settings import Settings

    data_dir = Path(tempfile.mkdtemp(dir=WORK))
    app = HearingApp(Settings(data_dir=data_dir, database_url=url, load_plugins=(), secret_key="x" * 40),
                     pm=get_plugin_manager(only=()))
    await app.startup()
    await upgrade(app.db, app.app_configs)
    await app.shutdown()
    now = dt.datetime.now(dt.UTC)
    items = [(f"XF-{i:07d}", dt.date(2024, 1, 1) + dt.timedelta(days=i % 365), "visit", 1 + i % 7, i % 7 >= 4,
              "land_expropriation", "natural_resources", "own_intake", f"反映第{i}号征地补偿款未发放问题，请求尽快解决", "",
              False, False, False, False, f"M-{i // 2}", "accepted", dt.date(2024, 1, 1), "", "", "", "bench", now,
              now, 1) for i in range(n)]
    cols = ("ref", "received_on", "channel", "persons", "collective", "category", "category_top", "source",
            "summary", "request", "level_skipping", "litigation_related", "anonymous", "abnormal", "matter_key",
            "status", "accepted_on", "not_accepted_note", "completion_report", "extension_reason", "registered_by",
            "created_at", "updated_at", "version")
    people = [(i + 1, "petitioner", 0, f"张{i % 997}", id_number(i), f"138{i % 100000000:08d}") for i in range(n)]
    pcols = ("item", "role", "position", "name", "id_number", "phone")
    if url.startswith("sqlite"):
        import sqlite3

        path = url.removeprefix("sqlite:///")
        began = time.perf_counter()
        with sqlite3.connect(path) as conn:
            conn.executemany(f"INSERT INTO hearing_petition_item ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in items])
            conn.executemany(f"INSERT INTO hearing_petitioner ({', '.join(pcols)}) VALUES ({', '.join('?' * len(pcols))})", people)
        return time.perf_counter() - began
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        began = time.perf_counter()
        async with conn.transaction():
            await conn.executemany(
                f"INSERT INTO hearing_petition_item ({', '.join(cols)}) VALUES ({', '.join(f'${i + 1}' for i in range(len(cols)))})",
                items)
            first = await conn.fetchval("SELECT MIN(id) FROM hearing_petition_item")
            await conn.executemany(
                f"INSERT INTO hearing_petitioner ({', '.join(pcols)}) VALUES ({', '.join(f'${i + 1}' for i in range(len(pcols)))})",
                [(first + p[0] - 1, *p[1:]) for p in people])
        return time.perf_counter() - began
    finally:
        await conn.close()


async def run_import(url: str, path: Path, with_due: bool = False) -> Any:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.db.migrations import upgrade
    from hearing_core.petitions.service.importer import import_file
    from hearing_core.plugins import get_plugin_manager
    from hearing_core.security.actor import SYSTEM
    from hearing_core.settings import Settings

    data_dir = Path(tempfile.mkdtemp(dir=WORK))
    app = HearingApp(Settings(data_dir=data_dir, database_url=url, load_plugins=(), secret_key="x" * 40),
                     pm=get_plugin_manager(only=()))
    app.clock = lambda: dt.datetime(2025, 6, 1, 2, 0, tzinfo=dt.UTC)
    async with app.running():
        await upgrade(app.db, app.app_configs)
        began = time.perf_counter()
        ctx = ServiceContext(app, SYSTEM)
        result = await import_file(ctx, path)
        seconds = time.perf_counter() - began
        if with_due:
            from hearing_core.petitions.service.deadlines import due

            began = time.perf_counter()
            rows = await due(ctx, 7)
            print(f"deadlines due over {result.created} imported items: {len(rows)} clocks in "
                  f"{time.perf_counter() - began:.2f} s")
        return result, seconds


async def fresh_pg(admin_url: str) -> str:
    from urllib.parse import urlparse, urlunparse

    import asyncpg

    name = f"hearing_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(admin_url)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return urlunparse(urlparse(admin_url)._replace(path=f"/{name}"))


async def drop_pg(admin_url: str, *urls: str) -> None:
    import asyncpg
    from urllib.parse import urlparse

    conn = await asyncpg.connect(admin_url)
    try:
        for url in urls:
            await conn.execute(f'DROP DATABASE IF EXISTS "{urlparse(url).path.lstrip("/")}" WITH (FORCE)')
    finally:
        await conn.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--due", action="store_true", help="Also time `deadlines due` over the imported items.")
    args = parser.parse_args()
    work = WORK
    path = work / "register.jsonl"
    write_file(path, args.rows)

    def url() -> Any:
        if args.database == "sqlite":
            return f"sqlite:///{work / uuid.uuid4().hex}.db"
        return fresh_pg(args.database)

    base_url = url() if args.database == "sqlite" else await url()
    imp_url = url() if args.database == "sqlite" else await url()
    try:
        raw = await baseline(base_url, args.rows)
        result, seconds = await run_import(imp_url, path, args.due)
    finally:
        if args.database != "sqlite":
            await drop_pg(args.database, base_url, imp_url)
    assert result.created == args.rows, result
    print(f"database: {args.database.split('@')[-1]}  rows: {args.rows}")
    print(f"raw driver executemany (items + petitioners): {raw:.2f} s = {args.rows / raw:,.0f} items/s")
    print(f"hearing import (parse, validate, write):      {seconds:.2f} s = {args.rows / seconds:,.0f} items/s")
    print(f"ratio import/raw: {raw / seconds:.2f}")


if __name__ == "__main__":
    import shutil

    try:
        asyncio.run(main())
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
