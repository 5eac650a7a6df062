"""用户与角色 (users and roles): list, add, disable/enable, set roles, reset a password.

Every change calls the account service the API and ``hearing users`` use
(``create_user``, ``set_active``, ``set_roles``, ``reset_password``), with the
version the page read, so a stale page gets "changed by someone else" instead of
overwriting a colleague's change.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import PathParameter
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, HearingError, NotFound, ValidationFailed
from hearing_core.security import service as users
from hearing_core.web.i18n import N_
from hearing_core.web.render import form_values, page, redirect

__all__ = ["HANDLERS"]

Username = Annotated[str, PathParameter(min_length=1, max_length=64)]
_USER_ACTIONS = ("roles", "disable", "enable", "password")


def _roles(ctx: Ctx, lang: str) -> list[dict[str, str]]:
    return [{"name": r.name, "title": r.title_zh if lang == "zh" else r.name.replace("_", " ")}
            for r in ctx.app.access.roles.values()]


def _listed(values: dict[str, Any], key: str) -> list[str]:
    raw = values.get(key) or []
    return [raw] if isinstance(raw, str) else list(raw)


def _version(values: dict[str, Any]) -> int | None:
    raw = str(values.get("version") or "")
    return int(raw) if raw.isdigit() else None


async def _users_page(request: Request[Any, Any, Any], ctx: Ctx, *, status: int = 200,
                      error: HearingError | None = None, values: dict[str, Any] | None = None) -> Template:
    from hearing_core.web.render import lang_of

    views = await users.list_users(ctx)
    field_errors = {e.field: e.message for e in error.errors} if isinstance(error, ValidationFailed) else {}
    return page(request, "web/admin/users.html", status_code=status, users=[v.as_dict() for v in views],
                roles=_roles(ctx, lang_of(request)), error=error, values=values or {}, field_errors=field_errors)


@get("/admin/users", opt=require("users.read"), name="web.users")
async def user_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return await _users_page(request, ctx)


@post("/admin/users", opt=require("users.manage"), status_code=303)
async def user_create(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    values = await form_values(request)
    try:
        if values.get("password") != values.get("password2"):
            raise ValidationFailed("invalid user", [FieldError("password2", "the two passwords differ")])
        view = await users.create_user(ctx, str(values.get("username") or ""), str(values.get("password") or ""),
                                       _listed(values, "roles"), str(values.get("display_name") or ""))
    except HearingError as exc:
        kept = {k: v for k, v in values.items() if not k.startswith("password")}
        return await _users_page(request, ctx, status=exc.status, error=exc, values=kept)
    return redirect(request, "/admin/users", flash=N_("Added user %(name)s."), name=view.username)


@post("/admin/users/{username:str}/{action:str}", opt=require("users.manage"), status_code=303)
async def user_change(request: Request[Any, Any, Any], ctx: Ctx, username: Username,
                      action: Annotated[str, PathParameter(max_length=20)]) -> Any:
    values = await form_values(request)
    if action not in _USER_ACTIONS:
        raise NotFound(f"no user action '{action}'")
    version = _version(values)
    try:
        if action == "roles":
            await users.set_roles(ctx, username, _listed(values, "roles"), version)
            message = N_("Roles of %(name)s changed; their open sessions have ended.")
        elif action in ("disable", "enable"):
            await users.set_active(ctx, username, action == "enable", version)
            message = N_("Disabled %(name)s.") if action == "disable" else N_("Enabled %(name)s.")
        else:
            if values.get("password") != values.get("password2"):
                raise ValidationFailed("invalid password", [FieldError("password2", "the two passwords differ")])
            await users.reset_password(ctx, username, str(values.get("password") or ""), version)
            message = N_("Password of %(name)s reset; their open sessions have ended.")
    except NotFound:
        raise
    except HearingError as exc:
        return await _users_page(request, ctx, status=exc.status, error=exc)
    return redirect(request, "/admin/users", flash=message, name=username)


HANDLERS = [user_list, user_create, user_change]
