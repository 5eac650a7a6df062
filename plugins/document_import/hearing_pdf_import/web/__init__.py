"""The document pages (文书): import upload with per-file results, a document's text, the review
queue of registration forms (登记表待核).

Uploads go through the API's own upload functions (:mod:`hearing_pdf_import.api.uploads`: body
limit, private temporary copies, then ``services.import_documents`` / ``import_forms``); reading
and the queue call :mod:`hearing_pdf_import.services`. Templates are ``documents/web/*.html`` in
``templates/`` (registered with ``register_template_dirs``); messages have the plugin's own
catalog (``web/locale``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.contributions import MenuEntry

__all__ = ["LOCALE_DIR", "TEMPLATE_DIR", "menu", "routes"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def routes(app: HearingApp) -> list[Any]:
    """The page router; the upload page has the instance's body limit (imports litestar)."""
    from hearing_core.web import pages_router
    from hearing_core.web.i18n import add_catalog
    from hearing_pdf_import.web import documents, queue

    add_catalog(LOCALE_DIR)
    return [pages_router("/documents", [*documents.handlers(app.settings.max_upload_size), *queue.HANDLERS])]


def menu() -> list[MenuEntry]:
    from hearing_core.contributions import MenuEntry

    return [
        MenuEntry("文书导入", "Documents", "/documents", "documents.read", order=40, section="register"),
        MenuEntry("登记表待核", "Forms to review", "/documents/queue", "documents.queue", order=50, section="register"),
    ]
