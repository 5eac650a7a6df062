"""Administration of the instance (系统管理): plugins, the rule profile in force, the audit log.

Plugins are listed from the plugin manager and enabled/disabled through
:mod:`hearing_core.plugin_admin` (``config.toml``, effective on the next start,
as ``hearing plugins``). The rule profile page shows every rule and parameter of
the profile in force (``app.profile``). The audit page lists the newest entries
(``audit.query``) and verifies the hash chain on request (``audit.verify``).
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import PathParameter
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.audit.query import list_audit_entries
from hearing_core.audit.verify import verify_audit_log
from hearing_core.errors import NotFound
from hearing_core.plugin_admin import plugin_rows, set_plugin_enabled
from hearing_core.web.i18n import N_
from hearing_core.web.render import form_values, page, redirect

__all__ = ["HANDLERS"]


@get("/admin/plugins", opt=require("system.read"), name="web.plugins")
async def plugins(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return page(request, "web/admin/plugins.html", plugins=plugin_rows(ctx))


@post("/admin/plugins/{name:str}/{action:str}", opt=require("plugins.manage"), status_code=303)
async def plugin_toggle(request: Request[Any, Any, Any], ctx: Ctx,
                        name: Annotated[str, PathParameter(min_length=1, max_length=100)],
                        action: Annotated[str, PathParameter(max_length=10)]) -> Any:
    await form_values(request)
    if action not in ("enable", "disable"):
        raise NotFound(f"no plugin action '{action}'")
    await set_plugin_enabled(ctx, name, action == "enable")
    message = N_("Plugin %(name)s will be enabled at the next start.") if action == "enable" else \
        N_("Plugin %(name)s will be disabled at the next start.")
    return redirect(request, "/admin/plugins", flash=message, name=name)


@get("/admin/rules", opt=require("system.read"), name="web.rules")
async def rules(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    profile = ctx.app.profile
    return page(request, "web/admin/rules.html", profile=profile, rules=sorted(profile.rules.values(), key=lambda r: r.id),
                params=sorted(profile.params.values(), key=lambda p: p.id))


@get("/admin/audit", opt=require("audit.read"), name="web.audit")
async def audit(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    report = await verify_audit_log(ctx) if request.query_params.get("verify") == "1" else None
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    entries = await list_audit_entries(ctx, page=page_no, per_page=50)
    return page(request, "web/admin/audit.html", report=report, entries=entries,
                pages=max(1, -(-entries["total"] // 50)))


HANDLERS = [plugins, plugin_toggle, rules, audit]
