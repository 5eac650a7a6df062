"""Fixtures of the mediation tests: an app with the plugin, contexts of centre staff, a centre."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

#: "Now" of the database tests: 31 December 2025 in China, so a whole year of 2025 lies behind.
NOW = dt.datetime(2025, 12, 31, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    """Overrides the core fixture: the API client and ``admin_ctx`` get the mediation plugin."""
    app = await make_app(plugins=("mediation",))
    app.clock = lambda: NOW
    return app


@pytest.fixture
def ctx_for(hearing_app: Any) -> Callable[..., Awaitable[Any]]:
    """Factory: ``await ctx_for("centre_staff", username="desk1")`` → a ServiceContext of a new user."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    async def factory(*roles: str, username: str) -> Any:
        await create_user(ServiceContext(hearing_app, SYSTEM), username, "user-password-1", list(roles), username)
        return ServiceContext(hearing_app, await actor_by_username(hearing_app, username))

    return factory


@pytest.fixture
async def centre(admin_ctx: Any) -> dict[str, Any]:
    """A centre with a complete committee (chair, two members, one a woman) and a non-member mediator."""
    from hearing_mediation import centres
    from hearing_mediation.domain import Centre, CommitteeRole, Mediator

    c = await centres.create_centre(admin_ctx, Centre("CGZ", "城关镇信访服务中心", "城关镇人民调解委员会", doc_prefix="城调"))
    roster = [
        ("陈明", CommitteeRole.CHAIR, "male", ["土地权属"]),
        ("林芳", CommitteeRole.MEMBER, "female", ["婚姻家庭", "邻里纠纷"]),
        ("黄伟", CommitteeRole.MEMBER, "male", ["劳资纠纷"]),
        ("吴静", CommitteeRole.NONE, "female", ["邻里纠纷"]),
    ]
    for name, role, sex, specialities in roster:
        await centres.add_mediator(admin_ctx, Mediator(c["id"], name, sex=sex, specialities=specialities, committee_role=role))
    return await centres.get_centre(admin_ctx, c["id"])


@pytest.fixture
async def desk(ctx_for: Callable[..., Awaitable[Any]], admin_ctx: Any, centre: dict[str, Any]) -> Any:
    """Centre staff (服务中心工作人员) of the centre: runs the reception desk."""
    from hearing_mediation import centres

    ctx = await ctx_for("centre_staff", username="desk1")
    await centres.add_member(admin_ctx, centre["id"], "desk1")
    return ctx


@pytest.fixture
async def mediator(ctx_for: Callable[..., Awaitable[Any]], admin_ctx: Any, centre: dict[str, Any]) -> Any:
    """The committee's chair 陈明, with a user account (scoped to the centre through the roster)."""
    from hearing_mediation import centres

    ctx = await ctx_for("mediator", username="chen")
    await centres.update_mediator(admin_ctx, centre["mediators"][0]["id"], {"username": "chen"})
    return ctx


@pytest.fixture
async def other_centre(admin_ctx: Any, ctx_for: Callable[..., Awaitable[Any]]) -> tuple[dict[str, Any], Any]:
    """A second centre and one of its staff, who must not see the first centre's records."""
    from hearing_mediation import centres
    from hearing_mediation.domain import Centre

    c = await centres.create_centre(admin_ctx, Centre("DSZ", "东山镇信访服务中心", "东山镇人民调解委员会"))
    ctx = await ctx_for("centre_staff", username="desk2")
    await centres.add_member(admin_ctx, c["id"], "desk2")
    return c, ctx
