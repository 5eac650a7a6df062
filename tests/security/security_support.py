"""Helpers shared by the security tests (not fixtures: plain functions)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from hearing_core.db.engine import sqlite_path

SQLITE_BYPASS = [
    "DROP TRIGGER IF EXISTS hearing_audit_entry_no_update",
    "DROP TRIGGER IF EXISTS hearing_audit_entry_no_delete",
]
POSTGRES_BYPASS = [
    "ALTER TABLE hearing_audit_entry DISABLE TRIGGER hearing_audit_entry_no_change",
]


def bypass_statements(url: str) -> list[str]:
    """SQL an attacker with DDL rights would run to get past the append-only triggers."""
    return list(SQLITE_BYPASS if url.startswith("sqlite") else POSTGRES_BYPASS)


def raw_execute(url: str, statements: Sequence[str]) -> list[Any]:
    """Run raw SQL outside the application (a different connection, as an attacker would)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(sqlite_path(url), timeout=30)
        try:
            results = [conn.execute(sql).fetchall() for sql in statements]
            conn.commit()
            return results
        finally:
            conn.close()

    async def run() -> list[Any]:
        import asyncpg

        conn = await asyncpg.connect(url)
        try:
            return [await conn.fetch(sql) for sql in statements]
        finally:
            await conn.close()

    return asyncio.run(run())


async def araw_execute(url: str, statements: Sequence[str]) -> list[Any]:
    """:func:`raw_execute` from async code (SQLite in a thread, PostgreSQL on its own connection)."""
    if url.startswith("sqlite"):
        return await asyncio.to_thread(raw_execute, url, statements)
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return [await conn.fetch(sql) for sql in statements]
    finally:
        await conn.close()


@asynccontextmanager
async def asgi_client(hearing_app: Any, base_url: str = "http://testserver.local", **client_args: Any) -> AsyncIterator[Any]:
    """An httpx client on a fresh ASGI app around ``hearing_app``."""
    import httpx

    from hearing_core.api import create_app

    asgi = create_app(hearing_app=hearing_app)
    transport = httpx.ASGITransport(app=asgi, client=client_args.pop("client_addr", ("127.0.0.1", 50000)))
    async with httpx.AsyncClient(transport=transport, base_url=base_url, **client_args) as client:
        client.app = asgi  # type: ignore[attr-defined]
        yield client


async def make_users(ctx: Any, count: int, role: str = "clerk", prefix: str = "u") -> list[str]:
    """Create ``count`` users through the service (one audit entry each)."""
    from hearing_core.security.service import create_user

    names = [f"{prefix}{i:03d}" for i in range(count)]
    for name in names:
        await create_user(ctx, name, "password-123", [role], name)
    return names
