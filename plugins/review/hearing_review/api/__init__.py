"""HTTP API of review and re-review (``/api/v1/reviews/...``), mounted by ``register_routes``."""

from __future__ import annotations

from typing import Any

__all__ = ["controllers"]


def controllers() -> list[Any]:
    """Every controller and handler of the plugin (imports litestar: call from the hook only)."""
    from hearing_review.api.applications import ApplicationsController
    from hearing_review.api.matters import MattersController, OrgansController, report_section

    return [ApplicationsController, MattersController, OrgansController, report_section]
