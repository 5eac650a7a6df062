"""The example plugin's API route.

Kept in its own module, imported only by ``register_routes``: litestar resolves
handler annotations at startup from this module's globals, so the types it
needs (``Ctx``) are imported here at module level (style guide, pitfall 9),
while ``plugin.py`` stays light for the CLI.
"""

from __future__ import annotations

from typing import Any

from litestar import get

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx

GREETING = "你好，信访听证"
#: Transitions observed by the plugin's listener in this process.
SEEN: list[tuple[str, str, str]] = []


@get("/api/v1/example/greeting", opt=require("example.read"), tags=["example"])
async def greeting(ctx: Ctx) -> dict[str, Any]:
    """A greeting for the logged-in user, and how many state changes this process has seen."""
    return {"greeting": GREETING, "user": ctx.actor.username, "transitions_seen": len(SEEN)}
