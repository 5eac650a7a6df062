"""Login throttling (登录限速): slow down password guessing without helping enumeration.

Failures are counted per *(username, client address)* — the address is the peer
of the connection as the ASGI server reports it (``scope["client"]``), never a
header the client can write such as ``X-Forwarded-For``. Behind a reverse proxy,
let uvicorn rewrite the peer only for the proxy's own address
(``--proxy-headers --forwarded-allow-ips=<proxy ip>``); see docs/security.md.

A second, larger budget per client address alone stops one machine from trying
one password against many usernames. Unknown usernames are counted exactly like
known ones, so the throttle itself reveals nothing about which accounts exist.

Settings (``config.toml``): ``login_max_failures`` (default 5 per username and
address), ``login_max_failures_per_address`` (default 50), ``login_window_seconds``
(default 900), ``login_throttle_store`` (``memory``, ``database``, ``redis://...``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import HearingError
from hearing_core.security.stores import build_store, increment, read_counter

if TYPE_CHECKING:
    from litestar.stores.base import Store

    from hearing_core.app import HearingApp

__all__ = ["LoginThrottle", "TooManyAttempts"]


class TooManyAttempts(HearingError):
    """Too many failed logins from this address for this username (HTTP 429)."""

    status = 429
    title = "Too many requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins; try again in {retry_after} seconds", retry_after=retry_after)
        self.retry_after = retry_after


def _digest(text: str) -> str:
    # Keys hold no username in clear: a store dump (Redis, the table) is not a user list.
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class LoginThrottle:
    """Counts failed logins in a shared store and refuses further tries for a while."""

    store: Store
    max_failures: int = 5
    max_failures_per_address: int = 50
    window_seconds: int = 900

    @classmethod
    def from_app(cls, app: HearingApp) -> LoginThrottle:
        extra = app.settings.extra
        spec = str(extra.get("login_throttle_store", "memory"))
        return cls(
            store=build_store(app, spec, namespace="login"),
            max_failures=int(extra.get("login_max_failures", 5)),
            max_failures_per_address=int(extra.get("login_max_failures_per_address", 50)),
            window_seconds=int(extra.get("login_window_seconds", 900)),
        )

    @staticmethod
    def client_address(scope: Any) -> str:
        """The connection's peer address from the ASGI scope (``"unknown"`` if the server gives none)."""
        client = scope.get("client") if hasattr(scope, "get") else None
        return str(client[0]) if client else "unknown"

    def _keys(self, username: str, address: str) -> tuple[str, str]:
        return (
            "u:" + _digest(f"{username.strip().casefold()}\x00{address}"),
            "a:" + _digest(address),
        )

    async def _retry_after(self, key: str) -> int:
        remaining = await self.store.expires_in(key)
        return max(1, remaining if remaining is not None else self.window_seconds)

    async def check(self, username: str, address: str) -> None:
        """Raise :class:`TooManyAttempts` if this username+address (or address) used its budget."""
        user_key, address_key = self._keys(username, address)
        if await read_counter(self.store, user_key) >= self.max_failures:
            raise TooManyAttempts(await self._retry_after(user_key))
        if await read_counter(self.store, address_key) >= self.max_failures_per_address:
            raise TooManyAttempts(await self._retry_after(address_key))

    async def failed(self, username: str, address: str) -> None:
        """Count one failed attempt."""
        user_key, address_key = self._keys(username, address)
        await increment(self.store, user_key, self.window_seconds)
        await increment(self.store, address_key, self.window_seconds)

    async def succeeded(self, username: str, address: str) -> None:
        """A correct password clears the username+address counter (not the address budget)."""
        user_key, _ = self._keys(username, address)
        await self.store.delete(user_key)

    async def close(self) -> None:
        """Release the store's connections (Redis)."""
        await self.store.__aexit__(None, None, None)
