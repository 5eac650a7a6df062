"""Fixtures of the annual-report tests: the seed year imported through the register's import service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import admin_of, import_rows, seed, set_today


@pytest.fixture
async def seeded(make_app: Callable[..., Awaitable[Any]], tmp_path: Path) -> Any:
    """A core app holding the seed year and the year before, its clock on 2024-01-15."""
    app = await make_app()
    set_today(app, dt.date(2024, 1, 15))
    await import_rows(app, seed().rows, tmp_path / "seed.jsonl")
    return app


@pytest.fixture
async def admin(seeded: Any) -> Any:
    return await admin_of(seeded)


@pytest.fixture
def ctx_for(seeded: Any) -> Callable[..., Awaitable[Any]]:
    """Factory: ``await ctx_for("leader")`` → the service context of a new user with those roles."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    counter = {"n": 0}

    async def factory(*roles: str) -> Any:
        counter["n"] += 1
        name = f"{'-'.join(roles) or 'none'}{counter['n']}"
        await create_user(ServiceContext(seeded, SYSTEM), name, "user-password-1", list(roles), name)
        return ServiceContext(seeded, await actor_by_username(seeded, name))

    return factory
