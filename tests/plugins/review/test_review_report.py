"""The seed's year of review applications, recorded through the services, gives its figures and its sentence.

The seed (县信访局年度工作总结): "信访事项复查申请16件，经审核不予受理的6件;受理的有10件，其中7件已作出
处理意见，正在复查中的有3件". The test lodges 16 review applications in 2025: 6 refused on real
grounds (3 late, 2 to the wrong organ, 1 on an unserved opinion), 10 accepted, of which 7 decided
(5 upheld, 1 remanded, 1 modified) and 3 still under review. The section is computed with SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_review import services as reviews
from hearing_review.domain import Applicant
from hearing_review.report import compute_section, render_section

from hearing_core.contributions import ReportSection

pytestmark = [pytest.mark.usefixtures("organs"), pytest.mark.slow]

D = dt.date
SEED = "信访事项复查申请16件，经审核不予受理的6件;受理的有10件，其中7件已作出处理意见，正在复查中的有3件"


async def lodge(ctx: Any, item: str, received: dt.date, organ: str = "county-gov") -> str:
    app = await reviews.submit(ctx, kind="review", item_ref=item, applicant=Applicant("张三"), request="撤销原处理意见",
                               reasons="不服处理意见", received_on=received, receiving_organ=organ)
    return str(app["ref"])


async def build_year(ctx: Any, opinion: Any) -> None:
    served = [D(2025, m, 3) for m in range(1, 13)] + [D(2025, m, 17) for m in range(1, 5)]
    items = [await opinion(s) for s in served[:15]] + [await opinion(None)]
    # Six refusals on grounds the checklist finds: late (3), wrong level (2), opinion not served (1).
    refused = [await lodge(ctx, items[i], served[i] + dt.timedelta(days=45)) for i in range(3)]
    refused += [await lodge(ctx, items[i], served[i] + dt.timedelta(days=10), organ="city-gov") for i in (3, 4)]
    refused.append(await lodge(ctx, items[15], D(2025, 6, 1)))
    for ref in refused:
        await reviews.refuse(ctx, ref)
    # Ten accepted; seven decided (uphold 5, remand 1, modify 1), three under review.
    accepted = []
    for i in range(5, 15):
        ref = await lodge(ctx, items[i], served[i] + dt.timedelta(days=10))
        await reviews.accept(ctx, ref, on=served[i] + dt.timedelta(days=11))
        accepted.append((ref, served[i] + dt.timedelta(days=11)))
    for n, (ref, on) in enumerate(accepted[:7]):
        decided = on + dt.timedelta(days=15)
        if n == 5:
            await reviews.decide(ctx, ref, outcome="revoke_remand", findings="事实不清", on=decided,
                                 redo_due_on=decided + dt.timedelta(days=30))
        elif n == 6:
            await reviews.decide(ctx, ref, outcome="modify", findings="补偿计算有误", new_conclusion="补足差额",
                                 on=decided)
        else:
            await reviews.decide(ctx, ref, outcome="uphold", findings="事实清楚", on=decided)


async def test_the_seed_year_gives_six_ten_seven_three(hearing_app: Any, admin_ctx: Any, opinion: Any) -> None:
    await build_year(admin_ctx, opinion)
    figures = await compute_section(hearing_app, 2025)
    f = figures["review"]
    assert (f["applications"], f["not_accepted"], f["accepted"], f["decided"], f["pending"]) == (16, 6, 10, 7, 3)
    assert {g: n for g, n in f["by_ground"].items() if n} == {"window": 3, "level": 2, "opinion_served": 1}
    assert f["by_outcome"] == {"uphold": 5, "revoke_remand": 1, "modify": 1}
    assert figures["rereview"]["applications"] == 0
    text = render_section(figures)
    assert SEED.replace(";", "；") in text
    assert text.startswith("2025年，" + SEED.replace(";", "；") + "。")
    assert "超过申请期限3件、越级申请（非上一级机关）2件、原意见尚未送达1件" in text
    assert "维持5件、撤销并责令重新办理1件、变更1件" in text
    # A year without applications, and the other statistical year, are empty.
    assert (await compute_section(hearing_app, 2024))["review"]["applications"] == 0


async def test_the_section_is_registered_and_served_over_the_api(hearing_app: Any, client: Any, auth_headers: Any,
                                                                   admin_ctx: Any, opinion: Any) -> None:
    section = hearing_app.report_sections["review"]
    assert isinstance(section, ReportSection) and section.plugin == "review" and section.title_zh == "信访事项复查复核情况"
    item = await opinion(D(2025, 3, 3))
    await reviews.refuse(admin_ctx, await lodge(admin_ctx, item, D(2025, 5, 1)))
    r = await client.get("/api/v1/reviews/report", params={"year": 2025}, headers=await auth_headers("leader"))
    assert r.status_code == 200 and r.json()["review"]["by_ground"]["window"] == 1
    assert "经审核不予受理的1件" in r.json()["markdown"]
