"""Dependencies injected into handlers: the service context of the request."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from hearing_core.context import ServiceContext
from hearing_core.errors import Unauthenticated
from hearing_core.security.actor import Actor

__all__ = ["Ctx", "provide_ctx"]

#: Handler parameter type for the request's service context: ``ctx: Ctx``.
Ctx = NamedDependency[ServiceContext]


async def provide_ctx(request: Request[Any, Any, Any]) -> ServiceContext:
    actor = request.scope.get("user")
    if not isinstance(actor, Actor):
        raise Unauthenticated("authentication required")
    return ServiceContext(request.app.state["hearing"], actor)
