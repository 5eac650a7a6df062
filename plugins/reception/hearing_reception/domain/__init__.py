"""ORM-free domain of leader reception (领导接访): rules, plan, receptions, cases, figures.

Nothing here touches the database, so every rule is tested without one.
"""

from __future__ import annotations

from hearing_reception.domain.case import VisitCase, Visitor
from hearing_reception.domain.machines import CASE_MACHINE, RECEPTION_MACHINE, CaseState, ReceptionState
from hearing_reception.domain.notice import NoticeStatus, notice_context, notice_status
from hearing_reception.domain.planning import Leader, PlannedReception, PlanResult, RuleSpec, plan, plan_key
from hearing_reception.domain.reception import Participant, Reception, participants_from
from hearing_reception.domain.recurrence import Occurrence, Recurrence, occurrences
from hearing_reception.domain.stats import (
    ReplyBasis,
    ReportDefinitions,
    Resolved,
    Scope,
    rate,
    render_markdown,
)
from hearing_reception.domain.vocab import (
    Feedback,
    HolidayPolicy,
    Level,
    Months,
    Outcome,
    PlaceMode,
    RuleKind,
    Session,
)

__all__ = [
    "CASE_MACHINE", "RECEPTION_MACHINE", "CaseState", "Feedback", "HolidayPolicy", "Leader", "Level",
    "Months", "NoticeStatus", "Occurrence", "Outcome", "Participant", "PlaceMode", "PlanResult",
    "PlannedReception", "Reception", "Recurrence", "ReceptionState", "ReplyBasis", "ReportDefinitions",
    "Resolved", "RuleKind", "RuleSpec", "Scope", "Session", "VisitCase", "Visitor", "notice_context",
    "notice_status", "occurrences", "participants_from", "plan", "plan_key", "rate", "render_markdown",
]
