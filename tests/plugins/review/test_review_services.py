"""Review and re-review through the services against a real database (SQLite; PostgreSQL in CI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_review import services as reviews
from hearing_review.domain import Applicant

from hearing_core.errors import Conflict, InvalidTransition, PermissionDenied, RuleViolation, ValidationFailed

pytestmark = pytest.mark.usefixtures("organs")

D = dt.date


async def lodge(ctx: Any, item: str, received: dt.date, **kw: Any) -> dict[str, Any]:
    kw.setdefault("receiving_organ", "county-gov")
    return await reviews.submit(ctx, kind="review", item_ref=item, applicant=kw.pop("applicant", Applicant("张三")),
                                request="撤销原处理意见，按新标准补偿", reasons="补偿标准适用错误", received_on=received, **kw)


async def test_review_then_rereview_terminates_the_matter_and_the_register_refuses_new_items(
    admin_ctx: Any, opinion: Any,
) -> None:
    from hearing_core.petitions import service as register
    from hearing_core.petitions.domain import Channel, Petitioner, PetitionItem

    item = await opinion(D(2025, 5, 6))
    app = await lodge(admin_ctx, item, D(2025, 5, 20))
    assert app["ref"] == "FC-2025-0001" and app["state"] == "received"
    assert app["challenged"]["organ"] == "east-town"  # the register's handling unit, by name
    assert app["challenged"]["served_on"] == "2025-05-06"
    window = next(c for c in app["deadlines"] if c["clock"] == "request_window")
    assert window["due"] == "2025-06-05" and window["status"] == "met"

    app = await reviews.accept(admin_ctx, "FC-2025-0001", on=D(2025, 5, 22))
    assert app["state"] == "accepted" and all(r["passed"] for r in app["checklist"])
    decision = next(c for c in app["deadlines"] if c["clock"] == "decision")
    assert decision["due"] == "2025-06-19"  # May 21 - Jun 19 = 30 days
    app = await reviews.decide(admin_ctx, "FC-2025-0001", outcome="uphold", findings="补偿按2024年标准计算，并无不当",
                               on=D(2025, 6, 16))
    app = await reviews.serve(admin_ctx, "FC-2025-0001", on=D(2025, 6, 18))
    assert app["state"] == "served"
    assert next(c for c in app["deadlines"] if c["clock"] == "rereview_window")["due"] == "2025-07-18"

    re = await reviews.submit(admin_ctx, kind="rereview", review_ref="FC-2025-0001", applicant=Applicant("张三"),
                              request="撤销复查意见", reasons="复查未调查补偿面积", received_on=D(2025, 7, 1),
                              receiving_organ="city-gov")
    assert re["ref"] == "FH-2025-0001" and re["challenged"]["organ"] == "county-gov"
    await reviews.accept(admin_ctx, "FH-2025-0001", on=D(2025, 7, 2))
    await reviews.decide(admin_ctx, "FH-2025-0001", outcome="维持", findings="复查意见认定事实清楚", on=D(2025, 7, 25))
    await reviews.serve(admin_ctx, "FH-2025-0001", on=D(2025, 7, 28))

    status = await reviews.matter_status(admin_ctx, "M-001")
    assert status["terminated"] and status["termination"]["reason"] == "rereview_served"
    message = "该事项已于2025年7月28日复核终结（三级终结），同一事实和理由不再受理"
    assert status["termination"]["message"] == message

    new = PetitionItem(ref="XF-T-NEW", received_on=D(2025, 8, 1), channel=Channel.VISIT, summary="再次反映补偿问题",
                       petitioners=[Petitioner("张三")], matter_ref="M-001")
    with pytest.raises(RuleViolation) as exc:
        await register.register_item(admin_ctx, new)
    assert message in exc.value.detail
    # Follow-up persuasion is still recorded, as the plugin's own record.
    f = await reviews.add_followup(admin_ctx, "M-001", kind="教育疏导", staff="王干部", note="上门解释复核意见",
                                   on=D(2025, 8, 2))
    assert f["kind"] == "persuasion"
    assert len((await reviews.matter_status(admin_ctx, "M-001"))["followups"]) == 1
    # A new review on the terminated matter fails the termination ground.
    item2 = await opinion(D(2025, 7, 20), matter="M-002")
    other = await lodge(admin_ctx, item2, D(2025, 8, 1))
    assert (await reviews.examine(admin_ctx, other["ref"]))["checklist"][-1]["passed"] is True


async def test_late_application_is_refused_naming_the_rule_with_a_notice(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    app = await lodge(admin_ctx, item, D(2025, 6, 6))
    with pytest.raises(RuleViolation) as exc:
        await reviews.accept(admin_ctx, app["ref"], on=D(2025, 6, 9))
    assert exc.value.rule == "review.request_window"
    refused = await reviews.refuse(admin_ctx, app["ref"], on=D(2025, 6, 9))
    assert refused["state"] == "not_accepted" and refused["refused_ground"] == "window"
    notice = next(c for c in refused["deadlines"] if c["clock"] == "nonacceptance_notice")
    assert notice["rule_id"] == "review.nonacceptance_notice" and notice["status"] == "met"
    html, name = await reviews.document(admin_ctx, app["ref"], "notice", output="html")
    text = html.decode()
    assert "不予受理告知书" in text and "超过自信访处理意见送达之日" in text and "截至2025年6月5日" in text
    assert "根据《信访工作条例》的有关规定，本机关决定不予受理" in text
    assert name.endswith(".html")


async def test_force_majeure_recorded_makes_a_late_application_timely(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    app = await lodge(admin_ctx, item, D(2025, 6, 8))
    await reviews.record_force_majeure(admin_ctx, app["ref"], start=D(2025, 5, 20), end=D(2025, 5, 24),
                                       reason="洪水冲毁道路，无法前往")
    accepted = await reviews.accept(admin_ctx, app["ref"], on=D(2025, 6, 9))
    window = next(r for r in accepted["checklist"] if r["ground"] == "window")
    assert window["passed"] and window["data"]["force_majeure_days"] == 5


async def test_wrong_level_and_declared_grounds(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    skip = await lodge(admin_ctx, item, D(2025, 5, 20), receiving_organ="city-gov")
    checked = await reviews.examine(admin_ctx, skip["ref"])
    assert [r["ground"] for r in checked["checklist"] if not r["passed"]] == ["level"]
    good = await lodge(admin_ctx, item, D(2025, 5, 21))
    await reviews.declare(admin_ctx, good["ref"], declared_route="已向县人民法院提起行政诉讼")
    refused = await reviews.refuse(admin_ctx, good["ref"])
    assert refused["refused_ground"] == "statutory_route"


async def test_second_application_on_an_accepted_opinion_is_refused(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    first = await lodge(admin_ctx, item, D(2025, 5, 20))
    second = await lodge(admin_ctx, item, D(2025, 5, 21))
    await reviews.accept(admin_ctx, first["ref"])
    checked = await reviews.examine(admin_ctx, second["ref"])
    failed = [r for r in checked["checklist"] if not r["passed"]]
    assert [r["ground"] for r in failed] == ["accepted_elsewhere"] and failed[0]["data"]["refs"] == [first["ref"]]


async def test_unserved_opinion_and_unknown_organ(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(None)
    app = await lodge(admin_ctx, item, D(2025, 5, 20))
    refused = await reviews.refuse(admin_ctx, app["ref"])
    assert refused["refused_ground"] == "opinion_served"
    unknown = await opinion(D(2025, 5, 6), unit="某某办公室")
    with pytest.raises(ValidationFailed) as exc:
        await lodge(admin_ctx, unknown, D(2025, 5, 20))
    assert exc.value.errors[0].field == "original_organ"
    ok = await lodge(admin_ctx, unknown, D(2025, 5, 20), original_organ="county-housing", receiving_organ="city-housing")
    assert (await reviews.accept(admin_ctx, ok["ref"]))["state"] == "accepted"


async def test_remand_and_redo(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    app = await lodge(admin_ctx, item, D(2025, 5, 20))
    await reviews.accept(admin_ctx, app["ref"], on=D(2025, 5, 21))
    with pytest.raises(ValidationFailed):
        await reviews.decide(admin_ctx, app["ref"], outcome="revoke_remand", findings="事实不清", on=D(2025, 6, 10))
    await reviews.decide(admin_ctx, app["ref"], outcome="revoke_remand", findings="补偿面积未核实", on=D(2025, 6, 10),
                         redo_due_on=D(2025, 7, 10))
    await reviews.serve(admin_ctx, app["ref"], on=D(2025, 6, 12))
    with pytest.raises(RuleViolation) as exc:
        await reviews.record_redo(admin_ctx, app["ref"], conclusion="not_support", issued_on=D(2025, 7, 1),
                                  same_facts=True)
    assert exc.value.rule == "review.remand_no_same_conclusion"
    done = await reviews.record_redo(admin_ctx, app["ref"], conclusion="support", issued_on=D(2025, 7, 1),
                                     served_on=D(2025, 7, 3), same_facts=True, approved_by="临江县人民政府")
    assert done["redo"]["late"] is False
    # The redone opinion can be reviewed in its turn.
    again = await reviews.submit(admin_ctx, kind="review", redo_of=app["ref"], applicant=Applicant("张三"),
                                 request="补偿金额仍偏低", reasons="面积计算有误", received_on=D(2025, 7, 20),
                                 receiving_organ="county-gov")
    assert again["challenged"]["kind"] == "redone_opinion" and again["challenged"]["served_on"] == "2025-07-03"


async def test_lapsed_windows_terminate_only_when_they_lapsed(admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    matter = "M-001"
    late = await lodge(admin_ctx, item, D(2025, 6, 20))
    with pytest.raises(RuleViolation, match=late["ref"]):
        await reviews.terminate(admin_ctx, matter, "review_window_lapsed")
    await reviews.refuse(admin_ctx, late["ref"])  # a refused late application does not keep the window open
    t = await reviews.terminate(admin_ctx, matter, "逾期未请求复查")
    assert t["terminated_on"] == "2025-06-06" and t["basis_ref"] == item
    assert "未在法定期限内请求复查" in t["message"]
    with pytest.raises(Conflict):
        await reviews.terminate(admin_ctx, matter, "certified_concluded", note="终结备案")


async def test_verification_termination_needs_the_guangdong_param(admin_ctx: Any, opinion: Any) -> None:
    await opinion(D(2025, 5, 6))
    with pytest.raises(RuleViolation) as exc:
        await reviews.terminate(admin_ctx, "M-001", "verification_completed", note="核查完成")
    assert exc.value.rule == "termination.verification_terminal"


async def test_permissions_and_masking(ctx_for: Any, admin_ctx: Any, opinion: Any) -> None:
    item = await opinion(D(2025, 5, 6))
    officer = await ctx_for("review_officer")
    leader = await ctx_for("leader")
    app = await lodge(officer, item, D(2025, 5, 20),
                      applicant=Applicant("张三", id_number="440106198001010019", phone="13812345678"))
    assert app["applicant"]["id_number"] == "440106********0019" and app["personal_data_masked"]
    with pytest.raises(PermissionDenied):
        await reviews.submit(leader, kind="review", item_ref=item, applicant=Applicant("张三"), request="x", reasons="y",
                             receiving_organ="county-gov")
    accepted = await reviews.accept(leader, app["ref"])
    assert accepted["state"] == "accepted"
    full = await reviews.get_application(admin_ctx, app["ref"])
    assert full["applicant"]["id_number"] == "440106198001010019" and not full["personal_data_masked"]
    with pytest.raises(InvalidTransition):
        await reviews.refuse(admin_ctx, app["ref"])
    with pytest.raises(Conflict):
        await reviews.withdraw(admin_ctx, app["ref"], version=1)


async def test_every_change_is_audited_under_the_matter_with_personal_data_masked(admin_ctx: Any, opinion: Any) -> None:
    from hearing_core.audit.tables import AuditEntry

    item = await opinion(D(2025, 5, 6))
    app = await lodge(admin_ctx, item, D(2025, 5, 20),
                      applicant=Applicant("张三", id_number="440106198001010019", phone="13812345678"))
    await reviews.declare(admin_ctx, app["ref"], accepted_elsewhere="")
    await reviews.accept(admin_ctx, app["ref"], on=D(2025, 5, 21))
    await reviews.add_pause(admin_ctx, app["ref"], kind="appraisal", start=D(2025, 5, 25), end=D(2025, 5, 30))
    await reviews.decide(admin_ctx, app["ref"], outcome="modify", findings="面积有误", new_conclusion="按120平方米补偿",
                         on=D(2025, 6, 20))
    await reviews.serve(admin_ctx, app["ref"], on=D(2025, 6, 21))
    rows = await AuditEntry.select().where(AuditEntry.object_type == "review_application").order_by(
        AuditEntry.id).output(load_json=True).run()
    assert [r["action"] for r in rows] == ["review.apply", "review.declare", "review.accept", "review.add_pause",
                                           "review.decide", "review.serve"]
    assert {r["subject_ref"] for r in rows} == {"M-001"}
    assert "440106198001010019" not in str([r["before"] for r in rows] + [r["after"] for r in rows])
    view = await reviews.get_application(admin_ctx, app["ref"])
    decision = next(c for c in view["deadlines"] if c["clock"] == "decision")
    # May 21 - Jun 19 = 30 days; appraisal 25-30 May (6 days) not counted -> Wed 25 Jun; decided 20 Jun: met.
    assert decision["due"] == "2025-06-25" and decision["paused_days"] == 6 and decision["status"] == "met"
    reads = await AuditEntry.select().where(AuditEntry.action == "review.read_personal").run()
    assert len(reads) == 1
