"""The service centre's year (信访服务中心): 135 visit batches at the desk and twelve mediations.

The desk (centre staff) receives the year's centre visits in date order: the 44 it
explains on the spot it registers itself; the others it links to the registrar's imported
items and disposes of — 61 transferred and 18 assigned to responsible units, 12 taken to
mediation. The mediator runs the twelve cases: three refused by the other side, one
withdrawn, two failed, six agreements signed, four performed, three sent to the court for
judicial confirmation — two confirmed, one still awaiting the ruling at the year's end.
A thirteenth case, opened in January, is under way when the demo opens.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from hearing_core.demo.receptions import unit_for
from hearing_core.demo.story import Story, in_year
from hearing_core.seeddata.people import make_person

__all__ = ["run_centre"]

#: What happens to the mediated cases, in date order (the last one awaits the court).
ROLES = ("refuse", "agree_performed", "fail", "refuse", "agree_confirmed", "withdraw", "agree_performed",
         "fail", "agree_confirmed", "refuse", "agree_performed", "agree_awaiting")
COURT = "临江县人民法院"


def _petitioner(row: dict[str, Any]) -> Any:
    from hearing_core.petitions.domain.item import Petitioner

    p = row["petitioner"]
    return Petitioner(p["name"], p.get("id_number"), p.get("phone"), row.get("address"))


#: The enterprise a summary names first ("反映永丰纺织厂承建的…" → 永丰纺织厂).
_ENTERPRISE = re.compile(r"^(?:\d+人集体来访，)?(?:再次)?反映(?:原)?([\u4e00-\u9fff]{2,12}?(?:有限公司|公司|厂|场))")


def _respondent(row: dict[str, Any], rng: random.Random) -> str:
    """The other party: the enterprise the summary names, else an enterprise or a neighbour."""
    named = _ENTERPRISE.match(row.get("summary", ""))
    if named:
        return named.group(1)
    category = row.get("category", "")
    if any(w in category for w in ("工资", "劳资", "企业")):
        return rng.choice(("县第二建筑工程公司", "宏达陶瓷有限公司", "兴业石材有限公司"))
    return make_person(rng).name


def _facts(row: dict[str, Any]) -> str:
    """The dispute's facts as the agreement states them (申请人反映…), from the register's summary."""
    summary = re.sub(r"^\d+人集体来访，(?:再次)?|，称问题至今未解决$", "", row["summary"]).rstrip("。")
    return f"申请人{summary if summary.startswith('反映') else '反映' + summary}。"


async def run_centre(story: Story) -> None:
    """The desk's year, then the mediations, then the case under way today."""
    from hearing_mediation import reception
    from hearing_mediation.domain import Party, PartyRole, ReceptionBatch
    from hearing_mediation.reception import Disposal

    assert story.plan is not None
    desk, centre_id = story.people["centre_staff"], story.made["centre_id"]
    rng = random.Random(story.seed + 11)
    log = [("explain", r) for r in story.plan.explained] + [("mediate", r) for r in story.plan.mediated]
    log += [("transfer" if n < 61 else "assign", r) for n, r in enumerate(story.plan.handed_over)]
    log.sort(key=lambda pair: (pair[1]["received_on"], pair[1]["ref"]))
    opened: list[tuple[int, dict[str, Any]]] = []
    story.at_today()
    async with desk.write():
        for action, row in log:
            day = dt.date.fromisoformat(row["received_on"])
            disposal = Disposal(action, on=day)
            if action == "explain":
                disposal.note = "当场讲解政策法规，信访人表示理解，不再坚持诉求"
                batch = ReceptionBatch(centre_id, day, row["persons"], [_petitioner(row)], row["summary"],
                                       category=row.get("category"), request=row.get("request", ""))
                await reception.receive(desk, batch, disposal=disposal)
                continue
            if action == "mediate":
                disposal.respondents = [Party(_respondent(row, rng), PartyRole.RESPONDENT)]
            else:
                disposal.unit = unit_for(row.get("category", ""))
                if action == "assign":
                    disposal.due_on = day + dt.timedelta(days=30)
            out = await reception.receive(desk, ReceptionBatch(centre_id, day, 1, [], ""), item_ref=row["ref"],
                                          disposal=disposal)
            if action == "mediate":
                opened.append((out["case_id"], row))
    story.note("centre_batches", len(log))
    await _mediate(story, opened)
    await _case_under_way(story)


async def _mediate(story: Story, opened: list[tuple[int, dict[str, Any]]]) -> None:
    from hearing_mediation import agreements, cases
    from hearing_mediation.domain import Session, Term

    ctx = story.people["mediator"]
    mediators = [m["id"] for m in (await _centre(story))["mediators"][:2]]
    y = story.year
    flagged = False
    async with ctx.write():
        for (case_id, row), role in zip(opened, ROLES, strict=True):
            case = await cases.get_case(ctx, case_id)
            d = dt.date.fromisoformat(case["applied_on"])
            names = [p["name"] for p in case["parties"]]
            respondent = names[-1]
            if role == "refuse":
                await cases.record_response(ctx, case_id, respondent, "declines", on=d)
                await cases.refuse(ctx, case_id, "被申请人明确表示不同意调解", on=d)
                continue
            await cases.record_response(ctx, case_id, respondent, "agrees", on=d)
            await cases.assign_mediators(ctx, case_id, mediators, chosen_by="parties")
            await cases.accept(ctx, case_id, on=in_year(y, d + dt.timedelta(days=1)))
            if role == "withdraw":
                await cases.withdraw(ctx, case_id, "申请人撤回调解申请，表示自行协商", on=in_year(y, d + dt.timedelta(days=2)))
                continue
            held = in_year(y, d + dt.timedelta(days=3))
            await cases.record_session(ctx, case_id, Session(held, "临江县人民调解委员会调解室", False, names, ["陈明", "林芳"],
                                                             "双方陈述事实和理由，调解员释明相关法律规定，分别做双方工作。"))
            if role == "fail":
                if not flagged:
                    await cases.flag_escalation(ctx, case_id, "双方情绪激动，已安排专人疏导并通报属地派出所")
                    flagged = True
                await cases.fail(ctx, case_id, ["litigation", "arbitration"], "双方对赔偿数额分歧较大，未能达成协议",
                                 on=in_year(y, d + dt.timedelta(days=5)))
                continue
            on = in_year(y, d + dt.timedelta(days=6))
            wages = "工资" in row.get("category", "")  # a wage dispute settles the arrears, others a compensation
            a = await agreements.reach_agreement(
                ctx, case_id, facts=_facts(row), disputes="双方对拖欠工资数额存在争议" if wages else "双方对责任承担和补偿数额存在争议",
                responsibilities="经调解，双方互谅互让，自愿达成如下协议", on=on,
                terms=[Term(f"{respondent}向{names[0]}一次性支付{'拖欠工资' if wages else '补偿款'}人民币捌仟元", respondent, "银行转账",
                            in_year(y, on + dt.timedelta(days=20)))])
            for signer in [*names, "陈明"]:
                a = await agreements.sign(ctx, a["id"], signer, on=on)
            if role in ("agree_performed", "agree_awaiting"):
                await agreements.record_performance(ctx, a["id"], 1, on=in_year(y, on + dt.timedelta(days=15)),
                                                    note="已按期支付")
            if role in ("agree_confirmed", "agree_awaiting"):
                await agreements.apply_confirmation(ctx, a["id"], applicants=names, court=COURT,
                                                    on=in_year(y, on + dt.timedelta(days=3)))
            if role == "agree_confirmed":
                await agreements.record_confirmation(ctx, a["id"], confirmed=True, note=f"（{y}）临民特{case_id}号",
                                                     on=in_year(y, on + dt.timedelta(days=18)))
            if role == "agree_awaiting":
                story.note("agreement_awaiting_confirmation", a["id"])
    story.note("mediation_cases", [c for c, _ in opened])


async def _centre(story: Story) -> dict[str, Any]:
    from hearing_mediation import centres

    return await centres.get_centre(story.people.admin, story.made["centre_id"])


async def _case_under_way(story: Story) -> None:
    """A neighbours' dispute applied for in January: accepted, one session held, no agreement yet."""
    from hearing_mediation import cases
    from hearing_mediation.domain import ApplicationKind, MediationCase, Party, PartyRole, Session

    ctx = story.people["mediator"]
    applied = story.today - dt.timedelta(days=4)
    story.at_today()
    parties = [Party("李德明", PartyRole.APPLICANT, "440106197806051526", "13700002222", "陈城镇塘尾村"),
               Party("王建华", PartyRole.RESPONDENT, address="陈城镇塘尾村")]
    case = await cases.open_case(ctx, MediationCase(story.made["centre_id"], applied, ApplicationKind.ONE_PARTY,
                                                    parties, "两户因宅基地围墙越界发生纠纷，申请人要求拆除越界部分"))
    mediators = [m["id"] for m in (await _centre(story))["mediators"][:1]]
    await cases.record_response(ctx, case["id"], "王建华", "agrees", on=applied)
    await cases.assign_mediators(ctx, case["id"], mediators, chosen_by="parties")
    await cases.accept(ctx, case["id"], on=applied + dt.timedelta(days=1))
    await cases.record_session(ctx, case["id"], Session(story.today - dt.timedelta(days=1), "陈城镇人民调解室", False,
                                                        ["李德明", "王建华"], ["陈明"], "现场查看围墙位置，双方同意按宅基地证界址处理。"))
    story.note("mediation_case_under_way", case["id"])
