from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_core.petitions import service
from hearing_core.petitions.service import deadlines
from tests.petitions.conftest import draft, set_today

D = dt.date


async def test_intake_clock_across_national_day_is_explained(app: Any, registrar: Any) -> None:
    # Received Sat 2025-09-20: day 15 is Sun 5 Oct, inside the National Day holiday → rolled to Thu 9 Oct.
    await service.register_item(registrar, draft(ref="XF-ND", received_on=D(2025, 9, 20)))
    clocks = await deadlines.explain_item(registrar, "XF-ND", "intake.disposition")
    assert len(clocks) == 1
    clock = clocks[0]
    assert clock.due == D(2025, 10, 9) and clock.status == "due_soon" and clock.days_remaining == 0
    text = clock.deadline.explanation.to_text("zh") if clock.deadline else ""
    assert "国庆节" in text and "顺延" in text and "《信访条例》(2005) 第21条" in text
    assert "received" in text and "2025年9月20日" in text
    with pytest.raises(NotFound) as unknown:
        await deadlines.explain_item(registrar, "XF-ND", "review.request_window")
    assert "intake.disposition" in unknown.value.detail


async def test_handling_clock_recomputed_when_profile_changes(make_app: Any, settings: Any) -> None:
    """Nothing is stored: a profile that shortens the handling period shows at once."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    folder = Path(settings.data_dir) / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "short.toml").write_text(
        'name = "short"\ntitle = "短期限"\nextends = "national"\n\n[rules.handling.deadline]\nlength = 30\n'
        'source = "测试"\nconfidence = "D"\n', encoding="utf-8")
    first = await make_app()
    set_today(first, D(2025, 10, 9))
    admin = ServiceContext(first, await actor_by_username(first, "admin"))
    await service.register_item(admin, draft(ref="XF-P"))
    await service.accept(admin, "XF-P", on=D(2025, 9, 22))
    national = {c.rule_id: c.due for c in await deadlines.item_deadlines(admin, "XF-P")}
    await first.shutdown()
    second = await make_app(rule_profile="short")
    set_today(second, D(2025, 10, 9))
    admin2 = ServiceContext(second, await actor_by_username(second, "admin"))
    short = {c.rule_id: c.due for c in await deadlines.item_deadlines(admin2, "XF-P")}
    assert national["handling.deadline"] == D(2025, 11, 21)
    assert short["handling.deadline"] == D(2025, 10, 22)


async def test_due_lists_open_duty_clocks_soonest_first(app: Any, registrar: Any, officer: Any) -> None:
    set_today(app, D(2025, 10, 9))
    await service.register_item(registrar, draft(ref="XF-1", received_on=D(2025, 9, 20)))  # due today
    await service.register_item(registrar, draft(ref="XF-2", received_on=D(2025, 9, 1)))   # overdue
    await service.register_item(registrar, draft(ref="XF-3", received_on=D(2025, 10, 8)))  # due 10-23
    await service.register_item(registrar, draft(ref="XF-4", received_on=D(2025, 9, 2)))
    await service.not_accept(officer, "XF-4", "当场解释疏导", on=D(2025, 9, 3))           # closed: never listed
    await service.register_item(registrar, draft(ref="XF-5", received_on=D(2025, 9, 25)))
    await service.accept(officer, "XF-5", on=D(2025, 9, 26))
    await service.assign(officer, "XF-5", "县人社局", D(2025, 10, 10), on=D(2025, 9, 28))  # report due tomorrow
    rows = await deadlines.due(registrar, 7)
    assert [(r["ref"], r["rule_id"], r["due"], r["status"]) for r in rows] == [
        ("XF-2", "intake.disposition", "2025-09-16", "overdue"),
        ("XF-1", "intake.disposition", "2025-10-09", "due_soon"),
        ("XF-5", "assignment.report_due", "2025-10-10", "due_soon"),
    ]
    later = {(r["ref"], r["rule_id"]) for r in await deadlines.due(registrar, 50)}
    assert ("XF-3", "intake.disposition") in later and ("XF-5", "handling.deadline") in later
    with pytest.raises(ValidationFailed) as bad:
        await deadlines.due(registrar, -1)
    assert bad.value.errors == [FieldError("within", "must be 0 to 366 days")]


async def test_overdue_flag_and_filter_in_list(app: Any, registrar: Any, officer: Any) -> None:
    await service.register_item(registrar, draft(ref="XF-OLD", received_on=D(2025, 9, 1)))
    await service.register_item(registrar, draft(ref="XF-NEW", received_on=D(2025, 10, 8)))
    await service.register_item(registrar, draft(ref="XF-DONE", received_on=D(2025, 8, 1)))
    await service.route_to_statutory(officer, "XF-DONE", "litigation", on=D(2025, 8, 20))
    page = await service.list_items(registrar)
    assert {r.ref: r.overdue for r in page.items} == {"XF-OLD": True, "XF-NEW": False, "XF-DONE": False}
    overdue = await service.list_items(registrar, service.ItemFilter(overdue=True))
    assert [r.ref for r in overdue.items] == ["XF-OLD"] and overdue.total == 1
    on_time = await service.list_items(registrar, service.ItemFilter(overdue=False))
    assert [r.ref for r in on_time.items] == ["XF-NEW", "XF-DONE"]  # a closed item is not overdue


async def test_satisfaction_window_from_instance_profile(app: Any, registrar: Any, officer: Any) -> None:
    from hearing_core.errors import Conflict, RuleViolation
    from hearing_core.petitions.service import satisfaction

    set_today(app, D(2025, 12, 31))
    await service.register_item(registrar, draft(ref="XF-S"))
    await service.accept(officer, "XF-S", on=D(2025, 9, 22))
    await service.issue_opinion(officer, "XF-S", "explain", on=D(2025, 10, 20), served_on=D(2025, 10, 21))
    with pytest.raises(RuleViolation) as early:
        await satisfaction.evaluate_item(registrar, "XF-S", "满意", on=D(2025, 10, 25))
    assert early.value.rule == "satisfaction.concluded_only"
    await service.conclude(officer, "XF-S", on=D(2025, 10, 22))
    with pytest.raises(RuleViolation) as late:  # 15 days from 10-21 → 11-05
        await satisfaction.evaluate_item(registrar, "XF-S", "满意", on=D(2025, 11, 6))
    assert late.value.rule == "satisfaction.window"
    rating = await satisfaction.evaluate_item(registrar, "XF-S", "基本满意", on=D(2025, 11, 5))
    assert rating["grade"] == "basically_satisfied" and rating["window_closes_on"] == "2025-11-05"
    with pytest.raises(Conflict):
        await satisfaction.evaluate_item(registrar, "XF-S", "满意", on=D(2025, 11, 5))
    summary = await satisfaction.satisfaction_summary(registrar, 2025)
    assert (summary["eligible"], summary["evaluated"], summary["satisfied"]) == (1, 1, 1)


async def test_satisfaction_refused_without_configured_window(make_app: Any) -> None:
    from hearing_core.context import ServiceContext
    from hearing_core.errors import RuleViolation
    from hearing_core.petitions.service import satisfaction
    from hearing_core.security.service import actor_by_username

    national = await make_app()
    set_today(national, D(2025, 12, 31))
    admin = ServiceContext(national, await actor_by_username(national, "admin"))
    await service.register_item(admin, draft(ref="XF-N"))
    await service.accept(admin, "XF-N", on=D(2025, 9, 22))
    await service.issue_opinion(admin, "XF-N", "support", on=D(2025, 10, 20), served_on=D(2025, 10, 21))
    await service.conclude(admin, "XF-N", on=D(2025, 10, 22))
    with pytest.raises(RuleViolation) as refused:
        await satisfaction.evaluate_item(admin, "XF-N", "满意", on=D(2025, 10, 23))
    assert refused.value.rule == "satisfaction.window"
    assert "instance profile" in refused.value.detail
    clocks = {c.rule_id: c for c in await deadlines.item_deadlines(admin, "XF-N")}
    assert clocks["satisfaction.window"].status == "unavailable"
    assert clocks["review.request_window"].due == D(2025, 11, 20)


async def test_clock_in_a_year_without_holiday_data_is_listed_with_why(app: Any, registrar: Any) -> None:
    """A deadline needing a year no schedule covers does not fail the item: it shows as unavailable."""
    from hearing_core.deadlines.calendar import package_years

    year = package_years().stop + 3  # beyond the installed package, whatever its version
    set_today(app, D(year, 6, 4))
    record = await service.register_item(registrar, draft(ref="XF-FUTURE", received_on=D(year, 6, 4)))
    assert record.ref == "XF-FUTURE"
    [clock] = await deadlines.item_deadlines(registrar, "XF-FUTURE")
    assert (clock.rule_id, clock.status, clock.due) == ("intake.disposition", "unavailable", None)
    assert clock.title == app.profile.rule("intake.disposition").title_zh
    assert f"no schedule for {year}" in clock.note and "holiday override file" in clock.note
