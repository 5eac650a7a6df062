"""The reception log on a real database: register items, dispositions, scope, masking, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_mediation import reception
from hearing_mediation.domain import Party, PartyRole, ReceptionBatch
from hearing_mediation.reception import Disposal
from mediation_helpers import id_number

from hearing_core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, RuleViolation
from hearing_core.petitions import service as register
from hearing_core.petitions.domain import Channel, PetitionItem
from hearing_core.petitions.domain.item import Petitioner

DAY = dt.date(2025, 3, 3)


def batch(centre: dict[str, Any], persons: int = 2, **changes: Any) -> ReceptionBatch:
    data: dict[str, Any] = {
        "centre_id": centre["id"], "received_on": DAY, "persons": persons,
        "petitioners": [Petitioner("张秀英", id_number("19650312", "201"), "13812345678")],
        "matter": "咨询养老保险补缴政策",
    }
    data.update(changes)
    return ReceptionBatch(**data)


async def audit_rows(object_type: str) -> list[dict[str, Any]]:
    from hearing_core.audit.tables import AuditEntry

    return await AuditEntry.select().where(AuditEntry.object_type == object_type).order_by(AuditEntry.id).output(load_json=True).run()


async def test_a_batch_is_a_visit_item_of_the_register(desk: Any, admin_ctx: Any, centre: dict[str, Any]) -> None:
    out = await reception.receive(desk, batch(centre, persons=3))
    assert out["ref"] == "CGZ-JD-2025-0001" and out["disposition"] == "received"
    item = await register.get_item(admin_ctx, out["item_ref"])
    assert (item.item.channel, item.item.persons, item.status) == (Channel.VISIT, 3, "registered")
    assert item.item.petitioners[0].name == "张秀英" and item.registered_by == "desk1"
    assert out["register"]["status"] == "registered"
    assert [d["rule_id"] for d in out["register"]["deadlines"]] == ["intake.disposition"]
    second = await reception.receive(desk, batch(centre))
    assert second["ref"] == "CGZ-JD-2025-0002" and second["item_ref"] != out["item_ref"]


async def test_linking_a_registered_visit_never_registers_it_twice(desk: Any, admin_ctx: Any, centre: dict[str, Any]) -> None:
    item = PetitionItem("", DAY, Channel.VISIT, "反映拖欠工资", persons=4, petitioners=[Petitioner("刘建国")])
    record = await register.register_item(admin_ctx, item)
    before = (await register.list_items(admin_ctx)).total
    out = await reception.receive(desk, batch(centre, persons=1, matter="ignored"), item_ref=record.ref)
    assert (out["item_ref"], out["persons"], out["matter"]) == (record.ref, 4, "反映拖欠工资")
    assert [p["name"] for p in out["petitioners"]] == ["刘建国"]
    assert (await register.list_items(admin_ctx)).total == before
    with pytest.raises(Conflict):
        await reception.receive(desk, batch(centre), item_ref=record.ref)
    letter = await register.register_item(admin_ctx, PetitionItem("", DAY, Channel.LETTER, "来信", petitioners=[Petitioner("甲")]))
    with pytest.raises(RuleViolation):
        await reception.receive(desk, batch(centre), item_ref=letter.ref)


async def test_repeat_visit_joins_the_register_matter(desk: Any, admin_ctx: Any, centre: dict[str, Any]) -> None:
    await register.create_matter(admin_ctx, "M-2025-7", "养老保险补缴")
    out = await reception.receive(desk, batch(centre, matter_ref="M-2025-7"))
    assert out["matter_ref"] == "M-2025-7"
    assert (await register.get_matter(admin_ctx, "M-2025-7")).as_dict()["item_count"] == 1
    suggestions = await reception.suggest_matches(desk, batch(centre))
    assert suggestions and suggestions[0]["ref"] == out["item_ref"]


@pytest.mark.parametrize(
    ("disposal", "state", "register_status"),
    [
        (Disposal("explain", note="讲解补缴政策"), "explained_on_spot", "not_accepted"),
        (Disposal("transfer", unit="县人社局"), "transferred", "transferred"),
        (Disposal("assign", unit="城关镇人民政府", due_on=dt.date(2025, 3, 20)), "assigned", "assigned"),
        (Disposal("route", route="arbitration"), "routed_to_statutory_procedure", "routed_to_statutory_procedure"),
        (Disposal("refer_to_leader", leader="县长"), "leader_reception", "accepted"),
        (Disposal("joint_reception", units=["县人社局", "县住建局"]), "joint_reception", "accepted"),
    ],
)
async def test_each_disposition_is_recorded_on_the_register_item(
    desk: Any, admin_ctx: Any, centre: dict[str, Any], disposal: Disposal, state: str, register_status: str
) -> None:
    out = await reception.receive(desk, batch(centre))
    disposal.on = DAY
    done = await reception.dispose(desk, out["id"], disposal, version=out["version"])
    assert done["disposition"] == state and done["disposed_on"] == DAY.isoformat()
    item = await register.get_item(admin_ctx, out["item_ref"])
    assert item.status == register_status
    if state == "explained_on_spot":
        assert str(item.disposition.not_accepted_reason) == "explained_on_spot"
    if state == "assigned":
        assert item.disposition.assignment_due_on == dt.date(2025, 3, 20)
    with pytest.raises(InvalidTransition):
        await reception.dispose(desk, out["id"], Disposal("explain", note="再解释", on=DAY))


async def test_assignment_defaults_to_the_registers_handling_deadline(desk: Any, centre: dict[str, Any]) -> None:
    out = await reception.receive(desk, batch(centre), disposal=Disposal("assign", unit="城关镇人民政府", on=DAY))
    # 60 calendar days from Mon 3 March 2025: 2 May falls in the Labour Day holiday → Wed 7 May.
    assert out["assignment_due_on"] == desk.app.deadline("handling.deadline", DAY).due.isoformat()
    assert out["register"]["disposition"]["assignment_due_on"] == out["assignment_due_on"]


async def test_mediate_opens_a_case_with_the_visitors_as_applicants(desk: Any, centre: dict[str, Any]) -> None:
    from hearing_mediation import cases

    respondent = Party("王建华", PartyRole.RESPONDENT, phone="13600003333")
    out = await reception.receive(desk, batch(centre), disposal=Disposal("mediate", on=DAY, respondents=[respondent]))
    case = await cases.get_case(desk, out["case_id"])
    assert case["reception_id"] == out["id"] and case["item_ref"] == out["item_ref"]
    assert [(p["name"], p["role"], p["consent"]) for p in case["parties"]] == [
        ("张秀英", "applicant", "agrees"), ("王建华", "respondent", "pending")]
    assert case["ref"] == "CGZ-TJ-2025-001" and case["state"] == "applied"


async def test_a_failed_register_call_rolls_back_the_batch(desk: Any, centre: dict[str, Any]) -> None:
    with pytest.raises(NotFound):
        await reception.receive(desk, batch(centre, matter_ref="M-NOT-THERE"))
    assert (await reception.list_reception(desk))["total"] == 0


async def test_other_centres_records_are_not_found(desk: Any, centre: dict[str, Any], other_centre: Any) -> None:
    other, stranger = other_centre
    out = await reception.receive(desk, batch(centre))
    with pytest.raises(NotFound) as hidden:
        await reception.get_reception(stranger, out["id"])
    with pytest.raises(NotFound) as missing:
        await reception.get_reception(stranger, 999)
    assert str(hidden.value).replace(str(out["id"]), "N") == str(missing.value).replace("999", "N")
    with pytest.raises(NotFound):
        await reception.dispose(stranger, out["id"], Disposal("explain", note="x", on=DAY))
    with pytest.raises(NotFound):
        await reception.receive(stranger, batch(centre))
    assert (await reception.list_reception(stranger))["total"] == 0
    mine = await reception.receive(stranger, batch(other))
    assert mine["ref"] == "DSZ-JD-2025-0001"


async def test_personal_data_masked_without_the_permission(desk: Any, centre: dict[str, Any], ctx_for: Any) -> None:
    out = await reception.receive(desk, batch(centre))
    assert out["petitioners"][0]["id_number"].startswith("440106196503122") and not out["personal_data_masked"]
    leader = await ctx_for("leader", username="leader1")
    seen = await reception.get_reception(leader, out["id"])
    assert seen["personal_data_masked"] is True
    assert seen["petitioners"][0]["id_number"] == "440106********" + out["petitioners"][0]["id_number"][-4:]
    assert seen["petitioners"][0]["phone"] == "138****5678"
    listed = await reception.list_reception(leader)
    assert listed["items"][0]["petitioners"][0]["phone"] == "138****5678"
    with pytest.raises(PermissionDenied):
        await reception.receive(leader, batch(centre))


async def test_every_change_is_audited_under_the_matter_or_item(desk: Any, centre: dict[str, Any]) -> None:
    out = await reception.receive(desk, batch(centre), disposal=Disposal("transfer", unit="县人社局", on=DAY))
    rows = [r for r in await audit_rows("mediation_reception") if r["action"] != "mediation.read_personal"]
    assert [r["action"] for r in rows] == ["mediation.reception.create", "mediation.reception.transfer"]
    assert {r["subject_ref"] for r in rows} == {out["item_ref"]} and {r["actor"] for r in rows} == {"desk1"}
    assert rows[1]["after"]["handling_unit"] == "县人社局"
    assert "13812345678" not in str(rows) and "张秀英" in str(rows[0]["after"])
