"""The open database of one app: engine, binding of tables, transactions.

Piccolo binds each table class to an engine the first time it is used; we bind
explicitly when the database opens, so a table imported early (by a plugin, by
a test) never talks to a stale database (piccolo PR #289, #790).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.sqlite import TransactionType
from piccolo.table import Table

from hearing_core.db import piccolo_conf
from hearing_core.db.engine import create_engine

__all__ = ["Database"]


class Database:
    """One database connection setup, opened and closed with the app's lifespan."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        # Piccolo's internals (migrations, engine_finder) locate the engine through
        # this module; ours hands them the engine opened below.
        os.environ["PICCOLO_CONF"] = "hearing_core.db.piccolo_conf"
        self.url = url
        self.pool_size = pool_size
        self.engine: Engine = create_engine(url)
        self._open = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def kind(self) -> str:
        return "sqlite" if self.is_sqlite else "postgresql"

    async def open(self, tables: Iterable[type[Table]] = ()) -> None:
        """Make this the engine piccolo uses and bind ``tables`` (plus piccolo's own) to it."""
        piccolo_conf.set_engine(self.engine)
        self.bind(tables)
        if not self.is_sqlite and not self._open:
            await self.engine.start_connection_pool(  # type: ignore[attr-defined]
                max_size=self.pool_size, reset=_keep_session_state)
        self._open = True

    def bind(self, tables: Iterable[type[Table]]) -> None:
        for table in (Migration, *tables):
            table._meta.db = self.engine

    async def close(self) -> None:
        if self._open and not self.is_sqlite:
            await self.engine.close_connection_pool()  # type: ignore[attr-defined]
        if self.is_sqlite:
            await self.engine.close_idle_connections()  # type: ignore[attr-defined]
        self._open = False

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Any]:
        """A write transaction: IMMEDIATE on SQLite, so it waits for the lock up front.

        Nested calls join the outer transaction (piccolo's ``allow_nested``), so
        services can call each other and still commit once.
        """
        if self.is_sqlite:
            tx = self.engine.transaction(transaction_type=TransactionType.immediate)  # type: ignore[call-arg]
        else:
            tx = self.engine.transaction()
        async with tx as transaction:
            yield transaction

    def in_transaction(self) -> bool:
        return self.engine.transaction_exists()

    async def ping(self) -> bool:
        """True if the database answers a trivial query."""
        try:
            await self.fetch("SELECT 1 AS ok")
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False
        return True

    async def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        """Run a read-only SQL statement (``{}`` placeholders, piccolo style)."""
        from piccolo.querystring import QueryString

        return await self.engine.run_querystring(QueryString(sql, *args))  # type: ignore[no-any-return]


async def _keep_session_state(connection: Any) -> None:
    """What the PostgreSQL pool does to a connection given back, beyond rolling back an open transaction: nothing.

    asyncpg's default reset sends ``RESET ALL``, ``UNLISTEN *`` and the advisory-lock releases —
    one more round trip for every query outside a transaction (12 % of the API's read path in
    docs/performance.md). hearing keeps no session state: its advisory locks are
    ``pg_advisory_xact_lock`` and its ``SET``s are ``SET TRANSACTION``, all ended with the
    transaction, and asyncpg still rolls back a transaction left open before calling this.
    A plugin must not use session-level settings or locks either (docs/hooks.md).
    """
