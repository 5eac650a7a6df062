"""API read path: ``GET /api/v1/matters/{ref}`` req/s ÷ ``GET /health?db=false`` req/s (target ≥ 0.6).

One ``hearing serve`` process (one worker, 127.0.0.1) on a fresh instance holding a bulk-
imported register; the matter read has three items with their computed deadlines and is
fetched by a reader without ``personal_data.read`` (a leader: masked data, no audited
read), authenticated with a bearer token, from the database on every request. The same
load generator (:mod:`bench.load`) hits both routes in alternating rounds; the best round
of each is compared, so a burst of other load on the machine does not decide the ratio.
With ``--full``, ``details`` also gives ``GET /api/v1/auth/me`` (authentication alone) for orientation.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bench.harness import Result, RunContext
from bench.instance import Instance, instance, login, open_app, request_json, server
from bench.load import Load, measure, tool

__all__ = ["run", "seed"]

TARGET = 0.6
PASSWORD = "bench-password-1"


async def seed(inst: Instance, items: int) -> dict[str, Any]:
    """Users ``reader`` (leader), ``writer`` (registrar); ``items`` bulk-imported items; a 3-item matter."""
    from hearing_core.context import ServiceContext
    from hearing_core.petitions.service.importer import import_file
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user
    from hearing_core.seeddata import bulk_rows, write_jsonl

    async with open_app(inst) as app:
        ctx = ServiceContext(app, SYSTEM)
        await create_user(ctx, "reader", PASSWORD, ["leader"])
        await create_user(ctx, "writer", PASSWORD, ["registrar"])
        path = Path(inst.data_dir) / "register.jsonl"
        write_jsonl(bulk_rows(items), path)
        await import_file(ctx, path, use_worker=False)
        rows = await app.db.fetch(
            "SELECT m.ref AS ref, COUNT(*) AS n FROM hearing_petition_matter m "
            "JOIN hearing_petition_item i ON i.matter = m.id GROUP BY m.ref "
            "ORDER BY ABS(COUNT(*) - 3), m.ref LIMIT 1"
        )
    return {"matter": rows[0]["ref"], "matter_items": int(rows[0]["n"]), "register_items": items}


def _rounds(targets: dict[str, tuple[str, str | None]], rounds: int, duration: float,
            connections: int) -> dict[str, list[Load]]:
    loads: dict[str, list[Load]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, token) in targets.items():
            loads[name].append(measure(url, token=token, duration=duration, connections=connections))
    return loads


def run(ctx: RunContext, database: str) -> Result:
    items = ctx.size(500, 20_000, minimum=20)
    rounds = 1 if ctx.scale < 1 else 2 if ctx.quick else 4
    duration = ctx.seconds(1.5, 8.0)
    connections = 8
    with instance(database, ctx.postgres_server) as inst:
        facts = asyncio.run(seed(inst, items))
        with server(inst) as srv:
            token = login(srv.url, "reader", PASSWORD)
            matter_url = f"{srv.url}/api/v1/matters/{facts['matter']}"
            shown = request_json("GET", matter_url, token=token)
            if len(shown["items"]) != facts["matter_items"]:
                raise AssertionError(f"matter read returned {len(shown['items'])} items")
            targets = {"health": (f"{srv.url}/health?db=false", None), "matter": (matter_url, token)}
            if not ctx.quick:  # authentication alone, for orientation
                targets["auth_me"] = (f"{srv.url}/api/v1/auth/me", token)
            measure(matter_url, token=token, duration=min(1.0, duration), connections=connections)  # warm up
            loads = _rounds(targets, rounds, duration, connections)
    best = {name: max(runs, key=lambda load: load.rps) for name, runs in loads.items()}
    errors = {name: sum(load.errors for load in runs) for name, runs in loads.items()}
    if any(errors.values()):
        raise RuntimeError(f"non-2xx answers during the load: {errors}")
    ratio = round(best["matter"].rps / best["health"].rps, 3)
    details: dict[str, Any] = {
        **facts,
        "client": f"{tool()} 1 thread, {connections} connections, {rounds} rounds × {duration:g} s, best round",
        "rps": {name: round(load.rps) for name, load in best.items()},
        "rps_rounds": {name: [round(load.rps) for load in runs] for name, runs in loads.items()},
        "latency": {name: load.latency for name, load in best.items() if load.latency},
        "summary": f"matter {best['matter'].rps:.0f} req/s vs health {best['health'].rps:.0f} req/s",
    }
    if "auth_me" in best:
        details["auth_me_ratio"] = round(best["auth_me"].rps / best["health"].rps, 3)
        details["summary"] += f" (auth/me {best['auth_me'].rps:.0f})"
    return Result(f"api_read[{database}]", ratio, TARGET, ">=", details)
