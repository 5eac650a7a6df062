"""Logging in and out of the web pages (登录、退出): a session cookie carrying the JWT.

The login form posts to ``/login`` (public). It goes through the same steps and
services as ``POST /api/v1/auth/login`` — the login throttle, ``authenticate``,
the JWT backend's ``create_token`` with the user's ``token_version`` — and sets
``hearing_session`` (HttpOnly, SameSite=Lax, Secure over HTTPS or with
``secure_cookies``). Lax, not Strict, so a link from another system (an e-mail,
the intranet portal) opens the page logged in; every state-changing request
still needs the CSRF token, and no GET changes state.

The login form has its own CSRF check (login CSRF: a forged form could log the
victim into the attacker's account): public routes skip the app's CSRF
middleware, so the page issues the same double-submit token (``hearing_csrf``
cookie, signed with the instance secret through litestar's own functions and the
security engineer's :func:`build_csrf_config`) and verifies it here.
"""

from __future__ import annotations

import hmac
from typing import Any

from litestar import Request, get, post
from litestar.datastructures import Cookie
from litestar.exceptions import PermissionDeniedException
from litestar.middleware.csrf import generate_csrf_hash, generate_csrf_token
from litestar.response import Redirect, Template

from hearing_core.api.auth import AUTH_COOKIE, PUBLIC, require
from hearing_core.api.login import log_in
from hearing_core.api.protection import build_csrf_config
from hearing_core.errors import HearingError, Unauthenticated
from hearing_core.security import service as users
from hearing_core.web.i18n import N_, gettext
from hearing_core.web.render import (
    actor_of,
    form_values,
    hearing_of,
    lang_of,
    page,
    redirect,
    safe_next,
    use_secure_cookies,
)

__all__ = ["login_form", "login_submit", "logout"]

_SECRET_LENGTH = 64


def _csrf_config(request: Request[Any, Any, Any]) -> Any:
    return build_csrf_config(hearing_of(request).settings.secret_key, secure=use_secure_cookies(request))


def _valid(token: str, secret: str) -> str | None:
    """The random part of a signed double-submit token, or ``None`` when the signature is wrong."""
    if len(token) <= _SECRET_LENGTH:
        return None
    value, signature = token[:_SECRET_LENGTH], token[_SECRET_LENGTH:]
    return value if hmac.compare_digest(signature, generate_csrf_hash(value, secret)) else None


def _login_token(request: Request[Any, Any, Any]) -> tuple[str, list[Cookie]]:
    config = _csrf_config(request)
    existing = request.cookies.get(config.cookie_name)
    if existing and _valid(existing, config.secret):
        return existing, []
    token = generate_csrf_token(config.secret)
    cookie = Cookie(key=config.cookie_name, value=token, path=config.cookie_path, secure=config.cookie_secure,
                    httponly=config.cookie_httponly, samesite=config.cookie_samesite)
    return token, [cookie]


def _check_login_token(request: Request[Any, Any, Any], submitted: str | None) -> None:
    config = _csrf_config(request)
    cookie = request.cookies.get(config.cookie_name) or ""
    mine, theirs = _valid(cookie, config.secret), _valid(submitted or "", config.secret)
    if mine is None or theirs is None or not hmac.compare_digest(mine, theirs):
        # The same exception (and so the same page) as the app's CSRF middleware.
        raise PermissionDeniedException("CSRF token verification failed")


def _login_page(request: Request[Any, Any, Any], *, status: int = 200, error: str | None = None,
                username: str = "") -> Template:
    token, cookies = _login_token(request)
    return page(request, "web/login.html", status_code=status, cookies=cookies, login_csrf=token, error=error,
                username=username, next=safe_next(request.query_params.get("next")))


@get("/login", opt=PUBLIC, include_in_schema=False)
async def login_form(request: Request[Any, Any, Any]) -> Any:
    """登录页. Already logged in (a valid session cookie) → the dashboard."""
    if actor_of(request) is not None:
        return Redirect(path="/", status_code=303)
    return _login_page(request)


@post("/login", opt=PUBLIC, include_in_schema=False, status_code=303)
async def login_submit(request: Request[Any, Any, Any]) -> Any:
    form = await request.form()
    username = str(form.get("username") or "").strip()[:64]
    password = str(form.get("password") or "")[:1024]
    next_url = safe_next(str(form.get("next") or ""))
    _check_login_token(request, form.get("_csrf_token"))
    lang = lang_of(request)
    if not username or not password:
        return _login_page(request, status=422, error=gettext(lang, N_("Enter your username and password.")),
                           username=username)
    try:
        login = await log_in(request, username, password, via="web")
    except Unauthenticated:
        return _login_page(request, status=401, username=username,
                           error=gettext(lang, N_("Wrong username or password.")))
    except HearingError as exc:  # the throttle (429)
        return _login_page(request, status=exc.status, username=username,
                           error=gettext(lang, N_("Too many failed logins. Wait a few minutes and try again.")))
    token, lifetime = login.token, login.lifetime
    session = Cookie(key=AUTH_COOKIE, value=f"Bearer {token}", httponly=True, samesite="lax",
                     secure=use_secure_cookies(request), max_age=int(lifetime.total_seconds()), path="/")
    return Redirect(path=next_url, status_code=303, cookies=[session], headers={"cache-control": "no-store"})


@post("/logout", opt=require("session.own"), include_in_schema=False, status_code=303)
async def logout(request: Request[Any, Any, Any]) -> Any:
    """退出: revoke the session's token and drop the cookie."""
    await form_values(request)
    actor = actor_of(request)
    token = request.auth
    if actor is not None and actor.token_id is not None and token is not None:
        await users.revoke_token(hearing_of(request), actor.token_id, token.exp)
    response = redirect(request, "/login", flash=N_("You have logged out."), level="info")
    response.delete_cookie(AUTH_COOKIE, path="/")
    return response
