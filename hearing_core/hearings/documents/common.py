"""Parts every hearing document shares: heading, matter, panel, participants, slot, service.

Contexts are plain data (str, bool, numbers, dates, lists and dicts) so a template can be
rendered from JSON as well. A person's name is paired with ``private``: a private person
(信访人, 代理人, 第三人, 证人) is printed through the ``person_name`` filter, which masks unless
the render may show personal data; officials acting in office (panel, handling unit) are not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.documents.filters import CHINA_TZ
from hearing_core.hearings.documents import labels as L
from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.domain import CaseData, DocumentKind, Participant, ParticipantRole, Slot

__all__ = [
    "base_context",
    "case_number",
    "case_year",
    "local_date",
    "panel_context",
    "participant_entry",
    "petitioner",
    "recusal_entries",
    "sentence",
    "service_entries",
    "slot_context",
]

#: Roles whose holders act in an office: their names are never masked.
OFFICIAL_ROLES = frozenset({"handling_unit_officer", "presiding_officer", "hearing_officer", "clerk"})


def sentence(text: str) -> str:
    """``text`` ending with a full stop (。) unless it already ends a sentence."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；.!?;" else text + "。"


def local_date(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day in China of a date or (naive local / aware) datetime."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(CHINA_TZ) if value.tzinfo else value).date()
    return value


def case_year(case: CaseData) -> int:
    """The year the case was opened (its number's year)."""
    for day in (
        case.application and case.application.applied_on,
        case.initiated_on,
        case.decision and case.decision.decided_on,
        case.schedule and case.schedule.set_on,
    ):
        if day:
            return day.year
    return dt.date.today().year


def case_number(case: CaseData, organ: Organ) -> str:
    """The hearing case number (听证案号), e.g. ``临信听〔2025〕12号``."""
    return organ.number("case", case_year(case), case.id)


def base_context(
    case: CaseData, organ: Organ, matter: MatterInfo, *, kind: str | None, issue_date: dt.date
) -> dict[str, Any]:
    """Keys of every hearing document (listed in docs/hearing-panels.md, section 6)."""
    context: dict[str, Any] = {
        "organ_name": organ.name,
        "case_number": case_number(case, organ),
        "matter_ref": matter.ref,
        "matter_summary": matter.title,
        "stage": L.label(L.STAGE, case.stage),
        "grounds": case.grounds,
        "issue_date": issue_date,
        "date_style": organ.date_style,
        "contact_name": organ.contact_name,
        "contact_phone": organ.contact_phone,
        "organ_address": organ.address,
        "legal_basis": organ.legal_basis,
    }
    if kind is not None:
        context["doc_number"] = organ.number(kind, case_year(case), case.id)
    if organ.copy_to:
        context["copy_to"] = list(organ.copy_to)
    return context


def petitioner(case: CaseData) -> Participant | None:
    """The petitioner, or the first representative of a multi-person matter."""
    for role in (ParticipantRole.PETITIONER, ParticipantRole.REPRESENTATIVE):
        found = next((p for p in case.participants if p.role is role), None)
        if found is not None:
            return found
    return None


def participant_entry(case: CaseData, p: Participant, present: set[int] | None = None) -> dict[str, Any]:
    """One participant as documents print them (agents name their principal)."""
    principal = next((q for q in case.participants if q.no == p.principal_no), None)
    entry: dict[str, Any] = {
        "no": p.no,
        "name": p.name,
        "role": str(p.role),
        "role_label": L.label(L.PARTICIPANT_ROLE, p.role),
        "private": str(p.role) not in OFFICIAL_ROLES,
        "unit": p.unit or "",
        "principal": principal.name if principal else "",
        "principal_private": principal is not None and str(principal.role) not in OFFICIAL_ROLES,
        "principal_role_label": L.label(L.PARTICIPANT_ROLE, principal.role) if principal else "",
        "power_of_attorney": p.power_of_attorney or "",
    }
    if present is not None:
        entry["present"] = p.no in present
    return entry


def panel_context(case: CaseData) -> dict[str, Any]:
    """The seated panel: ``presiding_officer``, ``officers`` (names), ``officers_detail``, ``recorder``."""
    seated = case.panel.seated()
    presiding = next((m for m in seated if str(m.role) == "presiding_officer"), None)
    clerk = next((m for m in seated if str(m.role) == "clerk"), None)
    officers = [m for m in seated if str(m.role) == "hearing_officer"]
    return {
        "presiding_officer": presiding.name if presiding else "",
        "officers": [m.name for m in officers],
        "officers_detail": [
            {"name": m.name, "affiliation": L.label(L.AFFILIATION, m.affiliation)} for m in officers
        ],
        "recorder": clerk.name if clerk else "",
        "panel": [
            {"seat": m.seat, "name": m.name, "role": str(m.role), "role_label": L.label(L.PANEL_ROLE, m.role),
             "affiliation": L.label(L.AFFILIATION, m.affiliation)}
            for m in seated
        ],
    }


def recusal_entries(case: CaseData) -> list[dict[str, Any]]:
    """Recusal requests (回避申请) with their decision and, when granted, who took the seat."""
    entries = []
    for r in case.panel.recusals:
        member = next((m for m in case.panel.members if m.seat == r.seat and m.person_id == r.member_person_id), None)
        successor = next((m for m in case.panel.seated() if m.seat == r.seat), None)
        entries.append({
            "member": member.name if member else "",
            "member_role": L.label(L.PANEL_ROLE, member.role) if member else "",
            "requested_by": r.requested_by,
            "grounds": r.grounds,
            "requested_at": r.requested_at,
            "status": str(r.status),
            "granted": str(r.status) == "granted",
            "decided_by": r.decided_by or "",
            "decided_at": r.decided_at,
            "reason": r.decision_reason,
            "replaced_by": successor.name if successor and str(r.status) == "granted" else "",
        })
    return entries


def slot_context(slot: Slot) -> dict[str, Any]:
    return {
        "hearing_at": slot.start,
        "hearing_end": slot.end,
        "venue": slot.venue or "",
        "video_link": slot.video_link or "",
    }


def service_entries(case: CaseData, document: DocumentKind, subject_no: int | None = None) -> list[dict[str, Any]]:
    """Services of ``document`` (about ``subject_no``), with recipient and method in Chinese."""
    rows = []
    for r in case.services:
        if r.document is not document or (subject_no is not None and r.subject_no != subject_no):
            continue
        p = case.participant(r.recipient_no)
        rows.append({
            "recipient": p.name,
            "recipient_private": str(p.role) not in OFFICIAL_ROLES,
            "recipient_role": L.label(L.PARTICIPANT_ROLE, p.role),
            "recipient_no": p.no,
            "method": L.label(L.SERVICE_METHOD, r.method),
            "served_on": r.served_on,
            "proof_ref": r.proof_ref,
        })
    return rows
