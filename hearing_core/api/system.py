"""Instance information for administrators: plugins, roles, permissions."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import PathParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.plugin_admin import MANAGE, plugin_rows, set_plugin_enabled

PluginName = Annotated[str, PathParameter(max_length=100, pattern=r"^[A-Za-z0-9_.\-]+$")]

__all__ = ["SystemController"]


class SystemController(Controller):
    path = "/api/v1/system"
    tags = ["system"]

    @get("/plugins", opt=require("system.read"), summary="Installed plugins, their state and hooks")
    async def plugins(self, ctx: Ctx) -> list[dict[str, Any]]:
        """Each plugin as this process runs it, and whether the next start will load it."""
        return plugin_rows(ctx)

    @post("/plugins/{name:str}/enable", opt=require(MANAGE), status_code=200,
          summary="Enable a plugin from the next start (config.toml)")
    async def enable_plugin(self, ctx: Ctx, name: PluginName) -> dict[str, Any]:
        return _changed(name, True, await set_plugin_enabled(ctx, name, True))

    @post("/plugins/{name:str}/disable", opt=require(MANAGE), status_code=200,
          summary="Disable a plugin from the next start (config.toml; its data is kept)")
    async def disable_plugin(self, ctx: Ctx, name: PluginName) -> dict[str, Any]:
        return _changed(name, False, await set_plugin_enabled(ctx, name, False))

    @get("/roles", opt=require("system.read"), summary="Roles and the permissions each holds")
    async def roles(self, ctx: Ctx) -> list[dict[str, Any]]:
        access = ctx.app.access
        return [
            {
                "name": role.name,
                "title_zh": role.title_zh,
                "description": role.description,
                "permissions": sorted(access.permissions_for([role.name])),
            }
            for role in access.roles.values()
        ]

    @get("/permissions", opt=require("system.read"), summary="Every registered permission")
    async def permissions(self, ctx: Ctx) -> list[dict[str, Any]]:
        return [
            {"name": p.name, "description": p.description, "roles": list(p.roles), "plugin": p.plugin}
            for p in sorted(ctx.app.access.permissions.values(), key=lambda p: p.name)
        ]


def _changed(name: str, enabled: bool, disabled_plugins: list[str]) -> dict[str, Any]:
    return {"name": name, "enabled_from_next_start": enabled, "disabled_plugins": disabled_plugins,
            "restart_needed": True}
