"""Every route against every role, generated from the route table of an app with every plugin loaded.

For each non-public route: no token → 401; a role without the route's
permission → 403; a role holding it → neither 401 nor 403 (whatever the dummy
request then gets). Routes added later by any plugin or core domain are covered
automatically; a route without a registered permission fails the test.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from security_support import asgi_client

from hearing_core.context import ServiceContext
from hearing_core.plugins import get_plugin_manager
from hearing_core.security.actor import SYSTEM
from hearing_core.security.service import create_user

WANTED_PLUGINS = ("mediation", "review", "pdf_import", "reception", "example")
# /login: the web login form (hearing_core/web/session.py), public like the API login.
PUBLIC_PATHS = {"/health", "/api/v1/auth/login", "/login"}
_PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")
_DUMMY = {"int": "1", "str": "x", "uuid": str(uuid.UUID(int=1)), "date": "2026-01-05", "path": "x", "float": "1.5",
          "datetime": "2026-01-05T08:00:00Z", "decimal": "1.5", "time": "08:00:00"}


def loadable_plugins() -> tuple[str, ...]:
    """The wanted plugins that are installed and import cleanly (others appear as teams add them)."""
    pm = get_plugin_manager(only=WANTED_PLUGINS)
    return tuple(i.name for i in pm.plugin_infos() if i.loaded)


def fill(path: str) -> str:
    return _PARAM.sub(lambda m: _DUMMY.get(m.group(2) or "str", "1"), path)


def route_table(asgi: Any) -> list[tuple[str, str, Any]]:
    """(method, path, handler) of every HTTP route handler, schema and static files aside."""
    rows = []
    for route in asgi.routes:
        if route.path.startswith(("/schema", "/static")):
            continue
        for handler in getattr(route, "route_handlers", []):
            methods = sorted(getattr(handler, "http_methods", ()))
            if methods == ["OPTIONS"] and handler.handler_name == "options_handler":
                continue
            for method in methods:
                if method == "HEAD":
                    continue
                rows.append((method, route.path, handler))
    return sorted(rows, key=lambda r: (r[1], r[0]))


@pytest.fixture
async def full_app(make_app: Any) -> Any:
    return await make_app(plugins=loadable_plugins())


async def test_every_route_against_every_role(full_app: Any) -> None:
    access = full_app.access
    ctx = ServiceContext(full_app, SYSTEM)
    role_users: dict[str, dict[str, Any]] = {}
    for role in sorted(access.roles):
        view = await create_user(ctx, f"matrix-{role}".replace("_", "-")[:64], "password-123", [role])
        role_users[role] = {"id": view.id, "permissions": access.permissions_for([role])}

    async with asgi_client(full_app) as client:
        jwt_auth = client.app.state["jwt_auth"]

        def token_for(role: str) -> dict[str, str]:
            # A fresh token per request: a route that revokes its own token (logout) cannot
            # spoil the next request, and no Argon2 work is repeated 300 times.
            token = jwt_auth.create_token(
                identifier=str(role_users[role]["id"]), token_extras={"tv": 0}, token_unique_jwt_id=uuid.uuid4().hex
            )
            return {"Authorization": f"Bearer {token}"}

        table = route_table(client.app)
        assert {(m, p) for m, p, _ in table} >= {("GET", "/api/v1/users"), ("GET", "/api/v1/audit")}
        problems: list[str] = []
        checked = 0
        for method, path, handler in table:
            url = fill(path)
            body = {} if method in {"POST", "PUT", "PATCH"} else None
            if handler.opt.get("public"):
                assert path in PUBLIC_PATHS, f"{method} {path} is public but not in the reviewed public list"
                continue
            permission = handler.opt.get("permission")
            if permission not in access.permissions:
                problems.append(f"{method} {path}: declares no registered permission ({permission!r})")
                continue
            anonymous = await client.request(method, url, json=body)
            if anonymous.status_code != 401:
                problems.append(f"{method} {path}: anonymous got {anonymous.status_code}, expected 401")
            for role, info in role_users.items():
                response = await client.request(method, url, json=body, headers=token_for(role))
                checked += 1
                holds = permission in info["permissions"]
                if holds and response.status_code in (401, 403):
                    problems.append(f"{method} {path}: {role} holds {permission} but got {response.status_code}: {response.text[:200]}")
                if not holds and response.status_code != 403:
                    problems.append(f"{method} {path}: {role} lacks {permission} but got {response.status_code}")
    assert not problems, "\n".join(problems)
    assert checked >= len(role_users) * 10


def test_route_without_permission_refuses_to_start(tmp_path: Any) -> None:
    from litestar import get

    from hearing_core import hookimpl
    from hearing_core.api import create_app
    from hearing_core.app import HearingApp
    from hearing_core.errors import StartupError
    from hearing_core.settings import Settings

    @get("/api/v1/leaky", sync_to_thread=False)
    def leaky() -> dict[str, str]:
        return {"secret": "yes"}

    class Leaky:
        @hookimpl
        def register_routes(self, app: Any) -> list[Any]:
            return [leaky]

    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'x.db'}", load_plugins=(), secret_key="k" * 40)
    app = HearingApp(settings, pm=get_plugin_manager(only=(), extra_plugins=[("leaky", Leaky())]))
    with pytest.raises(StartupError, match="/api/v1/leaky"):
        create_app(hearing_app=app)
