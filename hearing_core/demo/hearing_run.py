"""One hearing driven through the hearing services (听证流程), stopping wherever a demo case should.

:class:`HearingRun` prepares a case (application, decision, participants, panel, date,
notices, announcement) and runs its session phase by phase — attendance, statements and
evidence, cross-examination, debate with its disputed issue, questions, final statements,
deliberation with findings and secret votes, the conclusion, resumption and close — then
the signatures and the report's service. Each step is the service call the coordinator,
presiding officer, clerk or hearing officer makes, dated by the demo clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hearing_core.demo.clock import at
from hearing_core.demo.story import Story

__all__ = ["Hearing", "HearingRun"]

VENUE = "临江县人民政府信访局三楼听证室"
PHASES = ("opening", "rights_and_rules", "petitioner_statement", "handling_unit_statement", "cross_examination",
          "debate", "questioning", "final_statements", "deliberation")
LINES = {
    "attendance_check": ("panel:4", "经核对，信访人、承办单位人员均已到场。"),
    "opening": ("panel:1", "现在宣布听证开始。当事人是否申请回避？"),
    "rights_and_rules": ("panel:1", "告知当事人的权利义务和听证纪律。"),
    "petitioner_statement": ("participant:1", "本人反映的问题长期未得到解决，请求依法处理。"),
    "handling_unit_statement": ("participant:2", "承办单位已调查核实，处理依据为县政府批准的方案。"),
    "debate": ("participant:1", "承办单位认定事实有误，补偿标准偏低。"),
    "questioning": ("panel:2", "请承办单位说明补偿标准的依据。"),
    "final_statements": ("participant:1", "请求听证员依法公正评议。"),
}


@dataclass(frozen=True)
class Hearing:
    """A demo hearing: its matter and petitioner, and the days of its steps."""

    matter_ref: str
    applicant: dict[str, Any]
    unit: str
    applied_on: dt.date
    decided_on: dt.date | None
    day: dt.date | None
    grounds: str
    officers: tuple[str, str] = ("hearing_officer", "hearing_officer2")


class HearingRun:
    def __init__(self, story: Story, pool: dict[str, int], hearing: Hearing) -> None:
        self.story, self.pool, self.h = story, pool, hearing
        people = story.people
        self.manager, self.presiding, self.clerk = people["handling_officer"], people["presiding_officer"], people["clerk"]
        self.case_id = 0
        self.minute = 0

    def tick(self) -> dt.datetime:
        """The session's clock: three minutes a step from 09:30 of the hearing day."""
        assert self.h.day is not None
        self.minute += 3
        moment = at(self.h.day, 9, 30) + dt.timedelta(minutes=self.minute)
        self.story.clock.now = moment
        return moment

    async def apply(self) -> int:
        from hearing_core.hearings import service as hs

        a, h = self.h.applicant, self.h
        self.story.clock.set(h.applied_on, 10)
        stored = await hs.apply(self.manager, matter_ref=h.matter_ref, stage="handling", applicant_name=a["name"],
                                grounds=h.grounds, applied_on=h.applied_on,
                                told_of_right_on=h.applied_on - dt.timedelta(days=2),
                                phone=a.get("phone"), id_number=a.get("id_number"))
        self.case_id = stored.id
        return stored.id

    async def decide(self, accept: bool = True, reasons: str = "") -> None:
        from hearing_core.hearings import service as hs

        assert self.h.decided_on is not None
        self.story.clock.set(self.h.decided_on, 10)
        await hs.decide(self.manager, self.case_id, accept=accept, decided_by="临江县人民政府信访局局长",
                        reasons=reasons, on=self.h.decided_on)

    async def prepare(self) -> None:
        """Participants, panel, date and place, notices and announcement (as the coordinator)."""
        from hearing_core.hearings import service as hs

        h, m, cid = self.h, self.manager, self.case_id
        assert h.day is not None and h.decided_on is not None
        await hs.add_participant(m, cid, name="李承办", role="handling_unit_officer", unit=h.unit, username="handling_officer")
        await hs.assign_member(m, cid, role="presiding_officer", username="presiding_officer")
        for officer in h.officers:
            await hs.assign_member(m, cid, role="hearing_officer", pool_entry_id=self.pool[officer])
        await hs.assign_member(m, cid, role="clerk", username="clerk")
        await hs.schedule(m, cid, start=at(h.day, 9, 30), end=at(h.day, 12, 0), venue=VENUE)
        served = max(h.decided_on + dt.timedelta(days=1), h.day - dt.timedelta(days=10))
        self.story.clock.set(served, 10)
        await hs.serve(m, cid, document="hearing_notice", method="in_person", proof_ref="送达回证", all_targets=True,
                       served_on=served)
        await hs.announce(m, cid, channel="临江县人民政府网站", reference=f"临信听公〔{h.day.year}〕{cid}号",
                          published_on=served)

    async def open(self) -> None:
        from hearing_core.hearings import service as hs

        stored = await hs.open_session(self.presiding, self.case_id, at=self.tick())
        for p in stored.case.participants:
            await hs.record_attendance(self.clerk, self.case_id, participant_no=p.no, present=True)
        await self.say("attendance_check")

    async def say(self, phase: str) -> None:
        from hearing_core.hearings import service as hs

        speaker, text = LINES[phase]
        await hs.record_entry(self.clerk, self.case_id, speaker=speaker, text=text, at=self.tick())

    async def run_to(self, stop: str) -> None:
        """Advance through the phases up to (and into) ``stop``, doing what each phase needs."""
        from hearing_core.hearings import service as hs

        for phase in PHASES:
            await hs.advance(self.presiding, self.case_id, at=self.tick())
            if phase in LINES:
                await self.say(phase)
            if phase == "petitioner_statement":
                await hs.submit_evidence(self.manager, self.case_id, submitted_by_no=1, kind="document",
                                         title="房屋所有权证及补偿协议", at=self.tick())
            elif phase == "handling_unit_statement":
                await hs.submit_evidence(self.manager, self.case_id, submitted_by_no=2, kind="site_survey",
                                         title="房屋测绘报告", at=self.tick())
            elif phase == "cross_examination":
                for no, by in ((1, 2), (2, 1)):
                    await hs.cross_examine(self.clerk, self.case_id, evidence_no=no, by_no=by, authenticity="accept",
                                           relevance="accept", legality="accept" if no == 1 else "dispute:测绘时间早于加建完成",
                                           at=self.tick())
            elif phase == "debate":
                await hs.define_issue(self.presiding, self.case_id, title="加建部分是否应予补偿")
            if phase == stop:
                return

    async def deliberate(self, voters: list[str], conclude: bool) -> None:
        """Findings on both items and the votes of ``voters``; with ``conclude``, the conclusion."""
        from hearing_core.hearings import service as hs

        for no in (1, 2):
            await hs.find_evidence(self.presiding, self.case_id, evidence_no=no, admitted=no == 1,
                                   reason="" if no == 1 else "测绘早于加建完成，不能反映房屋现状", at=self.tick())
        views = {"presiding_officer": "reasonable", "hearing_officer": "reasonable", "hearing_officer2": "partly_reasonable",
                 "hearing_officer3": "not_reasonable"}
        for voter in voters:
            await hs.cast_vote(self.story.people[voter], self.case_id, issue_no=1, value=views[voter],
                               opinion="加建已长期使用，应适当补偿" if views[voter] != "not_reasonable" else "加建未经批准，不应补偿",
                               at=self.tick())
        if conclude:
            await hs.conclude(self.presiding, self.case_id, facts_found="信访人房屋加建部分于2015年完成，未经规划许可但已实际使用至今。",
                              basis="《国有土地上房屋征收与补偿条例》第二十四条", recommendation="建议对加建部分给予适当补偿。",
                              at=self.tick())

    async def close(self) -> None:
        """Resumption and close (the conclusion, if reached, is announced at resumption)."""
        from hearing_core.hearings import service as hs

        await hs.advance(self.presiding, self.case_id, at=self.tick())
        await hs.advance(self.presiding, self.case_id, at=self.tick())

    async def sign(self) -> None:
        from hearing_core.hearings import service as hs

        view = await hs.show_hearing(self.clerk, self.case_id)
        for person in view["record"]["pending"]:
            await hs.sign_record(self.clerk, self.case_id, signatory_key=person["key"], at=self.tick())
        await hs.finalise_record(self.clerk, self.case_id)

    async def serve_report(self, on: dt.date) -> None:
        from hearing_core.hearings import service as hs

        self.story.clock.set(on, 10)
        await hs.serve(self.manager, self.case_id, document="hearing_report", method="in_person",
                       proof_ref="报告送达回证", all_targets=True, served_on=on)
        await hs.serve_report(self.manager, self.case_id)
