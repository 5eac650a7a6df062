from __future__ import annotations

from typing import Any


async def test_register_tables_exist_after_upgrade(hearing_app: Any) -> None:
    from hearing_core.petitions import tables

    for table in (
        tables.PetitionMatter,
        tables.PetitionItem,
        tables.Petitioner,
        tables.BacklogCase,
        tables.BacklogProgress,
        tables.SatisfactionRating,
        tables.PetitionImport,
    ):
        assert await table.table_exists().run(), table._meta.tablename
    assert await tables.PetitionItem.count().run() == 0
