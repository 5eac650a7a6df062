"""API write path: items/s of ``POST /api/v1/petitions/`` ÷ the driver inserting the same rows (target ≥ 0.5).

One ``hearing serve`` process (one worker) on a fresh instance with a bulk-imported register;
a registrar creates letter items with one petitioner each (a unique ``ref`` per request)
through the load generator of :mod:`bench.load` (the same client as the read benchmark).
Every created item costs the rows hearing stores for it (the item, its petitioner, its audit
entries); after the load those rows of one created item are read back and
:func:`bench.driver.insert_each` inserts as many copies as the API created, one transaction
per item, with the driver alone (sqlite3 / asyncpg, one connection, sequential) into the same
database. ``ratio`` = API items/s ÷ driver items/s.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from bench.api_read import PASSWORD, seed
from bench.driver import insert_each, read_table
from bench.harness import Result, RunContext
from bench.instance import instance, login, request_json, server
from bench.load import measure, tool

__all__ = ["run"]

TARGET = 0.5

#: One new letter with one petitioner; ``{n}`` is the request number (a unique ref).
BODY = json.dumps({
    "ref": "W-{n}", "channel": "letter", "received_on": "2025-03-03", "persons": 1, "category": "土地征收",
    "summary": "反映某镇某村征地补偿款至今未发放到户，要求依法支付并公开补偿标准。",
    "petitioners": [{"name": "张三", "id_number": "11010519491231002X", "phone": "13812345678",
                     "address": "某县某镇某村"}],
}, ensure_ascii=False)


def run(ctx: RunContext, database: str) -> Result:
    items = ctx.size(200, 20_000, minimum=20)
    duration = ctx.seconds(3.0, 10.0)
    connections = 4
    with instance(database, ctx.postgres_server) as inst:
        facts = asyncio.run(seed(inst, items))
        with server(inst) as srv:
            token = login(srv.url, "writer", PASSWORD)
            url = f"{srv.url}/api/v1/petitions/"
            first = request_json("POST", url, json.loads(BODY.replace("{n}", "0")), token=token)
            if first.get("ref") != "W-0":
                raise AssertionError(f"item not created: {first}")
            load = measure(url, token=token, duration=duration, connections=connections, method="POST",
                           body_template=BODY)
        if load.errors:
            raise RuntimeError(f"{load.errors} non-2xx answers during the write load")
        created = read_table(inst, "hearing_petition_item", "ref LIKE 'W-%'", order="")
        sample = read_table(inst, "hearing_petition_item", "ref = 'W-0'")
        item_id = sample.values[0][sample.columns.index("id")]
        people = read_table(inst, "hearing_petitioner", f"item = {item_id}")
        audit_all = read_table(inst, "hearing_audit_entry", "", order="id")
        # The audit rows one created item cost: those about it (its id or its ref).
        object_id_at, subject_at = audit_all.columns.index("object_id"), audit_all.columns.index("subject_ref")
        mine = [r for r in audit_all.values if str(r[object_id_at]) in {str(item_id), "W-0"}
                or str(r[subject_at]) in {"W-0"}]
        audit = type(audit_all)(audit_all.table, audit_all.columns, mine)
        api_items = len(created.values) - 1  # the check request above is not part of the load
        count = max(20, min(api_items, 5_000))
        driver_s = insert_each(inst, sample, people, audit, count)
    api_rate = api_items / load.seconds
    driver_rate = count / driver_s
    details: dict[str, Any] = {
        **facts,
        "client": f"{tool()} 1 thread, {connections} connections, {duration:g} s",
        "api_items": api_items,
        "api_items_per_s": round(api_rate, 1),
        "driver_items": count,
        "driver_items_per_s": round(driver_rate, 1),
        "rows_per_item": {"item": 1, "petitioners": len(people.values), "audit": len(audit.values)},
        "latency": load.latency,
        "summary": f"API {api_rate:.0f} items/s vs driver {driver_rate:.0f} items/s "
                   f"(1 item + {len(people.values)} petitioner + {len(audit.values)} audit rows, one txn each)",
    }
    return Result(f"api_write[{database}]", round(api_rate / driver_rate, 3), TARGET, ">=", details)
