"""What the repository relies on: plain fields in, the same behaviour out."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime, timedelta

import pytest
from hearing_story import NATIONAL, Story

from hearing_core.hearings.domain import (
    Assessment,
    CaseState,
    DocumentKind,
    HearingCase,
    Panel,
    PanelMember,
    PanelRole,
    Participant,
    ParticipantRole,
    Phase,
    RecusalRequest,
    RecusalStatus,
    ServiceMethod,
    ServiceRecord,
    Session,
    Slot,
    Stance,
    SuspendReason,
    Vote,
    VoteValue,
    notice_targets,
)


def test_plain_strings_from_a_database_become_the_vocabulary() -> None:
    case = HearingCase(matter_id=3, stage="review", origin="petitioner_application", state="scheduled",  # type: ignore[arg-type]
                       grounds="x")
    assert case.state is CaseState.SCHEDULED and "open_session" in case.allowed_actions()
    assert Participant(1, "张三", "agent", principal_no=2).role is ParticipantRole.AGENT  # type: ignore[arg-type]
    member = PanelMember(1, 9, "王", "hearing_officer", affiliation="lawyer")  # type: ignore[arg-type]
    assert (member.role, member.affiliation) == (PanelRole.HEARING_OFFICER, "lawyer")
    request = RecusalRequest(1, 1, 9, "张三", "亲属", datetime(2024, 6, 1), status="granted",  # type: ignore[arg-type]
                             capacity="organ_head")  # type: ignore[arg-type]
    assert request.status is RecusalStatus.GRANTED
    assert ServiceRecord(1, "hearing_notice", 1, "sms", date(2024, 6, 1), "p").document is DocumentKind.HEARING_NOTICE  # type: ignore[arg-type]
    assert Session(1, datetime(2024, 6, 24, 9), phase="debate").phase is Phase.DEBATE  # type: ignore[arg-type]
    assert Vote(1, 9, "not_reasonable", "意见", datetime(2024, 6, 24)).value is VoteValue.NOT_REASONABLE  # type: ignore[arg-type]
    assert Assessment("dispute", "伪造").stance is Stance.DISPUTE  # type: ignore[arg-type]


def test_an_unknown_stored_value_fails_loudly() -> None:
    with pytest.raises(ValueError):
        HearingCase(matter_id=3, stage="appeal", origin="petitioner_application")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Panel(members=[PanelMember(1, 9, "王", "judge")])  # type: ignore[arg-type]


def test_a_case_serialises_to_plain_data_and_ids_start_empty() -> None:
    story = Story(NATIONAL).ready().open().to(Phase.DEBATE)
    data = asdict(story.case)
    assert data["id"] is None and all(p["id"] is None for p in data["participants"])
    text = json.dumps(data, default=str, ensure_ascii=False)
    assert '"state": "in_session"' in text and '"phase": "debate"' in text
    events = [e.as_dict() for e in story.events]
    assert json.loads(json.dumps(events))[0]["kind"] == "case_transitioned"


def test_a_witness_called_after_a_suspension_is_recorded_present_and_heard() -> None:
    story = Story(NATIONAL).ready().open().to(Phase.DEBATE)
    case = story.case
    case.suspend(SuspendReason.NEW_WITNESS, "需通知证人周某到场", story.now())
    case.add_participant(name="周证人", role=ParticipantRole.WITNESS, rules=story.rules)
    witness = case.participants[-1].no
    resume_at = datetime(2024, 7, 1, 9)
    case.set_resumption(Slot(resume_at, resume_at + timedelta(hours=2), venue="室"))
    for t in notice_targets(case.participants):
        case.serve(DocumentKind.RESUMPTION_NOTICE, recipient_no=t.recipient_nos[0], method=ServiceMethod.SMS,
                   served_on=date(2024, 6, 26), proof_ref="短信")
    case.resume(resume_at)
    case.record_attendance(witness, True)
    case.record_entry(speaker_name="周证人", speaker_role="witness", text="加建于2015年完成",
                      at=resume_at + timedelta(minutes=5))
    assert case.session is not None and case.session.entries[-1].phase is Phase.DEBATE
    assert case.state is CaseState.IN_SESSION
