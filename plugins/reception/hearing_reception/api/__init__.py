"""HTTP API of leader reception (``/api/v1/reception/...``), mounted by ``register_routes``."""

from __future__ import annotations

from typing import Any

__all__ = ["controllers"]


def controllers() -> list[Any]:
    """Every controller and handler of the plugin (imports litestar: call from the hook only)."""
    from hearing_reception.api.cases import CasesController, DayController, report_section
    from hearing_reception.api.planning import (
        LeadersController,
        NoticesController,
        ReceptionsController,
        RulesController,
        plan,
    )

    return [LeadersController, RulesController, plan, ReceptionsController, NoticesController, DayController,
            CasesController, report_section]
