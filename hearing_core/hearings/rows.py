"""Rows <-> domain objects of a hearing case (行与领域对象的映射), for the repository only.

:func:`case_values` and :func:`child_rows` turn a :class:`StoredHearing` into column values;
:func:`build` does the reverse. Child rows are keyed by case-local numbers (:data:`KEYS`), so
the repository can diff what it loaded against what it saves and touch only changed rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hearing_core.hearings import tables as t
from hearing_core.hearings.domain import (
    Announcement,
    Application,
    Assessment,
    Conclusion,
    ConsentAnswer,
    CrossExamination,
    Decision,
    Deliberation,
    DisputedIssue,
    Dissent,
    EvidenceItem,
    Finding,
    HearingCase,
    Interruption,
    IssueResult,
    Panel,
    PanelMember,
    Participant,
    PhaseVisit,
    RecordEntry,
    RecusalRequest,
    Schedule,
    ServiceRecord,
    Session,
    Signature,
    Slot,
    Termination,
    Vote,
    Voter,
    Withdrawal,
)
from hearing_core.hearings.stored import Contact, StoredHearing, local

__all__ = ["CHILD_TABLES", "KEYS", "build", "case_values", "child_rows", "row_key"]

Row = Mapping[str, Any]
Rows = dict[tuple[Any, ...], tuple[Any, dict[str, Any]]]

#: Child tables by name, and the columns that identify a row within its case.
CHILD_TABLES: dict[str, Any] = {
    "participant": t.HearingParticipant, "panel": t.HearingPanelMember, "recusal": t.HearingRecusal,
    "evidence": t.HearingEvidence, "attachment": t.HearingAttachment, "opinion": t.HearingCrossExamination,
    "service": t.HearingService, "session": t.HearingSession, "visit": t.HearingPhaseVisit,
    "entry": t.HearingRecordEntry, "interruption": t.HearingInterruption, "issue": t.HearingIssue,
    "vote": t.HearingVote, "conclusion": t.HearingConclusionRow, "result": t.HearingIssueResult,
    "dissent": t.HearingDissent, "signature": t.HearingSignature,
}
KEYS: dict[str, tuple[str, ...]] = {
    "participant": ("no",), "panel": ("seat", "person_id"), "recusal": ("no",), "evidence": ("no",),
    "attachment": ("evidence_no", "position"), "opinion": ("evidence_no", "side"), "service": ("seq",),
    "session": ("no",), "visit": ("session_no", "seq"), "entry": ("session_no", "seq"), "interruption": ("seq",),
    "issue": ("no",), "vote": ("issue_no", "voter_person_id"), "conclusion": (), "result": ("issue_no",),
    "dissent": ("issue_no", "voter_person_id"), "signature": ("signatory_key",),
}


def row_key(table: str, row: Row) -> tuple[Any, ...]:
    return tuple(row[c] for c in KEYS[table])


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


# -- domain -> rows ---------------------------------------------------------------------------
def case_values(stored: StoredHearing) -> dict[str, Any]:
    """Columns of the case row (without id, version and creation fields)."""
    c = stored.case
    a, d, s = c.application, c.decision, c.schedule
    return {
        "matter_ref": stored.matter_ref, "matter_id": c.matter_id or None, "stage": str(c.stage),
        "origin": str(c.origin), "grounds": c.grounds, "state": str(c.state), "phase": _s(stored.phase),
        "applied_on": a and a.applied_on, "told_of_right_on": a and a.told_of_right_on,
        "application_late": bool(a and a.late), "initiated_on": c.initiated_on,
        "consent_reply": c.consent and str(c.consent.reply), "consent_on": c.consent and c.consent.on,
        "consent_deemed": bool(c.consent and c.consent.deemed),
        "decision_accepted": d.accepted if d else None, "decided_on": d and d.decided_on,
        "decided_by": d.decided_by if d else "", "decision_effective_on": d and d.effective_on,
        "decision_reasons": d.reasons if d else "", "decision_deemed": bool(d and d.deemed),
        "withdrawn_on": c.withdrawal and c.withdrawal.on, "withdrawal_reason": c.withdrawal.reason if c.withdrawal else "",
        "schedule_no": s and s.no, "schedule_start": s and s.slot.start, "schedule_end": s and s.slot.end,
        "venue": s and s.slot.venue, "video_link": s and s.slot.video_link, "public": s.public if s else None,
        "closed_reason": s and _s(s.closed_reason), "schedule_set_on": s and s.set_on,
        "announced_on": c.announcement and c.announcement.published_on,
        "announcement_channel": c.announcement.channel if c.announcement else "",
        "announcement_reference": c.announcement.reference if c.announcement else "",
        "termination_reason": c.termination and str(c.termination.reason),
        "terminated_on": c.termination and c.termination.on,
        "termination_session_no": c.termination and c.termination.session_no,
        "deliberation_opened_at": c.deliberation and c.deliberation.opened_at,
        "deliberation_closed_at": c.deliberation and c.deliberation.closed_at,
        "deliberation_voters": [{"person_id": v.person_id, "name": v.name} for v in c.deliberation.voters]
        if c.deliberation else [],
        "report_served_on": c.report_served_on,
    }


def _assessment(prefix: str, a: Assessment) -> dict[str, Any]:
    return {prefix: str(a.stance), f"{prefix}_comment": a.comment}


def child_rows(stored: StoredHearing) -> dict[str, Rows]:
    """Every child row of the case: ``{table: {key: (domain object or None, values)}}``."""
    c = stored.case
    out: dict[str, Rows] = {name: {} for name in CHILD_TABLES}

    def put(table: str, obj: Any, **values: Any) -> None:
        out[table][row_key(table, values)] = (obj, values)

    for p in c.participants:
        contact = stored.contacts.get(p.no) or Contact()
        put("participant", p, no=p.no, name=p.name, role=str(p.role), person_id=p.person_id,
            principal_no=p.principal_no, power_of_attorney=p.power_of_attorney, unit=p.unit,
            phone=contact.phone, id_number=contact.id_number)
    for m in c.panel.members:
        put("panel", m, seat=m.seat, person_id=m.person_id, name=m.name, role=str(m.role),
            affiliation=_s(m.affiliation), pool_entry_id=m.pool_entry_id, recused=m.recused)
    for r in c.panel.recusals:
        put("recusal", r, no=r.no, seat=r.seat, member_person_id=r.member_person_id, requested_by=r.requested_by,
            grounds=r.grounds, requested_at=r.requested_at, status=str(r.status), decided_by=r.decided_by,
            capacity=_s(r.capacity), decided_at=r.decided_at, decision_reason=r.decision_reason)
    for e in c.evidence:
        f = e.finding
        put("evidence", e, no=e.no, submitted_by_no=e.submitted_by_no, side=e.side, kind=str(e.kind), title=e.title,
            submitted_at=e.submitted_at, description=e.description, finding_admitted=f.admitted if f else None,
            finding_reason=f.reason if f else "", finding_at=f.at if f else None)
        for i, digest in enumerate(e.attachments, start=1):
            put("attachment", None, evidence_no=e.no, position=i, sha256=digest)
        for o in e.opinions:
            put("opinion", o, evidence_no=e.no, side=o.side, by_no=o.by_no, recorded_at=o.recorded_at,
                **_assessment("authenticity", o.authenticity), **_assessment("relevance", o.relevance),
                **_assessment("legality", o.legality))
    for sr in c.services:
        put("service", sr, seq=sr.seq, document=str(sr.document), recipient_no=sr.recipient_no,
            method=str(sr.method), served_on=sr.served_on, proof_ref=sr.proof_ref, subject_no=sr.subject_no)
    for se in c.sessions:
        put("session", se, no=se.no, opened_at=se.opened_at, phase=str(se.phase), ended_at=se.ended_at,
            attendance={str(k): v for k, v in sorted(se.attendance.items())})
        for i, v in enumerate(se.visits, start=1):
            put("visit", None, session_no=se.no, seq=i, phase=str(v.phase), entered_at=v.entered_at,
                skipped_reason=v.skipped_reason)
        for en in se.entries:
            put("entry", en, session_no=se.no, seq=en.seq, phase=str(en.phase), at=en.at,
                speaker_name=en.speaker_name, speaker_role=en.speaker_role, text=en.text)
    for i, it in enumerate(c.interruptions, start=1):
        slot = it.resumption
        put("interruption", it, seq=i, kind=it.kind, reason=it.reason, detail=it.detail, at=it.at,
            session_no=it.session_no, resumption_start=slot and slot.start, resumption_end=slot and slot.end,
            resumption_venue=slot and slot.venue, resumption_video_link=slot and slot.video_link,
            resumption_no=it.resumption_no, resumed_at=it.resumed_at)
    for issue in c.issues:
        put("issue", issue, no=issue.no, title=issue.title)
    for vote in c.deliberation.votes if c.deliberation else []:
        put("vote", vote, issue_no=vote.issue_no, voter_person_id=vote.voter_person_id, value=str(vote.value),
            opinion=vote.opinion, cast_at=vote.cast_at)
    if (k := c.conclusion) is not None:
        put("conclusion", k, facts_found=k.facts_found, basis=k.basis, recommendation=k.recommendation,
            reached_at=k.reached_at, on_spot=k.on_spot, announced_at=k.announced_at)
        for res in k.results:
            put("result", None, issue_no=res.issue_no, title=res.title, result=str(res.result), tally=dict(res.tally),
                strict_majority=res.strict_majority, majority_opinions=list(res.majority_opinions))
            for dis in res.dissents:
                put("dissent", None, issue_no=res.issue_no, voter_person_id=dis.voter_person_id,
                    voter_name=dis.voter_name, value=str(dis.value), opinion=dis.opinion)
    for sig in c.signatures:
        put("signature", sig, signatory_key=sig.signatory_key, name=sig.name, role=sig.role, signed=sig.signed,
            note=sig.note, at=sig.at)
    return out


# -- rows -> domain ---------------------------------------------------------------------------
def _slot(start: Any, end: Any, venue: Any, link: Any) -> Slot | None:
    return Slot(local(start), local(end), venue, link) if start is not None else None  # type: ignore[arg-type]


def _by(rows: list[Row], *cols: str) -> dict[Any, list[Row]]:
    grouped: dict[Any, list[Row]] = {}
    for r in rows:
        grouped.setdefault(tuple(r[c] for c in cols) if len(cols) > 1 else r[cols[0]], []).append(r)
    return grouped


def build(row: Row, children: Mapping[str, list[Row]]) -> tuple[HearingCase, dict[int, Contact]]:
    """The domain case (ids filled in) and the participants' contacts, from its rows."""
    # Rows were inserted in the domain's list order, so id order is that order.
    ch = {name: sorted(children.get(name, []), key=lambda r: r["id"]) for name in CHILD_TABLES}
    contacts = {r["no"]: Contact(r["phone"], r["id_number"]) for r in ch["participant"] if r["phone"] or r["id_number"]}
    participants = [Participant(r["no"], r["name"], r["role"], r["person_id"], r["principal_no"],
                                r["power_of_attorney"], r["unit"], id=r["id"]) for r in ch["participant"]]
    panel = Panel(
        members=[PanelMember(r["seat"], r["person_id"], r["name"], r["role"], r["affiliation"],
                             r["pool_entry_id"], r["recused"], id=r["id"]) for r in ch["panel"]],
        recusals=[RecusalRequest(r["no"], r["seat"], r["member_person_id"], r["requested_by"], r["grounds"],
                                 local(r["requested_at"]), r["status"], r["decided_by"], r["capacity"],  # type: ignore[arg-type]
                                 local(r["decided_at"]), r["decision_reason"], id=r["id"]) for r in ch["recusal"]],
    )
    files, opinions = _by(ch["attachment"], "evidence_no"), _by(ch["opinion"], "evidence_no")
    evidence = [
        EvidenceItem(
            r["no"], r["submitted_by_no"], r["side"], r["kind"], r["title"], local(r["submitted_at"]),  # type: ignore[arg-type]
            r["description"], tuple(a["sha256"] for a in files.get(r["no"], [])),
            [CrossExamination(o["side"], o["by_no"], Assessment(o["authenticity"], o["authenticity_comment"]),
                              Assessment(o["relevance"], o["relevance_comment"]),
                              Assessment(o["legality"], o["legality_comment"]), local(o["recorded_at"]),  # type: ignore[arg-type]
                              id=o["id"]) for o in opinions.get(r["no"], [])],
            Finding(r["finding_admitted"], r["finding_reason"], local(r["finding_at"]))  # type: ignore[arg-type]
            if r["finding_admitted"] is not None else None,
            id=r["id"],
        )
        for r in ch["evidence"]
    ]
    services = [ServiceRecord(r["seq"], r["document"], r["recipient_no"], r["method"], r["served_on"],
                              r["proof_ref"], r["subject_no"], id=r["id"]) for r in ch["service"]]
    visits, entries = _by(ch["visit"], "session_no"), _by(ch["entry"], "session_no")
    sessions = [
        Session(r["no"], local(r["opened_at"]), r["phase"],  # type: ignore[arg-type]
                [PhaseVisit(v["phase"], local(v["entered_at"]), v["skipped_reason"])  # type: ignore[arg-type]
                 for v in visits.get(r["no"], [])],
                {int(k): bool(v) for k, v in _json(r["attendance"]).items()},
                [RecordEntry(e["seq"], e["phase"], local(e["at"]), e["speaker_name"], e["speaker_role"], e["text"],  # type: ignore[arg-type]
                             id=e["id"]) for e in entries.get(r["no"], [])],
                local(r["ended_at"]), id=r["id"])
        for r in ch["session"]
    ]
    interruptions = [
        Interruption(r["kind"], r["reason"], r["detail"], local(r["at"]), r["session_no"],  # type: ignore[arg-type]
                     _slot(r["resumption_start"], r["resumption_end"], r["resumption_venue"], r["resumption_video_link"]),
                     r["resumption_no"], local(r["resumed_at"]), id=r["id"])
        for r in ch["interruption"]
    ]
    issues = [DisputedIssue(r["no"], r["title"], id=r["id"]) for r in ch["issue"]]
    deliberation = None
    if row["deliberation_opened_at"] is not None:
        deliberation = Deliberation(
            [Voter(v["person_id"], v["name"]) for v in _json(row["deliberation_voters"])],
            local(row["deliberation_opened_at"]),  # type: ignore[arg-type]
            [Vote(r["issue_no"], r["voter_person_id"], r["value"], r["opinion"], local(r["cast_at"]), id=r["id"])  # type: ignore[arg-type]
             for r in ch["vote"]],
            local(row["deliberation_closed_at"]),
        )
    return HearingCase(
        matter_id=row["matter_id"] or 0, stage=row["stage"], origin=row["origin"], grounds=row["grounds"],
        id=row["id"], state=row["state"],
        application=Application(row["applied_on"], row["told_of_right_on"], row["application_late"])
        if row["applied_on"] is not None else None,
        initiated_on=row["initiated_on"],
        consent=ConsentAnswer(row["consent_reply"], row["consent_on"], row["consent_deemed"])
        if row["consent_reply"] else None,
        decision=Decision(row["decision_accepted"], row["decided_on"], row["decided_by"],
                          row["decision_effective_on"], row["decision_reasons"], row["decision_deemed"])
        if row["decision_accepted"] is not None else None,
        withdrawal=Withdrawal(row["withdrawn_on"], row["withdrawal_reason"]) if row["withdrawn_on"] else None,
        schedule=Schedule(row["schedule_no"], _slot(row["schedule_start"], row["schedule_end"], row["venue"],  # type: ignore[arg-type]
                                                    row["video_link"]),
                          row["public"], row["closed_reason"], row["schedule_set_on"])
        if row["schedule_no"] else None,
        announcement=Announcement(row["announced_on"], row["announcement_channel"], row["announcement_reference"])
        if row["announced_on"] else None,
        termination=Termination(row["termination_reason"], row["terminated_on"], row["termination_session_no"])  # type: ignore[arg-type]
        if row["termination_reason"] else None,
        participants=participants, panel=panel, evidence=evidence, services=services, sessions=sessions,
        interruptions=interruptions, issues=issues, deliberation=deliberation,
        conclusion=_conclusion(ch), signatures=[
            Signature(r["signatory_key"], r["name"], r["role"], r["signed"], r["note"], local(r["at"]), id=r["id"])  # type: ignore[arg-type]
            for r in ch["signature"]],
        report_served_on=row["report_served_on"],
    ), contacts


def _conclusion(ch: Mapping[str, list[Row]]) -> Conclusion | None:
    if not ch["conclusion"]:
        return None
    k = ch["conclusion"][0]
    dissents = _by(ch["dissent"], "issue_no")
    results = [
        IssueResult(r["issue_no"], r["title"], r["result"], dict(_json(r["tally"])), r["strict_majority"],
                    tuple(_json(r["majority_opinions"])),
                    tuple(Dissent(d["voter_person_id"], d["voter_name"], d["value"], d["opinion"])
                          for d in dissents.get(r["issue_no"], [])))
        for r in ch["result"]
    ]
    return Conclusion(results, k["facts_found"], k["basis"], k["recommendation"], local(k["reached_at"]),  # type: ignore[arg-type]
                      k["on_spot"], local(k["announced_at"]), id=k["id"])


def _json(value: Any) -> Any:
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value
