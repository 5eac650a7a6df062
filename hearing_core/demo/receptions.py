"""Leader receptions held (领导接访当日与访后): visitors, hearing, instructions, transfers, replies.

Every reception of the plan is opened on its day, the participants recorded, the visitors
of the day registered — each batch is a visit of the imported register, linked by its item
number (``--item-ref``), never registered twice — heard and classified, and the day closed.
After the day the leader instructs (批示) on the cases to be solved by a deadline and on some
that need study; the desk transfers them the next working day (两日内转交) and the
departments reply (办结回复). The mix gives the seed's rates: 133 of 140 replies on time (95%),
150 of 295 batches resolved (51%). The next quarter is planned and January announced.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from hearing_core.demo.reception_plan import participants_for
from hearing_core.demo.reception_plan import plan_year as plan_year  # re-exported for the build
from hearing_core.demo.story import Story

__all__ = ["hold_year", "plan_next_quarter", "plan_year"]

_UNITS = (
    (("土地", "征收", "山林", "宅基地", "承包"), "临江县自然资源局"),
    (("房屋", "拆迁", "物业", "住房", "城建", "道路"), "临江县住房和城乡建设局"),
    (("工资", "劳资", "社会保险", "劳动", "企业改制"), "临江县人力资源和社会保障局"),
    (("涉法", "公安", "执法"), "临江县公安局"),
    (("环境", "污染"), "临江县生态环境局"),
    (("村干部", "村务", "邻里"), "临江县农业农村局"),
)


def unit_for(category: str) -> str:
    """The responsible unit of a seed category (转交部门)."""
    for words, unit in _UNITS:
        if any(w in category for w in words):
            return unit
    return "临江县民政局"


def _visitors_by_reception(story: Story, receptions: list[Any]) -> dict[int, list[dict[str, Any]]]:
    """Each leader-reception visit of the register goes to a reception of its day (its town's, if any)."""
    assert story.plan is not None
    by_day: dict[dt.date, list[Any]] = defaultdict(list)
    for r in receptions:
        by_day[r.day].append(r)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for n, row in enumerate(sorted(story.plan.reception, key=lambda r: (r["received_on"], r["ref"]))):
        options = [r for r in by_day[dt.date.fromisoformat(row["received_on"])]
                   if any(str(p.level) != "town" for p in r.participants)]
        home = [r for r in options if r.place.startswith(str(row.get("address", ""))[:3])]
        out[(home or options)[0 if home else n % len(options)].id].append(row)
    return out


def _outcomes(rng: random.Random) -> list[str]:
    outcomes = ["on_spot"] * 100 + ["by_deadline"] * 110 + ["guidance"] * 50 + ["further_study"] * 35
    rng.shuffle(outcomes)
    return outcomes


async def hold_year(story: Story) -> None:
    """Hold every reception of the plan, then follow the instructed cases up."""
    from hearing_reception.domain import Visitor
    from hearing_reception.services import day, leaders

    schedule = story.shared["schedule"]
    desk = story.people["registrar"]
    rows = [{"id": lead.id, "code": lead.code, "level": str(lead.level)} for lead in await leaders.list_leaders(desk)]
    chosen = participants_for(schedule, rows, len(schedule.villages))
    visitors = _visitors_by_reception(story, schedule.receptions)
    outcomes = iter(_outcomes(random.Random(story.seed + 7)))
    cases: list[tuple[int, str, dt.date, dict[str, Any]]] = []
    for month in range(1, 13):
        async with desk.write():
            for r in (r for r in schedule.receptions if r.day.month == month):
                story.clock.set(r.day, r.start_time.hour, r.start_time.minute)
                await day.open_reception(desk, r.id)
                if r.id in chosen:
                    await day.set_participants(desk, r.id, chosen[r.id])
                for row in visitors.get(r.id, []):
                    p = row["petitioner"]
                    draft = day.VisitorDraft(row["persons"], [Visitor(p["name"], p.get("id_number"), p.get("phone"),
                                                                      row.get("address"))],
                                             row["summary"], request=row.get("request", ""), item_ref=row["ref"])
                    case, _ = await day.register_visitors(desk, r.id, draft)
                    outcome = next(outcomes)
                    note = "当面听取诉求，宣讲政策，明确答复" if outcome != "by_deadline" else "请责任单位核实，限期答复"
                    await day.hear(desk, case.id, note, outcome, heard_on=r.day)
                    cases.append((case.id, outcome, r.day, row))
                await day.close_reception(desk, r.id)
    story.note("reception_cases", len(cases))
    await _follow_up(story, cases)


async def _follow_up(story: Story, cases: list[tuple[int, str, dt.date, dict[str, Any]]]) -> None:
    """Instructions (批示) on 140 cases, transfers the next working day, replies (133 on time)."""
    from hearing_reception.services import followup

    desk, leader, officer = story.people["registrar"], story.people["leader"], story.people["handling_officer"]
    rng = random.Random(story.seed + 8)
    study = [c for c in cases if c[1] == "further_study"]
    instructed = sorted([c for c in cases if c[1] == "by_deadline"] + study[:30], key=lambda c: (c[2], c[0]))
    early = [c[0] for c in instructed if c[2] <= dt.date(story.year, 11, 20)]
    late_ids = set(rng.sample(early, 7))
    never, late = set(sorted(late_ids)[:3]), set(sorted(late_ids)[3:])
    on_time = [c[0] for c in instructed if c[0] not in late_ids]
    resolved = set(rng.sample(on_time, 50))
    calendar = story.app.calendar
    async with desk.write():
        for case_id, _, heard, row in instructed:
            story.clock.set(heard, 16)
            await followup.instruct(leader, case_id, "请责任部门核实情况，依法依规处理，按时办结回复。", leader="李明", on=heard)
            # 两日内转交: the first working day of the next two, else the next day all the same.
            moved = next((heard + dt.timedelta(days=d) for d in (1, 2)
                          if calendar.is_working_day(heard + dt.timedelta(days=d))), heard + dt.timedelta(days=1))
            story.clock.set(moved, 10)
            case = await followup.transfer(desk, case_id, unit_for(row.get("category", "")), on=moved)
            if case_id in never:
                continue
            replied = case.reply_due + dt.timedelta(days=3) if case_id in late else moved + dt.timedelta(days=5 + case_id % 7)
            replied = min(replied, story.today)
            story.clock.set(replied, 15)
            text = "经核实，已督促相关单位解决到位。" if case_id in resolved else "经核实，已向信访人作出书面答复。"
            await followup.reply(officer, case_id, text, resolved=case_id in resolved, on=replied)
    story.note("reception_instructions", len(instructed))
    story.at_today()


async def plan_next_quarter(story: Story) -> None:
    """The next quarter planned from the rules; the next four weeks announced (接访计划与公示)."""
    from hearing_reception.services import notices, planning

    desk = story.people["registrar"]
    story.at_today()
    start = story.today + dt.timedelta(days=1)
    end = dt.date(story.year + 1, 3, 31)
    outcome = await planning.plan_receptions(desk, start, end)
    soon = [r.id for r in outcome.created if r.day >= start + dt.timedelta(days=5) and r.day < start + dt.timedelta(days=33)]
    if soon:
        await notices.publish_notice(desk, soon, published_on=story.today, doc_number=f"临信访公〔{story.year + 1}〕1号")
    story.note("receptions_next_quarter", len(outcome.created))
    story.note("receptions_announced_ahead", len(soon))
