"""Engine creation from ``HEARING_DATABASE_URL``.

SQLite is configured for several concurrent requests: WAL journal (readers do not
block the writer), a busy timeout, and IMMEDIATE write transactions (see
:mod:`hearing_core.db.database`) because a DEFERRED transaction that reads and
then writes cannot wait for the write lock and fails at once with "database is
locked" however long the timeout (shared/guides/style.md, pitfall 14).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType, dict_factory

from hearing_core.errors import StartupError

__all__ = ["HearingSQLiteEngine", "create_engine", "sqlite_path"]

#: Seconds a writer waits for the SQLite write lock before giving up.
SQLITE_BUSY_TIMEOUT = 30.0


class HearingSQLiteEngine(SQLiteEngine):
    """SQLite engine with WAL-friendly pragmas and a small pool for autocommit queries.

    Piccolo's SQLite engine opens a new aiosqlite connection (and with it a new
    thread) for every query outside a transaction, and runs ``PRAGMA
    foreign_keys`` before each one. On the API's read path that costs more than
    the query itself, so queries outside transactions reuse idle connections
    here, and so do transactions (:class:`PooledSQLiteTransaction`). Pools are
    per event loop, because an aiosqlite connection belongs to the loop it was
    opened on.
    """

    #: Idle connections kept per event loop.
    pool_size = 8

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._idle: dict[asyncio.AbstractEventLoop, list[Any]] = {}
        self._readers: dict[int, sqlite3.Connection] = {}

    async def get_connection(self) -> Any:
        connection = await super().get_connection()
        # NORMAL is durable across application crashes in WAL mode and much faster
        # than FULL; only an OS crash can lose the last transactions.
        await connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    async def _borrow(self) -> Any:
        idle = self._idle.get(asyncio.get_running_loop())
        if idle:
            return idle.pop()
        return await self.get_connection()

    async def _give_back(self, connection: Any) -> None:
        loop = asyncio.get_running_loop()
        idle = self._idle.setdefault(loop, [])
        if len(idle) < self.pool_size:
            idle.append(connection)
        else:
            await connection.close()

    async def _run_in_new_connection(
        self, query: str, args: list[Any] | None = None, query_type: str = "generic", table: Any = None
    ) -> Any:
        connection = await self._borrow()
        try:
            async with connection.execute(query, args or []) as cursor:
                rows = await cursor.fetchall()
            await connection.commit()
        except BaseException:
            # A connection that failed mid-query may be in any state: never reuse it.
            await connection.close()
            raise
        await self._give_back(connection)
        return rows

    async def _run_in_existing_connection(
        self, connection: Any, query: str, args: list[Any] | None = None, query_type: str = "generic",
        table: Any = None,
    ) -> Any:
        # Piccolo sends ``PRAGMA foreign_keys = 1`` before every statement of a transaction: a
        # no-op inside a transaction (SQLite ignores it there), already set once per connection by
        # get_connection, and one more thread round trip per statement. RETURNING needs no
        # fallback: SQLite >= 3.35 is required at start-up.
        connection.row_factory = dict_factory
        async with connection.execute(query, args or []) as cursor:
            return await cursor.fetchall()

    def transaction(
        self, transaction_type: TransactionType = TransactionType.deferred, allow_nested: bool = True
    ) -> SQLiteTransaction:
        return PooledSQLiteTransaction(engine=self, transaction_type=transaction_type, allow_nested=allow_nested)

    def read_now(self, sql: str, args: Any = ()) -> list[dict[str, Any]]:
        """Run a small read synchronously on this thread (autocommit: the latest committed data).

        Values are SQLite's own (text dates, 0/1 booleans); see :mod:`hearing_core.db.fastread`.

        No thread hand-off: for an indexed read of a few rows this is several times faster
        than aiosqlite. The connection is read-only (``query_only``), so a write sent here
        by mistake fails instead of running outside any transaction.
        """
        reader = self._readers.get(threading.get_ident())
        if reader is None:
            reader = self._open_reader()
        cursor = reader.execute(sql, args)
        try:
            rows = cursor.fetchall()
            names = [d[0] for d in cursor.description or ()]
        finally:
            cursor.close()
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _open_reader(self) -> sqlite3.Connection:
        # No declared-type converters: values come back native (fastread.select converts the
        # few that need it, much faster than piccolo's converters). check_same_thread is off
        # only so shutdown can close it from any thread; each thread uses its own connection.
        options = {**self.connection_kwargs, "check_same_thread": False, "detect_types": 0}
        reader = sqlite3.connect(**options)
        reader.execute("PRAGMA query_only = 1")
        self._readers[threading.get_ident()] = reader
        return reader

    async def close_idle_connections(self) -> None:
        """Close the pooled connections of the running loop and the readers (app shutdown)."""
        idle = self._idle.pop(asyncio.get_running_loop(), [])
        for connection in idle:
            await connection.close()
        readers, self._readers = self._readers, {}
        for reader in readers.values():
            reader.close()


class PooledSQLiteTransaction(SQLiteTransaction):
    """Piccolo's SQLite transaction on a pooled connection (写事务复用连接).

    Piccolo opens a connection — a new thread and the connection pragmas — for every
    transaction and closes it at the end; for a small write that costs more than the
    write. Here the connection is borrowed from the engine's idle pool and given back
    after a clean commit. After a failure (rollback, or an error while ending) it is
    closed instead: a connection interrupted mid-statement may be in any state.
    """

    __slots__ = ()

    async def get_connection(self) -> Any:
        return await self.engine._borrow()  # type: ignore[attr-defined]

    async def __aexit__(self, exception_type: Any, exception: Any, traceback: Any) -> bool:
        if self._parent:
            return exception is None
        clean = False
        try:
            if exception:
                if not self._rolled_back:
                    await self.rollback()
            elif not self._committed and not self._rolled_back:
                await self.commit()
            clean = exception is None and not self.connection.in_transaction
        finally:
            self.engine.current_transaction.reset(self.context)
            if clean:
                await self.engine._give_back(self.connection)  # type: ignore[attr-defined]
            else:
                await self.connection.close()
        return exception is None


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///relative/path`` or ``sqlite:////absolute/path`` URL."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise StartupError(f"invalid SQLite URL {url!r}: expected sqlite:///path")
    return Path(unquote(url[len(prefix) :]))


def create_engine(url: str) -> Engine:
    """Create (but do not connect) the engine for ``url``."""
    if url.startswith("sqlite"):
        if sqlite3.sqlite_version_info < (3, 35):
            # RETURNING (used for inserts) arrived in SQLite 3.35.
            raise StartupError(f"SQLite {sqlite3.sqlite_version} is too old: 3.35 or newer is required")
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        _enable_wal(path)
        return HearingSQLiteEngine(path=str(path), timeout=SQLITE_BUSY_TIMEOUT)
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresEngine(config={"dsn": url})
    raise StartupError(
        f"unsupported database URL {url!r}: use sqlite:///path/to/file.db or postgresql://user@host/db"
    )


def _enable_wal(path: Path) -> None:
    # journal_mode=WAL is persistent in the file, so setting it once at open is enough.
    try:
        with sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as exc:
        raise StartupError(f"cannot open SQLite database {path}: {exc}") from exc
