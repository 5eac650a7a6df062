"""Fixtures of the mediation tests: an app with the plugin, contexts of centre staff, a centre."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    """Overrides the core fixture: the API client and ``admin_ctx`` get the mediation plugin."""
    return await make_app(plugins=("mediation",))


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
