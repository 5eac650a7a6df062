"""Fixtures of the reception tests: an app with the plugin, an instance profile, users by role.

The national profile declares ``reception.department_reply`` without a length
(``requires_config``: no source gives one). The tests' instance, like a real bureau,
sets it in an instance profile ``<data dir>/profiles/county.toml`` that extends national.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

COUNTY_PROFILE = """\
name = "county"
title = "某县信访局规则"
extends = "national"

[rules.reception.department_reply]
length = 15
unit = "calendar_days"
source = "县委办公室关于领导接访批示件办理的通知（按时办结回复，15日）"
confidence = "D"
"""

#: The clock of the tests: a day after the fourth quarter of 2025.
TODAY = dt.datetime(2026, 1, 10, 2, 0, tzinfo=dt.timezone.utc)


def write_profile(data_dir: Path) -> None:
    profiles = data_dir / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "county.toml").write_text(COUNTY_PROFILE, encoding="utf-8")


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]], settings: Any) -> Any:
    """The app of the ``client`` and ``auth_headers`` fixtures: core plus reception, county profile."""
    write_profile(settings.data_dir)
    app = await make_app(plugins=("reception",), rule_profile="county", organ_name="临江县人民政府信访局")
    app.clock = lambda: TODAY
    return app


@pytest.fixture
async def ctx_for(hearing_app: Any) -> Callable[..., Awaitable[Any]]:
    """Factory: ``await ctx_for("registrar")`` → a ServiceContext of a new user with those roles."""
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
async def admin(hearing_app: Any) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    return ServiceContext(hearing_app, await actor_by_username(hearing_app, "admin"))
