"""Bulk import: items/s of ``hearing petitions import FILE.jsonl`` ÷ a driver bulk INSERT of the same rows (≥ 0.3).

The register (:func:`hearing_core.seeddata.bulk_rows`: 100,000 items full, 10,000 quick,
each with a petitioner, about half joining matters) is written as JSON Lines and imported
by the real command, ``hearing petitions import``, in its own process (start-up, parsing,
validation, matters, items, petitioners, the audit entry: everything). Its peak RSS is read
from the kernel's accounting of that process (``wait4``).

The baseline reads back every row the import stored (import batch, matters, items,
petitioners) and inserts them into a second fresh instance with the driver alone: one
transaction, ``executemany`` of single-row ``INSERT`` statements per table (sqlite3 /
asyncpg), ids kept. ``ratio`` = import items/s ÷ driver items/s.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.driver import insert_bulk, read_table
from bench.harness import Result, RunContext
from bench.instance import Instance, hearing_command, instance, open_app

__all__ = ["run"]

TARGET = 0.3
TABLES = ("hearing_petition_import", "hearing_petition_matter", "hearing_petition_item", "hearing_petitioner")


async def _prepare(inst: Instance) -> None:
    """Schema up to date and an administrator (the command acts as the local administrator)."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user

    async with open_app(inst) as app:
        await create_user(ServiceContext(app, SYSTEM), "admin", "bench-password-1", ["administrator"])


def _import(inst: Instance, path: Path) -> tuple[float, int, str]:
    """Run the command; (seconds, peak RSS in KiB, its output)."""
    argv = [*hearing_command(), "petitions", "import", str(path)]
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=inst.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"hearing petitions import failed ({process.returncode}): {output[-2000:]}")
    # ru_maxrss of the command's process; its parse worker (if any) is a grandchild, reported separately.
    return seconds, int(usage.ru_maxrss), output.strip()


def run(ctx: RunContext, database: str) -> Result:
    from hearing_core.seeddata import bulk_rows, write_jsonl

    items = ctx.size(10_000, 100_000, minimum=50)
    with instance(database, ctx.postgres_server) as target, instance(database, ctx.postgres_server) as copy:
        path = target.data_dir / "register.jsonl"
        write_jsonl(bulk_rows(items), path)
        asyncio.run(_prepare(target))
        asyncio.run(_prepare(copy))
        import_s, rss_kib, output = _import(target, path)
        tables = [read_table(target, name) for name in TABLES]
        stored = {rows.table: len(rows.values) for rows in tables}
        if stored["hearing_petition_item"] != items:
            raise AssertionError(f"import stored {stored['hearing_petition_item']} items of {items}: {output}")
        driver_s = insert_bulk(copy, tables)
        size_mb = path.stat().st_size / 1e6
    import_rate, driver_rate = items / import_s, items / driver_s
    details: dict[str, Any] = {
        "items": items,
        "file_mb": round(size_mb, 1),
        "rows_stored": stored,
        "import_s": round(import_s, 2),
        "driver_s": round(driver_s, 2),
        "import_items_per_s": round(import_rate),
        "driver_items_per_s": round(driver_rate),
        "peak_rss_mb": round(rss_kib / 1024, 1),
        "python": sys.version.split()[0],
        "summary": f"import {import_rate:.0f} items/s (peak RSS {rss_kib / 1024:.0f} MB) vs driver "
                   f"{driver_rate:.0f} items/s, {items} items",
    }
    return Result(f"bulk_import[{database}]", round(import_rate / driver_rate, 3), TARGET, ">=", details)
