"""Fixtures of the register's database, API and CLI tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from hearing_core.petitions.domain import Channel, Petitioner, PetitionItem

CST = dt.timezone(dt.timedelta(hours=8))
#: A profile extending national that configures the satisfaction window (national leaves it open).
COUNTY_PROFILE = """
name = "county_test"
title = "测试县信访局规则"
extends = "national"

[rules.satisfaction.window]
length = 15
source = "测试县信访局满意度评价办法 第3条"
confidence = "D"
"""


def id_number(seq: int = 123, born: dt.date = dt.date(1980, 5, 17), region: str = "440106") -> str:
    """A valid GB 11643 ID number (check character computed from the standard's weights)."""
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def draft(ref: str = "", received_on: dt.date = dt.date(2025, 9, 20), **changes: Any) -> PetitionItem:
    """A valid visit batch of three persons by 张三 about land compensation."""
    values: dict[str, Any] = {
        "ref": ref,
        "received_on": received_on,
        "channel": Channel.VISIT,
        "summary": "反映村里征地补偿款一直没有发放到户",
        "request": "要求尽快发放征地补偿款",
        "persons": 3,
        "petitioners": [Petitioner("张三", id_number(), "13812345678", "某县某镇某村")],
        "category": "土地征收",
    }
    values.update(changes)
    return PetitionItem(**values)


def set_today(app: Any, day: dt.date) -> None:
    """Move the app's clock to 10:00 China time on ``day``."""
    moment = dt.datetime.combine(day, dt.time(10, 0), CST)
    app.clock = lambda: moment


@pytest.fixture
async def app(make_app: Callable[..., Awaitable[Any]], settings: Any) -> Any:
    """A core app on the test county profile, its clock on Thu 2025-10-09."""
    profiles = Path(settings.data_dir) / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "county_test.toml").write_text(COUNTY_PROFILE, encoding="utf-8")
    hearing = await make_app(rule_profile="county_test")
    set_today(hearing, dt.date(2025, 10, 9))
    return hearing


@pytest.fixture
def ctx_for(app: Any) -> Callable[..., Awaitable[Any]]:
    """Factory: ``await ctx_for("registrar")`` → a ServiceContext of a new user with those roles."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    counter = {"n": 0}

    async def factory(*roles: str) -> Any:
        counter["n"] += 1
        name = f"{'-'.join(roles)}{counter['n']}"
        await create_user(ServiceContext(app, SYSTEM), name, "user-password-1", list(roles), name)
        return ServiceContext(app, await actor_by_username(app, name))

    return factory


@pytest.fixture
async def registrar(ctx_for: Callable[..., Awaitable[Any]]) -> Any:
    return await ctx_for("registrar")


@pytest.fixture
async def officer(ctx_for: Callable[..., Awaitable[Any]]) -> Any:
    return await ctx_for("handling_officer")


@pytest.fixture
async def hearing_app(app: Any) -> Any:
    """The ``client``/``auth_headers``/``admin_ctx`` fixtures use the county-profile app."""
    return app
