"""The seed's figures from records of that shape, and the report definitions.

The seed (县信访局年度工作总结): "1-12月份全县共组织125次县领导接访活动，参与接访的县各套
班子领导311人次，县直机关领导281人次，七镇领导2690人次，共接访群众295批671次，按时答复率
达到95%，化解率51%". The test records a year of receptions through the services — the
receptions, who took part, every visitor batch (registered in the core register), the
hearing, instructions, transfers and replies — and the section must give exactly those
figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_reception.domain import ReportDefinitions, Visitor
from hearing_reception.report import compute_figures
from hearing_reception.services import day, followup, leaders, planning

from tests.plugins.reception.conftest import id_number

pytestmark = pytest.mark.slow

COUNTY, DEPARTMENT, TOWN = 12, 15, 30
TODAY = dt.date(2026, 1, 10)
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


async def add_leaders(ctx: Any) -> None:
    items = [{"code": f"c{i:02d}", "name": f"县领导{i}", "post": "副县长", "level": "county"} for i in range(COUNTY)]
    items += [{"code": f"d{i:02d}", "name": f"局长{i}", "post": "局长", "level": "department"} for i in range(DEPARTMENT)]
    items += [{"code": f"t{i:02d}", "name": f"镇干部{i}", "post": "镇党委委员", "level": "town"} for i in range(TOWN)]
    await leaders.load_leaders_file(ctx, items)


def working_days(app: Any, count: int) -> list[dt.date]:
    """``count`` working days spread over 6 January – 10 December 2025."""
    every = [dt.date(2025, 1, 6) + dt.timedelta(days=n) for n in range(339)]
    every = [d for d in every if app.calendar.is_working_day(d)]
    return [every[i * len(every) // count] for i in range(count)]


async def hold(ctx: Any, day_: dt.date, codes: list[str], batches: list[int], place: str = "县信访局") -> tuple[int, list[int]]:
    """A reception opened with these participants and visitor batches (persons each)."""
    r = await planning.create_reception(ctx, day=day_, place=place, leaders=codes[:1])
    await day.open_reception(ctx, r.id)
    await day.set_participants(ctx, r.id, codes)
    cases = []
    for persons in batches:
        n = r.id * 10 + len(cases)
        draft = day.VisitorDraft(persons, [Visitor(f"来访人{n}", id_number(n, birth="19700101"))], f"反映第{n}号问题")
        case, _ = await day.register_visitors(ctx, r.id, draft)
        cases.append(case.id)
    return r.id, cases


async def build_year(ctx: Any) -> None:
    """125 county-led receptions and 10 town-led village receptions held in 2025, and their cases."""
    await add_leaders(ctx)
    days = working_days(ctx.app, 135)
    persons = [3] * 81 + [2] * 214  # 295 batches, 671 persons
    receptions: list[int] = []
    case_ids: list[int] = []
    for i in range(125):
        codes = [f"c{(i + k) % COUNTY:02d}" for k in range(3 if i < 61 else 2)]  # 311 county person-times
        codes += [f"d{(i + k) % DEPARTMENT:02d}" for k in range(3 if i < 31 else 2)]  # 281
        codes += [f"t{(i + k) % TOWN:02d}" for k in range(22 if i < 45 else 21)]  # 2670 town
        reception_id, cases = await hold(ctx, days[i], codes, persons[len(case_ids) : len(case_ids) + (3 if i < 40 else 2)])
        receptions.append(reception_id)
        case_ids += cases
    for j in range(10):  # village receptions led by town leaders: 2 × 10 = 20 town person-times
        batches = persons[len(case_ids) : len(case_ids) + (1 if j < 5 else 0)]
        reception_id, cases = await hold(ctx, days[125 + j], [f"t{j:02d}", f"t{j + 10:02d}"], batches, "红星村村委会")
        receptions.append(reception_id)
        case_ids += cases
    assert len(case_ids) == 295
    # Records that must not count: a batch that left before being heard, a cancelled and a
    # planned reception, and a reception of the previous year.
    left, _ = await day.register_visitors(ctx, receptions[0], day.VisitorDraft(2, [Visitor("离开者")], "候访时离开"))
    await day.withdraw(ctx, left.id)
    cancelled = await planning.create_reception(ctx, day=dt.date(2025, 12, 15), place="县信访局", leaders=["c01"])
    await planning.cancel(ctx, cancelled.id, "防汛")
    await planning.create_reception(ctx, day=dt.date(2025, 12, 22), place="县信访局", leaders=["c02"])
    last_year, (old_case,) = await hold(ctx, dt.date(2024, 12, 16), ["c03", "d03"], [5])
    await day.hear(ctx, old_case, "已答复", "on_spot")
    await day.close_reception(ctx, last_year)

    # Outcomes of the 295 batches: 100 on the spot, 110 by a deadline, 50 guidance, 35 further study.
    outcomes = ["on_spot"] * 100 + ["by_deadline"] * 110 + ["guidance"] * 50 + ["further_study"] * 35
    for case_id, outcome in zip(case_ids, outcomes, strict=True):
        await day.hear(ctx, case_id, "已当面听取诉求并答复", outcome)
    for reception_id in receptions:
        await day.close_reception(ctx, reception_id)
    # 140 instructions (批示), each transferred the next day; replies: 133 on time (50 of them
    # solved the problem), 4 late, 3 never given although due.
    instructed = case_ids[100:210] + case_ids[260:290]
    for k, case_id in enumerate(instructed):
        case = await followup.get_case(ctx, case_id)
        await followup.instruct(ctx, case_id, "请责任部门按时办结回复", leader="县领导", on=case.received_on)
        moved = await followup.transfer(ctx, case_id, "县自然资源局", on=case.received_on + dt.timedelta(days=1))
        assert moved.reply_due is not None and moved.transferred_on is not None
        if k < 3:
            continue
        if k < 7:
            await followup.reply(ctx, case_id, "已办结", resolved=False, on=moved.reply_due + dt.timedelta(days=3))
        else:
            await followup.reply(ctx, case_id, "已办结", resolved=k < 57, on=moved.transferred_on + dt.timedelta(days=5))


async def check(app: Any, **definitions: Any) -> dict[str, Any]:
    return await compute_figures(app, 2025, ReportDefinitions.from_mapping(definitions), TODAY, YEAR)


SEED_SENTENCE = (
    "2025年全县共组织125次县领导接访活动，参与接访的县领导311人次，县直部门领导281人次，镇领导2690人次，"
    "共接访群众295批671人次，按时答复率95%，化解率51%。"
)


async def test_the_section_reproduces_the_seed_figures(admin: Any, hearing_app: Any) -> None:
    from hearing_core.reports.service import compute_sections

    await build_year(admin)
    # Through the core's annual report, as registered with register_report_sections.
    section = next(s for s in await compute_sections(hearing_app, 2025) if s["key"] == "reception")
    assert (section["title_zh"], section["plugin"]) == ("领导干部接待群众来访情况", "reception")
    figures = section["figures"]
    assert figures["receptions_held"] == 125
    assert figures["participation"] == {"county": 311, "department": 281, "town": 2690, "total": 3282}
    assert figures["visitors"] == {"batches": 295, "persons": 671}
    assert figures["on_time_reply_rate"] == {"numerator": 133, "denominator": 140, "percent": 95}
    assert figures["resolution_rate"] == {"numerator": 150, "denominator": 295, "percent": 51}
    assert figures["outcomes"] == {"on_spot": 100, "by_deadline": 110, "guidance": 50, "further_study": 35, "pending": 0}
    assert figures["instructions"] == {"issued": 140, "transferred": 140, "transferred_on_time": 140}
    assert figures["replies"] == {"replied": 137, "on_time": 133, "overdue_unreplied": 3, "due": 140}
    assert (figures["receptions_held_all_levels"], figures["receptions_cancelled"], figures["receptions_not_held"]) == (135, 1, 1)
    assert figures["notices"] == {"on_time": 0, "late": 0, "missing": 135}
    assert section["markdown"].startswith(SEED_SENTENCE)

    # The definitions the reference leaves open, changed one at a time.
    counted = await check(hearing_app, scope="counted")
    assert counted["participation"]["town"] == 2670 and counted["visitors"] == {"batches": 290, "persons": 661}
    assert (await check(hearing_app, reply_rate_basis="replied"))["on_time_reply_rate"]["percent"] == 97  # 133/137
    assert (await check(hearing_app, resolved_when=["on_spot", "reply_resolved", "guidance"]))["resolution_rate"] == {
        "numerator": 200, "denominator": 295, "percent": 68}
    precise = await check(hearing_app, percent_digits=1)
    assert (precise["on_time_reply_rate"]["percent"], precise["resolution_rate"]["percent"]) == (95.0, 50.8)
    assert (await check(hearing_app, counted_lead_levels=["town"]))["receptions_held"] == 10
