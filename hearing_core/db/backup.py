"""Backup and restore (备份与恢复): ``hearing db backup FILE`` / ``hearing db restore FILE``.

SQLite
    Backup uses SQLite's online backup API (``sqlite3.Connection.backup``): a
    consistent snapshot even while the server writes (WAL), written to a temporary
    file, checked with ``PRAGMA integrity_check`` and renamed into place, so a
    crash never leaves a half-written backup under the final name.
    Restore first checks that the file is a sound hearing database (integrity
    check, piccolo's migration table with the core app, the account and audit
    tables), keeps a copy of the current database beside it
    (``<db>.pre-restore-<time>``), then copies the backup *into* the live database
    with the same backup API: SQLite writes it as one transaction, so readers see
    either the old or the new database, never a mixture.

PostgreSQL
    ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists
    --single-transaction`` (client tools of the server's major version on PATH).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hearing_core.db.engine import SQLITE_BUSY_TIMEOUT, sqlite_path
from hearing_core.errors import HearingError

__all__ = ["BackupResult", "backup_database", "check_sqlite_backup", "restore_database"]

REQUIRED_TABLES = ("migration", "hearing_user", "hearing_audit_entry")


@dataclass(frozen=True)
class BackupResult:
    """What a backup or restore did."""

    kind: str
    path: str
    size: int
    #: For a restore: the copy of the database that was replaced (SQLite).
    previous: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def backup_database(url: str, target: Path) -> BackupResult:
    """Write a consistent backup of the database at ``url`` to ``target``."""
    target = Path(target).expanduser().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        return _sqlite_backup(sqlite_path(url), target)
    return _pg_backup(url, target)


def restore_database(url: str, source: Path) -> BackupResult:
    """Replace the database at ``url`` with the backup ``source`` (after checking it)."""
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise HearingError(f"no backup file {source}")
    if url.startswith("sqlite"):
        return _sqlite_restore(sqlite_path(url), source)
    return _pg_restore(url, source)


# --------------------------------------------------------------------------- SQLite


def _copy_sqlite(source: Path, target: Path) -> None:
    # Not mode=ro: a read-only connection cannot always open a live WAL database.
    src = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT)
    try:
        dst = sqlite3.connect(target, timeout=SQLITE_BUSY_TIMEOUT)
        try:
            # pages=-1: copy in one step, holding a read snapshot for the whole copy.
            src.backup(dst, pages=-1)
            # A backup file is self-contained: no -wal beside it to lose in transit.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _sqlite_backup(db_file: Path, target: Path) -> BackupResult:
    if not db_file.exists():
        raise HearingError(f"no database at {db_file}")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        _copy_sqlite(db_file, tmp)
        check_sqlite_backup(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return BackupResult("sqlite", str(target), target.stat().st_size)


def check_sqlite_backup(path: Path) -> None:
    """Raise HearingError unless ``path`` is a sound SQLite hearing database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise HearingError(f"{path} is not a SQLite database: {exc}") from exc
    try:
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise HearingError(f"{path} is not a SQLite database: {exc}") from exc
        if result != ["ok"]:
            raise HearingError(f"{path} failed the integrity check: {'; '.join(result[:3])}")
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise HearingError(f"{path} is not a hearing database (missing tables: {', '.join(missing)})")
        applied = conn.execute("SELECT COUNT(*) FROM migration WHERE app_name = 'hearing_core'").fetchone()[0]
        if not applied:
            raise HearingError(f"{path} is not a hearing database (no core migrations recorded)")
    finally:
        conn.close()


def _sqlite_restore(db_file: Path, source: Path) -> BackupResult:
    check_sqlite_backup(source)
    previous: str | None = None
    db_file.parent.mkdir(parents=True, exist_ok=True)
    if db_file.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        keep = db_file.with_name(f"{db_file.name}.pre-restore-{stamp}")
        _copy_sqlite(db_file, keep)
        previous = str(keep)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_file, timeout=SQLITE_BUSY_TIMEOUT)
        try:
            # Into the live file, as one write transaction (atomic for every reader).
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode = WAL")
            result = [row[0] for row in dst.execute("PRAGMA integrity_check")]
        finally:
            dst.close()
    finally:
        src.close()
    if result != ["ok"]:
        raise HearingError(f"restored database failed the integrity check: {'; '.join(result[:3])}")
    return BackupResult("sqlite", str(db_file), db_file.stat().st_size, previous)


# --------------------------------------------------------------------------- PostgreSQL


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise HearingError(f"{name} is not on PATH: install the PostgreSQL client tools of the server's version")
    return path


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        # The tools' messages name objects, not data; keep the last lines only.
        message = " ".join(result.stderr.strip().splitlines()[-3:])
        raise HearingError(f"{Path(args[0]).name} failed: {message}")
    return result


def _pg_backup(url: str, target: Path) -> BackupResult:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={url}"])
        _check_pg_dump(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return BackupResult("postgresql", str(target), target.stat().st_size)


def _check_pg_dump(path: Path) -> None:
    listing = _run([_tool("pg_restore"), "--list", str(path)]).stdout
    missing = [t for t in REQUIRED_TABLES if f"TABLE DATA public {t} " not in listing]
    if missing:
        raise HearingError(f"{path} is not a hearing database dump (missing: {', '.join(missing)})")


def _pg_restore(url: str, source: Path) -> BackupResult:
    _check_pg_dump(source)
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={url}",
            str(source),
        ]
    )
    return BackupResult("postgresql", url.rsplit("@", 1)[-1], source.stat().st_size)
