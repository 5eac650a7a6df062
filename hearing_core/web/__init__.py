"""The web interface (网页界面): server-rendered pages on the same services as the API.

``create_app()`` calls :func:`web_setup` and mounts what it returns: the page
routers, the static files (``/static/web``: CSS, the small progressive-enhancement
script and the vendored htmx) and the Jinja template config. Pages are plain
litestar handlers with ``opt=require(...)`` that call a service with the request's
``ctx`` and end with :func:`hearing_core.web.render.page`; errors become friendly
pages (:mod:`hearing_core.web.errors`). Plugins add pages through
``register_routes`` (wrapped in :func:`pages_router`) and menu entries through
``register_web_menu``; see docs/web.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar import Router
    from litestar.template.config import TemplateConfig

    from hearing_core.app import HearingApp

__all__ = ["STATIC_DIR", "WebSetup", "pages_router", "web_setup"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PATH = "/static/web"


@dataclass(frozen=True)
class WebSetup:
    """What the app factory mounts for the web interface."""

    route_handlers: list[Any]
    template_config: TemplateConfig[Any]


def pages_router(path: str, route_handlers: Sequence[Any]) -> Router:
    """A router for page handlers: HTML error pages, kept out of the OpenAPI schema.

    Plugins wrap their page handlers in one (``pages_router("/mediation", [desk])``)
    so their errors render like the core's pages instead of as problem details.
    """
    # Imported here: ``hearing_core.api`` imports this package while it is being built.
    from litestar import Router

    from hearing_core.web.errors import web_exception_handlers

    return Router(path=path, route_handlers=list(route_handlers), exception_handlers=web_exception_handlers,
                  include_in_schema=False)


def web_setup(app: HearingApp) -> WebSetup:
    """Collect the menu (``register_web_menu``) and build the core pages and the template engine."""
    from litestar.static_files import create_static_files_router

    from hearing_core.api.auth import PUBLIC
    from hearing_core.web.menu import collect_menu
    from hearing_core.web.pages import core_pages
    from hearing_core.web.templating import template_config

    collect_menu(app)
    static = create_static_files_router(path=STATIC_PATH, directories=[STATIC_DIR], opt=PUBLIC,
                                        include_in_schema=False)
    return WebSetup([pages_router("/", core_pages()), static], template_config(app))
