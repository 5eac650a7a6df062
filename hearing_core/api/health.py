"""``GET /health``: liveness and database connectivity (public, no personal data)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, get
from litestar.params import FromQuery

from hearing_core import __version__
from hearing_core.api.auth import PUBLIC

__all__ = ["health"]


class Health(msgspec.Struct):
    status: str
    version: str
    database: str
    database_kind: str


@get("/health", opt=PUBLIC, tags=["system"], summary="Service and database health")
async def health(request: Request[Any, Any, Any], db: FromQuery[bool] = True) -> Response[Health]:
    """Reports ``ok`` when the database answers; ``?db=false`` skips the database check."""
    app = request.app.state["hearing"]
    if not db:
        return Response(Health("ok", __version__, "skipped", app.db.kind))
    up = await app.db.ping()
    body = Health("ok" if up else "degraded", __version__, "ok" if up else "unreachable", app.db.kind)
    return Response(body, status_code=200 if up else 503)
