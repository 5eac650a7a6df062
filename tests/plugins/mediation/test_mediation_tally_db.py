"""A year of the service centre, through the services, reproduces the seed summary's tally.

Seed (县信访局年度工作总结, 一(五)): "今年信访服务中心共接待群众135批301人次，其中当场疏导解释44批108人次，
进行调解的12批96人次，其他79批按照《信访条例》交办(转办)责任单位". The 79 batches carry the
remaining 97 persons (301 − 108 − 96).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hearing_mediation import agreements, cases, reception
from hearing_mediation.domain import Party, PartyRole, ReceptionBatch, Term
from hearing_mediation.reception import Disposal

from hearing_core.petitions.domain.item import Petitioner

YEAR = 2025


def plan() -> list[tuple[str, int]]:
    """(disposition, persons) of each of the 135 batches, in a shuffled order."""
    batches = [("explain", 2)] * 40 + [("explain", 7)] * 4 + [("mediate", 8)] * 12
    batches += [("transfer", 1)] * 61 + [("assign", 2)] * 18
    random.Random(2025).shuffle(batches)
    return batches


def day_of(i: int) -> dt.date:
    return dt.date(YEAR, 1, 2) + dt.timedelta(days=(i * 362) // 135)


async def receive_year(desk: Any, centre: dict[str, Any]) -> list[int]:
    """Receive the year's batches; returns the mediation cases opened."""
    opened = []
    for i, (action, persons) in enumerate(plan()):
        on = day_of(i)
        disposal = Disposal(action, on=on)
        if action == "explain":
            disposal.note = "当场讲解政策，当事人表示理解"
        elif action in ("transfer", "assign"):
            disposal.unit, disposal.due_on = "县人力资源和社会保障局", on + dt.timedelta(days=30)
        else:
            disposal.respondents = [Party(f"被申请人{i}", PartyRole.RESPONDENT)]
        b = ReceptionBatch(centre["id"], on, persons, [Petitioner(f"来访人{i}")], f"第{i}批来访事项")
        out = await reception.receive(desk, b, disposal=disposal)
        if action == "mediate":
            opened.append(out["case_id"])
    return opened


async def run_cases(ctx: Any, centre: dict[str, Any], case_ids: list[int]) -> None:
    """Of the 12 cases: 3 refused, 1 withdrawn, 2 failed, 6 agreed; 4 agreements performed, 3 sent for
    confirmation (2 confirmed, 1 not yet ruled on); one escalation flagged."""
    chen, lin = centre["mediators"][0]["id"], centre["mediators"][1]["id"]
    for n, case_id in enumerate(case_ids):
        case = await cases.get_case(ctx, case_id)
        applied = dt.date.fromisoformat(case["applied_on"])
        respondent = case["parties"][1]["name"]
        if n < 3:
            await cases.record_response(ctx, case_id, respondent, "declines", on=applied)
            await cases.refuse(ctx, case_id, "被申请人明确拒绝调解", on=applied)
            continue
        await cases.record_response(ctx, case_id, respondent, "agrees", on=applied)
        await cases.assign_mediators(ctx, case_id, [chen, lin])
        await cases.accept(ctx, case_id, on=applied)
        if n == 4:
            await cases.flag_escalation(ctx, case_id, "双方情绪激动，已安排专人疏导")
        if n == 3:
            await cases.withdraw(ctx, case_id, "申请人撤回", on=applied)
            continue
        if n < 6:
            await cases.fail(ctx, case_id, ["litigation"], "双方分歧较大", on=applied)
            continue
        from mediation_helpers import session

        await cases.record_session(ctx, case_id, session(applied, parties_present=[p["name"] for p in case["parties"]]))
        a = await agreements.reach_agreement(ctx, case_id, facts="事实", disputes="争议", terms=[Term("赔偿", "甲")],
                                             on=applied)
        for signer in [p["name"] for p in case["parties"]] + ["陈明"]:
            a = await agreements.sign(ctx, a["id"], signer, on=applied)
        if n < 10:
            await agreements.record_performance(ctx, a["id"], 1, on=applied)
        if n >= 9:
            names = [p["name"] for p in case["parties"]]
            await agreements.apply_confirmation(ctx, a["id"], applicants=names, court="临江县人民法院", on=applied)
            if n >= 10:
                await agreements.record_confirmation(ctx, a["id"], confirmed=True, on=applied)


@pytest.mark.slow
async def test_a_year_of_reception_reproduces_the_seed_tally(
    hearing_app: Any, desk: Any, mediator: Any, centre: dict[str, Any]
) -> None:
    case_ids = await receive_year(desk, centre)
    assert len(case_ids) == 12
    await run_cases(mediator, centre, case_ids)
    # A visit of the year before is not counted.
    await reception.receive(desk, ReceptionBatch(centre["id"], dt.date(2024, 12, 31), 5, [Petitioner("去年")], "去年来访"),
                            disposal=Disposal("explain", note="解释", on=dt.date(2024, 12, 31)))

    section = hearing_app.report_sections["mediation"]
    assert (section.title_zh, section.plugin) == ("信访服务平台工作情况", "mediation")
    figures = await section.compute(hearing_app, YEAR)
    assert figures["reception"]["received"] == {"batches": 135, "persons": 301}
    assert figures["reception"]["explained_on_spot"] == {"batches": 44, "persons": 108}
    assert figures["reception"]["mediation"] == {"batches": 12, "persons": 96}
    assert figures["reception"]["handed_over"] == {"batches": 79, "persons": 97}
    assert figures["reception"]["by_disposition"]["transferred"] == {"batches": 61, "persons": 61}
    assert figures["reception"]["by_disposition"]["assigned"] == {"batches": 18, "persons": 36}
    assert figures["cases"] == {
        "applied": 12, "opened": 9, "succeeded": 6, "failed": 2, "withdrawn": 1, "refused": 3, "escalated": 1,
        "agreements_effective": 6, "agreements_performed": 4, "confirmations_applied": 3,
        "confirmations_confirmed": 2, "confirmations_rejected": 0, "success_rate_pct": 66.7,
    }
    assert section.render_md(figures) == (
        "2025年信访服务中心共接待群众135批301人次，其中当场疏导解释44批108人次，进行调解的12批96人次，"
        "其他79批97人次按照《信访工作条例》交办（转办）责任单位，依法按有关规定办理。"
        "全年受理调解申请12件，开展调解9件，其中调解成功6件，调解不成2件，当事人撤回1件，不予调解3件，调解成功率66.7%。"
        "对调解不成的，均已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。"
        "达成调解协议6份，已履行完毕4份；当事人共同申请司法确认3份，经人民法院确认有效2份。"
        "对1起有激化可能的纠纷及时采取了预防措施，防止矛盾激化。\n"
    )
    # The register counts the same visits: 136 visit items (one from 2024), 44 + 1 not accepted.
    from hearing_core.petitions import service as register

    assert (await register.list_items(desk, register.ItemFilter(year=YEAR, channel="visit"), per_page=1)).total == 135
    assert (await register.list_items(desk, register.ItemFilter(year=YEAR, status="not_accepted"), per_page=1)).total == 44
    # The annual report (年度报告) carries the section with the same paragraph.
    from hearing_core.reports.service import compute_report

    annual = await compute_report(hearing_app, YEAR)
    ours = [sec for sec in annual["sections"] if sec["key"] == "mediation"]
    assert len(ours) == 1 and ours[0]["markdown"] == section.render_md(figures)
    assert ours[0]["figures"]["reception"]["received"] == {"batches": 135, "persons": 301}
