"""The mediation API under ``/api/v1/mediation/`` (litestar controllers, imported only by ``register_routes``)."""

from __future__ import annotations

from typing import Any

__all__ = ["controllers"]


def controllers() -> list[Any]:
    from hearing_mediation.api.agreements import AgreementsController, ReportController
    from hearing_mediation.api.cases import CasesController
    from hearing_mediation.api.centres import CentresController, MediatorsController
    from hearing_mediation.api.reception import ReceptionController

    return [CentresController, MediatorsController, ReceptionController, CasesController, AgreementsController,
            ReportController]
