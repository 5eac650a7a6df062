"""The ASGI application factory: ``create_app()``.

There is no module-level app object: every call builds a fresh, fully
configured Litestar application around one :class:`~hearing_core.app.HearingApp`
(so tests and several workers never share state by accident). Routes come from
the core controllers plus every plugin's ``register_routes``; litestar only sees
the result, and only this package speaks litestar's own plugin protocols.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.config.allowed_hosts import AllowedHostsConfig
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.middleware.base import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

from hearing_core import __version__
from hearing_core.api.accounts import AuthController, UsersController
from hearing_core.api.audit import AuditController
from hearing_core.api.auth import PUBLIC, build_jwt_auth, check_route_permissions, permission_guard
from hearing_core.api.deps import provide_ctx
from hearing_core.api.health import health
from hearing_core.api.problems import document_problems, exception_handlers
from hearing_core.api.protection import (
    CookieCSRFMiddleware,
    DocsCSPMiddleware,
    add_security_headers,
    build_csrf_config,
)
from hearing_core.api.system import SystemController
from hearing_core.app import HearingApp
from hearing_core.context import ServiceContext
from hearing_core.security.actor import Actor
from hearing_core.security.logfilter import install_log_filter
from hearing_core.security.throttle import LoginThrottle
from hearing_core.settings import Settings
from hearing_core.web import web_setup

__all__ = ["create_app"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Parts of one multipart/form-data request; more is refused before parsing them all (DoS).
MULTIPART_PART_LIMIT = 1000


def _openapi_config() -> OpenAPIConfig:
    swagger = SwaggerRenderPlugin(
        js_url="/static/swagger-ui/swagger-ui-bundle.js",
        css_url="/static/swagger-ui/swagger-ui.css",
        standalone_preset_js_url="/static/swagger-ui/swagger-ui-standalone-preset.js",
        favicon="<link rel='icon' type='image/png' href='/static/swagger-ui/favicon-32x32.png'>",
        path="/",
    )
    return OpenAPIConfig(
        title="hearing API",
        version=__version__,
        description=(
            "Petition register, hearings (信访听证), mediation and review for county petition bureaus. "
            "Log in at /api/v1/auth/login and send the token as 'Authorization: Bearer <token>'."
        ),
        path="/schema",
        render_plugins=[swagger],
    )


def create_app(settings: Settings | None = None, hearing_app: HearingApp | None = None) -> Litestar:
    """Build the ASGI app. With no arguments, settings come from the environment."""
    if hearing_app is None:
        hearing_app = HearingApp((settings or Settings.from_env()).ensure_secret_key())
    elif not hearing_app.settings.secret_key:
        hearing_app.settings = hearing_app.settings.ensure_secret_key()
    hearing_app.build_registries()
    settings = hearing_app.settings
    # Before anything logs: no ID numbers, phones, tokens or forged lines in any log record.
    install_log_filter()

    route_handlers: list[Any] = [health, AuthController, UsersController, SystemController, AuditController]
    for _plugin, handler in hearing_app.collect("register_routes", app=hearing_app):
        route_handlers.append(handler)
    route_handlers.append(
        create_static_files_router(path="/static", directories=[STATIC_DIR], opt=PUBLIC, include_in_schema=False)
    )
    # The web pages (docs/web.md): page routers, their static files and the template engine.
    web = web_setup(hearing_app)
    route_handlers.extend(web.route_handlers)

    jwt_auth = build_jwt_auth(hearing_app)
    throttle = LoginThrottle.from_app(hearing_app)
    # Exact origins only (no wildcards, no credentials): a look-alike origin gets no CORS headers.
    cors = (
        CORSConfig(
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-CSRF-Token"],
            allow_credentials=False,
        )
        if settings.cors_origins
        else None
    )
    csrf = build_csrf_config(settings.secret_key, secure=bool(settings.extra.get("secure_cookies", False)))

    asgi_app = Litestar(
        route_handlers=route_handlers,
        on_app_init=[jwt_auth.on_app_init],
        guards=[permission_guard],
        dependencies={"ctx": Provide(provide_ctx)},
        exception_handlers=exception_handlers,
        openapi_config=_openapi_config(),
        template_config=web.template_config,
        on_startup=[hearing_app.startup],
        on_shutdown=[throttle.close, hearing_app.shutdown],
        state=_state(hearing_app, jwt_auth, throttle),
        middleware=[DocsCSPMiddleware, DefineMiddleware(CookieCSRFMiddleware, config=csrf)],
        before_send=[add_security_headers],
        request_max_body_size=settings.max_request_body,
        multipart_form_part_limit=MULTIPART_PART_LIMIT,
        allowed_hosts=AllowedHostsConfig(allowed_hosts=list(settings.allowed_hosts)),
        cors_config=cors,
        signature_namespace={"ServiceContext": ServiceContext, "Actor": Actor},
        debug=False,
    )
    check_route_permissions(asgi_app, hearing_app)
    document_problems(asgi_app.openapi_schema)
    return asgi_app


def _state(hearing_app: HearingApp, jwt_auth: Any, throttle: LoginThrottle) -> Any:
    from litestar.datastructures import State

    return State({"hearing": hearing_app, "jwt_auth": jwt_auth, "login_throttle": throttle})
