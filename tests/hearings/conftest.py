"""Fixtures of the hearing database, API and CLI tests (helpers in ``hearing_support``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from hearing_support import Clock, Story, install_clock, make_matter

_HASHES: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _memoised_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash each test password once per run (a real hash, reused): users are many, Argon2 is slow."""
    from hearing_core.security import service

    real = service.hash_password

    def cached(password: str) -> str:
        if password not in _HASHES:
            _HASHES[password] = real(password)
        return _HASHES[password]

    monkeypatch.setattr(service, "hash_password", cached)


@pytest.fixture(params=["national", "shandong"])
def profile_name(request: pytest.FixtureRequest) -> str:
    """Tests using it run under both rule profiles."""
    return str(request.param)


@pytest.fixture
async def app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    """A core app on the national profile."""
    return await make_app()


@pytest.fixture
def clock(app: Any) -> Clock:
    return install_clock(app)


@pytest.fixture
async def story(app: Any, clock: Clock) -> Story:
    await make_matter(app)
    return await Story.create(app, clock)


@pytest.fixture
async def profiled_story(make_app: Callable[..., Awaitable[Any]], profile_name: str) -> Story:
    """A story under the national or the Shandong profile."""
    app = await make_app(rule_profile=profile_name)
    clock = install_clock(app)
    await make_matter(app)
    return await Story.create(app, clock)


#: A county profile where silence past the decision period accepts the hearing (LocE).
SILENCE_ACCEPTS = """
name = "county_silence"
title = "测试县：逾期视为同意听证"
extends = "national"

[params.hearing.decision_silence_means]
value = "accepted"
source = "测试县信访听证流程：逾期未通知视为同意"
confidence = "D"
"""


@pytest.fixture
def story_for(make_app: Callable[..., Awaitable[Any]], settings: Any) -> Callable[..., Awaitable[Story]]:
    """Factory: ``await story_for("anhui")`` or ``await story_for("county_silence")`` → a Story."""

    async def factory(profile: str = "national") -> Story:
        if profile == "county_silence":
            folder = Path(settings.data_dir) / "profiles"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "county_silence.toml").write_text(SILENCE_ACCEPTS, encoding="utf-8")
        app = await make_app(rule_profile=profile)
        clock = install_clock(app)
        await make_matter(app)
        return await Story.create(app, clock)

    return factory


@pytest.fixture
async def hearing_app(app: Any, clock: Clock) -> Any:
    """The API tests' app is this package's ``app`` (national profile, ticking clock)."""
    return app
