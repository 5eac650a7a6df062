"""Multi-row INSERT through the current transaction's own connection (bulk import).

Piccolo's ``Table.insert(*rows)`` builds one Table object per row, which costs
more than the database's own work for 100 000 rows. Here one ``INSERT … VALUES
(…), (…) …`` statement per batch goes straight to the driver (aiosqlite or
asyncpg) on the connection of the enclosing write transaction, so it commits or
rolls back with everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.db.database import Database

__all__ = ["ids_by_key", "insert_keyed", "insert_rows", "max_rows"]

#: SQLite allows 32766 bound parameters per statement, asyncpg 32767.
_MAX_PARAMS = 32_000


def max_rows(columns: int) -> int:
    """The most rows of ``columns`` values one statement may carry."""
    return max(1, _MAX_PARAMS // columns)


async def insert_rows(
    db: Database,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (tuples in ``columns`` order) in as few statements as allowed.

    Must run inside ``db.write()``. Returns the ``returning`` columns of every
    inserted row, in insertion order.
    """
    transaction = db.engine.current_transaction.get()  # type: ignore[attr-defined]
    if transaction is None:
        raise RuntimeError("insert_rows must run inside a write transaction")
    connection = transaction.connection
    names = ", ".join(f'"{c}"' for c in columns)
    tail = f" RETURNING {', '.join(chr(34) + c + chr(34) for c in returning)}" if returning else ""
    results: list[tuple[Any, ...]] = []
    step = max_rows(len(columns))
    rows = list(rows)
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        params = [value for row in chunk for value in row]
        if db.is_sqlite and not returning:
            # One prepared single-row statement stepped N times: SQLite parses it once,
            # which beats a multi-row VALUES list of thousands of placeholders.
            sql = f'INSERT INTO "{table}" ({names}) VALUES (' + ", ".join("?" * len(columns)) + ")"
            await connection.executemany(sql, rows)
            break
        if db.is_sqlite:
            group = "(" + ", ".join("?" * len(columns)) + ")"
            sql = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([group] * len(chunk)) + tail
            cursor = await connection.execute(sql, params)
            if returning:
                # Piccolo's SQLite connections return rows as dicts.
                results.extend(_values(r, returning) for r in await cursor.fetchall())
            await cursor.close()
        else:
            width = len(columns)
            groups = (
                "(" + ", ".join(f"${i * width + j + 1}" for j in range(width)) + ")" for i in range(len(chunk))
            )
            sql = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join(groups) + tail
            if returning:
                results.extend(_values(r, returning) for r in await connection.fetch(sql, *params))
            else:
                await connection.execute(sql, *params)
    return results


def _values(row: Any, names: Sequence[str]) -> tuple[Any, ...]:
    if isinstance(row, dict):
        return tuple(row[n] for n in names)
    return tuple(row[n] for n in names) if hasattr(row, "keys") else tuple(row)


async def ids_by_key(db: Database, table: str, key: str, values: Sequence[Any]) -> dict[Any, int]:
    """``{key value: id}`` for rows just inserted (the key column is unique)."""
    found: dict[Any, int] = {}
    transaction = db.engine.current_transaction.get()  # type: ignore[attr-defined]
    if transaction is None:
        raise RuntimeError("ids_by_key must run inside a write transaction")
    connection = transaction.connection
    for start in range(0, len(values), 900):
        chunk = list(values[start : start + 900])
        if db.is_sqlite:
            sql = f'SELECT id, "{key}" FROM "{table}" WHERE "{key}" IN (' + ", ".join("?" * len(chunk)) + ")"
            cursor = await connection.execute(sql, chunk)
            rows = await cursor.fetchall()
            await cursor.close()
        else:
            sql = f'SELECT id, "{key}" FROM "{table}" WHERE "{key}" = ANY($1::text[])'
            rows = await connection.fetch(sql, chunk)
        for row in rows:
            item_id, value = _values(row, ("id", key))
            found[value] = item_id
    return found


async def insert_keyed(
    db: Database, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], key: str
) -> dict[Any, int]:
    """Insert ``rows`` and return ``{key value: new id}`` (``key`` is a unique column of ``columns``).

    SQLite: the rows are inserted with ``executemany`` on the connection holding the
    write lock, so they receive consecutive rowids ending at ``last_insert_rowid()``;
    a range count confirms it (else the ids are looked up by key). PostgreSQL:
    ``RETURNING``.
    """
    if not rows:
        return {}
    position = list(columns).index(key)
    if not db.is_sqlite:
        returned = await insert_rows(db, table, columns, rows, returning=("id", key))
        return {value: row_id for row_id, value in returned}
    await insert_rows(db, table, columns, rows)
    transaction = db.engine.current_transaction.get()  # type: ignore[attr-defined]
    connection = transaction.connection
    cursor = await connection.execute(
        f'SELECT last_insert_rowid() AS last, (SELECT COUNT(*) FROM "{table}" WHERE id > last_insert_rowid() - ?'
        " AND id <= last_insert_rowid()) AS n",
        [len(rows)],
    )
    last, count = _values(await cursor.fetchone(), ("last", "n"))
    await cursor.close()
    first = last - len(rows) + 1
    if count != len(rows):
        return await ids_by_key(db, table, key, [r[position] for r in rows])
    # The rows just inserted are exactly ids first..last, in insertion order; check the ends.
    check = await ids_by_key(db, table, key, [rows[0][position], rows[-1][position]])
    if check.get(rows[0][position]) != first or check.get(rows[-1][position]) != last:
        return await ids_by_key(db, table, key, [r[position] for r in rows])
    return {row[position]: first + i for i, row in enumerate(rows)}
