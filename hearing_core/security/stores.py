"""Key-value stores shared by every worker (共享存储): memory, database or Redis.

The login throttle keeps its counters in a litestar :class:`~litestar.stores.base.Store`:

* ``memory`` (default) — litestar's ``MemoryStore``; one process only, so with
  ``hearing serve --workers N`` each worker counts on its own.
* ``database`` — :class:`DatabaseStore`, rows of ``hearing_store_entry`` in the
  instance's own database: shared by all workers, no extra service to run.
* ``redis://host:port/db`` — litestar's ``RedisStore`` (needs the ``redis`` package).

Choose with ``login_throttle_store`` in ``config.toml``.

Every store also offers :func:`increment`, an atomic counter with an expiry set
on first use, which the throttle needs so two workers counting the same key at
once never lose a failure.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from typing import TYPE_CHECKING, Any

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore

from hearing_core.errors import StartupError

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["DatabaseStore", "build_store", "increment"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _seconds(value: int | dt.timedelta | None) -> int | None:
    if value is None:
        return None
    return int(value.total_seconds()) if isinstance(value, dt.timedelta) else int(value)


class DatabaseStore(Store):
    """A litestar store on the ``hearing_store_entry`` table of the app's database."""

    def __init__(self, app: HearingApp, namespace: str = "hearing") -> None:
        self.app = app
        self.namespace = namespace

    def _key(self, key: str) -> str:
        return f"{self.namespace}:{key}"[:255]

    async def set(self, key: str, value: str | bytes, expires_in: int | dt.timedelta | None = None) -> None:
        from hearing_core.security.tables import StoreEntry

        raw = value.encode() if isinstance(value, str) else value
        seconds = _seconds(expires_in)
        expires = _now() + dt.timedelta(seconds=seconds) if seconds is not None else None
        encoded = base64.b64encode(raw).decode("ascii")
        async with self.app.db.write():
            updated = (
                await StoreEntry.update({StoreEntry.value: encoded, StoreEntry.expires_at: expires})
                .where(StoreEntry.key == self._key(key))
                .returning(StoreEntry.id)
                .run()
            )
            if not updated:
                await StoreEntry.insert(StoreEntry(key=self._key(key), value=encoded, expires_at=expires)).run()

    async def _row(self, key: str) -> dict[str, Any] | None:
        from hearing_core.security.tables import StoreEntry

        row = await StoreEntry.select().where(StoreEntry.key == self._key(key)).first().run()
        if row is None:
            return None
        if row["expires_at"] is not None and row["expires_at"] <= _now():
            return None
        return row

    async def get(self, key: str, renew_for: int | dt.timedelta | None = None) -> bytes | None:
        row = await self._row(key)
        if row is None:
            return None
        value = base64.b64decode(row["value"])
        if renew_for is not None and row["expires_at"] is not None:
            await self.set(key, value, renew_for)
        return value

    async def delete(self, key: str) -> None:
        from hearing_core.security.tables import StoreEntry

        async with self.app.db.write():
            await StoreEntry.delete().where(StoreEntry.key == self._key(key)).run()

    async def delete_all(self) -> None:
        from hearing_core.security.tables import StoreEntry

        async with self.app.db.write():
            await StoreEntry.delete().where(StoreEntry.key.like(f"{self.namespace}:%")).run()

    async def exists(self, key: str) -> bool:
        return await self._row(key) is not None

    async def expires_in(self, key: str) -> int | None:
        row = await self._row(key)
        if row is None or row["expires_at"] is None:
            return None
        return max(0, int((row["expires_at"] - _now()).total_seconds()))

    async def increment(self, key: str, expires_in: int) -> int:
        """Add one to the counter at ``key`` (created with ``expires_in`` seconds to live)."""
        from hearing_core.security.tables import StoreEntry

        async with self.app.db.write():
            # SQLite's IMMEDIATE transaction already serialises writers; PostgreSQL's
            # READ COMMITTED would let two workers read the same count, so take a
            # transaction-scoped lock on the key first (also covers the first insert).
            if not self.app.db.is_sqlite:
                await self.app.db.fetch("SELECT pg_advisory_xact_lock(hashtext({}))", self._key(key))
            row = await self._row(key)
            count = int(base64.b64decode(row["value"]) or b"0") + 1 if row else 1
            encoded = base64.b64encode(str(count).encode()).decode("ascii")
            if row is None:
                expires = _now() + dt.timedelta(seconds=expires_in)
                # Starting a new window is rare: a good moment to drop every expired key
                # (and this key's own expired row), so sprayed usernames do not pile up.
                await StoreEntry.delete().where(
                    (StoreEntry.key == self._key(key)) | (StoreEntry.expires_at < _now())
                ).run()
                await StoreEntry.insert(StoreEntry(key=self._key(key), value=encoded, expires_at=expires)).run()
            else:
                await StoreEntry.update({StoreEntry.value: encoded}).where(StoreEntry.id == row["id"]).run()
        return count


_memory_locks: dict[int, asyncio.Lock] = {}


async def increment(store: Store, key: str, expires_in: int) -> int:
    """Atomically count one more event at ``key``; the window starts at the first event."""
    if isinstance(store, DatabaseStore):
        return await store.increment(key, expires_in)
    redis = getattr(store, "_redis", None)
    if redis is not None:
        # RedisStore keeps its client private; INCR + EXPIRE NX in one round trip is
        # atomic across workers, which get/set through the public API would not be.
        full_key = store._make_key(key)  # type: ignore[attr-defined]
        async with redis.pipeline(transaction=True) as pipe:
            pipe.incr(full_key)
            pipe.expire(full_key, expires_in, nx=True)
            count, _ = await pipe.execute()
        return int(count)
    lock = _memory_locks.setdefault(id(store), asyncio.Lock())
    async with lock:
        current = await store.get(key)
        remaining = await store.expires_in(key) if current is not None else None
        count = int(current or b"0") + 1
        await store.set(key, str(count), remaining if remaining else expires_in)
        return count


async def read_counter(store: Store, key: str) -> int:
    """The current count at ``key`` (0 when absent or expired)."""
    value = await store.get(key)
    return int(value) if value else 0


def build_store(app: HearingApp, spec: str, namespace: str) -> Store:
    """The store named by ``spec`` (``memory``, ``database`` or a ``redis://`` URL)."""
    if spec in ("", "memory"):
        return MemoryStore()
    if spec == "database":
        return DatabaseStore(app, namespace=namespace)
    if spec.startswith(("redis://", "rediss://", "unix://")):
        try:
            from litestar.stores.redis import RedisStore
        except ImportError as exc:  # pragma: no cover - depends on installed extras
            raise StartupError("login_throttle_store uses Redis: install the 'redis' package") from exc
        return RedisStore.with_client(url=spec, namespace=namespace)
    raise StartupError(f"unknown store {spec!r}: use memory, database or redis://host:port/db")
