"""Authentication (JWT through litestar's own backend) and permission guard.

Tokens carry the user id, a per-user ``token_version`` (bumped by password
reset, disable and role change, so such changes void old tokens at once) and a
unique ``jti`` (checked against revoked ids, so logout takes effect before the
token expires). Every route needs ``opt={"permission": ...}`` or
``opt={"public": True}``: :func:`check_route_permissions` refuses to start
otherwise, and :func:`permission_guard` enforces it per request.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.spec import Components, SecurityScheme
from litestar.security.jwt import JWTCookieAuth, Token

from hearing_core.api.token_cache import CachedToken
from hearing_core.errors import PermissionDenied, StartupError, Unauthenticated
from hearing_core.security import service as users
from hearing_core.security.actor import Actor

if TYPE_CHECKING:
    from litestar import Litestar

    from hearing_core.app import HearingApp

__all__ = ["AUTH_COOKIE", "PUBLIC", "build_jwt_auth", "check_route_permissions", "permission_guard", "require"]

#: ``opt`` for routes anyone may call (health, login, the schema).
PUBLIC: dict[str, Any] = {"public": True}
#: Name of the session cookie set by ``POST /api/v1/auth/login`` with ``"cookie": true``.
AUTH_COOKIE = "hearing_session"


def require(permission: str) -> dict[str, Any]:
    """``opt`` for a route that needs ``permission``: ``@get(..., opt=require("x.read"))``."""
    return {"permission": permission}


def hearing_of(connection: ASGIConnection[Any, Any, Any, Any]) -> HearingApp:
    return connection.app.state["hearing"]  # type: ignore[no-any-return]


async def _retrieve_actor(token: Token, connection: ASGIConnection[Any, Any, Any, Any]) -> Actor | None:
    """The token's actor; ``None`` (401) if the account is gone or disabled, or the token is stale or revoked.

    The revocation list is checked here, in the same statement as the account
    (:func:`hearing_core.security.service.load_actor`), not by a second query.
    """
    app = hearing_of(connection)
    try:
        user_id = int(token.sub)
    except ValueError:
        return None
    return await users.load_actor(app, user_id, token.extras.get("tv"), token_id=str(token.jti) if token.jti else None)


class HearingJWTAuth(JWTCookieAuth[Actor, Token]):
    """Bearer header first, else the session cookie; documented as a bearer scheme.

    Litestar's cookie variant describes itself as a cookie scheme in OpenAPI,
    which would make the docs page's "Authorize" button useless for API clients.
    """

    @property
    def openapi_components(self) -> Components:
        return Components(
            security_schemes={
                self.openapi_security_scheme_name: SecurityScheme(
                    type="http",
                    scheme="Bearer",
                    name=self.auth_header,
                    security_scheme_in="header",
                    bearer_format="JWT",
                    description="Log in at /api/v1/auth/login; send 'Authorization: Bearer <token>'.",
                )
            }
        )


def build_jwt_auth(app: HearingApp) -> HearingJWTAuth:
    settings = app.settings
    return HearingJWTAuth(
        retrieve_user_handler=_retrieve_actor,
        # Verified signatures are remembered until the token expires (account state is not).
        token_cls=CachedToken,
        token_secret=settings.secret_key,
        algorithm="HS256",
        default_token_expiration=dt.timedelta(minutes=settings.token_lifetime_minutes),
        exclude_opt_key="public",
        exclude=["^/schema", "^/static"],
        key=AUTH_COOKIE,
        samesite="strict",
        # Tokens are HS256 only: a token claiming "none" or RS256 is refused by PyJWT.
    )


async def permission_guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Enforce the route's declared permission for the authenticated actor.

    ``async`` although it never awaits: litestar runs a synchronous guard in a worker
    thread, and that hand-off cost more than everything else of a small request.
    """
    if handler.opt.get("public") or _is_auto_options(handler) or _is_schema(connection.scope["path"]):
        return
    permission = handler.opt.get("permission")
    if not permission:
        raise PermissionDenied("this route declares no permission and is closed")
    actor = connection.scope.get("user")
    if not isinstance(actor, Actor):
        raise Unauthenticated("authentication required")
    actor.require(permission)


def _is_schema(path: str) -> bool:
    # The OpenAPI document and its docs page are mounted by litestar itself.
    return path == "/schema" or path.startswith("/schema/")


def _is_auto_options(handler: BaseRouteHandler) -> bool:
    # Litestar adds an OPTIONS handler per path (allowed methods, CORS preflight);
    # it returns no data.
    return handler.handler_name == "options_handler" and set(getattr(handler, "http_methods", ())) == {"OPTIONS"}


def check_route_permissions(asgi_app: Litestar, app: HearingApp) -> None:
    """Refuse to start if a route neither is public nor names a registered permission."""
    problems = []
    for route in asgi_app.routes:
        for handler in getattr(route, "route_handlers", []):
            path = route.path
            if _is_schema(path):
                continue
            if handler.opt.get("public") or _is_auto_options(handler):
                continue
            permission = handler.opt.get("permission")
            if not permission:
                problems.append(f"{path} ({handler.handler_name}) declares no permission")
            elif permission not in app.access.permissions:
                problems.append(f"{path} ({handler.handler_name}) needs unregistered permission {permission!r}")
    if problems:
        raise StartupError("unprotected or misconfigured routes: " + "; ".join(problems))
