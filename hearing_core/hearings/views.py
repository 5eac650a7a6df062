"""A hearing case as one actor may see it (听证案件视图), JSON-ready.

Votes follow the domain's secrecy rule (:meth:`HearingCase.visible_votes`): an officer sees
only their own until deliberation closes, everyone else none; the conclusion publishes them
all. Contact data is masked by the caller (:func:`hearing_core.security.masking.redact_for`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from hearing_core.hearings.domain import CaseState, HearingCase
from hearing_core.hearings.service.record import record_status
from hearing_core.hearings.stored import Contact, StoredHearing, local

if TYPE_CHECKING:
    from hearing_core.hearings.adapters import ProfileDeadlines
    from hearing_core.hearings.domain import HearingRuleSet

__all__ = ["hearing_view", "plain", "summary_view"]


def plain(value: Any) -> Any:
    """Dates as ISO strings, enums as their values, dataclasses as dicts, recursively."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def _deadlines(case: HearingCase, calc: ProfileDeadlines, today: dt.date) -> dict[str, Any]:
    from hearing_core.hearings.domain import RuleId

    out: dict[str, Any] = {}
    try:
        if case.state is CaseState.APPLIED:
            out["decision_due"] = case.decision_due(calc)
        if case.state is CaseState.AWAITING_CONSENT:
            out["consent_due"] = case.consent_due(calc)
        if case.decision is not None and case.decision.accepted and case.state in (
                CaseState.ACCEPTED, CaseState.SCHEDULED):
            out["hold_within_due"] = calc.due(RuleId.HOLD_WITHIN, case.decision.effective_on)
        if case.schedule is not None and case.state is CaseState.SCHEDULED:
            out["latest_notice_day"] = calc.latest_before(RuleId.NOTICE, case.schedule.slot.day)
        if case.heard_on is not None:
            out["report_due"] = case.report_due(calc)
            out["report_overdue"] = case.report_overdue(today, calc)
    except Exception as exc:  # noqa: BLE001 - a view must not fail on a calendar gap; show why instead
        out["error"] = str(exc)
    return out


def _conclusion(case: HearingCase) -> dict[str, Any] | None:
    k = case.conclusion
    if k is None:
        return None
    return {
        "reached_at": k.reached_at, "on_spot": k.on_spot, "announced_at": k.announced_at,
        "facts_found": k.facts_found, "basis": k.basis, "recommendation": k.recommendation,
        "results": [{"issue_no": r.issue_no, "title": r.title, "result": r.result, "tally": dict(r.tally),
                     "votes": sum(r.tally.values()), "strict_majority": r.strict_majority,
                     "majority_opinions": list(r.majority_opinions),
                     "dissents": [asdict(d) for d in r.dissents]} for r in k.results],
    }


def hearing_view(
    stored: StoredHearing,
    *,
    viewer_person_id: int | None,
    rules: HearingRuleSet,
    calc: ProfileDeadlines,
    today: dt.date,
) -> dict[str, Any]:
    """Every part of the case the viewer may see, with ``allowed_actions`` and deadlines."""
    case = stored.case
    status = case.status_on(today, calc, rules)
    deliberation = None
    if case.deliberation is not None:
        d = case.deliberation
        deliberation = {
            "opened_at": d.opened_at, "closed_at": d.closed_at, "voters": [asdict(v) for v in d.voters],
            "votes": [asdict(v) for v in case.visible_votes(viewer_person_id or 0)],
            "owed": [{"voter": n, "issue_no": i} for n, i in d.missing(case.issues)] if d.closed_at is None else [],
        }
    start, end = stored.hearing_period()
    view = {
        "id": stored.id, "matter_ref": stored.matter_ref, "matter_id": stored.matter_id, "stage": case.stage,
        "origin": case.origin, "grounds": case.grounds, "state": case.state, "phase": stored.phase,
        "version": stored.version, "created_by": stored.created_by, "created_at": stored.created_at,
        "updated_at": stored.updated_at,
        "status": {"state": status.state, "deemed": status.deemed, "rule": status.rule,
                   "explanation": status.explanation},
        "allowed_actions": case.allowed_actions(),
        "application": case.application, "initiated_on": case.initiated_on, "consent": case.consent,
        "decision": case.decision, "withdrawal": case.withdrawal, "announcement": case.announcement,
        "termination": case.termination, "report_served_on": case.report_served_on,
        "schedule": case.schedule and {
            "no": case.schedule.no, "start": case.schedule.slot.start, "end": case.schedule.slot.end,
            "venue": case.schedule.slot.venue, "video_link": case.schedule.slot.video_link,
            "public": case.schedule.public, "closed_reason": case.schedule.closed_reason,
            "set_on": case.schedule.set_on},
        "participants": [{**asdict(p), "side": case.side(p), **asdict(stored.contacts.get(p.no) or _NO_CONTACT)}
                         for p in case.participants],
        "panel": {"members": [asdict(m) for m in case.panel.members],
                  "recusals": [asdict(r) for r in case.panel.recusals],
                  "vacant_seats": case.panel.vacant_seats(),
                  "voters": [m.person_id for m in case.panel.voters(rules)]},
        "evidence": [{**asdict(e), "attachments": [{"sha256": a} for a in e.attachments],
                      "opinions": [{**asdict(o), "disputed": o.disputed} for o in e.opinions]}
                     for e in case.evidence],
        "services": [asdict(s) for s in case.services],
        "sessions": [asdict(s) for s in case.sessions],
        "interruptions": [asdict(i) for i in case.interruptions],
        "issues": [asdict(i) for i in case.issues],
        "deliberation": deliberation,
        "conclusion": _conclusion(case),
        "record": record_status(stored),
        "deadlines": _deadlines(case, calc, today),
        "hearing_period": {"start": start, "end": end},
    }
    return plain(view)  # type: ignore[no-any-return]


def summary_view(row: dict[str, Any], petitioner: str | None, panel: list[dict[str, Any]]) -> dict[str, Any]:
    """One line of a list: state, phase, when and where, who presides."""
    presiding = next((m["name"] for m in panel if m["role"] == "presiding_officer"), None)
    return plain({
        "id": row["id"], "matter_ref": row["matter_ref"], "stage": row["stage"], "origin": row["origin"],
        "state": row["state"], "phase": row["phase"], "petitioner": petitioner,
        "start": local(row["schedule_start"]), "end": local(row["schedule_end"]), "venue": row["venue"],
        "public": row["public"], "presiding_officer": presiding,
        "officers": [m["name"] for m in panel if m["role"] == "hearing_officer"], "version": row["version"],
    })


_NO_CONTACT = Contact()
