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
TODAY = dt.datetime(2026, 1, 10, 2, 0, tzinfo=dt.UTC)


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


def id_number(seq: int, region: str = "440106", birth: str = "19800101") -> str:
    """A valid resident ID number (GB 11643 check character) for test petitioners."""
    body = f"{region}{birth}{seq % 1000:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


LEADERS: list[dict[str, Any]] = [
    {"code": "li-sec", "name": "李明", "post": "县委书记", "level": "county", "portfolio": "全面工作"},
    {"code": "zhao-head", "name": "赵强", "post": "县长", "level": "county", "portfolio": "县政府全面工作"},
    {"code": "sun-sc", "name": "孙红", "post": "县委常委、政法委书记", "level": "county", "portfolio": "政法", "paired_unit": "东城镇"},
    {"code": "zhou-vice", "name": "周平", "post": "副县长", "level": "county", "portfolio": "城建", "paired_unit": "西河镇"},
    {"code": "zheng-dept", "name": "郑伟", "post": "县住建局局长", "level": "department", "portfolio": "住房城乡建设", "paired_unit": "西河镇"},
    {"code": "chen-town", "name": "陈刚", "post": "东城镇党委书记", "level": "town", "portfolio": "全面工作", "paired_unit": "东城镇红星村"},
]

RULES: list[dict[str, Any]] = [
    {"code": "secretary", "title": "县委书记接访日", "kind": "monthly_day", "day_of_month": 15, "months": "odd",
     "place": "县信访局", "leaders": ["li-sec"]},
    {"code": "head", "title": "县长接访日", "kind": "monthly_day", "day_of_month": 15, "months": "even",
     "place": "县信访局", "leaders": ["zhao-head"]},
    {"code": "paired", "title": "挂钩镇定点接访", "kind": "monthly_day", "day_of_month": 15, "place_mode": "paired",
     "place": "{unit}综治信访维稳中心", "leaders": ["sun-sc", "zhou-vice", "zheng-dept"]},
    {"code": "monday", "title": "周一轮值接访", "kind": "weekday", "weekday": 0, "place": "县信访局",
     "rota": ["sun-sc", "zhou-vice"], "rota_start": "2025-01-06"},
    {"code": "village", "title": "镇领导包村接访", "kind": "half_days_weekly", "weekdays": [2], "session": "am",
     "place_mode": "paired", "place": "{unit}村委会", "levels": ["town"]},
]


async def build_scheme(ctx: Any) -> None:
    """The seed county's scheme in small: six leaders and the five kinds of rule."""
    from hearing_reception.services import leaders

    for data in LEADERS:
        await leaders.create_leader(ctx, data)
    await leaders.load_rules_file(ctx, RULES)
