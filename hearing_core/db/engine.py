"""Engine creation from ``HEARING_DATABASE_URL``.

SQLite is configured for several concurrent requests: WAL journal (readers do not
block the writer), a busy timeout, and IMMEDIATE write transactions (see
:mod:`hearing_core.db.database`) because a DEFERRED transaction that reads and
then writes cannot wait for the write lock and fails at once with "database is
locked" however long the timeout (shared/guides/style.md, pitfall 14).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from hearing_core.errors import StartupError

__all__ = ["HearingSQLiteEngine", "create_engine", "sqlite_path"]

#: Seconds a writer waits for the SQLite write lock before giving up.
SQLITE_BUSY_TIMEOUT = 30.0


class HearingSQLiteEngine(SQLiteEngine):
    """SQLite engine with per-connection pragmas suitable for WAL mode."""

    async def get_connection(self) -> Any:
        connection = await super().get_connection()
        # NORMAL is durable across application crashes in WAL mode and much faster
        # than FULL; only an OS crash can lose the last transactions.
        await connection.execute("PRAGMA synchronous = NORMAL")
        return connection


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///relative/path`` or ``sqlite:////absolute/path`` URL."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise StartupError(f"invalid SQLite URL {url!r}: expected sqlite:///path")
    return Path(unquote(url[len(prefix) :]))


def create_engine(url: str) -> Engine:
    """Create (but do not connect) the engine for ``url``."""
    if url.startswith("sqlite"):
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
