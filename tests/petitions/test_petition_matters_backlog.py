from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import Conflict, InvalidTransition, PermissionDenied, RuleViolation
from hearing_core.petitions import service
from hearing_core.petitions.domain import Petitioner
from hearing_core.petitions.service import backlog
from hearing_core.petitions.tables import PetitionMatter as MatterRow
from tests.petitions.conftest import draft, id_number, set_today

D = dt.date


async def test_repeat_suggestions_rank_same_id_first_and_link_confirms(app: Any, registrar: Any) -> None:
    same_id = draft(ref="XF-ID", matter_ref="M-LAND", received_on=D(2025, 8, 1),
                    summary="反映学校门口交通拥堵", request="", category="transport",
                    petitioners=[Petitioner("张三", id_number(), None)])
    similar_text = draft(ref="XF-TEXT", received_on=D(2025, 8, 2),
                         petitioners=[Petitioner("王五", id_number(777), None)])
    unrelated = draft(ref="XF-OTHER", received_on=D(2025, 8, 3), summary="咨询养老保险转移接续", request="",
                      category="labour_social_security", petitioners=[Petitioner("赵六", id_number(555), None)])
    await service.register_item(registrar, same_id, create_matter=True)
    await service.register_item(registrar, similar_text)
    await service.register_item(registrar, unrelated)
    new = await service.register_item(registrar, draft(ref="XF-NEW", received_on=D(2025, 9, 20)))
    suggestions = await service.suggest_for_item(registrar, "XF-NEW")
    assert [s["ref"] for s in suggestions] == ["XF-ID", "XF-TEXT"]
    assert suggestions[0]["matter_ref"] == "M-LAND" and "身份证号相同 (same ID number)" in suggestions[0]["reasons"]
    # The same for a draft that is not registered yet.
    drafted = await service.suggest_for_draft(registrar, draft(ref="", received_on=D(2025, 9, 21)))
    # XF-NEW has the same ID number and the same text; XF-ID the same ID only; XF-TEXT the text only.
    assert [s["ref"] for s in drafted] == ["XF-NEW", "XF-ID", "XF-TEXT"]
    linked = await service.link_item(registrar, "M-LAND", new.ref)
    assert linked.matter_ref == "M-LAND"
    matter = await service.get_matter(registrar, "M-LAND")
    assert [r.ref for r in matter.items] == ["XF-ID", "XF-NEW"] and matter.item_count == 2
    assert (matter.first_received_on, matter.last_received_on) == (D(2025, 8, 1), D(2025, 9, 20))
    assert matter.as_dict()["repeat_count"] == 1
    await service.create_matter(registrar, "M-ELSE", "另一事项")
    with pytest.raises(Conflict):  # moving an item is a deliberate unlink first
        await service.link_item(registrar, "M-ELSE", new.ref)
    unlinked = await service.unlink_item(registrar, new.ref)
    assert unlinked.matter_ref is None
    row = await MatterRow.select().where(MatterRow.ref == "M-LAND").first().run()
    assert row["last_received_on"] == D(2025, 8, 1)
    actions = {r["action"] for r in await AuditEntry.select(AuditEntry.action).run()}
    assert {"matter.create", "matter.link", "matter.unlink"} <= actions


async def test_backlog_ledger_lifecycle(app: Any, registrar: Any, ctx_for: Any) -> None:
    leader = await ctx_for("leader")
    await service.register_item(registrar, draft(ref="XF-B1", matter_ref="M-B"), create_matter=True)
    with pytest.raises(PermissionDenied):
        await backlog.add_case(registrar, "M-B", owning_leader="王副县长", responsible_unit="县自然资源局",
                               responsible_person="李科长", time_limit=D(2025, 12, 31))
    set_today(app, D(2025, 6, 10))
    case = await backlog.add_case(leader, "M-B", owning_leader="王副县长", responsible_unit="县自然资源局",
                                  responsible_person="李科长", time_limit=D(2025, 9, 30), origin="municipal")
    assert case.case.state == "listed" and case.as_dict()["allowed_actions"] == ["adopt_plan"]
    assert (await MatterRow.select(MatterRow.on_backlog).where(MatterRow.ref == "M-B").first().run())["on_backlog"]
    with pytest.raises(InvalidTransition):
        await backlog.resolve(leader, "M-B")
    await backlog.adopt_plan(leader, "M-B", "分期发放补偿款")
    await backlog.record_progress(leader, "M-B", "已召开协调会")
    with pytest.raises(RuleViolation):
        await backlog.record_progress(leader, "M-B", "同月第二次")
    set_today(app, D(2025, 8, 15))
    listed = await backlog.get_case(leader, "M-B")
    assert listed.as_dict()["missing_progress_months"] == ["2025-07"]
    await backlog.record_progress(leader, "M-B", "补报七月", month=D(2025, 7, 1))
    await backlog.extend_time_limit(leader, "M-B", D(2025, 12, 31), "县委副书记", "补偿资金分批到位")
    set_today(app, D(2026, 1, 5))
    overdue = await backlog.list_cases(leader, overdue=True)
    assert [r.case.matter_ref for r in overdue.items] == ["M-B"]
    await backlog.resolve(leader, "M-B", on=D(2025, 12, 20))
    done = await backlog.cease(leader, "M-B", on=D(2026, 1, 4))
    data = done.as_dict()
    assert data["state"] == "ceased_petitioning" and data["outcome"] == "ceased_petitioning"
    assert [p["month"] for p in data["progress"]] == ["2025-06", "2025-07"] and data["overdue"] is False
    assert (await backlog.list_cases(leader, overdue=True)).total == 0
    entries = await AuditEntry.select().where(AuditEntry.object_type == "backlog_case").output(load_json=True).run()
    assert [e["action"] for e in entries] == ["backlog.add", "backlog.adopt_plan", "backlog.record_progress",
                                              "backlog.record_progress", "backlog.extend_time_limit",
                                              "backlog.resolve", "backlog.cease"]
    assert all(e["subject_ref"] == "M-B" for e in entries)
    with pytest.raises(Conflict):
        await backlog.add_case(leader, "M-B", owning_leader="x", responsible_unit="y", responsible_person="z",
                               time_limit=D(2026, 12, 31))
