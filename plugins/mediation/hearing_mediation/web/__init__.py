"""The mediation centre's pages (调解工作台): the reception desk, mediation cases, agreements.

Pages call the plugin's public services (:mod:`hearing_mediation.reception`, ``cases``,
``case_queries``, ``agreements``, ``centres``) with the forms converted to the API's own
request structs (:mod:`hearing_mediation.api.schemas`), so both check the same limits.
Templates are ``mediation/web/*.html`` in the plugin's template directory; messages have the
plugin's own catalog (``web/locale``, merged into the pages' translations).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.contributions import MenuEntry

__all__ = ["LOCALE_DIR", "menu", "routes"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def routes() -> list[Any]:
    """The page router (imports litestar: call from ``register_routes`` only)."""
    from hearing_core.web import pages_router
    from hearing_core.web.i18n import add_catalog
    from hearing_mediation.web import agreements, cases, desk

    add_catalog(LOCALE_DIR)
    return [pages_router("/mediation", [*desk.HANDLERS, *cases.HANDLERS, *agreements.HANDLERS])]


def menu() -> list[MenuEntry]:
    from hearing_core.contributions import MenuEntry

    return [
        MenuEntry("调解工作台", "Mediation desk", "/mediation/desk", "mediation.read", order=10, section="mediation"),
        MenuEntry("调解案件", "Mediation cases", "/mediation/cases", "mediation.read", order=20, section="mediation"),
    ]
