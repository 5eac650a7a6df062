"""The bare stack: reading and writing rows with the database driver alone (sqlite3 / asyncpg).

The write baselines insert *the same rows* hearing wrote: they are read back from the
instance hearing wrote them to (:func:`read_table`) and inserted again through the driver,
so the baseline pays for exactly the columns, indexes and constraints hearing paid for.

* :func:`insert_each` — one transaction per item (the API write baseline): an item row,
  its petitioner rows and its audit rows, with fresh unique values.
* :func:`insert_bulk` — whole tables in one transaction with ``executemany`` (the bulk
  import baseline).

SQLite connections use the app's own settings (WAL, ``synchronous = NORMAL``, busy timeout);
values go back as SQLite returned them. PostgreSQL values go back as asyncpg returned them.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.instance import Instance

__all__ = ["Rows", "insert_bulk", "insert_each", "read_table"]


@dataclass
class Rows:
    table: str
    columns: tuple[str, ...]
    values: list[tuple[Any, ...]]


def _sqlite(inst: Instance) -> sqlite3.Connection:
    conn = sqlite3.connect(inst.sqlite_path(), timeout=30, isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _placeholders(inst: Instance, count: int) -> str:
    if inst.kind == "sqlite":
        return ", ".join("?" * count)
    return ", ".join(f"${n}" for n in range(1, count + 1))


def _insert_sql(inst: Instance, table: str, columns: Sequence[str], returning: bool = False) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({_placeholders(inst, len(columns))})'
    return sql + " RETURNING id" if returning and inst.kind != "sqlite" else sql


def read_table(inst: Instance, table: str, where: str = "", *, order: str = "id") -> Rows:
    """All rows of ``table`` (``where``: a literal SQL condition) in ``order``."""
    sql = f'SELECT * FROM "{table}"' + (f" WHERE {where}" if where else "") + (f" ORDER BY {order}" if order else "")
    if inst.kind == "sqlite":
        conn = sqlite3.connect(inst.sqlite_path())
        try:
            cursor = conn.execute(sql)
            columns = tuple(d[0] for d in cursor.description)
            return Rows(table, columns, cursor.fetchall())
        finally:
            conn.close()

    async def fetch() -> Rows:
        import asyncpg

        conn = await asyncpg.connect(inst.url)
        try:
            statement = await conn.prepare(sql)
            columns = tuple(a.name for a in statement.get_attributes())
            return Rows(table, columns, [tuple(r) for r in await statement.fetch()])
        finally:
            await conn.close()

    return asyncio.run(fetch())


def _without(rows: Rows, *drop: str) -> tuple[tuple[str, ...], list[int]]:
    keep = [n for n, c in enumerate(rows.columns) if c not in drop]
    return tuple(rows.columns[n] for n in keep), keep


def insert_each(inst: Instance, item: Rows, people: Rows, audit: Rows, count: int) -> float:
    """Insert ``count`` copies of one item (its row, petitioners, audit rows), one transaction each.

    ``item`` holds one row; ``people`` its petitioner rows; ``audit`` the audit rows one item
    cost. Unique values (item ``ref``, audit ``entry_hash``) are made fresh for every copy.
    Returns the seconds the inserts took.
    """
    item_cols, item_keep = _without(item, "id")
    ref_at = item_cols.index("ref")
    people_cols, people_keep = _without(people, "id")
    owner_at = people_cols.index("item")
    audit_cols, audit_keep = _without(audit, "id")
    hash_at = audit_cols.index("entry_hash")
    ref_of_audit = audit_cols.index("object_id") if "object_id" in audit_cols else None
    base_item = [item.values[0][n] for n in item_keep]
    base_people = [[r[n] for n in people_keep] for r in people.values]
    base_audit = [[r[n] for n in audit_keep] for r in audit.values]
    item_sql = _insert_sql(inst, item.table, item_cols, returning=True)
    people_sql = _insert_sql(inst, people.table, people_cols)
    audit_sql = _insert_sql(inst, audit.table, audit_cols)

    def copies(n: int, new_id: int) -> tuple[list[list[Any]], list[list[Any]]]:
        persons = [[*p[:owner_at], new_id, *p[owner_at + 1:]] for p in base_people]
        entries = []
        for k, a in enumerate(base_audit):
            entry = list(a)
            entry[hash_at] = f"bench-{n}-{k}"
            if ref_of_audit is not None:
                entry[ref_of_audit] = str(new_id)
            entries.append(entry)
        return persons, entries

    if inst.kind == "sqlite":
        conn = _sqlite(inst)
        try:
            began = time.perf_counter()
            for n in range(count):
                values = list(base_item)
                values[ref_at] = f"DRV-{n}"
                conn.execute("BEGIN IMMEDIATE")
                new_id = conn.execute(item_sql, values).lastrowid or 0
                persons, entries = copies(n, new_id)
                conn.executemany(people_sql, persons)
                conn.executemany(audit_sql, entries)
                conn.execute("COMMIT")
            return time.perf_counter() - began
        finally:
            conn.close()

    async def run() -> float:
        import asyncpg

        conn = await asyncpg.connect(inst.url)
        try:
            began = time.perf_counter()
            for n in range(count):
                values = list(base_item)
                values[ref_at] = f"DRV-{n}"
                async with conn.transaction():
                    new_id = await conn.fetchval(item_sql, *values)
                    persons, entries = copies(n, new_id)
                    if persons:
                        await conn.executemany(people_sql, persons)
                    if entries:
                        await conn.executemany(audit_sql, entries)
            return time.perf_counter() - began
        finally:
            await conn.close()

    return asyncio.run(run())


def insert_bulk(inst: Instance, tables: Sequence[Rows]) -> float:
    """Insert every row of ``tables`` (in that order, ids kept) in one transaction; seconds taken."""
    if inst.kind == "sqlite":
        conn = _sqlite(inst)
        try:
            began = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            for rows in tables:
                conn.executemany(_insert_sql(inst, rows.table, rows.columns), rows.values)
            conn.execute("COMMIT")
            return time.perf_counter() - began
        finally:
            conn.close()

    async def run() -> float:
        import asyncpg

        conn = await asyncpg.connect(inst.url)
        try:
            began = time.perf_counter()
            async with conn.transaction():
                for rows in tables:
                    await conn.executemany(_insert_sql(inst, rows.table, rows.columns), rows.values)
            return time.perf_counter() - began
        finally:
            await conn.close()

    return asyncio.run(run())
