"""The leader-reception pages (领导接访): the calendar with its public notices, and the reception day.

Pages call :mod:`hearing_reception.services` (planning, notices, day, follow-up) with the forms
converted to the API's request structs (:mod:`hearing_reception.api.schemas`); visitors are shown
through :func:`hearing_reception.views.show_cases` (masked without ``personal_data.read``, an
unmasked view audited). Templates are ``reception/web/*.html``; messages have the plugin's own
catalog (``web/locale``).
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
    from hearing_reception.web import calendar, day

    add_catalog(LOCALE_DIR)
    return [pages_router("/reception", [*calendar.HANDLERS, *day.HANDLERS])]


def menu() -> list[MenuEntry]:
    from hearing_core.contributions import MenuEntry

    return [MenuEntry("领导接访", "Leader reception", "/reception", "reception.read", order=10, section="reception")]
