"""The review officers' pages (复查复核): applications, the admissibility checklist, the decision,
the opinion, and a matter's termination (三级终结).

Pages call :mod:`hearing_review.services` with the forms converted to the API's request structs
(:mod:`hearing_review.api.schemas`). Templates are ``review/web/*.html`` in the plugin's template
directory; messages have the plugin's own catalog (``web/locale``).
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
    from hearing_review.web import applications, matters

    add_catalog(LOCALE_DIR)
    return [pages_router("/reviews", [*applications.HANDLERS, *matters.HANDLERS])]


def menu() -> list[MenuEntry]:
    from hearing_core.contributions import MenuEntry

    return [
        MenuEntry("复查复核申请", "Review applications", "/reviews", "reviews.read", order=10, section="reviews"),
        MenuEntry("登记复查复核申请", "Lodge an application", "/reviews/new", "reviews.write", order=20,
                  section="reviews"),
    ]
