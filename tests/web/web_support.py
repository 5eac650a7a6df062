"""Helpers of the web page tests: log in through the login form, read CSRF tokens from pages."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx

TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
HTML = {"accept": "text/html,application/xhtml+xml"}
PASSWORD = "user-password-1"


def csrf_of(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


async def form_login(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    page = await client.get("/login", headers=HTML)
    assert page.status_code == 200
    return await client.post("/login", data={"username": username, "password": password,
                                             "_csrf_token": csrf_of(page.text)})


async def post_form(client: httpx.AsyncClient, page_url: str, action: str, data: dict[str, Any]) -> httpx.Response:
    """GET ``page_url`` (for its CSRF token) and POST ``data`` to ``action`` as the page's form would."""
    page = await client.get(page_url, headers=HTML)
    assert page.status_code == 200, page.text[:500]
    return await client.post(action, data={**data, "_csrf_token": csrf_of(page.text)}, headers=HTML)


def new_client(asgi: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi), base_url="http://testserver.local")


async def make_user(app: Any, *roles: str) -> str:
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user

    name = f"{'-'.join(roles) or 'none'}-{uuid.uuid4().hex[:6]}".replace("_", "-")[:64]
    await create_user(ServiceContext(app, SYSTEM), name, PASSWORD, list(roles), f"用户{name[-6:]}")
    return name
