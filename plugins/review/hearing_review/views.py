"""What the API and the CLI show of an application (one serialisation for both), with its clocks.

Clocks are computed on read from the stored dates and pauses (nothing is stored): the request
window, the non-acceptance notice limit, the decision clock (hearing time not counted) and,
once a review opinion is served, the re-review window it opens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hearing_core.deadlines import Deadline, Pause
from hearing_core.errors import HearingError
from hearing_review.domain import (
    Kind,
    OrganHierarchy,
    Outcome,
    ReviewApplication,
    decision_deadline,
    nonacceptance_deadline,
    window_deadline,
)

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["application_view", "clock_list", "pause_list", "short_view"]


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def pause_list(rows: list[dict[str, Any]]) -> list[Pause]:
    """Stored pauses as the engine's paused intervals (a hearing not yet started is left out)."""
    return [Pause(r["kind"], r["start"], r["end"], r["note"]) for r in rows if r["start"] is not None]


def _clock(name: str, make: Callable[[], Deadline], full: bool) -> dict[str, Any]:
    try:
        d = make()
    except HearingError as exc:  # e.g. a year the holiday calendar does not cover yet
        return {"clock": name, "error": exc.detail}
    data = {"clock": name, "rule_id": d.rule_id, "title": d.rule_title, "start_date": _iso(d.start_date),
            "due": _iso(d.due), "status": str(d.status), "days_remaining": d.days_remaining,
            "paused_days": d.paused_days, "completed_on": _iso(d.completed_on), "source": d.source}
    if full:
        data["explanation"] = d.explanation.to_text("zh")
    return data


def clock_list(app: HearingApp, a: ReviewApplication, pauses: list[Pause], today: dt.date, *,
               full: bool = False) -> list[dict[str, Any]]:
    """The application's clocks as seen on ``today`` (``full`` adds the engine's explanation)."""
    profile, cal = app.profile, app.calendar
    clocks = []
    served = a.challenged.served_on
    if served is not None:
        clocks.append(_clock("request_window", lambda: window_deadline(
            profile, cal, a.kind, served, today, a.obstacles, completed_on=a.received_on), full))
    if a.accepted_on is None and a.state in ("received", "not_accepted"):
        clocks.append(_clock("nonacceptance_notice", lambda: nonacceptance_deadline(
            profile, cal, a.received_on, today, a.not_accepted_on), full))
    if a.accepted_on is not None:
        decided = a.decision.decided_on if a.decision else None
        clocks.append(_clock("decision", lambda: decision_deadline(
            profile, cal, a.kind, a.received_on, today, pauses, decided), full))
    if (a.kind is Kind.REVIEW and a.served_on is not None and a.decision is not None
            and a.decision.outcome is not Outcome.REVOKE_REMAND):
        review_served = a.served_on
        clocks.append(_clock("rereview_window", lambda: window_deadline(
            profile, cal, Kind.REREVIEW, review_served, today), full))
    return clocks


def short_view(a: ReviewApplication) -> dict[str, Any]:
    """One line of a list."""
    return {
        "ref": a.ref, "kind": a.kind.value, "matter_ref": a.matter_ref, "challenged_ref": a.challenged.ref,
        "applicant": a.applicant.name, "received_on": _iso(a.received_on), "state": a.state,
        "outcome": a.decision.outcome.value if a.decision else None,
        "refused_ground": a.refused_ground.value if a.refused_ground else None,
    }


def application_view(app: HearingApp, a: ReviewApplication, row: dict[str, Any], pause_rows: list[dict[str, Any]],
                     organs: OrganHierarchy, today: dt.date) -> dict[str, Any]:
    """The full view (personal data unmasked: callers pass it through ``shown``)."""
    d, r, c = a.decision, a.redo, a.challenged
    return {
        "id": a.id, "ref": a.ref, "kind": a.kind.value, "kind_label": a.kind.label,
        "state": a.state, "state_label": a.status.label, "matter_ref": a.matter_ref,
        "challenged": {"kind": c.kind.value, "label": c.kind.label, "ref": c.ref, "organ": c.organ,
                       "organ_name": organs.name(c.organ), "served_on": _iso(c.served_on), "conclusion": c.conclusion},
        "applicant": {"name": a.applicant.name, "capacity": a.applicant.capacity.value,
                      "agent_of": a.applicant.agent_of, "authorisation": a.applicant.authorisation,
                      "id_number": a.applicant.id_number, "phone": a.applicant.phone},
        "receiving_organ": a.receiving_organ, "receiving_organ_name": organs.name(a.receiving_organ),
        "request": a.request, "reasons": a.reasons, "evidence": [e.as_dict() for e in a.evidence],
        "received_on": _iso(a.received_on),
        "force_majeure": [{"start": _iso(o.start), "end": _iso(o.end), "reason": o.reason, "days": o.days}
                          for o in a.obstacles],
        "accepted_elsewhere": a.accepted_elsewhere, "declared_route": a.declared_route,
        "checklist": a.checklist.as_list() if a.checklist else None, "checked_on": _iso(row["checked_on"]),
        "accepted_on": _iso(a.accepted_on), "not_accepted_on": _iso(a.not_accepted_on),
        "refused_ground": a.refused_ground.value if a.refused_ground else None,
        "decision": None if d is None else {
            "outcome": d.outcome.value, "outcome_label": d.outcome.label, "decided_on": _iso(d.decided_on),
            "findings": d.findings, "decided_by": d.decided_by, "redo_due_on": _iso(d.redo_due_on),
            "new_conclusion": d.new_conclusion},
        "served_on": _iso(a.served_on),
        "redo": None if r is None else {
            "conclusion": r.conclusion, "issued_on": _iso(r.issued_on), "served_on": _iso(r.served_on),
            "same_facts": r.same_facts, "approved_by": r.approved_by, "late": bool(row["redo_late"])},
        "withdrawn_on": _iso(a.withdrawn_on), "withdraw_reason": a.withdraw_reason,
        "pauses": [{"kind": p["kind"], "start": _iso(p["start"]), "end": _iso(p["end"]), "note": p["note"],
                    "hearing_case": p["hearing_case"]} for p in pause_rows],
        "deadlines": clock_list(app, a, pause_list(pause_rows), today),
        "allowed_actions": a.allowed_actions(),
        "version": row["version"], "created_by": row["created_by"], "created_at": _iso(row["created_at"]),
        "updated_at": _iso(row["updated_at"]),
    }
