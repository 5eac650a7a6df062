from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearing_core import hookimpl
from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import InvalidTransition, RuleViolation
from hearing_core.petitions import service
from tests.petitions.conftest import draft, set_today

D = dt.date


class Recorder:
    """A test plugin recording the register's events and refusing items mentioning 终结."""

    def __init__(self) -> None:
        self.events: list[tuple[str, ...]] = []

    @hookimpl
    def petition_item_registered(self, app: Any, item: Any, actor: Any) -> None:
        self.events.append(("registered", item.ref, actor.username))

    @hookimpl
    def case_transitioned(self, app: Any, kind: str, obj: Any, source: str, target: str, action: str) -> None:
        self.events.append((kind, action, source, target))

    @hookimpl
    async def refuse_petition_item(self, app: Any, item: Any, matter: Any) -> str | None:
        if "已终结" in item.summary:
            return f"事项{matter.ref if matter else ''}已三级终结，不再受理"
        return None


async def test_assigned_item_through_every_step(app: Any, registrar: Any, officer: Any) -> None:
    set_today(app, D(2025, 12, 31))
    record = await service.register_item(registrar, draft(ref="XF-A"))
    steps = [
        service.accept(officer, "XF-A", on=D(2025, 9, 22)),
        service.assign(officer, "XF-A", "县自然资源局", D(2025, 10, 31), on=D(2025, 9, 23)),
        service.extend(officer, "XF-A", 30, "需要补充测绘", on=D(2025, 10, 20)),
        service.report_completion(officer, "XF-A", "已核实，补偿款已于11月发放", on=D(2025, 11, 5)),
        service.issue_opinion(officer, "XF-A", "支持", on=D(2025, 11, 10)),
        service.record_service(officer, "XF-A", served_on=D(2025, 11, 12)),
        service.conclude(officer, "XF-A", on=D(2025, 11, 20)),
    ]
    states = []
    for step in steps:
        record = await step
        states.append(record.status)
    assert states == ["accepted", "assigned", "assigned", "assigned", "opinion_issued", "opinion_issued", "concluded"]
    d = record.disposition
    assert (d.handling_unit, d.extension_days, str(d.opinion)) == ("县自然资源局", 30, "support")
    assert record.version == 8 and record.disposition.allowed_actions() == []
    assert record.masked and record.item.petitioners[0].phone == "138****5678"
    actions = [r["action"] for r in await AuditEntry.select(AuditEntry.action).order_by(AuditEntry.id).run()]
    assert [a for a in actions if a.startswith("petition.")] == [
        "petition.register", "petition.accept", "petition.assign", "petition.extend", "petition.report_completion",
        "petition.issue_opinion", "petition.record_service", "petition.conclude",
    ]
    entry = await AuditEntry.select().where(AuditEntry.action == "petition.assign").first().output(load_json=True).run()
    assert entry["before"]["status"] == "accepted" and entry["after"]["status"] == "assigned"
    assert entry["after"]["assignment_due_on"] == "2025-10-31" and entry["subject_ref"] == "XF-A"


async def test_invalid_action_names_state_and_allowed_actions(app: Any, registrar: Any, officer: Any) -> None:
    await service.register_item(registrar, draft(ref="XF-B"))
    with pytest.raises(InvalidTransition) as caught:
        await service.conclude(officer, "XF-B")
    assert caught.value.state == "registered"
    assert caught.value.allowed == ["accept", "not_accept", "route_to_statutory"]
    await service.not_accept(officer, "XF-B", "不属于本级管辖")
    with pytest.raises(InvalidTransition) as again:
        await service.accept(officer, "XF-B")
    assert again.value.state == "not_accepted" and again.value.allowed == []


async def test_extension_once_and_at_most_the_profile_maximum(app: Any, registrar: Any, officer: Any) -> None:
    await service.register_item(registrar, draft(ref="XF-C"))
    await service.accept(officer, "XF-C", on=D(2025, 9, 22))
    with pytest.raises(RuleViolation) as too_long:
        await service.extend(officer, "XF-C", 31, "复杂")
    assert too_long.value.rule == "handling.extension_max" and "30" in too_long.value.detail
    record = await service.extend(officer, "XF-C", 30, "复杂")
    handling = next(c for c in record.deadlines or [] if c["rule_id"] == "handling.deadline")
    assert handling["extended_by"] == 30
    with pytest.raises(RuleViolation) as twice:
        await service.extend(officer, "XF-C", 5, "再延")
    assert twice.value.rule == "handling.extension_once"


async def test_not_accept_other_needs_note_and_route(app: Any, registrar: Any, officer: Any) -> None:
    from hearing_core.errors import ValidationFailed

    await service.register_item(registrar, draft(ref="XF-D"))
    with pytest.raises(ValidationFailed):
        await service.not_accept(officer, "XF-D", "other")
    with pytest.raises(ValidationFailed) as bad:
        await service.not_accept(officer, "XF-D", "nonsense")
    assert bad.value.errors[0].field == "reason"
    routed = await service.route_to_statutory(officer, "XF-D", "诉讼")
    assert routed.status == "routed_to_statutory_procedure" and routed.overdue is False


async def test_transfer_and_date_order(app: Any, registrar: Any, officer: Any) -> None:
    from hearing_core.errors import ValidationFailed

    await service.register_item(registrar, draft(ref="XF-E"))
    with pytest.raises(ValidationFailed):
        await service.accept(officer, "XF-E", on=D(2025, 9, 1))  # before it was received
    with pytest.raises(ValidationFailed):
        await service.accept(officer, "XF-E", on=D(2025, 12, 1))  # in the future
    await service.accept(officer, "XF-E", on=D(2025, 9, 22))
    record = await service.transfer(officer, "XF-E", "县人社局", on=D(2025, 9, 23))
    assert record.status == "transferred" and "report_completion" not in record.disposition.allowed_actions()


async def test_events_fire_and_veto_refuses(make_app: Any) -> None:
    from hearing_core.context import ServiceContext
    from hearing_core.petitions.tables import PetitionItem as ItemRow
    from hearing_core.security.service import actor_by_username

    recorder = Recorder()
    app = await make_app(extra_plugins=[("veto", recorder)])
    set_today(app, D(2025, 10, 9))
    admin = ServiceContext(app, await actor_by_username(app, "admin"))
    await service.register_item(admin, draft(ref="XF-F", matter_ref="M-F"), create_matter=True)
    await service.accept(admin, "XF-F", on=D(2025, 9, 22))
    assert recorder.events == [("registered", "XF-F", "admin"), ("petition_item", "accept", "registered", "accepted")]
    with pytest.raises(RuleViolation) as refused:
        await service.register_item(admin, draft(ref="XF-G", matter_ref="M-F", summary="此事项已终结仍来信"))
    assert refused.value.rule == "intake.refused_by_plugin" and refused.value.source == "veto"
    assert "事项M-F已三级终结" in refused.value.detail
    assert not await ItemRow.exists().where(ItemRow.ref == "XF-G").run()
