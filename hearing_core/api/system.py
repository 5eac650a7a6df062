"""Instance information for administrators: plugins, roles, permissions."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx

__all__ = ["SystemController"]


class SystemController(Controller):
    path = "/api/v1/system"
    tags = ["system"]

    @get("/plugins", opt=require("system.read"), summary="Installed plugins, their state and hooks")
    async def plugins(self, ctx: Ctx) -> list[dict[str, Any]]:
        return [info.as_dict() for info in ctx.app.pm.plugin_infos()]

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
