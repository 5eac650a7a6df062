"""Raw hot-path reads (hearing_core.db.fastread) return what piccolo's select() returns, and see
a transaction's own writes; the API's session read honours logout and account changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.db import fastread
from hearing_core.petitions.domain import Channel, Petitioner, PetitionItem
from hearing_core.petitions.service import register_item
from hearing_core.petitions.tables import Petitioner as PersonRow
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow
from hearing_core.security import service as users
from hearing_core.security.tables import User


def _item(ref: str) -> PetitionItem:
    return PetitionItem(
        ref=ref, received_on=dt.date(2025, 9, 1), channel=Channel.VISIT, summary="反映征地补偿款未发放",
        persons=6, category="土地征收", level_skipping=True,
        petitioners=[Petitioner("张三", "11010519491231002X", "13812345678", "某镇某村")],
    )


async def test_select_matches_piccolo_rows_and_types(admin_ctx: Any) -> None:
    await register_item(admin_ctx, _item("FR-1"), create_matter=True)
    for table, where, value, column in ((ItemRow, "ref = {}", "FR-1", ItemRow.ref),
                                        (MatterRow, "ref = {}", "M-FR-1", MatterRow.ref)):
        fast = await fastread.select(table, where, value)
        slow = await table.select().where(column == value).run()
        assert fast == slow
        assert [{k: type(v) for k, v in r.items()} for r in fast] == [{k: type(v) for k, v in r.items()} for r in slow]
    item_id = (await ItemRow.select(ItemRow.id).where(ItemRow.ref == "FR-1").first().run())["id"]
    clause, args = fastread.any_of(PersonRow._meta.db, "item", [item_id, item_id + 1000])
    assert await fastread.select(PersonRow, clause, *args) == await PersonRow.select().where(PersonRow.item == item_id).run()
    row = (await fastread.select(ItemRow, "ref = {}", "FR-1"))[0]
    assert row["received_on"] == dt.date(2025, 9, 1) and row["collective"] is True
    assert row["created_at"].tzinfo is not None


async def test_reads_inside_a_transaction_see_its_writes(hearing_app: Any, admin_ctx: Any) -> None:
    async with hearing_app.db.write():
        await User.update({User.display_name: "改过的名字"}).where(User.username == "admin").run()
        inside = await fastread.fetch_one(User._meta.db, "SELECT display_name FROM hearing_user WHERE username = {}",
                                          "admin")
        assert inside == {"display_name": "改过的名字"}
    assert (await fastread.select(User, "username = {}", "admin"))[0]["display_name"] == "改过的名字"


async def test_session_read_refuses_revoked_stale_and_disabled(hearing_app: Any, admin_ctx: Any) -> None:
    view = await users.create_user(admin_ctx, "qian", "password-123", ["registrar"])
    row = await User.select().where(User.id == view.id).first().run()
    actor = await users.load_actor(hearing_app, view.id, row["token_version"], token_id="jti-1")
    assert actor is not None and actor.roles == {"registrar"} and actor.has("petitions.write")
    await users.revoke_token(hearing_app, "jti-1", dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    assert await users.load_actor(hearing_app, view.id, row["token_version"], token_id="jti-1") is None
    assert await users.load_actor(hearing_app, view.id, row["token_version"], token_id="jti-2") is not None
    assert await users.load_actor(hearing_app, view.id, row["token_version"] + 1, token_id="jti-2") is None
    await users.set_active(admin_ctx, "qian", False)
    assert await users.load_actor(hearing_app, view.id, None, token_id="jti-2") is None
    assert await users.load_actor(hearing_app, 999_999, None) is None
