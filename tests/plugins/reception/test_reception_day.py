"""The reception day and its follow-up on a real database, through the core register."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_reception.domain import Visitor
from hearing_reception.services import day, followup, planning
from hearing_reception.views import show_case

from hearing_core.errors import (
    CalendarNotCovered,
    Conflict,
    InvalidTransition,
    PermissionDenied,
    RuleViolation,
    ValidationFailed,
)
from tests.plugins.reception.conftest import build_scheme, id_number

DAY = dt.date(2025, 10, 15)


async def open_day(admin: Any) -> int:
    await build_scheme(admin)
    r = await planning.create_reception(admin, day=DAY, place="县信访局", leaders=["zhao-head"], title="县长接访日")
    await day.open_reception(admin, r.id)
    return r.id  # type: ignore[return-value]


def batch(name: str = "张秀英", seq: int = 1, persons: int = 3, **kw: Any) -> day.VisitorDraft:
    people = [Visitor(name, id_number(seq), "13812345678", "东城镇红星村3组")]
    return day.VisitorDraft(persons, people, kw.pop("summary", "反映征地补偿款至今未足额发放"), category="土地征收", **kw)


async def test_visitors_become_petition_items_of_the_core_register(admin: Any, hearing_app: Any) -> None:
    from hearing_core.petitions.service import get_item

    reception_id = await open_day(admin)
    case, suggestions = await day.register_visitors(admin, reception_id, batch(new_matter=True))
    assert suggestions == [] and case.batch_no == 1 and case.category == "land_expropriation"
    item = await get_item(admin, case.item_ref)
    assert (item.item.channel.value, item.item.persons, item.item.received_on) == ("visit", 3, DAY)
    assert item.matter_ref == f"M-{case.item_ref}" and item.item.petitioners[0].id_number == id_number(1)
    # The same petitioner again: the register suggests the first item, with its evidence.
    again, suggestions = await day.register_visitors(admin, reception_id, batch(summary="征地补偿款未足额发放", persons=1))
    assert suggestions[0]["ref"] == case.item_ref and suggestions[0]["score"] >= 0.6
    assert again.batch_no == 2 and again.item_ref != case.item_ref
    # Confirmed as a repeat: the third batch joins the matter in the register.
    third, _ = await day.register_visitors(admin, reception_id, batch(persons=1, matter_ref=item.matter_ref))
    assert (await get_item(admin, third.item_ref)).matter_ref == item.matter_ref
    actions = [r["action"] for r in await hearing_app.db.fetch("SELECT action FROM hearing_audit_entry ORDER BY id")]
    assert actions.count("petition.register") == 3 and actions.count("reception.case.register") == 3


async def test_linking_an_item_already_registered_that_day(admin: Any) -> None:
    from hearing_core.petitions.domain import Channel, Petitioner, PetitionItem
    from hearing_core.petitions.service import register_item

    reception_id = await open_day(admin)
    record = await register_item(admin, PetitionItem("", DAY, Channel.VISIT, "反映拖欠工资", 2, [Petitioner("刘建国")]))
    case, _ = await day.register_visitors(
        admin, reception_id, day.VisitorDraft(2, [Visitor("刘建国")], "反映拖欠工资", item_ref=record.ref))
    assert case.item_ref == record.ref
    with pytest.raises(Conflict, match="already linked"):
        await day.register_visitors(admin, reception_id, day.VisitorDraft(2, [Visitor("刘建国")], "x", item_ref=record.ref))
    earlier = await register_item(admin, PetitionItem("", DAY - dt.timedelta(days=3), Channel.VISIT, "旧事", 1, [Petitioner("何")]))
    with pytest.raises(RuleViolation, match="not on the reception day"):
        await day.register_visitors(admin, reception_id, day.VisitorDraft(1, [Visitor("何")], "旧事", item_ref=earlier.ref))


async def test_registration_is_checked_before_anything_is_stored(admin: Any, hearing_app: Any) -> None:
    reception_id = await open_day(admin)
    bad = day.VisitorDraft(1, [Visitor("张三", "440106198001010050")], "x")  # wrong check character
    with pytest.raises(ValidationFailed) as info:
        await day.register_visitors(admin, reception_id, bad)
    assert info.value.errors[0].field == "petitioners.0.id_number"
    with pytest.raises(ValidationFailed) as info:
        await day.register_visitors(admin, reception_id, day.VisitorDraft(1, [Visitor("甲"), Visitor("乙")], ""))
    assert {e.field for e in info.value.errors} == {"summary", "petitioners"}
    rows = await hearing_app.db.fetch("SELECT COUNT(*) AS n FROM hearing_petition_item")
    assert rows[0]["n"] == 0


async def test_visitors_only_while_the_day_is_open_and_close_needs_every_batch_heard(admin: Any) -> None:
    await build_scheme(admin)
    r = await planning.create_reception(admin, day=DAY, place="县信访局", leaders=["zhao-head"])
    with pytest.raises(InvalidTransition, match="register_visitors"):
        await day.register_visitors(admin, r.id, batch())
    await day.open_reception(admin, r.id)
    case, _ = await day.register_visitors(admin, r.id, batch())
    with pytest.raises(RuleViolation, match="still waiting"):
        await day.close_reception(admin, r.id)
    await day.hear(admin, case.id, "当场讲解政策", "当场解决")
    held = await day.close_reception(admin, r.id)
    assert held.state == "held"
    late = await day.set_participants(admin, r.id, ["zhao-head", "zheng-dept", "chen-town"])
    assert [p.level for p in late.participants] == ["county", "department", "town"]


async def test_follow_up_deadlines_come_from_the_profile(admin: Any, ctx_for: Any) -> None:
    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    await day.hear(admin, case.id, "请县自然资源局核实", "by_deadline")
    leader, officer = await ctx_for("leader"), await ctx_for("handling_officer")
    instructed = await followup.instruct(leader, case.id, "请十日内核实答复", on=DAY)
    assert instructed.instructed_by == "leader用户" and instructed.transfer_due == dt.date(2025, 10, 17)
    moved = await followup.transfer(admin, case.id, "县自然资源局", on=dt.date(2025, 10, 18))
    assert moved.transfer_late(dt.date(2026, 1, 10)) is True
    # reception.department_reply: 15 days in the tests' instance profile; day 15 is Sunday
    # 2 November, so the period ends on Monday 3 November (民法典第二百零三条).
    assert moved.reply_due == dt.date(2025, 11, 3) and moved.reply_due_basis.startswith("reception.department_reply")
    with pytest.raises(PermissionDenied, match="reception.reply"):
        await followup.reply(leader, case.id, "x", resolved=True)
    replied = await followup.reply(officer, case.id, "已补发差额", resolved=True, on=dt.date(2025, 10, 30))
    assert replied.reply_overdue(dt.date(2026, 1, 10)) is False
    closed = await followup.feedback(admin, case.id, "基本满意", on=dt.date(2025, 11, 3))
    assert closed.state == "closed" and closed.feedback == "basically_satisfied"
    late = (await followup.list_cases(admin, followup.CaseFilter(transfer_late=True))).items
    assert [c.id for c in late] == [case.id]


async def test_an_instruction_is_kept_while_the_calendar_lacks_its_year(
    admin: Any, hearing_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No holiday schedule for the year yet: the instruction is recorded with its transfer limit
    open, and the limit is fixed at the transfer, once the schedule is there."""
    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    await day.hear(admin, case.id, "请县自然资源局核实", "by_deadline")
    with_schedule = hearing_app.deadline

    def without_schedule(rule_id: str, start: dt.date, **kw: Any) -> Any:
        raise CalendarNotCovered(f"the holiday calendar has no schedule for {start.year}", year=start.year)

    monkeypatch.setattr(hearing_app, "deadline", without_schedule)
    instructed = await followup.instruct(admin, case.id, "请十日内核实答复", leader="赵强", on=DAY)
    assert (instructed.state, instructed.transfer_due) == ("instructed", None)
    assert (await followup.get_case(admin, case.id)).transfer_due is None
    monkeypatch.setattr(hearing_app, "deadline", with_schedule)
    moved = await followup.transfer(admin, case.id, "县自然资源局", on=dt.date(2025, 10, 18))
    assert moved.transfer_due == dt.date(2025, 10, 17) and moved.transfer_late(dt.date(2026, 1, 10)) is True
    assert (await followup.get_case(admin, case.id)).transfer_due == dt.date(2025, 10, 17)


async def test_a_bureau_set_reply_date_and_an_overdue_reply(admin: Any) -> None:
    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    await day.hear(admin, case.id, "请人社局督办", "by_deadline")
    await followup.instruct(admin, case.id, "请依法督促", leader="赵强", on=DAY)
    await followup.transfer(admin, case.id, "县人社局", on=dt.date(2025, 10, 16), reply_due=dt.date(2025, 10, 25))
    overdue = (await followup.list_cases(admin, followup.CaseFilter(overdue=True))).items
    assert [(c.id, c.reply_due_basis) for c in overdue] == [(case.id, "set by the bureau")]
    with pytest.raises(RuleViolation, match="before the transfer"):
        other, _ = await day.register_visitors(admin, reception_id, batch("李四", 2))
        await day.hear(admin, other.id, "x", "by_deadline")
        await followup.instruct(admin, other.id, "y", on=DAY)
        await followup.transfer(admin, other.id, "县人社局", on=dt.date(2025, 10, 16), reply_due=dt.date(2025, 10, 1))


async def test_an_unconfigured_reply_rule_tells_the_administrator(make_app: Any) -> None:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    app = await make_app(plugins=("reception",))  # national profile: reception.department_reply has no length
    app.clock = lambda: dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    admin = ServiceContext(app, await actor_by_username(app, "admin"))
    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    await day.hear(admin, case.id, "x", "by_deadline")
    await followup.instruct(admin, case.id, "y", on=DAY)
    with pytest.raises(RuleViolation) as info:
        await followup.transfer(admin, case.id, "县人社局", on=dt.date(2025, 10, 16))
    assert info.value.rule == "reception.department_reply"
    assert (await followup.transfer(admin, case.id, "县人社局", on=dt.date(2025, 10, 16),
                                    reply_due=dt.date(2025, 10, 31))).state == "transferred"


async def test_stale_versions_and_roles(admin: Any, ctx_for: Any) -> None:
    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    with pytest.raises(Conflict, match="version 1, you sent 7"):
        await day.hear(admin, case.id, "x", "guidance", version=7)
    leader = await ctx_for("leader")
    with pytest.raises(PermissionDenied, match="reception.desk"):
        await day.register_visitors(leader, reception_id, batch())
    with pytest.raises(ValidationFailed, match="invalid outcome"):
        await day.hear(admin, case.id, "x", "solved")


async def test_personal_data_is_masked_without_the_right(admin: Any, ctx_for: Any, hearing_app: Any) -> None:
    async def views() -> list[str]:
        rows = await hearing_app.db.fetch(
            "SELECT actor FROM hearing_audit_entry WHERE action = 'personal_data.view' AND object_type = 'reception_case'")
        return [r["actor"] for r in rows]

    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    leader = await ctx_for("leader")  # reads receptions, has no personal_data.read
    masked = await show_case(leader, await followup.get_case(leader, case.id))
    person = masked["petitioners"][0]
    assert masked["masked"] is True
    assert person == {"name": "张*英", "id_number": id_number(1)[:6] + "********" + id_number(1)[-4:],
                      "phone": "138****5678", "address": "东城镇红星村****"}
    assert await views() == []
    registrar = await ctx_for("registrar")
    full = await show_case(registrar, await followup.get_case(registrar, case.id))
    assert full["masked"] is False and full["petitioners"][0]["id_number"] == id_number(1)
    assert await views() == ["registrar"]  # the unmasked read is on record


async def test_events_are_fired_inside_the_transaction(make_app: Any, settings: Any) -> None:
    from hearing_core import hookimpl
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username
    from tests.plugins.reception.conftest import write_profile

    seen: list[tuple[str, str, str, str]] = []

    class Listener:
        @hookimpl
        def case_transitioned(self, kind: str, source: str, target: str, action: str) -> None:
            seen.append((kind, action, source, target))

    write_profile(settings.data_dir)
    app = await make_app(plugins=("reception",), extra_plugins=[("listener", Listener())], rule_profile="county")
    app.clock = lambda: dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    admin = ServiceContext(app, await actor_by_username(app, "admin"))
    reception_id = await open_day(admin)
    case, _ = await day.register_visitors(admin, reception_id, batch())
    await day.hear(admin, case.id, "x", "on_spot")
    await day.close_reception(admin, reception_id)
    assert seen == [
        ("leader_reception", "open", "planned", "in_progress"),
        ("reception_case", "hear", "waiting", "heard"),
        ("leader_reception", "close", "in_progress", "held"),
    ]
