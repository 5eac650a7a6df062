"""Fixtures of the review tests: an app with the plugin, an organ table, users by role, served opinions.

The county: 东城镇 and the county housing bureau handle matters; the county government reviews
them (the housing bureau's also by the city housing bureau); the city government re-reviews.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

#: "Now" of the database tests: 31 December 2025 in China, so the whole of 2025 lies behind.
NOW = dt.datetime(2025, 12, 31, 2, 0, tzinfo=dt.UTC)

ORGANS: list[dict[str, Any]] = [
    {"code": "prov-gov", "name": "某省人民政府", "level": "province"},
    {"code": "city-gov", "name": "某市人民政府", "level": "city", "parent": "prov-gov"},
    {"code": "city-housing", "name": "某市住房和城乡建设局", "level": "city", "parent": "city-gov"},
    {"code": "county-gov", "name": "临江县人民政府", "level": "county", "parent": "city-gov"},
    {"code": "county-housing", "name": "临江县住房和城乡建设局", "level": "county", "parent": "county-gov",
     "alt_parent": "city-housing"},
    {"code": "county-xfj", "name": "临江县信访局", "level": "county", "parent": "county-gov"},
    {"code": "east-town", "name": "东城镇人民政府", "level": "township", "parent": "county-gov"},
]


def id_number(seq: int, region: str = "440106", birth: str = "19800101") -> str:
    """A valid resident ID number (GB 11643 check character) for test petitioners."""
    body = f"{region}{birth}{seq % 1000:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    """Overrides the core fixture: the API client and ``admin_ctx`` get the review plugin."""
    app = await make_app(plugins=("review",), organ_name="临江县人民政府信访局")
    app.clock = lambda: NOW
    return app


@pytest.fixture
async def ctx_for(hearing_app: Any) -> Callable[..., Awaitable[Any]]:
    """Factory: ``await ctx_for("review_officer")`` → a ServiceContext of a new user with those roles."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    made: dict[tuple[str, ...], Any] = {}

    async def factory(*roles: str) -> Any:
        if roles not in made:
            name = "-".join(roles) or "nobody"
            await create_user(ServiceContext(hearing_app, SYSTEM), name, "user-password-1", list(roles), f"{name}用户")
            made[roles] = ServiceContext(hearing_app, await actor_by_username(hearing_app, name))
        return made[roles]

    return factory


@pytest.fixture
async def organs(admin_ctx: Any) -> None:
    from hearing_review.services import load_organs

    await load_organs(admin_ctx, ORGANS)


@pytest.fixture
def opinion(admin_ctx: Any) -> Callable[..., Awaitable[str]]:
    """Factory: a register item with its matter, handled by ``unit`` and its opinion served on ``served``."""
    from hearing_core.petitions import service as register
    from hearing_core.petitions.domain import Channel, Petitioner, PetitionItem

    count = [0]

    async def factory(served: dt.date | None, *, unit: str | None = "东城镇人民政府", name: str = "张三",
                      matter: str | None = None, outcome: str = "not_support") -> str:
        count[0] += 1
        n = count[0]
        received = dt.date(2025, 1, 6) if served is None else served - dt.timedelta(days=40)
        item = PetitionItem(ref=f"XF-T-{n:03d}", received_on=received, channel=Channel.VISIT,
                            summary=f"反映征收补偿问题{n}", petitioners=[Petitioner(name, id_number(n), "13812345678")],
                            matter_ref=matter or f"M-{n:03d}")
        await register.register_item(admin_ctx, item, create_matter=True)
        await register.accept(admin_ctx, item.ref, on=received)
        if unit:
            await register.assign(admin_ctx, item.ref, unit, received + dt.timedelta(days=30), on=received)
            await register.report_completion(admin_ctx, item.ref, "已办理", on=received + dt.timedelta(days=20))
        await register.issue_opinion(admin_ctx, item.ref, outcome, on=received + dt.timedelta(days=25),
                                     served_on=served)
        return item.ref

    return factory
