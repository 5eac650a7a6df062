"""HTTP API of the register (``/api/v1/petitions``, ``/matters``, ``/backlog``, ``/deadlines``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["controllers"]


def controllers(app: HearingApp) -> list[Any]:
    """The register's route handlers (imported here so their annotations resolve at startup)."""
    from hearing_core.petitions.api.items import PetitionsController, import_handler
    from hearing_core.petitions.api.matters import BacklogController, DeadlinesController, MattersController

    return [
        import_handler(app.settings.max_upload_size),
        PetitionsController,
        MattersController,
        BacklogController,
        DeadlinesController,
    ]
