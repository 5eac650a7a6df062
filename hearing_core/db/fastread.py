"""Raw SQL reads for hot paths (热路径查询): the API's per-request reads without query building.

Piccolo builds every query from column objects, and on SQLite converts every value through
Python converters (``int(Decimal(value))`` for each integer); for the two or three small
indexed reads of an API request that costs more than the database's own work.

* :func:`select` reads whole rows of one table (``SELECT * FROM <table> WHERE …``) and returns
  them exactly as piccolo's ``Table.select()`` does: dicts keyed by column name, dates,
  timestamps, booleans and decimals as Python objects, JSON columns as strings.
* :func:`fetch` runs any read statement and returns the driver's values as they are
  (SQLite: ISO text for dates, 0/1 for booleans; PostgreSQL: asyncpg's types).

Where they run: inside a write transaction on the transaction's own connection (so the
transaction's uncommitted changes are seen). Outside one, on SQLite **synchronously on the
event loop's thread** through a plain read-only ``sqlite3`` connection kept per thread
(:meth:`HearingSQLiteEngine.read_now`): an indexed read of a few rows takes microseconds,
far less than handing it to aiosqlite's thread and back — use these only for such reads, a
scan would stall every other request. On PostgreSQL on the app's asyncpg pool.

Placeholders are ``{}`` (piccolo style); :func:`any_of` expands a list for ``IN``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

__all__ = ["any_of", "fetch", "fetch_one", "select"]


@lru_cache(maxsize=512)
def _compile(sql: str, sqlite: bool) -> str:
    if sqlite:
        return sql.replace("{}", "?")
    parts = sql.split("{}")
    return "".join(part + (f"${n}" if n < len(parts) else "") for n, part in enumerate(parts, start=1))


def any_of(engine: Any, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """``column IN (…)`` for ``values``: ``(sql fragment, arguments)`` for :func:`fetch`."""
    if engine.engine_type == "sqlite":
        return f"{column} IN ({', '.join('{}' for _ in values)})", list(values)
    return f"{column} = ANY({{}})", [list(values)]


async def fetch(engine: Any, sql: str, *args: Any) -> list[dict[str, Any]]:
    """Rows of ``sql`` as dicts, values as the driver returns them (see the module docstring)."""
    transaction = engine.current_transaction.get()
    if engine.engine_type == "sqlite":
        statement = _compile(sql, True)
        if transaction is not None:
            async with transaction.connection.execute(statement, args) as cursor:
                return list(await cursor.fetchall())
        read_now = getattr(engine, "read_now", None)
        if read_now is not None:
            return read_now(statement, args)  # type: ignore[no-any-return]
        from piccolo.querystring import QueryString

        return await engine.run_querystring(QueryString(sql, *args))  # type: ignore[no-any-return]
    statement = _compile(sql, False)
    if transaction is not None:
        return [dict(r) for r in await transaction.connection.fetch(statement, *args)]
    if engine.pool is not None:
        return [dict(r) for r in await engine.pool.fetch(statement, *args)]
    connection = await engine.get_new_connection()
    try:
        return [dict(r) for r in await connection.fetch(statement, *args)]
    finally:
        await connection.close()


async def fetch_one(engine: Any, sql: str, *args: Any) -> dict[str, Any] | None:
    rows = await fetch(engine, sql, *args)
    return rows[0] if rows else None


async def select(table: Any, where: str = "", *args: Any, order_by: str = "") -> list[dict[str, Any]]:
    """Whole rows of ``table`` (``where`` without the keyword), typed like ``table.select()``'s."""
    engine = table._meta.db
    sql = f"SELECT * FROM {table._meta.tablename}"
    if where:
        sql += f" WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    rows = await fetch(engine, sql, *args)
    if engine.engine_type != "sqlite" or not rows:
        return rows
    converters = _converters(table)
    for row in rows:
        for name, convert in converters:
            value = row.get(name)
            if value is not None:
                row[name] = convert(value)
    return rows


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _timestamp(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _timestamptz(value: Any) -> Any:
    # As piccolo's converter: stored in UTC, read back with the UTC zone attached.
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC) if isinstance(value, str) else value


def _decimal(value: Any) -> Any:
    return value if isinstance(value, decimal.Decimal) else decimal.Decimal(str(value))


def _uuid(value: Any) -> Any:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


#: Piccolo's SQLite column types whose values need converting (others are native or text).
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "DATE": _date,
    "TIMESTAMP": _timestamp,
    "TIMESTAMPTZ": _timestamptz,
    "BOOLEAN": bool,
    "NUMERIC": _decimal,
    "UUID": _uuid,
}


@lru_cache(maxsize=256)
def _converters(table: Any) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    found = []
    for column in table._meta.columns:
        column_type = column.column_type.split("(")[0].upper()
        if column_type in _CONVERT:
            found.append((column._meta.db_column_name, _CONVERT[column_type]))
        elif column_type not in {"INTEGER", "VARCHAR", "TEXT", "JSON", "JSONB", "REAL", "DOUBLE PRECISION", "SERIAL",
                                 "BIGINT", "SMALLINT", "BIGSERIAL", "INTEGER PRIMARY KEY"}:
            raise TypeError(f"fastread.select cannot convert {table._meta.tablename}.{column._meta.name} "
                            f"({column.column_type}); use the table's select()")
    return tuple(found)
