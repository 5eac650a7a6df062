"""Context of the hearing record (听证笔录).

The record prints, for every sitting, who was present and each phase in order with the
clerk's timestamped entries; interruptions (中止, 延期, 终止) appear where they happened.
Then the evidence with each side's cross-examination opinions and the panel's finding, and
the signature block: each signatory's signature or the clerk's note of a refusal.

Deliberation is secret: the record shows only that the panel withdrew to deliberate, never a
vote (the conclusion is announced at the resumption and set out in the report).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.documents.filters import cn_number
from hearing_core.hearings.documents import labels as L
from hearing_core.hearings.documents.common import (
    OFFICIAL_ROLES,
    base_context,
    local_date,
    panel_context,
    participant_entry,
    petitioner,
    recusal_entries,
    slot_context,
)
from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.domain import (
    Assessment,
    CrossExamination,
    HearingCase,
    Interruption,
    Phase,
    Session,
)

__all__ = ["evidence_entries", "record_context", "side_label"]


def side_label(case: HearingCase, side: str) -> tuple[str, str, bool]:
    """A side in Chinese, as (label, name, private): 信访人方, 承办单位, or 第三人 and their name
    (which the template masks like any private person's)."""
    if side == "petitioner":
        return "信访人方", "", False
    if side == "handling_unit":
        return "承办单位", "", False
    if side.startswith("third_party:"):
        third = case.participant(int(side.split(":", 1)[1]))
        return "第三人", third.name, True
    return side, "", False


def _side(case: HearingCase, side: str) -> dict[str, Any]:
    label, name, private = side_label(case, side)
    return {"side": label, "side_name": name, "side_private": private}


def _assessment(a: Assessment) -> dict[str, Any]:
    disputed = str(a.stance) == "dispute"
    return {"disputed": disputed, "text": f"有异议：{a.comment}" if disputed else "无异议"}


def _summary(o: CrossExamination) -> str:
    """``无异议``, or the disputed aspects with their reasons."""
    aspects = (("真实性", o.authenticity), ("关联性", o.relevance), ("合法性", o.legality))
    disputed = [f"{name}有异议（{a.comment}）" for name, a in aspects if str(a.stance) == "dispute"]
    return "；".join(disputed) if disputed else "无异议"


def evidence_entries(case: HearingCase) -> list[dict[str, Any]]:
    """Every item with who submitted it, each side's opinion and the panel's finding (认证)."""
    items = []
    for e in case.evidence:
        by = case.participant(e.submitted_by_no)
        opinions = []
        for o in e.opinions:
            speaker = case.participant(o.by_no)
            opinions.append({
                **_side(case, o.side),
                "by": speaker.name,
                "by_private": str(speaker.role) not in OFFICIAL_ROLES,
                "by_role": L.label(L.PARTICIPANT_ROLE, speaker.role),
                "authenticity": _assessment(o.authenticity),
                "relevance": _assessment(o.relevance),
                "legality": _assessment(o.legality),
                "disputed": o.disputed,
                "summary": _summary(o),
            })
        items.append({
            "no": e.no,
            "title": e.title,
            "kind": L.label(L.EVIDENCE_KIND, e.kind),
            "description": e.description,
            **_side(case, e.side),
            "submitted_by": by.name,
            "submitted_by_private": str(by.role) not in OFFICIAL_ROLES,
            "submitted_at": e.submitted_at,
            "attachments": len(e.attachments),
            "opinions": opinions,
            "found": e.finding is not None,
            "admitted": bool(e.finding and e.finding.admitted),
            "finding_reason": e.finding.reason if e.finding else "",
        })
    return items


def _opinion_text(o: dict[str, Any]) -> str:
    return "；".join(f"{k}{o[key]['text']}" for k, key in (("真实性", "authenticity"), ("关联性", "relevance"),
                                                          ("合法性", "legality")))


def _evidence_items(case: HearingCase, session: Session, evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence presented and opinions given during ``session``, as the clerk records them."""
    end = session.ended_at or dt.datetime.max.replace(tzinfo=session.opened_at.tzinfo)
    found: list[dict[str, Any]] = []
    for item, e in zip(evidence, case.evidence, strict=True):
        if session.opened_at <= e.submitted_at <= end:
            found.append({"kind": "entry", "at": e.submitted_at, "speaker": item["submitted_by"],
                          "role": L.label(L.PARTICIPANT_ROLE, case.participant(e.submitted_by_no).role),
                          "private": item["submitted_by_private"],
                          "text": f"出示证据{cn_number(e.no)}：{e.title}（{item['kind']}）。"})
        for o, shown in zip(e.opinions, item["opinions"], strict=True):
            if session.opened_at <= o.recorded_at <= end:
                found.append({"kind": "entry", "at": o.recorded_at, "speaker": shown["by"], "role": shown["by_role"],
                              "private": shown["by_private"],
                              "text": f"对证据{cn_number(e.no)}（{e.title}）的质证意见：{_opinion_text(shown)}。"})
    return found


def _phase_at(session: Session, at: dt.datetime) -> str:
    entered = [v for v in session.visits if v.entered_at <= at]
    return str((entered[-1] if entered else session.visits[0]).phase)


def _interruption_items(case: HearingCase, session: Session) -> list[tuple[dt.datetime, str, dict[str, Any]]]:
    """(time, phase it happened in, item) for the suspensions, resumptions and ends of ``session``."""
    def phase_at(at: dt.datetime) -> str:
        return _phase_at(session, at)

    found: list[tuple[dt.datetime, str, dict[str, Any]]] = []
    for i in case.interruptions:
        if i.session_no != session.no:
            continue
        found.append((i.at, phase_at(i.at), _interruption_item(i)))
        if i.resumed_at is not None:
            found.append((i.resumed_at, phase_at(i.at), {
                "kind": "event", "at": i.resumed_at, "full_date": True, "text": "恢复听证。"}))
    if case.termination is not None and case.termination.session_no == session.no and session.ended_at:
        found.append((session.ended_at, str(session.visits[-1].phase), {
            "kind": "event", "at": session.ended_at, "full_date": False,
            "text": f"听证主持人宣布终止听证：{L.label(L.TERMINATION_REASON, case.termination.reason)}。"}))
    return found


def _interruption_item(i: Interruption) -> dict[str, Any]:
    if i.kind == "suspension":
        text = f"听证主持人宣布中止听证，理由：{L.label(L.SUSPEND_REASON, i.reason)}（{i.detail}）。"
        if i.resumption is not None:
            text += "恢复听证时间另行通知。" if i.resumed_at is None else ""
    else:
        text = f"听证主持人宣布延期听证，理由：{L.label(L.POSTPONE_REASON, i.reason)}（{i.detail}）。"
    return {"kind": "event", "at": i.at, "full_date": False, "text": text}


def _session_entry(case: HearingCase, session: Session, evidence: list[dict[str, Any]]) -> dict[str, Any]:
    events = _interruption_items(case, session)
    events += [(i["at"], _phase_at(session, i["at"]), i) for i in _evidence_items(case, session, evidence)]
    phases = []
    for number, visit in enumerate(session.visits, start=1):
        items: list[dict[str, Any]] = [
            {"kind": "entry", "at": e.at, "speaker": e.speaker_name, "role": L.role_label(e.speaker_role),
             "private": e.speaker_role not in OFFICIAL_ROLES, "text": e.text}
            for e in session.entries if e.phase is visit.phase
        ]
        items += [item for _, phase, item in events if phase == str(visit.phase)]
        items.sort(key=lambda item: item["at"])
        phases.append({
            "no": number,
            "phase": str(visit.phase),
            "heading": L.label(L.PHASE, visit.phase),
            "entered_at": visit.entered_at,
            "skipped_reason": visit.skipped_reason or "",
            "deliberation": visit.phase is Phase.DELIBERATION,
            "items": items,
        })
    present = session.present_nos()
    ended = {Phase.CLOSED: "闭会", Phase.ABANDONED: "本次听证未进行完毕"}.get(session.phase, "")
    return {
        "no": session.no,
        "opened_at": session.opened_at,
        "ended_at": session.ended_at,
        "day": local_date(session.opened_at),
        # A suspended sitting resumes another day: the end then prints with its date.
        "same_day": session.ended_at is None or local_date(session.ended_at) == local_date(session.opened_at),
        "ended": ended,
        "present": [participant_entry(case, p) for p in case.participants if p.no in present],
        "absent": [participant_entry(case, p) for p in case.participants
                   if p.no in session.attendance and p.no not in present],
        "phases": phases,
    }


def record_context(
    case: HearingCase, organ: Organ, matter: MatterInfo, *, issue_date: dt.date | None = None
) -> dict[str, Any]:
    """The record of every sitting so far (a record in progress prints what exists)."""
    last = case.sessions[-1] if case.sessions else None
    default_day = local_date(last.ended_at or last.opened_at) if last else (case.schedule.set_on if case.schedule
                                                                             else dt.date.today())
    context = base_context(case, organ, matter, kind=None, issue_date=issue_date or default_day)
    if case.schedule is not None:
        context.update(slot_context(case.schedule.slot))
        context["public"] = case.schedule.public
        context["closed_reason"] = L.label(L.CLOSED_REASON, case.schedule.closed_reason)
    else:
        context.update({"hearing_at": None, "hearing_end": None, "venue": "", "video_link": "", "public": True,
                        "closed_reason": ""})
    context.update(panel_context(case))
    first = petitioner(case)
    signed = {s.signatory_key: s for s in case.signatures}
    evidence = evidence_entries(case)
    context.update({
        "petitioner_name": first.name if first else "",
        "participants": [participant_entry(case, p) for p in case.participants],
        "sessions": [_session_entry(case, s, evidence) for s in case.sessions],
        "recusals": recusal_entries(case),
        "evidence": evidence,
        "interruptions": [
            {"kind": "中止" if i.kind == "suspension" else "延期",
             "reason": L.label(L.SUSPEND_REASON if i.kind == "suspension" else L.POSTPONE_REASON, i.reason),
             "detail": i.detail, "at": i.at, "session_no": i.session_no,
             "resumption_at": i.resumption.start if i.resumption else None, "resumed_at": i.resumed_at}
            for i in case.interruptions
        ],
        "termination": ({"reason": L.label(L.TERMINATION_REASON, case.termination.reason),
                         "on": case.termination.on} if case.termination else None),
        "signatures": [
            {"key": s.key, "name": s.name, "role": L.role_label(s.role),
             "private": s.role not in OFFICIAL_ROLES,
             "signed": s.key in signed and signed[s.key].signed,
             "refused": s.key in signed and not signed[s.key].signed,
             "note": signed[s.key].note if s.key in signed else "",
             "at": signed[s.key].at if s.key in signed else None}
            for s in case.signatories()
        ],
        "record_final": case.record_final,
    })
    return context
