"""Pytest fixtures for hearing and for plugin authors (``pytest -p hearing_core.testing``).

Every test that touches a database gets its own: a fresh SQLite file by default,
or, when ``HEARING_TEST_DATABASE`` names a PostgreSQL server
(``postgresql://postgres@127.0.0.1:5432/postgres``), a freshly created database
that is dropped afterwards. Tests using the ``database_url`` fixture are marked
``db`` automatically, so CI runs exactly those again on PostgreSQL with
``pytest -m db``.

Fixtures: ``database_url``, ``settings``, ``make_app`` (factory, choose
plugins), ``hearing_app`` (core only, migrated, with an administrator),
``admin_ctx``, ``client`` (httpx client on the ASGI app), ``auth_headers``
(factory: headers of a new user with given roles), ``cli`` (click runner bound
to the test instance).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest

os.environ.setdefault("PICCOLO_CONF", "hearing_core.db.piccolo_conf")
# Cheap Argon2 parameters for test accounts (read when hearing_core.security.passwords
# is first imported); production parameters are tested explicitly.
os.environ.setdefault("HEARING_INSECURE_FAST_PASSWORD_HASH", "1")

ADMIN_PASSWORD = "admin-password-1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


def _pg_admin_url() -> str | None:
    url = os.environ.get("HEARING_TEST_DATABASE", "sqlite")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture
async def database_url(tmp_path: Path) -> AsyncIterator[str]:
    admin_url = _pg_admin_url()
    if admin_url is None:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    import asyncpg

    name = f"hearing_test_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    parsed = urlparse(admin_url)
    yield urlunparse(parsed._replace(path=f"/{name}"))
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Any:
    from hearing_core.settings import Settings

    return Settings(
        data_dir=tmp_path / "instance",
        database_url=database_url,
        load_plugins=(),
        secret_key="test-secret-key-" + "x" * 32,
    )


@pytest.fixture
async def make_app(settings: Any) -> AsyncIterator[Callable[..., Awaitable[Any]]]:
    """Factory: ``await make_app(plugins=("mediation",))`` → a started, migrated app with an admin."""
    from hearing_core.app import HearingApp
    from hearing_core.db.migrations import upgrade
    from hearing_core.plugins import get_plugin_manager
    from hearing_core.security.service import bootstrap_admin

    started: list[Any] = []

    async def factory(plugins: Sequence[str] = (), extra_plugins: Sequence[tuple[str, object]] = (), **changes: Any) -> Any:
        app_settings = settings.replace(load_plugins=tuple(plugins), **changes)
        pm = get_plugin_manager(only=app_settings.load_plugins, extra_plugins=extra_plugins)
        for info in pm.plugin_infos():
            if info.error:
                raise RuntimeError(f"plugin {info.name} failed to load: {info.error}")
        app = HearingApp(app_settings, pm=pm)
        await app.startup()
        started.append(app)
        await upgrade(app.db, app.app_configs)
        from hearing_core.security.tables import User

        if not await User.exists().where(User.username == "admin").run():
            await bootstrap_admin(app, "admin", ADMIN_PASSWORD, "管理员")
        return app

    yield factory
    for app in reversed(started):
        await app.shutdown()


@pytest.fixture
async def hearing_app(make_app: Callable[..., Awaitable[Any]]) -> Any:
    return await make_app()


@pytest.fixture
async def admin_ctx(hearing_app: Any) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    return ServiceContext(hearing_app, await actor_by_username(hearing_app, "admin"))


@pytest.fixture
async def client(hearing_app: Any) -> AsyncIterator[Any]:
    """An HTTP client on the ASGI app of ``hearing_app`` (override ``hearing_app`` to add plugins).

    httpx's ASGI transport runs the app in the test's own event loop. litestar's
    ``AsyncTestClient`` runs it in a portal thread with another loop, where the
    PostgreSQL pool opened by the ``hearing_app`` fixture cannot be used.
    """
    import httpx

    from hearing_core.api import create_app

    asgi = create_app(hearing_app=hearing_app)
    transport = httpx.ASGITransport(app=asgi)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver.local") as test_client:
        test_client.app = asgi  # type: ignore[attr-defined]
        yield test_client


async def login(client: Any, username: str, password: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def auth_headers(client: Any, hearing_app: Any) -> Callable[..., Awaitable[dict[str, str]]]:
    """Factory: ``await auth_headers("registrar")`` creates a user with those roles and logs in."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user

    async def factory(*roles: str, username: str | None = None) -> dict[str, str]:
        if roles == ("administrator",) and username is None:
            return await login(client, "admin", ADMIN_PASSWORD)
        name = username or f"{'-'.join(roles) or 'none'}-{uuid.uuid4().hex[:6]}"
        await create_user(ServiceContext(hearing_app, SYSTEM), name, "user-password-1", list(roles), name)
        return await login(client, name, "user-password-1")

    return factory


class CliHarness:
    """Runs ``hearing`` commands in-process against the test instance."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.env = {
            "HEARING_DATA_DIR": str(settings.data_dir),
            "HEARING_DATABASE_URL": settings.database_url,
            "HEARING_SECRET_KEY": settings.secret_key,
        }
        self._upgraded: set[tuple[str, ...]] = set()

    def __call__(self, *args: str, input: str | None = None, plugins: Sequence[str] = ()) -> Any:
        if tuple(plugins) not in self._upgraded and args[:2] != ("db", "upgrade"):
            # On PostgreSQL commands refuse to run with pending migrations (operators
            # apply them); give every test instance an up-to-date schema first.
            self._upgraded.add(tuple(plugins))
            result = self._invoke(("db", "upgrade"), None, plugins)
            assert result.exit_code == 0, result.output + result.stderr
        return self._invoke(args, input, plugins)

    def _invoke(self, args: Sequence[str], input: str | None, plugins: Sequence[str]) -> Any:
        from click.testing import CliRunner

        from hearing_cli.main import build_cli
        from hearing_core.plugins import get_plugin_manager

        env = {**self.env, "HEARING_LOAD_PLUGINS": ",".join(plugins)}
        runner = CliRunner()
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            cli = build_cli(get_plugin_manager(only=tuple(plugins)))
            return runner.invoke(cli, list(args), input=input, catch_exceptions=False)
        finally:
            for key, value in old.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


@pytest.fixture
def cli(settings: Any) -> Iterator[CliHarness]:
    yield CliHarness(settings)
