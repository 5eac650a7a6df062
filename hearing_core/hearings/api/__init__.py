"""HTTP API of hearings (``/api/v1/hearings``): cases and their actions, evidence and the
session, the expert pool, the calendar, bookings and unavailability."""

from __future__ import annotations

from typing import Any

__all__ = ["controllers"]


def controllers() -> list[Any]:
    from hearing_core.hearings.api.calendar import CalendarController, PoolController
    from hearing_core.hearings.api.cases import HearingsController
    from hearing_core.hearings.api.proceedings import ProceedingsController

    return [HearingsController, ProceedingsController, PoolController, CalendarController]
