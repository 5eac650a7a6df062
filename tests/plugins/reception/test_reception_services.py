"""Services on a real database: leaders, rules, the plan, swaps, notices, audit and events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hearing_reception.services import leaders, notices, planning

from hearing_core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from tests.plugins.reception.conftest import build_scheme

Q4 = (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


async def audit_actions(app: Any, object_type: str) -> list[str]:
    rows = await app.db.fetch("SELECT action FROM hearing_audit_entry WHERE object_type = {} ORDER BY id", object_type)
    return [r["action"] for r in rows]


async def test_leaders_are_kept_with_versions_and_audit(admin: Any, hearing_app: Any) -> None:
    await build_scheme(admin)
    updated = await leaders.update_leader(admin, "sun-sc", {"paired_unit": "北山镇"}, version=1)
    assert (updated.paired_unit, updated.version) == ("北山镇", 2)
    with pytest.raises(Conflict, match="changed by someone else"):
        await leaders.update_leader(admin, "sun-sc", {"post": "县委副书记"}, version=1)
    with pytest.raises(Conflict, match="already exists"):
        await leaders.create_leader(admin, {"code": "li-sec", "name": "李", "post": "x", "level": "county"})
    with pytest.raises(ValidationFailed) as info:
        await leaders.create_leader(admin, {"code": "bad code", "name": "", "post": "x", "level": "mayor"})
    assert {e.field for e in info.value.errors} == {"level"}
    towns = await leaders.list_leaders(admin, level="镇领导")
    assert [lead.code for lead in towns] == ["chen-town"]
    assert (await audit_actions(hearing_app, "reception_leader")).count("reception.leader.update") == 1


async def test_rules_file_is_all_or_nothing(admin: Any) -> None:
    await build_scheme(admin)
    before = len(await leaders.list_rules(admin))
    with pytest.raises(ValidationFailed):
        await leaders.load_rules_file(admin, [
            {"code": "ok", "title": "好", "kind": "weekday", "weekday": 1, "place": "局", "leaders": ["li-sec"]},
            {"code": "bad", "title": "坏", "kind": "weekday", "weekday": 9, "place": "局", "leaders": ["nobody"]},
        ])
    assert len(await leaders.list_rules(admin)) == before
    rule = await leaders.update_rule(admin, "secretary", {"place": "县信访局二楼", "leaders": ["li-sec", "zhao-head"]})
    assert rule.place == "县信访局二楼" and len(rule.leader_ids) == 2 and rule.version == 2


async def test_planning_a_quarter_is_idempotent_and_moves_off_holidays(admin: Any) -> None:
    await build_scheme(admin)
    dry = await planning.plan_receptions(admin, *Q4, dry_run=True)
    assert (await planning.list_receptions(admin)).total == 0
    first = await planning.plan_receptions(admin, *Q4)
    assert len(first.created) == len(dry.created) > 0
    again = await planning.plan_receptions(admin, *Q4)
    assert again.created == [] and again.existing == len(first.created)
    oct9 = (await planning.list_receptions(admin, planning.ReceptionFilter(dt.date(2025, 10, 9), dt.date(2025, 10, 9)))).items
    # The Monday 6 October (中秋节) rota reception and the village half-days of 1 and 8 October
    # (国庆节) all move to Thursday 9 October; the two village Wednesdays are held once.
    assert sorted((r.title, r.moved_because) for r in oct9) == [("周一轮值接访", "中秋节"), ("镇领导包村接访", "国庆节")]
    fifteenth = (await planning.list_receptions(admin, planning.ReceptionFilter(dt.date(2025, 11, 17), dt.date(2025, 11, 17)))).items
    assert {r.place for r in fifteenth} >= {"县信访局", "东城镇综治信访维稳中心", "西河镇综治信访维稳中心"}
    west = next(r for r in fifteenth if r.place.startswith("西河镇"))
    assert [p.name for p in west.participants] == ["周平", "郑伟"] and west.lead_level == "county"


async def test_planning_window_boundaries_do_not_duplicate_moved_occurrences(admin: Any) -> None:
    await build_scheme(admin)
    await planning.plan_receptions(admin, dt.date(2025, 10, 1), dt.date(2025, 10, 5))
    second = await planning.plan_receptions(admin, dt.date(2025, 10, 6), dt.date(2025, 10, 12))
    # 8 October's village half-day moves to 9 October, which the first run already holds.
    assert [r.title for r in second.created] == ["周一轮值接访"]
    assert second.existing == 1


async def test_swap_reschedule_cancel_are_recorded(admin: Any, hearing_app: Any) -> None:
    await build_scheme(admin)
    plan = await planning.plan_receptions(admin, *Q4)
    head = next(r for r in plan.created if r.title == "县长接访日")
    await notices.publish_notice(admin, [head.id], published_on=dt.date(2025, 10, 9))
    swapped = await planning.swap(admin, head.id, "zhao-head", "sun-sc", "县长赴省里开会")
    assert swapped.state == "planned" and [p.name for p in swapped.participants] == ["孙红"]
    moved = await planning.reschedule(admin, head.id, dt.date(2026, 1, 20), "改期", version=swapped.version)
    assert moved.original_day == dt.date(2025, 10, 15)
    cancelled = await planning.cancel(admin, head.id, "防汛")
    with pytest.raises(InvalidTransition):
        await planning.swap(admin, head.id, "sun-sc", "zhao-head", "x")
    changes = await planning.list_changes(admin, head.id)
    assert [c["kind"] for c in changes] == ["swap", "reschedule", "cancel"]
    assert changes[0]["before"]["leaders"][0]["name"] == "赵强" and changes[2]["reason"] == "防汛"
    assert cancelled.state == "cancelled"
    actions = await audit_actions(hearing_app, "reception")
    assert actions[-4:] == ["reception.announce", "reception.swap", "reception.reschedule", "reception.cancel"]


async def test_notices_on_time_late_and_overdue(admin: Any) -> None:
    await build_scheme(admin)
    plan = await planning.plan_receptions(admin, *Q4)
    by_title = {}
    for r in plan.created:
        by_title.setdefault(r.title, r)
    head, monday = by_title["县长接访日"], by_title["周一轮值接访"]  # 15 October; 9 October (moved)
    ok = await notices.publish_notice(admin, [head.id], published_on=dt.date(2025, 10, 10), channels=["县电视台"])
    assert ok[0]["status"] == "on_time" and ok[0]["notice_due"] == "2025-10-10"
    late = await notices.publish_notice(admin, [monday.id], published_on=dt.date(2025, 10, 8))
    assert late[0]["status"] == "late" and late[0]["notice_due"] == "2025-10-04"
    with pytest.raises(InvalidTransition):
        await notices.publish_notice(admin, [head.id], published_on=dt.date(2025, 10, 11))
    flagged = await notices.notice_statuses(admin, dt.date(2025, 10, 1), dt.date(2025, 10, 31), flagged_only=True)
    statuses = {s["reception_id"]: s["status"] for s in flagged}
    assert statuses[monday.id] == "late" and head.id not in statuses
    # Everything else in October was never announced and its notice day has passed (today: 2026-01-10).
    assert set(statuses.values()) == {"late", "overdue"}


async def test_notice_days_follow_the_profile_rule(make_app: Any, settings: Any) -> None:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    profiles = settings.data_dir / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "strict.toml").write_text(
        'name = "strict"\ntitle = "提前7日公示"\nextends = "national"\n\n[rules.reception.notice]\nlength = 7\n'
        'source = "本局2025年第1次局务会"\nconfidence = "D"\n', encoding="utf-8")
    app = await make_app(plugins=("reception",), rule_profile="strict")
    app.clock = lambda: dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    await build_scheme(ctx)
    r = await planning.create_reception(ctx, day=dt.date(2025, 10, 15), place="县信访局", leaders=["li-sec"])
    (status,) = await notices.publish_notice(ctx, [r.id], published_on=dt.date(2025, 10, 9))
    assert status["notice_due"] == "2025-10-08" and status["status"] == "late"


async def test_permissions_of_planning(ctx_for: Any, admin: Any) -> None:
    await build_scheme(admin)
    leader = await ctx_for("leader")
    with pytest.raises(PermissionDenied, match="reception.plan"):
        await planning.plan_receptions(leader, *Q4)
    assert len(await leaders.list_leaders(leader)) == 6  # leaders may read
    nobody = await ctx_for("mediator")
    with pytest.raises(PermissionDenied, match="reception.read"):
        await planning.list_receptions(nobody)
    with pytest.raises(NotFound):
        await planning.get_reception(admin, 999)


async def test_notice_document_html_and_pdf(admin: Any) -> None:
    import io

    import pdfplumber

    await build_scheme(admin)
    # Nominal dates select: Saturday 15 November's receptions move to Monday 17 November.
    plan = await planning.plan_receptions(admin, dt.date(2025, 11, 15), dt.date(2025, 11, 17))
    ids = [r.id for r in plan.created if r.session == "day"]
    assert len(ids) == 4
    html = await notices.notice_document(admin, ids, "html", doc_number="临信〔2025〕9号")
    assert "领导接访公示" in html and "临江县人民政府信访局" in html and "临信〔2025〕9号" in html
    assert "李明" in html and "县委书记" in html and "东城镇综治信访维稳中心" in html
    assert "2025年11月17日<br>星期一 全天<br><span class=\"hours\">8时30分至17时30分</span>" in html
    pdf = await notices.notice_document(admin, ids, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join((page.extract_text() or "") for page in doc.pages).replace(" ", "").replace("\n", "")
    assert "领导接访公示" in text and "孙红" in text and "郑伟" in text and "县委书记" in text


async def test_plugin_template_is_registered_and_overridable(hearing_app: Any, admin: Any) -> None:
    infos = {t.name: t for t in hearing_app.renderer.available()}
    assert infos["reception/notice.html"].origin == "plugin"
    override = hearing_app.settings.templates_dir / "reception"
    override.mkdir(parents=True)
    (override / "notice.html").write_text(
        '{% extends "base_document.html" %}{% block doc_title %}县领导接访日程公告{% endblock %}', encoding="utf-8")
    await build_scheme(admin)
    r = await planning.create_reception(admin, day=dt.date(2025, 10, 15), place="县信访局", leaders=["li-sec"])
    assert "县领导接访日程公告" in await notices.notice_document(admin, [r.id])


async def test_invalid_settings_refuse_startup(make_app: Any) -> None:
    from hearing_core.errors import StartupError

    with pytest.raises(StartupError, match=r"reception.report.scope: 'everything'"):
        await make_app(plugins=("reception",), extra={"reception": {"report": {"scope": "everything"}}})
    app = await make_app(plugins=("reception",), extra={"reception": {"notice_channels": ["政务公开栏"],
                                                                       "report": {"percent_digits": 1}}})
    from hearing_reception.config import settings_of

    assert settings_of(app).notice_channels == ("政务公开栏",) and settings_of(app).report.percent_digits == 1
