"""Registration forms (登记表) → petition items through the register's service, and the review queue
(SQLite, and PostgreSQL with -m db): one transaction per form, field sources kept, corrections
validated, the instance's form mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdf_factory
import pytest
from hearing_pdf_import import services
from hearing_pdf_import.services import Source
from import_support import PDF_SETTINGS, Listener, Veto, form_values, labelled_form_pdf

from hearing_core.errors import Conflict, InvalidTransition, StartupError, ValidationFailed

P = ("pdf_import",)


def sources(*paths: Path) -> list[Source]:
    return [Source(path=p, name=p.name) for p in paths]


async def item_count(ctx: Any) -> int:
    from hearing_core.petitions.service import list_items

    return (await list_items(ctx)).total


async def document_count() -> int:
    from hearing_pdf_import.db.tables import DocumentRow

    return int(await DocumentRow.count().run())


async def app_ctx(make_app: Any, **extra: Any) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    app = await make_app(plugins=P, extra=PDF_SETTINGS, **extra)
    app.clock = lambda: dt.datetime(2025, 6, 2, 2, 0, tzinfo=dt.UTC)
    return ServiceContext(app, await actor_by_username(app, "admin"))


async def test_a_valid_form_becomes_a_petition_item_with_the_pdf_attached(admin_ctx: Any, tmp_path: Path) -> None:
    from hearing_core.audit.tables import AuditEntry
    from hearing_core.petitions.service import get_item

    form = pdf_factory.registration_form_pdf(tmp_path / "登记表.pdf", form_values())
    [outcome] = await services.import_forms(admin_ctx, sources(form), new_matter=True)
    assert outcome.status == "registered" and outcome.item_ref == "XF-2025-00001" and outcome.errors == []
    item = (await get_item(admin_ctx, outcome.item_ref)).item
    assert (item.channel.value, item.persons, item.received_on, item.category) == ("visit", 3, dt.date(2025, 3, 8),
                                                                                   "land_expropriation")
    assert item.summary == "村委会未经协商将其承包耕地划入工业园区征地范围，至今未发放补偿款。"
    assert item.request == "要求依法发放征地补偿款。"
    [person] = item.petitioners
    assert (person.name, person.id_number, person.phone, person.address) == (
        "王某某", pdf_factory.valid_id_number(), "13800138000", "某某县城关镇幸福村三组")
    document = await services.get_document(admin_ctx, outcome.id)
    assert (document["kind"], document["item_ref"], document["matter_ref"]) == ("form", "XF-2025-00001",
                                                                                "M-XF-2025-00001")
    entry = (await services.list_queue(admin_ctx, state=None))["items"][0]
    assert entry["state"] == "registered" and entry["item_ref"] == "XF-2025-00001"
    name = entry["fields"]["name"]
    assert (name["value"], name["label"], name["page"], name["source"]) == ("王某某", "姓名", 1, "table")
    assert len(name["bbox"]) == 4 and name["bbox"][0] < name["bbox"][2]  # where on the page it was read
    actions = {r["action"] for r in await AuditEntry.select(AuditEntry.action).run()}
    assert {"document.import", "petition.register", "document.form_register"} <= actions
    # The same bytes again: recognised, nothing registered twice.
    [again] = await services.import_forms(admin_ctx, sources(form))
    assert (again.status, again.form_id, again.item_ref) == ("duplicate", outcome.form_id, "XF-2025-00001")
    assert await item_count(admin_ctx) == 1


async def test_a_form_without_a_table_is_read_from_its_lines(admin_ctx: Any, tmp_path: Path) -> None:
    form = pdf_factory.text_form_pdf(tmp_path / "text-form.pdf", form_values())
    [outcome] = await services.import_forms(admin_ctx, sources(form))
    assert outcome.status == "registered"
    entry = (await services.list_queue(admin_ctx, state="registered"))["items"][0]
    assert entry["fields"]["id_number"]["source"] == "text" and entry["fields"]["received_on"]["value"] == "2025-03-08"


async def test_bad_and_missing_fields_are_listed_by_name_and_queued_without_an_item(
    admin_ctx: Any, tmp_path: Path
) -> None:
    bad_id = pdf_factory.valid_id_number()[:-1] + ("0" if pdf_factory.valid_id_number()[-1] != "0" else "1")
    values = form_values(身份证号=bad_id, 来访日期="2025年13月40日")
    del values["反映问题"]
    form = pdf_factory.registration_form_pdf(tmp_path / "bad.pdf", values)
    [outcome] = await services.import_forms(admin_ctx, sources(form))
    assert outcome.status == "queued" and outcome.item_ref is None
    assert sorted(e["field"] for e in outcome.errors) == ["id_number", "received_on", "summary"]
    assert bad_id not in str(outcome.errors)  # messages name the rule, never the number
    assert await item_count(admin_ctx) == 0
    assert (await services.get_document(admin_ctx, outcome.id))["kind"] == "form"

    queue = await services.list_queue(admin_ctx)
    [entry] = queue["items"]
    assert entry["id"] == outcome.form_id and entry["allowed_actions"] == ["fix", "confirm", "discard"]
    assert entry["fields"]["id_number"]["valid"] is False and entry["fields"]["id_number"]["page"] == 1
    with pytest.raises(ValidationFailed) as early:
        await services.confirm_entry(admin_ctx, entry["id"])
    assert sorted(e.field for e in early.value.errors) == ["id_number", "received_on", "summary"]

    with pytest.raises(ValidationFailed) as wrong:
        await services.fix_entry(admin_ctx, entry["id"], {"id_number": "123", "colour": "红", "received_on": "明天"})
    assert sorted(e.field for e in wrong.value.errors) == ["colour", "id_number", "received_on"]
    fixed = await services.fix_entry(admin_ctx, entry["id"], {
        "id_number": pdf_factory.valid_id_number(), "received_on": "2025-03-08", "summary": "反映征地补偿款未发放"},
        version=1)
    assert fixed["errors"] == [] and fixed["version"] == 2
    corrected = fixed["fields"]["id_number"]
    assert (corrected["source"], corrected["found"], corrected["page"]) == ("manual", bad_id, 1)
    with pytest.raises(Conflict):
        await services.confirm_entry(admin_ctx, entry["id"], version=1)
    confirmed = await services.confirm_entry(admin_ctx, entry["id"], version=2)
    assert confirmed["state"] == "registered" and confirmed["item_ref"] == "XF-2025-00001"
    assert (await services.get_document(admin_ctx, outcome.id))["item_ref"] == "XF-2025-00001"
    with pytest.raises(InvalidTransition, match="registered"):
        await services.fix_entry(admin_ctx, entry["id"], {"phone": "13900139000"})
    assert (await services.list_queue(admin_ctx))["total"] == 0


async def test_a_form_the_register_refuses_is_queued_and_nothing_is_half_created(make_app: Any,
                                                                                 tmp_path: Path) -> None:
    ctx = await app_ctx(make_app, extra_plugins=[("veto", Veto())])
    form = pdf_factory.registration_form_pdf(tmp_path / "f.pdf", form_values())
    [outcome] = await services.import_forms(ctx, sources(form))
    assert outcome.status == "queued"
    assert [e["field"] for e in outcome.errors] == ["item"] and "复核终结" in outcome.errors[0]["message"]
    assert await item_count(ctx) == 0 and await document_count() == 1
    with pytest.raises(ValidationFailed, match="the register refused"):
        await services.confirm_entry(ctx, outcome.form_id)
    assert (await services.get_entry(ctx, outcome.form_id))["state"] == "pending"
    discarded = await services.discard_entry(ctx, outcome.form_id, "重复登记")
    assert (discarded["state"], discarded["note"]) == ("discarded", "重复登记")


async def test_an_unknown_category_is_the_registers_error_and_can_be_corrected(admin_ctx: Any, tmp_path: Path) -> None:
    form = pdf_factory.registration_form_pdf(tmp_path / "c.pdf", form_values(事项类别="征地拆迁"))
    [outcome] = await services.import_forms(admin_ctx, sources(form))
    assert outcome.status == "queued" and outcome.errors == [
        {"field": "category", "message": "unknown category '征地拆迁'", "by": "register"}]
    await services.fix_entry(admin_ctx, outcome.form_id, {"category": "土地征收"})
    assert (await services.confirm_entry(admin_ctx, outcome.form_id))["item_ref"] == "XF-2025-00001"


async def test_a_failing_listener_rolls_back_the_item_and_the_document(make_app: Any, tmp_path: Path) -> None:
    ctx = await app_ctx(make_app, extra_plugins=[("listener", Listener(fail_on="f.pdf"))])
    form = pdf_factory.registration_form_pdf(tmp_path / "f.pdf", form_values())
    [outcome] = await services.import_forms(ctx, sources(form))
    assert outcome.status == "failed" and outcome.error["code"] == "store_error"
    assert await item_count(ctx) == 0 and await document_count() == 0


async def test_the_instance_form_mapping_overrides_labels(make_app: Any, settings: Any, tmp_path: Path) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "form_mapping.toml").write_text(
        '[fields.summary]\nlabels = ["来访事由"]\n\n[fields]\nemployer = false\n', encoding="utf-8")
    ctx = await app_ctx(make_app)
    form = labelled_form_pdf(tmp_path / "county.pdf", [
        ("姓名", "李某"), ("来访日期", "2025-04-01"), ("信访形式", "来信"), ("来访事由", "反映拖欠工资"),
        ("工作单位", "某建筑公司")])
    [outcome] = await services.import_forms(ctx, sources(form))
    assert outcome.status == "registered", outcome.errors
    entry = (await services.list_queue(ctx, state="registered"))["items"][0]
    assert entry["fields"]["summary"]["label"] == "来访事由" and "employer" not in entry["fields"]


async def test_an_invalid_form_mapping_refuses_to_start(make_app: Any, settings: Any) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "form_mapping.toml").write_text('[fields.summary]\ntype = "colour"\n', encoding="utf-8")
    with pytest.raises(StartupError, match="form_mapping.toml.*unknown type 'colour'"):
        await make_app(plugins=P)


async def test_form_import_needs_the_register_write_permission(ctx_for: Any, tmp_path: Path) -> None:
    from hearing_core.errors import PermissionDenied

    form = pdf_factory.registration_form_pdf(tmp_path / "f.pdf", form_values())
    with pytest.raises(PermissionDenied, match="petitions.write"):
        await services.import_forms(await ctx_for("clerk"), sources(form))
    [outcome] = await services.import_forms(await ctx_for("registrar"), sources(form))
    assert outcome.status == "registered"
