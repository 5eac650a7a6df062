from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearing_core.audit.tables import AuditEntry
from hearing_core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from hearing_core.petitions import service
from hearing_core.petitions.domain import Petitioner
from hearing_core.petitions.tables import PetitionItem as ItemRow
from tests.petitions.conftest import draft, id_number


async def test_register_stores_item_flags_and_audits(app: Any, registrar: Any) -> None:
    record = await service.register_item(registrar, draft(persons=6), create_matter=True)
    assert record.ref == "XF-2025-00001"
    assert record.matter_ref == "M-XF-2025-00001"
    assert record.status == "registered"
    assert record.collective is True  # 6 >= the national threshold of 5
    assert record.category_top == "natural_resources"
    assert record.item.category == "land_expropriation"
    row = await ItemRow.select().where(ItemRow.ref == record.ref).first().run()
    assert row["matter_key"] == "M-XF-2025-00001" and row["collective"] is True
    entry = await AuditEntry.select().where(AuditEntry.action == "petition.register").first().output(load_json=True).run()
    assert entry["subject_ref"] == "M-XF-2025-00001"
    # The audit log is a log: the ID number is masked there.
    assert entry["after"]["petitioners"][0]["id_number"] == "440106********" + id_number()[-4:]
    assert record.masked and record.item.petitioners[0].id_number == "440106********" + id_number()[-4:]
    second = await service.register_item(registrar, draft(persons=2))
    assert second.ref == "XF-2025-00002" and second.collective is False and second.matter_ref is None


async def test_register_lists_every_validation_error(app: Any, registrar: Any) -> None:
    bad = draft(
        received_on=dt.date(2025, 12, 1),
        persons=0,
        summary=" ",
        category="不存在的分类",
        petitioners=[Petitioner("李四", "440106198005171239", "12345")],
    )
    with pytest.raises(ValidationFailed) as caught:
        await service.register_item(registrar, bad)
    fields = {e.field for e in caught.value.errors}
    assert {"received_on", "persons", "summary", "category", "petitioners[0].id_number", "petitioners[0].phone"} <= fields
    assert await ItemRow.count().run() == 0


async def test_register_unknown_matter_and_duplicate_ref(app: Any, registrar: Any) -> None:
    with pytest.raises(NotFound):
        await service.register_item(registrar, draft(ref="XF-1", matter_ref="M-404"))
    await service.register_item(registrar, draft(ref="XF-1"))
    with pytest.raises(Conflict):
        await service.register_item(registrar, draft(ref="XF-1"))


async def test_register_needs_permission(app: Any, ctx_for: Any) -> None:
    auditor = await ctx_for("auditor")
    with pytest.raises(PermissionDenied):
        await service.register_item(auditor, draft())
