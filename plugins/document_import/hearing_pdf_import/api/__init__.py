"""HTTP API of document import (``/api/v1/documents``), mounted by ``register_routes``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["handlers"]


def handlers(app: HearingApp) -> list[Any]:
    """Every controller and handler of the plugin (imports litestar: call from the hook only).

    The upload routes are built here because their body limit is the instance's
    ``max_upload_size`` (413 beyond it).
    """
    from hearing_pdf_import.api.documents import documents_controller
    from hearing_pdf_import.api.queue import QueueController

    return [documents_controller(app.settings.max_upload_size), QueueController]
