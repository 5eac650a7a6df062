"""Contexts of the hearing notice (听证通知书) and the public announcement (听证公告).

A notice goes to each party (notice target): the petitioner or each representative, each
third party, and the handling unit once. Asking for an agent's notice gives their
principal's, since service on the agent counts for the principal. The notice carries its
service receipt (送达回证): filled in from the service log once served, blank lines otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_core.hearings.documents import labels as L
from hearing_core.hearings.documents.common import (
    OFFICIAL_ROLES,
    base_context,
    local_date,
    panel_context,
    participant_entry,
    petitioner,
    service_entries,
    slot_context,
)
from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.documents.wording import UNIT_DUTIES, UNIT_MATERIALS
from hearing_core.hearings.domain import CaseData, DocumentKind, Participant, ParticipantRole, Schedule

__all__ = ["announcement_context", "notice_context", "notice_recipients"]

_PRINCIPALS = (ParticipantRole.PETITIONER, ParticipantRole.REPRESENTATIVE, ParticipantRole.THIRD_PARTY)


def _schedule(case: CaseData, what: str) -> Schedule:
    if case.schedule is None:
        raise Conflict(f"{what} needs a schedule; case {case.id} in state '{case.state}' has none",
                       state=str(case.state))
    return case.schedule


def notice_recipients(case: CaseData) -> list[Participant]:
    """Who gets a notice of their own: each principal, then the handling unit (its first officer)."""
    people = [p for p in case.participants if p.role in _PRINCIPALS]
    unit = next((p for p in case.participants if p.role is ParticipantRole.HANDLING_UNIT_OFFICER), None)
    return people + ([unit] if unit else [])


def _addressee(case: CaseData, participant_no: int) -> tuple[Participant, tuple[int, ...]]:
    """The party a notice is addressed to, and the participants whose receipt counts for it."""
    p = case.participant(participant_no)
    if p.role is ParticipantRole.AGENT:
        p = case.participant(p.principal_no or 0)
    if p.role is ParticipantRole.HANDLING_UNIT_OFFICER:
        unit = tuple(q.no for q in case.participants if q.role is ParticipantRole.HANDLING_UNIT_OFFICER)
        return p, unit
    if p.role not in _PRINCIPALS:
        raise ValidationFailed(
            "a hearing notice goes to a party (petitioner, representative, third party or handling unit)",
            [FieldError("participant", f"{p.name} is a {p.role}")],
        )
    agents = tuple(a.no for a in case.participants if a.role is ParticipantRole.AGENT and a.principal_no == p.no)
    return p, (p.no, *agents)


def notice_context(
    case: CaseData, organ: Organ, matter: MatterInfo, participant_no: int, *, issue_date: dt.date | None = None
) -> dict[str, Any]:
    """The notice for the party of ``participant_no``; ``issue_date`` defaults to the day the
    schedule was fixed."""
    schedule = _schedule(case, "a hearing notice")
    addressee, counted = _addressee(case, participant_no)
    unit = addressee.role is ParticipantRole.HANDLING_UNIT_OFFICER
    first = petitioner(case)
    context = base_context(case, organ, matter, kind="notice", issue_date=issue_date or schedule.set_on)
    context.update(slot_context(schedule.slot))
    panel = panel_context(case)
    context.update({k: panel[k] for k in ("presiding_officer", "officers", "recorder")})
    services = [s for s in service_entries(case, DocumentKind.HEARING_NOTICE, schedule.no)
                if s["recipient_no"] in counted]
    context.update({
        "addressee": (addressee.unit or "承办单位") if unit else addressee.name,
        "addressee_role": "handling_unit" if unit else str(addressee.role),
        "addressee_role_label": "承办单位" if unit else L.label(L.PARTICIPANT_ROLE, addressee.role),
        "addressee_private": not unit and str(addressee.role) not in OFFICIAL_ROLES,
        "agents": [participant_entry(case, a) for a in case.participants
                   if a.role is ParticipantRole.AGENT and a.principal_no == addressee.no],
        "petitioner_name": first.name if first else "",
        "petition_date": matter.received_on,
        "public": schedule.public,
        "closed_reason": L.label(L.CLOSED_REASON, schedule.closed_reason),
        "rights_and_duties": list(UNIT_DUTIES if unit else organ.rights_and_duties),
        "materials": list(UNIT_MATERIALS if unit else organ.materials),
        "schedule_no": schedule.no,
        "rescheduled": schedule.no > 1,
        "service": min(services, key=lambda s: s["served_on"]) if services else None,
        "service_receipt": True,
    })
    return context


def announcement_context(
    case: CaseData, organ: Organ, matter: MatterInfo, *, issue_date: dt.date | None = None
) -> dict[str, Any]:
    """The public announcement; only a public hearing is announced (``hearing.public_announcement``).

    The date is the publication day once announced, else the day the schedule was fixed.
    """
    schedule = _schedule(case, "a hearing announcement")
    if not schedule.public:
        raise Conflict("a closed hearing is not announced (hearing.public_announcement)",
                       rule="hearing.public_announcement")
    published = case.announcement
    first = petitioner(case)
    default_date = published.published_on if published else schedule.set_on
    context = base_context(case, organ, matter, kind="announcement", issue_date=issue_date or default_date)
    context.update(slot_context(schedule.slot))
    panel = panel_context(case)
    context.update({k: panel[k] for k in ("presiding_officer", "officers", "officers_detail", "recorder")})
    context.update({
        "petitioner_name": first.name if first else "",
        "handling_unit": next((p.unit for p in case.participants
                               if p.role is ParticipantRole.HANDLING_UNIT_OFFICER and p.unit), ""),
        "channel": published.channel if published else "",
        "announcement_reference": published.reference if published else "",
        "registration_deadline": local_date(schedule.slot.start) - dt.timedelta(days=1),
    })
    return context
