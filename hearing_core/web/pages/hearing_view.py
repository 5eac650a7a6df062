"""What the hearing pages show (听证页面内容): the service's view of a case, arranged for templates.

Everything comes from ``hearings.service.show_hearing`` (the API's view: votes per secrecy,
contacts masked or audited) and the stored case; this module only arranges it — phases as a
stepper, the record grouped by phase, option lists of the forms, the actor's seats.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.hearings.documents import labels as L
from hearing_core.hearings.documents.notice import notice_recipients
from hearing_core.hearings.domain import PHASES, SKIPPABLE_PHASES
from hearing_core.web.i18n import N_, gettext
from hearing_core.web.labels import code_label
from hearing_core.web.pages.hearing_actions import ACTIONS
from hearing_core.web.pages.hearing_forms import FIXED_CHOICES, offered

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.hearings.stored import StoredHearing

__all__ = ["LABELS", "PHASE_SHORT", "hearing_context"]

#: Short names of the phases for the console's stepper (the record prints the long headings).
PHASE_SHORT = {
    "attendance_check": N_("Attendance"),
    "opening": N_("Opening and recusal inquiry"),
    "rights_and_rules": N_("Rights and rules"),
    "petitioner_statement": N_("Petitioner's statement"),
    "handling_unit_statement": N_("Handling unit's statement"),
    "cross_examination": N_("Cross-examination"),
    "debate": N_("Debate"),
    "questioning": N_("Questions"),
    "final_statements": N_("Final statements"),
    "deliberation": N_("Deliberation"),
    "resumption": N_("Resumption"),
    "closed": N_("Closed"),
}
#: Names of the dates of ``deadlines`` in the service's view.
DEADLINE_NAMES = {
    "decision_due": N_("Decision due"),
    "consent_due": N_("Reply to the consent request due"),
    "hold_within_due": N_("Hearing to be held by"),
    "latest_notice_day": N_("Latest day to serve the notices"),
    "report_due": N_("Report due"),
}
INTERRUPTIONS = {"postponement": N_("Postponed"), "suspension": N_("Suspended")}
#: The Chinese vocabulary of the hearing documents, for the ``coded`` filter of the templates.
LABELS = {
    "state": L.CASE_STATE, "phase": L.PHASE, "participant_role": L.PARTICIPANT_ROLE, "panel_role": L.PANEL_ROLE,
    "affiliation": L.AFFILIATION, "evidence_kind": L.EVIDENCE_KIND, "method": L.SERVICE_METHOD,
    "document": L.DOCUMENT, "vote": L.VOTE, "stage": L.STAGE, "postpone": L.POSTPONE_REASON,
    "suspend": L.SUSPEND_REASON, "termination": L.TERMINATION_REASON, "closed": L.CLOSED_REASON,
}
_VOCAB_CHOICES = {
    "participant_roles": L.PARTICIPANT_ROLE, "panel_roles": L.PANEL_ROLE, "closed_reasons": L.CLOSED_REASON,
    "documents": L.DOCUMENT, "methods": L.SERVICE_METHOD, "evidence_kinds": L.EVIDENCE_KIND,
    "postpone_reasons": L.POSTPONE_REASON, "suspend_reasons": L.SUSPEND_REASON,
    "termination_reasons": L.TERMINATION_REASON,
}


def _clock(value: str | None) -> str:
    """``HH:MM:SS`` of a stored moment (China time), for the record."""
    if not value:
        return ""
    from hearing_core.app import CHINA_TZ

    return dt.datetime.fromisoformat(value).astimezone(CHINA_TZ).strftime("%H:%M:%S")


def _who(name: str, role: str, lang: str) -> str:
    role_text = L.role_label(role) if lang == "zh" else role.replace("_", " ")
    return f"{name}（{role_text}）"


def phases(session: dict[str, Any] | None, lang: str) -> list[dict[str, Any]]:
    """The twelve phases with their standing in the current sitting: done, skipped, current, upcoming."""
    visits = {v["phase"]: v for v in (session or {}).get("visits", [])}
    current = (session or {}).get("phase")
    out = []
    for phase in PHASES:
        visit = visits.get(phase.value)
        status = "upcoming"
        if phase.value == current:
            status = "current"
        elif visit is not None:
            status = "skipped" if visit["skipped_reason"] else "done"
        out.append({"code": phase.value, "label": gettext(lang, PHASE_SHORT[phase.value]), "status": status,
                    "skippable": phase in SKIPPABLE_PHASES, "reason": visit["skipped_reason"] if visit else None,
                    "entered": _clock(visit["entered_at"]) if visit else ""})
    return out


def record(session: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """A sitting's record: each phase entered, with its entries in time order."""
    groups = []
    for visit in session.get("visits", []):
        entries = [{"seq": e["seq"], "time": _clock(e["at"]), "speaker": _who(e["speaker_name"], e["speaker_role"], lang),
                    "text": e["text"]} for e in session.get("entries", []) if e["phase"] == visit["phase"]]
        groups.append({"phase": visit["phase"], "heading": code_label(L.PHASE, visit["phase"], lang),
                       "time": _clock(visit["entered_at"]), "skipped": visit["skipped_reason"], "entries": entries})
    return groups


def entry_view(entry: Any, lang: str) -> dict[str, Any]:
    """One record entry of the domain (just recorded) as the record shows it."""
    return {"seq": entry.seq, "time": _clock(entry.at.isoformat()), "speaker": _who(entry.speaker_name,
            str(entry.speaker_role), lang), "text": entry.text}


def _choices(view: dict[str, Any], lang: str) -> dict[str, list[tuple[str, str]]]:
    people = {p["no"]: p for p in view["participants"]}
    session = view["sessions"][-1] if view["sessions"] else None
    present = {int(k) for k, v in (session or {}).get("attendance", {}).items() if v}
    seated = [m for m in view["panel"]["members"] if not m["recused"]]

    def person(p: dict[str, Any]) -> tuple[str, str]:
        return str(p["no"]), f"{p['no']} {_who(p['name'], p['role'], lang)}"

    out: dict[str, list[tuple[str, str]]] = {
        name: [(value, gettext(lang, text)) for value, text in pairs] for name, pairs in FIXED_CHOICES.items()}
    out.update({name: [(code, code_label(table, code, lang)) for code in table] for name, table in _VOCAB_CHOICES.items()})
    out["participants"] = [person(p) for p in view["participants"]]
    out["present"] = [person(people[n]) for n in sorted(present) if n in people]
    out["recipients"] = [("all", gettext(lang, N_("Every party")))] + out["participants"]
    out["seats"] = [(str(m["seat"]), f"{m['seat']} {_who(m['name'], m['role'], lang)}") for m in seated]
    out["vacant_seats"] = [(str(s), str(s)) for s in view["panel"]["vacant_seats"]]
    out["recusals"] = [(str(r["no"]), f"{r['no']} {r['requested_by']}：{r['grounds']}")
                       for r in view["panel"]["recusals"] if r.get("status") == "pending"]
    out["evidence"] = [(str(e["no"]), f"{e['no']} {e['title']}") for e in view["evidence"]]
    out["pending"] = [(s["key"], _who(s["name"], s["role"], lang)) for s in view["record"]["pending"]]
    out["speakers"] = ([(f"participant:{no}", _who(people[no]["name"], people[no]["role"], lang))
                        for no in sorted(present) if no in people]
                       + [(f"panel:{m['seat']}", _who(m["name"], m["role"], lang)) for m in seated])
    return out


def hearing_context(ctx: ServiceContext, stored: StoredHearing, view: dict[str, Any], lang: str,
                    offer: tuple[str, ...] = ()) -> dict[str, Any]:
    """The template context every hearing page shares (``h`` is the service's view)."""
    actor = ctx.actor
    seats = {m["role"] for m in view["panel"]["members"] if m["person_id"] == actor.user_id and not m["recused"]}
    can_manage = actor.has("hearings.manage")
    allowed = view["allowed_actions"]
    if view["state"] not in ("new", "report_served", "waived", "consent_refused", "refused", "withdrawn", "terminated"):
        allowed = [*allowed, "serve"]
    actions = [ACTIONS[name] for name in offer
               if offered(ACTIONS[name], allowed, actor, seats, can_manage=can_manage)]
    session = view["sessions"][-1] if view["sessions"] else None
    voter = actor.user_id in view["panel"]["voters"]
    codes = [p.value for p in PHASES]
    current = (session or {}).get("phase")
    following = codes[codes.index(current) + 1] if current in codes[:-1] else None
    return {
        "as_clerk": actor.is_admin or "clerk" in seats, "as_presiding": actor.is_admin or "presiding_officer" in seats,
        "h": view, "L": LABELS, "deadline_names": DEADLINE_NAMES, "interruptions": INTERRUPTIONS, "seats": seats, "can_manage": can_manage, "actions": actions,
        "choices": _choices(view, lang), "session": session, "phases": phases(session, lang),
        "sittings": [{"no": s["no"], "record": record(s, lang)} for s in view["sessions"]],
        "voter": voter, "next_phase": code_label(L.PHASE, following, lang) if following else "", "today": ctx.today(), "people": {p["no"]: p for p in view["participants"]},
        "notice_parties": [{"no": p.no, "name": p.name, "role": str(p.role)} for p in notice_recipients(stored.case)],
        "attendance": {int(k): v for k, v in (session or {}).get("attendance", {}).items()},
    }
