"""Browser-side protections (浏览器安全): security headers and CSRF for cookie sessions.

* :func:`add_security_headers` (an app-level ``before_send`` hook, so error
  responses raised by middleware get them too) adds ``X-Content-Type-Options``,
  ``X-Frame-Options``, ``Referrer-Policy`` and a Content-Security-Policy to every
  response: ``default-src 'none'`` unless a page set its own.
* :class:`DocsCSPMiddleware` gives the docs pages under ``/schema`` a policy
  that admits the bundled Swagger UI (scripts and styles from this origin) and
  *only the exact inline scripts of that page*, allowed by their SHA-256
  hashes, so an injected script still cannot run.
* :class:`CookieCSRFMiddleware` is litestar's double-submit CSRF check, applied
  only to requests that a browser authenticates by the session cookie. A request
  with a bearer token in ``Authorization`` cannot be forged cross-site (a page
  cannot set that header without a CORS preflight we refuse), so API clients
  never need the CSRF header.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from litestar.config.csrf import CSRFConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware.csrf import CSRFMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from hearing_core.api.auth import AUTH_COOKIE

__all__ = ["CookieCSRFMiddleware", "DocsCSPMiddleware", "add_security_headers", "build_csrf_config"]

CSRF_COOKIE = "hearing_csrf"
CSRF_HEADER = "x-csrf-token"

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_DOCS_CSP = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def docs_csp(html: bytes) -> str:
    """The CSP of a docs page: its own inline scripts by hash, everything else from this origin."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return _DOCS_CSP.format(hashes=hashes).replace("  ", " ")


async def add_security_headers(message: Message, scope: Scope) -> None:
    """``before_send`` hook: the common headers on every HTTP response of the app."""
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    for name, value in _COMMON:
        headers[name.decode()] = value.decode()
    if "content-security-policy" not in headers:
        headers["content-security-policy"] = API_CSP


class DocsCSPMiddleware:
    """Pure ASGI middleware: a per-page CSP for the HTML docs under ``/schema``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == "/schema" or path.startswith("/schema/")):
            await self.app(scope, receive, send)
            return
        # Docs pages are small: hold the body to hash its inline scripts.
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                headers = MutableScopeHeaders.from_message(start)  # type: ignore[arg-type]
                if "html" in (headers.get("content-type") or ""):
                    headers["content-security-policy"] = docs_csp(body)
                await send(start)  # type: ignore[arg-type]
                await send({"type": "http.response.body", "body": body, "more_body": False})
                return
            await send(message)

        await self.app(scope, receive, send_wrapper)


def build_csrf_config(secret: str, *, secure: bool = False) -> CSRFConfig:
    """Double-submit CSRF: the page reads cookie ``hearing_csrf`` and echoes it in ``X-CSRF-Token``."""
    return CSRFConfig(
        secret=secret,
        cookie_name=CSRF_COOKIE,
        header_name=CSRF_HEADER,
        cookie_samesite="strict",
        cookie_secure=secure,
        cookie_httponly=False,  # the page's script must read it to echo it
        # Public routes (login, health, schema) change no state of a session.
        exclude_from_csrf_key="public",
    )


class CookieCSRFMiddleware(CSRFMiddleware):
    """CSRF check only for requests whose credentials come from the session cookie."""

    def __init__(self, app: ASGIApp, config: CSRFConfig) -> None:
        super().__init__(app, config)
        self.plain_app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _cookie_authenticated(scope):
            await super().__call__(scope, receive, send)
        else:
            await self.plain_app(scope, receive, send)


def _cookie_authenticated(scope: Scope) -> bool:
    """True when the auth middleware would take the token from the cookie (no bearer header)."""
    bearer = False
    cookie = False
    for name, value in scope.get("headers", []):
        if name == b"authorization" and value.partition(b" ")[2].strip():
            bearer = True
        elif name == b"cookie" and re.search(rb"(?:^|;)\s*" + AUTH_COOKIE.encode() + rb"=", value):
            cookie = True
    return cookie and not bearer
