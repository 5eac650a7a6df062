"""The repository stores a whole hearing case and gives the same case back."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

import pytest
from hearing_support import CST, HEARING_DAY, Story

from hearing_core.errors import Conflict
from hearing_core.hearings import repository as repo
from hearing_core.hearings import service as hs
from hearing_core.hearings.domain import CaseState, Phase, SuspendReason
from hearing_core.hearings.tables import HearingEvent, HearingVote


async def _deliberating(story: Story) -> Any:
    """A case in deliberation with evidence, opinions, an issue, a suspension and votes on file."""
    await story.ready()
    await story.open()
    cid = story.case_id
    await story.to("petitioner_statement")
    await hs.record_entry(story.clerk, cid, speaker="participant:1", text="补偿标准过低。")
    await hs.submit_evidence(story.clerk, cid, submitted_by_no=1, kind="document", title="产权证",
                             files=[("产权证.pdf", b"%PDF-1.4 deed", "application/pdf")])
    await hs.advance(story.presiding, cid)
    await hs.submit_evidence(story.clerk, cid, submitted_by_no=2, kind="photo", title="现场照片",
                             files=[("a.jpg", b"jpeg-1", "image/jpeg"), ("b.jpg", b"jpeg-2", "image/jpeg")])
    await hs.advance(story.presiding, cid)
    await hs.cross_examine(story.clerk, cid, evidence_no=1, by_no=2, authenticity="accept", relevance="accept",
                           legality="dispute: 复印件未经核对")
    await hs.cross_examine(story.clerk, cid, evidence_no=2, by_no=1, authenticity="accept", relevance="accept",
                           legality="accept")
    await hs.advance(story.presiding, cid)
    await hs.define_issue(story.presiding, cid, title="补偿标准是否合理")
    await hs.suspend(story.presiding, cid, reason=str(SuspendReason.NEW_WITNESS), detail="需通知证人到场")
    start = dt.datetime.combine(HEARING_DAY + dt.timedelta(days=2), dt.time(9), CST)
    await hs.set_resumption(story.presiding, cid, start=start, end=start + dt.timedelta(hours=2), venue="县信访局听证室")
    await hs.serve(story.manager, cid, document="resumption_notice", method="sms", proof_ref="短信", all_targets=True)
    story.clock.set(start.date(), 9, 0)
    await hs.resume(story.presiding, cid)
    await story.to("deliberation")
    await hs.find_evidence(story.presiding, cid, evidence_no=1, admitted=False, reason="复印件真实性无法核实")
    for officer in (story.presiding, *story.officers):
        await hs.cast_vote(officer, cid, issue_no=1, value="partly_reasonable", opinion="部分合理")
    return await hs.cast_vote(story.officers[0], cid, issue_no=1, value="reasonable", opinion="改变意见：合理")


async def test_a_case_in_deliberation_loads_exactly_as_it_was_saved(story: Story) -> None:
    stored = await _deliberating(story)
    loaded = await repo.load(story.case_id)
    assert asdict(loaded.case) == asdict(stored.case)
    assert loaded.version == stored.version and loaded.matter_ref == "2025-0001"
    assert loaded.contacts[1].phone == "13912345678"
    case = loaded.case
    assert case.state is CaseState.IN_SESSION and case.session is not None and case.session.phase is Phase.DELIBERATION
    assert [len(e.attachments) for e in case.evidence] == [1, 2]
    assert case.evidence[0].opinions[0].legality.comment == "复印件未经核对"
    assert case.evidence[0].finding is not None and not case.evidence[0].finding.admitted
    assert case.interruptions[0].resumption is not None and case.interruptions[0].resumed_at is not None
    assert all(x.id is not None for x in (*case.participants, *case.panel.members, *case.evidence, *case.services))
    # A changed vote replaces the earlier one: one row per voter and issue.
    rows = await HearingVote.select().where(HearingVote.hearing == story.case_id).run()
    assert len(rows) == len(case.deliberation.voters)  # type: ignore[union-attr]
    assert {r["value"] for r in rows if r["voter_person_id"] == story.officers[0].actor.user_id} == {"reasonable"}


async def test_a_concluded_and_served_case_round_trips_with_results_and_dissents(story: Story) -> None:
    await _deliberating(story)
    cid = story.case_id
    await hs.find_evidence(story.presiding, cid, evidence_no=2, admitted=True)
    await hs.conclude(story.presiding, cid, facts_found="事实清楚", basis="《信访工作条例》", recommendation="重新核定")
    await story.to("resumption")
    await hs.advance(story.presiding, cid)
    status = (await hs.show_hearing(story.manager, cid))["record"]
    for person in status["pending"]:
        if person["key"] == "participant:1":
            await hs.refuse_signature(story.clerk, cid, signatory_key=person["key"], note="当场拒绝签字")
        else:
            await hs.sign_record(story.clerk, cid, signatory_key=person["key"])
    await hs.serve(story.manager, cid, document="hearing_report", method="registered_post", proof_ref="挂号",
                   all_targets=True)
    stored = await hs.serve_report(story.manager, cid)
    loaded = await repo.load(cid)
    assert asdict(loaded.case) == asdict(stored.case)
    conclusion = loaded.case.conclusion
    assert conclusion is not None and conclusion.on_spot
    result = conclusion.results[0]
    assert result.tally == {"reasonable": 1, "partly_reasonable": len(story.officers), "not_reasonable": 0}
    assert [d.voter_person_id for d in result.dissents] == [story.officers[0].actor.user_id]
    assert loaded.case.state is CaseState.REPORT_SERVED
    assert any(not s.signed and s.note == "当场拒绝签字" for s in loaded.case.signatures)


async def test_saving_a_stale_copy_is_a_conflict_and_changes_nothing(story: Story) -> None:
    await story.apply()
    first, second = await repo.load(story.case_id), await repo.load(story.case_id)
    first.case.withdraw(dt.date(2025, 6, 3), "撤回")
    async with story.app.db.write():
        await repo.save(first, by="a", now=story.app.now())
    second.case.withdraw(dt.date(2025, 6, 4), "另一人撤回")
    with pytest.raises(Conflict, match="changed by someone else"):
        async with story.app.db.write():
            await repo.save(second, by="b", now=story.app.now())
    assert (await repo.load(story.case_id)).case.withdrawal.reason == "撤回"  # type: ignore[union-attr]


async def test_events_are_appended_in_order_with_the_actor(story: Story) -> None:
    await story.apply()
    await story.accept()
    rows = await HearingEvent.select().where(HearingEvent.hearing == story.case_id).order_by(HearingEvent.seq).run()
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["kind"] for r in rows] == ["case_transitioned", "hearing_applied", "case_transitioned", "hearing_accepted"]
    assert {r["actor"] for r in rows} == {story.manager.actor.username}
