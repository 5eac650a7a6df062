"""Disabling the plugin leaves the core and its data intact; enabling it again finds the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from hearing_mediation import centres, reception
from hearing_mediation.domain import Centre, CommitteeRole, Mediator, ReceptionBatch
from hearing_mediation.reception import Disposal

from hearing_core.context import ServiceContext
from hearing_core.petitions import service as register
from hearing_core.petitions.domain import Channel, PetitionItem
from hearing_core.petitions.domain.item import Petitioner
from hearing_core.security.service import actor_by_username

NOW = dt.datetime(2025, 6, 30, 2, tzinfo=dt.UTC)


async def admin(app: Any) -> ServiceContext:
    app.clock = lambda: NOW
    return ServiceContext(app, await actor_by_username(app, "admin"))


async def test_disable_then_enable_keeps_everything(make_app: Callable[..., Awaitable[Any]]) -> None:
    from hearing_core.api import create_app

    ctx = await admin(await make_app(plugins=("mediation",)))
    centre = await centres.create_centre(ctx, Centre("CGZ", "城关镇信访服务中心", "城关镇人民调解委员会"))
    await centres.add_mediator(ctx, Mediator(centre["id"], "陈明", committee_role=CommitteeRole.CHAIR))
    batch = ReceptionBatch(centre["id"], dt.date(2025, 6, 3), 2, [Petitioner("张三")], "咨询政策")
    out = await reception.receive(ctx, batch, disposal=Disposal("explain", note="当场解释", on=dt.date(2025, 6, 3)))

    core = await admin(await make_app(plugins=()))
    assert "mediation" not in core.app.report_sections
    assert "mediation.read" not in core.app.access.permissions
    assert not [c for c in core.app.app_configs if c.app_name == "mediation"]
    paths = {route.path for route in create_app(hearing_app=core.app).routes}
    assert not [p for p in paths if p.startswith("/api/v1/mediation")] and "/api/v1/users" in paths
    # The core still works, its item is there, and the plugin's rows are untouched.
    item = await register.get_item(core, out["item_ref"])
    assert item.status == "not_accepted"
    more = await register.register_item(
        core, PetitionItem("", dt.date(2025, 6, 4), Channel.VISIT, "无插件时登记", petitioners=[Petitioner("李四")])
    )
    assert more.ref.startswith("XF-2025-")
    rows = await core.app.db.fetch("SELECT COUNT(*) AS n FROM mediation_reception")
    assert rows[0]["n"] == 1

    again = await admin(await make_app(plugins=("mediation",)))
    found = await reception.get_reception(again, out["id"])
    assert (found["ref"], found["disposition"], found["item_ref"]) == (out["ref"], "explained_on_spot", out["item_ref"])
    assert (await centres.get_centre(again, centre["id"]))["mediators"][0]["name"] == "陈明"
    figures = await again.app.report_sections["mediation"].compute(again.app, 2025)
    assert figures["reception"]["explained_on_spot"] == {"batches": 1, "persons": 2}
