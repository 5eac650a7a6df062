"""Agreements on a real database: signatures, the PDF, performance, judicial confirmation window."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pdfplumber
import pytest
from hearing_mediation import agreements, cases
from hearing_mediation.documents import agreement_document
from hearing_mediation.domain import Term
from mediation_helpers import id_number, session, started

from hearing_core.errors import InvalidTransition, RuleViolation

LI_ID = id_number("19780605", "152")
TERMS = [
    Term("王建华按宅基地证界址拆除越界部分围墙并在原界址重建", "王建华", "自行拆除重建", dt.date(2025, 3, 31)),
    Term("李德明补偿王建华重建围墙材料费人民币伍佰元", "李德明", "现金当面支付", dt.date(2025, 3, 20)),
]


async def agreed(ctx: Any, centre: dict[str, Any]) -> dict[str, Any]:
    case = await started(ctx, centre)
    await cases.record_session(ctx, case["id"], session(dt.date(2025, 3, 10)))
    return await agreements.reach_agreement(
        ctx, case["id"], facts="两户相邻，因围墙位置发生争执", disputes="围墙是否越过宅基地界址", terms=list(TERMS),
        responsibilities="王建华建墙前未确认界址", on=dt.date(2025, 3, 10),
    )


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join((page.extract_text() or "").replace("\n", "") for page in doc.pages)


async def test_agreement_closes_the_case_and_takes_effect_with_the_last_signature(mediator: Any, centre: dict[str, Any]) -> None:
    a = await agreed(mediator, centre)
    assert (a["number"], a["state"], a["case_ref"]) == ("城调〔2025〕1号", "draft", "CGZ-TJ-2025-001")
    case = await cases.get_case(mediator, a["case_id"])
    assert case["state"] == "agreed" and case["agreement_id"] == a["id"]
    assert a["missing_signatures"] == ["李德明", "王建华", "陈明、林芳（人民调解员，任一人）"]
    assert a["judicial_confirmation"] is None
    a = await agreements.sign(mediator, a["id"], "李德明", on=dt.date(2025, 3, 10))
    a = await agreements.sign(mediator, a["id"], "林芳", on=dt.date(2025, 3, 10), version=a["version"])
    assert a["state"] == "draft" and a["missing_signatures"] == ["王建华"]
    a = await agreements.sign(mediator, a["id"], "王建华", on=dt.date(2025, 3, 11))
    assert (a["state"], a["effective_on"]) == ("effective", "2025-03-11")
    window = a["judicial_confirmation"]
    assert (window["rule_id"], window["due"]) == ("mediation.judicial_confirmation", "2025-04-10")
    assert "30" in window["explanation_zh"] or "三十" in window["explanation_zh"]


async def test_revising_voids_signatures(mediator: Any, centre: dict[str, Any]) -> None:
    a = await agreed(mediator, centre)
    await agreements.sign(mediator, a["id"], "李德明", on=dt.date(2025, 3, 10))
    a = await agreements.revise(mediator, a["id"], terms=[*TERMS, Term("双方今后互相尊重")])
    assert a["signatures"] == [] and len(a["terms"]) == 3


async def signed(ctx: Any, centre: dict[str, Any]) -> dict[str, Any]:
    a = await agreed(ctx, centre)
    for who in ("李德明", "王建华", "陈明"):
        a = await agreements.sign(ctx, a["id"], who, on=dt.date(2025, 3, 11))
    return a


async def test_the_pdf_reads_like_a_real_agreement(mediator: Any, centre: dict[str, Any], ctx_for: Any) -> None:
    a = await signed(mediator, centre)
    pdf, name = await agreement_document(mediator, a["id"])
    assert pdf.startswith(b"%PDF") and name == "调解协议书-CGZ-TJ-2025-001.pdf"
    text = text_of(pdf)
    for expected in (
        "城关镇人民调解委员会", "人民调解协议书", "城调〔2025〕1号", f"申请人：李德明，公民身份号码：{LI_ID}",
        "被申请人：王建华", "纠纷主要事实：两户相邻，因围墙位置发生争执。", "争议事项：围墙是否越过宅基地界址。",
        "各方责任：王建华建墙前未确认界址。", "自愿达成如下协议：",
        "一、王建华按宅基地证界址拆除越界部分围墙并在原界址重建（履行义务人：王建华）；履行方式：自行拆除重建；履行期限：2025年3月31日前履行完毕。",
        "三、本协议自各方当事人签名", "自本协议生效之日起三十日内共同向人民法院申请司法确认", "本协议一式三份",
        "城关镇人民调解委员会（印章）", "二〇二五年三月十一日",
    ):
        assert expected in text, expected
    leader = await ctx_for("leader", username="leader1")
    redacted = text_of((await agreement_document(leader, a["id"]))[0])
    assert LI_ID not in redacted and "440106********" in redacted and "李*明" in redacted
    html, _ = await agreement_document(mediator, a["id"], output="html")
    assert html.startswith(b"<!DOCTYPE html>")


async def test_performance_and_follow_ups(mediator: Any, centre: dict[str, Any]) -> None:
    a = await signed(mediator, centre)
    a = await agreements.record_performance(mediator, a["id"], 2, on=dt.date(2025, 3, 15), note="已当面支付")
    a = await agreements.record_follow_up(mediator, a["id"], visited_by="陈明", finding="performing", on=dt.date(2025, 3, 20))
    assert a["state"] == "effective" and a["terms"][1]["performed_on"] == "2025-03-15"
    a = await agreements.record_performance(mediator, a["id"], 1, on=dt.date(2025, 3, 28))
    assert (a["state"], a["performed_on"]) == ("performed", "2025-03-28")
    a = await agreements.record_follow_up(mediator, a["id"], visited_by="陈明", finding="已履行", note="双方再无争执")
    assert [f["finding"] for f in a["follow_ups"]] == ["performing", "performed"]


async def test_judicial_confirmation_window_is_enforced(mediator: Any, centre: dict[str, Any]) -> None:
    a = await signed(mediator, centre)
    with pytest.raises(RuleViolation) as one:
        await agreements.apply_confirmation(mediator, a["id"], applicants=["李德明"], court="临江县人民法院",
                                            on=dt.date(2025, 3, 20))
    assert "王建华" in one.value.detail
    with pytest.raises(RuleViolation) as late:
        await agreements.apply_confirmation(mediator, a["id"], applicants=["李德明", "王建华"], court="临江县人民法院",
                                            on=dt.date(2025, 4, 11))
    assert late.value.rule == "mediation.judicial_confirmation" and "2025-04-10" in late.value.detail
    a = await agreements.apply_confirmation(mediator, a["id"], applicants=["李德明", "王建华"], court="临江县人民法院",
                                            on=dt.date(2025, 4, 10))
    assert a["confirmation"] == "applied" and a["judicial_confirmation"]["status"] == "met"
    assert "apply_confirmation" not in a["allowed_actions"] and "record_confirmation" in a["allowed_actions"]
    a = await agreements.record_confirmation(mediator, a["id"], confirmed=True, note="（2025）临民特12号",
                                             on=dt.date(2025, 4, 20))
    assert a["confirmation"] == "confirmed" and a["confirmation_label"] == "确认有效"


async def test_court_refusal_invalidates_and_oral_agreements_have_no_document(mediator: Any, centre: dict[str, Any]) -> None:
    a = await signed(mediator, centre)
    await agreements.apply_confirmation(mediator, a["id"], applicants=["李德明", "王建华"], court="临江县人民法院",
                                        on=dt.date(2025, 3, 12))
    a = await agreements.record_confirmation(mediator, a["id"], confirmed=False, on=dt.date(2025, 3, 25))
    assert (a["state"], a["confirmation"]) == ("invalidated", "rejected")
    with pytest.raises(InvalidTransition):
        await agreements.record_performance(mediator, a["id"], 1)
    case = await started(mediator, centre)
    await cases.record_session(mediator, case["id"], session(dt.date(2025, 3, 10)))
    oral = await agreements.reach_agreement(mediator, case["id"], facts="口角", disputes="赔礼道歉",
                                            terms=[Term("王建华当面赔礼道歉")], form="oral", on=dt.date(2025, 3, 10))
    assert (oral["state"], oral["effective_on"], oral["number"]) == ("effective", "2025-03-10", "城调〔2025〕2号")
    with pytest.raises(RuleViolation):
        await agreement_document(mediator, oral["id"])


async def test_clocks_past_the_calendar_are_shown_unavailable_not_failing(hearing_app: Any, mediator: Any,
                                                                          centre: dict[str, Any]) -> None:
    """In late December the one-month and 30-day clocks run into a year without holiday data (yet)."""
    last_covered = max(hearing_app.calendar.covered_years())
    day = dt.date(last_covered, 12, 20)
    hearing_app.clock = lambda: dt.datetime(last_covered, 12, 20, 2, tzinfo=dt.UTC)
    case = await started(mediator, centre)
    await cases.record_session(mediator, case["id"], session(day))
    a = await agreements.reach_agreement(mediator, case["id"], facts="事实", disputes="争议", terms=[Term("赔偿")], on=day)
    for who in ("李德明", "王建华", "陈明"):
        a = await agreements.sign(mediator, a["id"], who, on=day)
    window = a["judicial_confirmation"]
    assert window["status"] == "unavailable" and window["due"] is None and str(last_covered + 1) in window["note"]
    a = await agreements.apply_confirmation(mediator, a["id"], applicants=["李德明", "王建华"], court="法院", on=day)
    assert a["confirmation"] == "applied" and a["judicial_confirmation"]["completed_on"] == day.isoformat()
