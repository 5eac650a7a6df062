"""Hearings of the demo (信访听证): one case in each state a bureau meets.

Dates are around the demo's "today" (the second Monday of January after the year):

========================  =============================================================
state                     the case
========================  =============================================================
``report_served``         heard in October, concluded on the spot, record signed, report served
``concluded``             heard in December; record signed, report printed, not yet served
``deliberating``          heard last week; the session closed, one officer has not voted yet
``in_session``            sitting this morning, in the debate (辩论) phase
``suspended``             suspended last week for a new survey (中止), resumption set
``scheduled``             in ten days; notices served today, announced
``postponed``             postponed yesterday (延期): the petitioner is in hospital
``terminated``            the petitioner did not come (视为放弃)
``applied``               applied on Friday, waiting for the decision
``accepted``              proposed by the bureau itself (依职权), to be scheduled
``refused``               refused with written reasons
``withdrawn``             withdrawn after a settlement
========================  =============================================================
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.demo.hearing_run import VENUE, Hearing, HearingRun
from hearing_core.demo.receptions import unit_for
from hearing_core.demo.story import Story

__all__ = ["run_hearings"]

D = dt.timedelta
GROUNDS = "请求对房屋征收补偿标准及加建部分补偿问题举行听证，重新核定补偿"
EXPERTS = (("hearing_officer", "陈红梅", "lawyer", "临江律师事务所"),
           ("hearing_officer2", "刘志强", "npc_deputy", "临江县人大代表"),
           ("hearing_officer3", "赵晓燕", "expert", "江州市城市规划研究院"))


def _matters(story: Story) -> list[dict[str, Any]]:
    """First items of accepted matters of the year on house demolition, not used by other steps.

    Every demo hearing is on the compensation of a demolished house and its extension (GROUNDS,
    the issue and the survey of :mod:`hearing_core.demo.hearing_run`), so its matter is one.
    """
    assert story.plan is not None
    used = story.shared.setdefault("used_matters", set())
    firsts: dict[str, dict[str, Any]] = {}
    for row in story.plan.imported:
        ref = row.get("matter_ref")
        if row["accepted"] and ref and ref not in used and ref not in firsts:
            firsts[ref] = row
    wanted = ("房屋拆迁", "房屋征收")
    return [r for r in firsts.values() if r["received_on"].startswith(str(story.year))
            and any(w in r.get("category", "") for w in wanted)]


async def run_hearings(story: Story) -> None:
    """Every hearing in one transaction (the build is one clerk's long day; it commits once)."""
    manager = story.people["handling_officer"]
    async with manager.write():
        made = await _hearings(story)
    story.at_today()
    story.note("hearings", made)
    await _documents(story, made)


async def _hearings(story: Story) -> dict[str, int]:
    from hearing_core.hearings import service as hs

    manager = story.people["handling_officer"]
    story.at_today()
    pool = {}
    for username, name, affiliation, organisation in EXPERTS:
        entry = await hs.add_expert(manager, name=name, affiliation=affiliation, organisation=organisation,
                                    username=username)
        pool[username] = entry["id"]
    y, t = story.year, story.today
    candidates = _matters(story)
    made: dict[str, int] = {}

    def hearing(applied: dt.date, decided: dt.date | None, day: dt.date | None, **kw: Any) -> Hearing:
        row = next(r for r in candidates if dt.date.fromisoformat(r["received_on"]) <= applied - D(days=20))
        candidates.remove(row)
        story.shared["used_matters"].add(row["matter_ref"])
        applicant = dict(row["petitioner"])
        return Hearing(row["matter_ref"], applicant, unit_for(row.get("category", "")), applied, decided, day,
                       GROUNDS, **kw)

    async def run(state: str, h: Hearing) -> HearingRun:
        r = HearingRun(story, pool, h)
        made[state] = await r.apply()
        return r

    # Withdrawn (September) and terminated (November), refused (November): the year's other endings.
    r = await run("withdrawn", hearing(dt.date(y, 9, 1), dt.date(y, 9, 3), None))
    await r.decide()
    story.clock.set(dt.date(y, 9, 10), 10)
    await hs.withdraw(manager, r.case_id, reason="信访人与承办单位已达成和解，撤回听证申请", on=dt.date(y, 9, 10))
    r = await run("report_served", hearing(dt.date(y, 10, 9), dt.date(y, 10, 13), dt.date(y, 10, 30)))
    await _full(r, serve_on=dt.date(y, 11, 4))
    r = await run("terminated", hearing(dt.date(y, 11, 3), dt.date(y, 11, 5), dt.date(y, 11, 20)))
    await r.decide()
    await r.prepare()
    await hs.open_session(r.presiding, r.case_id, at=r.tick())
    await hs.record_attendance(r.clerk, r.case_id, participant_no=1, present=False)
    await hs.record_attendance(r.clerk, r.case_id, participant_no=2, present=True)
    await hs.terminate(r.presiding, r.case_id, reason="petitioner_absent", at=r.tick())
    r = await run("refused", hearing(dt.date(y, 11, 10), dt.date(y, 11, 14), None))
    await r.decide(accept=False, reasons="该信访事项已依法导入诉讼程序，不属于信访听证范围。")
    r = await run("concluded", hearing(dt.date(y, 12, 1), dt.date(y, 12, 3), dt.date(y, 12, 18)))
    await _full(r, serve_on=None)
    # Around today.
    r = await run("deliberating", hearing(dt.date(y, 12, 15), dt.date(y, 12, 17), t - D(days=6),
                                          officers=("hearing_officer", "hearing_officer2")))
    await r.decide()
    await r.prepare()
    await r.open()
    await r.run_to("deliberation")
    await r.deliberate(["presiding_officer", "hearing_officer2"], conclude=False)
    await r.close()
    r = await run("suspended", hearing(dt.date(y, 12, 19), dt.date(y, 12, 22), t - D(days=4),
                                       officers=("hearing_officer2", "hearing_officer3")))
    await _suspend(r, t)
    r = await run("postponed", hearing(dt.date(y, 12, 26), dt.date(y, 12, 29), t + D(days=3)))
    await r.decide()
    await r.prepare()
    story.clock.set(t - D(days=1), 15)
    await hs.postpone(manager, r.case_id, reason="other", detail="信访人因病住院，申请延期举行听证")
    r = await run("in_session", hearing(dt.date(y, 12, 22), dt.date(y, 12, 24), t,
                                        officers=("hearing_officer2", "hearing_officer3")))
    await r.decide()
    await r.prepare()
    await r.open()
    await r.run_to("debate")
    r = await run("scheduled", hearing(t - D(days=7), t - D(days=5), t + D(days=10)))
    await r.decide()
    await r.prepare()
    r = await run("applied", hearing(t - D(days=3), None, None))
    story.clock.set(t - D(days=4), 10)
    accepted = hearing(t - D(days=4), None, None)
    stored = await hs.initiate(manager, matter_ref=accepted.matter_ref, stage="handling",
                               petitioner_name=accepted.applicant["name"], grounds="信访事项涉及群众较多，拟依职权举行听证",
                               initiated_on=t - D(days=4), phone=accepted.applicant.get("phone"))
    made["accepted"] = stored.id
    return made


async def _full(r: HearingRun, serve_on: dt.date | None) -> None:
    """A complete hearing: session, every phase, 2-1 vote, conclusion on the spot, record signed."""
    await r.decide()
    await r.prepare()
    await r.open()
    await r.run_to("deliberation")
    await r.deliberate(["presiding_officer", *r.h.officers], conclude=True)
    await r.close()
    await r.sign()
    if serve_on is not None:
        await r.serve_report(serve_on)


async def _suspend(r: HearingRun, today: dt.date) -> None:
    from hearing_core.demo.clock import at
    from hearing_core.hearings import service as hs

    await r.decide()
    await r.prepare()
    await r.open()
    await r.run_to("handling_unit_statement")
    await hs.suspend(r.presiding, r.case_id, reason="appraisal_or_survey", detail="需委托测绘单位重新测量加建面积",
                     at=r.tick())
    day = today + D(days=14)
    await hs.set_resumption(r.presiding, r.case_id, start=at(day, 9, 30), end=at(day, 12, 0), venue=VENUE)


async def _documents(story: Story, made: dict[str, int]) -> None:
    """The documents of the served and concluded hearings, and the notice of the scheduled one, as PDFs."""
    from hearing_core.hearings.documents.service import render_document

    clerk, manager = story.people["clerk"], story.people["handling_officer"]
    wanted = (("report_served", "notice", 1, manager), ("report_served", "record", None, clerk),
              ("report_served", "report", None, clerk), ("concluded", "record", None, clerk),
              ("concluded", "report", None, clerk), ("scheduled", "notice", 1, manager),
              ("scheduled", "announcement", None, manager))
    names = {"notice": "听证通知书", "record": "听证笔录", "report": "听证报告", "announcement": "听证公告"}
    files = []
    for state, kind, participant, ctx in wanted:
        data = await render_document(ctx, made[state], kind, "pdf", participant=participant)
        path = story.file("hearings", f"听证{made[state]}-{names[kind]}.pdf")
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        files.append(path.name)
    story.note("hearing_documents", files)
