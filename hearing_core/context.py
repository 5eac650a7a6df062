"""The context every service call receives (服务上下文): the app and the acting user.

Controllers and CLI commands build one and pass it to services; services check
permissions, open write transactions, write audit entries and fire events
through it, so those concerns look the same in every use case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from hearing_core.audit import service as audit_service

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.security.actor import Actor

__all__ = ["ServiceContext"]


class ServiceContext:
    """The app and the acting user of one service call.

    A plain class rather than a dataclass on purpose: litestar validates
    dataclass-typed dependencies field by field, which would need the
    ``TYPE_CHECKING``-only types at runtime (style guide, pitfall 9).
    """

    __slots__ = ("actor", "app")

    def __init__(self, app: HearingApp, actor: Actor) -> None:
        self.app = app
        self.actor = actor

    def __repr__(self) -> str:
        return f"ServiceContext(actor={self.actor.username!r})"

    def require(self, permission: str) -> None:
        """Raise PermissionDenied unless the actor holds ``permission``."""
        self.actor.require(permission)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[None]:
        """A write transaction; audit entries and event listeners join it."""
        async with self.app.db.write():
            yield

    async def audit(
        self,
        action: str,
        object_type: str,
        object_id: object,
        *,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        subject_ref: str = "",
        note: str = "",
    ) -> None:
        """Record an audit entry in the current transaction (opening one if needed)."""
        async with self.app.db.write():
            await audit_service.record(
                self.app.db,
                self.actor,
                action,
                object_type,
                object_id,
                before=before,
                after=after,
                subject_ref=subject_ref,
                note=note,
                at=self.app.now(),
            )

    async def emit(self, hook_name: str, **kwargs: Any) -> list[Any]:
        """Fire an event hook with this context's actor."""
        return await self.app.emit(hook_name, actor=self.actor, **kwargs)

    async def transitioned(self, kind: str, obj: Any, source: str, target: str, action: str) -> None:
        """Fire ``case_transitioned`` for a state-machine change."""
        await self.emit("case_transitioned", kind=kind, obj=obj, source=source, target=target, action=action)

    def today(self) -> dt.date:
        return self.app.today()

    def now(self) -> dt.datetime:
        return self.app.now()
