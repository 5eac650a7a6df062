"""A plugin's page module as docs/web.md describes one (imported by the test plugin's hook)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.web import pages_router
from hearing_core.web.render import page


@get("/page", opt=require("example_web.read"))
async def example_page(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    return page(request, "example/web/page.html", who=ctx.actor.username)


@get("/broken", opt=require("example_web.read"))
async def broken(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    raise RuntimeError("a bug in the plugin's page")


def routes() -> list[Any]:
    return [pages_router("/example", [example_page, broken])]
