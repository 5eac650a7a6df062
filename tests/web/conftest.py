"""Fixtures of the web page tests: browser-like clients logged in through the login form."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from web_support import PASSWORD, form_login, make_user, new_client

from hearing_core.testing import ADMIN_PASSWORD


@pytest.fixture
async def browser_as(client: Any, hearing_app: Any) -> AsyncIterator[Callable[..., Awaitable[httpx.AsyncClient]]]:
    """Factory: ``await browser_as("registrar")`` → a client with its own cookies, logged in by form."""
    opened: list[httpx.AsyncClient] = []

    async def factory(*roles: str) -> httpx.AsyncClient:
        web = new_client(client.app)
        opened.append(web)
        if roles == ("administrator",):
            name, password = "admin", ADMIN_PASSWORD
        else:
            name, password = await make_user(hearing_app, *roles), PASSWORD
        response = await form_login(web, name, password)
        assert response.status_code == 303, response.text[:500]
        return web

    yield factory
    for web in opened:
        await web.aclose()
