"""Context of the hearing report (听证报告), which carries the conclusion (听证结论).

Addressed to the deciding organ: the matter, the procedure followed, the facts found, the
evidence admitted, the panel's conclusion on each disputed issue (the majority result, the
vote count and every dissent with its author), the basis and the recommendation, signed by
the panel. The conclusion is advisory; the organ's own opinion is the legal act (§2.9).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.errors import Conflict
from hearing_core.hearings.documents import labels as L
from hearing_core.hearings.documents.common import (
    base_context,
    local_date,
    panel_context,
    participant_entry,
    petitioner,
    recusal_entries,
    sentence,
    service_entries,
    slot_context,
)
from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.documents.record import evidence_entries
from hearing_core.hearings.domain import DocumentKind, HearingCase, IssueResult, VoteValue

__all__ = ["issue_entry", "report_context", "vote_summary"]


def vote_summary(tally: dict[str, int]) -> str:
    """``合理2票，不合理1票`` (views with no vote are left out), in the order of the scale."""
    return "，".join(f"{L.VOTE[v.value]}{tally.get(v.value, 0)}票" for v in VoteValue if tally.get(v.value, 0))


def issue_entry(result: IssueResult) -> dict[str, Any]:
    """One disputed issue as decided: result, tally, majority opinions and dissents."""
    total = sum(result.tally.values())
    held = result.tally.get(str(result.result), 0)
    return {
        "no": result.issue_no,
        "title": result.title,
        "result": str(result.result),
        "result_label": L.VOTE[str(result.result)],
        "tally": {str(k): int(v) for k, v in result.tally.items()},
        "tally_text": vote_summary(result.tally),
        "votes_total": total,
        "votes_for_result": held,
        "votes_against_result": total - held,
        "strict_majority": result.strict_majority,
        "majority_opinions": list(dict.fromkeys(result.majority_opinions)),  # the same words once
        "dissents": [
            {"name": d.voter_name, "view": L.VOTE[str(d.value)], "opinion": d.opinion} for d in result.dissents
        ],
    }


def _procedure(case: HearingCase) -> dict[str, Any]:
    """What was done, in order: application or proposal, decision, notices, sittings."""
    schedule = case.schedule
    return {
        "origin": str(case.origin),
        "applied_on": case.application.applied_on if case.application else None,
        "initiated_on": case.initiated_on,
        "consented_on": case.consent.on if case.consent and str(case.consent.reply) == "given" else None,
        "decided_on": case.decision.decided_on if case.decision else None,
        "decided_by": case.decision.decided_by if case.decision else "",
        "decision_deemed": bool(case.decision and case.decision.deemed),
        "notices": service_entries(case, DocumentKind.HEARING_NOTICE, schedule.no if schedule else None),
        "announced_on": case.announcement.published_on if case.announcement else None,
        "announced_in": case.announcement.channel if case.announcement else "",
        "sittings": [
            {"no": s.no, "opened_at": s.opened_at, "ended_at": s.ended_at, "day": local_date(s.opened_at)}
            for s in case.sessions
        ],
        "interruptions": [
            {"kind": "中止" if i.kind == "suspension" else "延期",
             "reason": L.label(L.SUSPEND_REASON if i.kind == "suspension" else L.POSTPONE_REASON, i.reason),
             "detail": i.detail, "at": i.at}
            for i in case.interruptions
        ],
        "skipped": [
            {"heading": L.label(L.PHASE, v.phase), "reason": v.skipped_reason}
            for s in case.sessions for v in s.visits if v.skipped_reason
        ],
    }


def report_context(
    case: HearingCase,
    organ: Organ,
    matter: MatterInfo,
    *,
    report_due: dt.date | None,
    issue_date: dt.date | None = None,
) -> dict[str, Any]:
    """The report of a concluded case; ``report_due`` is the service limit of the active profile
    (``case.report_due(calc)``), printed so the organ sees it. ``issue_date`` defaults to the
    day the conclusion was reached."""
    conclusion = case.conclusion
    if conclusion is None:
        raise Conflict(f"the hearing report needs the conclusion; case {case.id} is '{case.state}'",
                       state=str(case.state))
    context = base_context(case, organ, matter, kind="report",
                           issue_date=issue_date or local_date(conclusion.reached_at))
    if case.schedule is not None:
        context.update(slot_context(case.schedule.slot))
        context["public"] = case.schedule.public
        context["closed_reason"] = L.label(L.CLOSED_REASON, case.schedule.closed_reason)
    context.update(panel_context(case))
    first = petitioner(case)
    present = case.session.present_nos() if case.session else set()
    evidence = evidence_entries(case)
    voters = case.deliberation.voters if case.deliberation else []
    roles = {m.person_id: L.label(L.PANEL_ROLE, m.role) for m in case.panel.seated()}
    context.update({
        "petitioner_name": first.name if first else "",
        "participants_present": [participant_entry(case, p) for p in case.participants
                                 if p.no in present and str(p.role) != "observer"],
        "procedure": _procedure(case),
        "recusals": recusal_entries(case),
        "evidence": evidence,
        "evidence_admitted": [e for e in evidence if e["admitted"]],
        "evidence_not_admitted": [e for e in evidence if e["found"] and not e["admitted"]],
        "issues": [issue_entry(r) for r in conclusion.results],
        # The panel's texts as sentences: the report prints them as paragraphs.
        "grounds": sentence(case.grounds),
        "facts_found": sentence(conclusion.facts_found),
        "basis": sentence(conclusion.basis),
        "recommendation": sentence(conclusion.recommendation),
        "concluded_at": conclusion.reached_at,
        "on_spot": conclusion.on_spot,
        "announced_at": conclusion.announced_at,
        "voters": [{"name": v.name, "role": roles.get(v.person_id, "听证员")} for v in voters],
        "report_due": report_due,
        "report_services": service_entries(case, DocumentKind.HEARING_REPORT),
        "report_served_on": case.report_served_on,
    })
    return context
