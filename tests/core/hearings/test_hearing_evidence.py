"""Evidence: submission, cross-examination by the other parties, the panel's finding."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from hearing_story import PETITIONER, UNIT_OFFICER, Story

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.hearings.domain import (
    Assessment,
    EvidenceKind,
    ParticipantRole,
    Phase,
    Stance,
)

OK = Assessment(Stance.ACCEPT)
DIGEST = hashlib.sha256("征收补偿协议.pdf".encode()).hexdigest()


def _submit(story: Story, by: int, title: str = "征收补偿协议", **kw: object) -> None:
    story.keep(story.case.submit_evidence(submitted_by_no=by, kind=EvidenceKind.DOCUMENT, title=title,
                                          at=story.now(), **kw))  # type: ignore[arg-type]


def _examine(story: Story, item: int, by: int, authenticity: Assessment = OK) -> None:
    story.keep(story.case.cross_examine(item, by_no=by, authenticity=authenticity, relevance=OK, legality=OK,
                                        at=story.now()))


def test_attachments_are_sha256_digests(story: Story) -> None:
    story.apply()
    _submit(story, PETITIONER, attachments=[DIGEST.upper()])
    assert story.case.evidence[0].attachments == (DIGEST,)
    with pytest.raises(ValidationFailed) as err:
        _submit(story, PETITIONER, attachments=["abc", DIGEST, DIGEST])
    assert [e.field for e in err.value.errors] == ["attachments.0", "attachments"]


def test_evidence_comes_from_a_party(story: Story) -> None:
    story.apply()
    story.case.add_participant(name="证人王", role=ParticipantRole.WITNESS, rules=story.rules)
    with pytest.raises(ValidationFailed, match="submitted by a party"):
        _submit(story, 2)
    with pytest.raises(ValidationFailed, match="title"):
        _submit(story, PETITIONER, title=" ")


def test_at_the_session_each_side_presents_in_its_own_phase(story: Story) -> None:
    story.ready().open().to(Phase.OPENING)
    with pytest.raises(InvalidTransition) as err:
        _submit(story, PETITIONER)
    assert err.value.state == "opening"
    story.to(Phase.PETITIONER_STATEMENT)
    with pytest.raises(ValidationFailed, match="handling_unit presents its evidence in handling_unit_statement"):
        _submit(story, UNIT_OFFICER, title="勘验笔录")
    _submit(story, PETITIONER)
    story.to(Phase.HANDLING_UNIT_STATEMENT)
    _submit(story, UNIT_OFFICER, title="勘验笔录")
    assert [(e.no, e.side) for e in story.case.evidence] == [(1, "petitioner"), (2, "handling_unit")]


def test_a_party_absent_from_the_session_cannot_present(story: Story) -> None:
    story.ready().open()
    story.case.record_attendance(UNIT_OFFICER, False)
    story.to(Phase.HANDLING_UNIT_STATEMENT)
    with pytest.raises(ValidationFailed, match="not present"):
        _submit(story, UNIT_OFFICER)


def test_cross_examination_belongs_to_its_phase_and_to_the_other_parties(story: Story) -> None:
    story.ready().open().to(Phase.PETITIONER_STATEMENT)
    _submit(story, PETITIONER)
    with pytest.raises(InvalidTransition) as err:
        _examine(story, 1, UNIT_OFFICER)
    assert err.value.state == "petitioner_statement" and err.value.action == "cross_examine"
    story.to(Phase.CROSS_EXAMINATION)
    with pytest.raises(RuleViolation) as rv:
        _examine(story, 1, PETITIONER)
    assert rv.value.rule == "hearing.cross_examination"
    _examine(story, 1, UNIT_OFFICER, Assessment(Stance.DISPUTE, "签名非本人所签"))
    with pytest.raises(ValidationFailed, match="already gave its opinion"):
        _examine(story, 1, UNIT_OFFICER)
    opinion = story.case.evidence[0].opinions[0]
    assert (opinion.side, opinion.disputed, opinion.authenticity.comment) == ("handling_unit", True, "签名非本人所签")


def test_a_dispute_says_why() -> None:
    with pytest.raises(ValidationFailed, match="says why"):
        Assessment(Stance.DISPUTE, " ")
    assert Assessment(Stance.DISPUTE, "来源不明").comment == "来源不明"


def _with_item_at_deliberation(story: Story, examined: bool) -> Story:
    story.ready()
    story.case.add_participant(name="李四", role=ParticipantRole.THIRD_PARTY, rules=story.rules)
    story.notify().open().to(Phase.PETITIONER_STATEMENT)  # notify() serves the third party too
    _submit(story, PETITIONER)
    story.to(Phase.CROSS_EXAMINATION)
    _examine(story, 1, UNIT_OFFICER)
    if examined:
        _examine(story, 1, 3)
    return story.to(Phase.DELIBERATION)


def test_the_finding_waits_for_every_present_party(story: Story) -> None:
    _with_item_at_deliberation(story, examined=False)
    with pytest.raises(RuleViolation) as err:
        story.case.find_evidence(1, admitted=True, reason="", at=story.now())
    assert err.value.rule == "hearing.cross_examination"
    assert err.value.extra["missing_sides"] == ["third_party:3"]


def test_an_absent_party_is_not_waited_for(story: Story) -> None:
    story.ready()
    story.case.add_participant(name="李四", role=ParticipantRole.THIRD_PARTY, rules=story.rules)
    story.notify().open()
    story.case.record_attendance(3, False)
    story.to(Phase.PETITIONER_STATEMENT)
    _submit(story, PETITIONER)
    story.to(Phase.CROSS_EXAMINATION)
    _examine(story, 1, UNIT_OFFICER)
    story.to(Phase.DELIBERATION)
    story.case.find_evidence(1, admitted=True, reason="", at=story.now())
    finding = story.case.evidence[0].finding
    assert finding is not None and finding.admitted


def test_rejected_evidence_needs_a_reason_and_findings_belong_to_deliberation(story: Story) -> None:
    _with_item_at_deliberation(story, examined=True)
    with pytest.raises(RuleViolation) as err:
        story.case.find_evidence(1, admitted=False, reason=" ", at=story.now())
    assert err.value.rule == "hearing.evidence_finding"
    story.case.find_evidence(1, admitted=False, reason="复印件无原件核对", at=story.now())
    finding = story.case.evidence[0].finding
    assert finding is not None and (finding.admitted, finding.reason) == (False, "复印件无原件核对")
    early = Story(story.profile).ready().open()
    with pytest.raises(InvalidTransition) as inv:
        early.case.find_evidence(1, admitted=True, reason="", at=datetime(2024, 6, 24, 10))
    assert inv.value.state == "attendance_check"
