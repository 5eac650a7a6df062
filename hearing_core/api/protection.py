"""Browser-side protections (浏览器安全): security headers and CSRF for cookie sessions.

* :class:`SecurityHeadersMiddleware` adds ``X-Content-Type-Options``,
  ``X-Frame-Options``, ``Referrer-Policy`` and a Content-Security-Policy to every
  response. API responses get ``default-src 'none'``; the docs pages under
  ``/schema`` get a policy that admits the bundled Swagger UI (scripts and
  styles from this origin) and *only the exact inline scripts of that page*,
  allowed by their SHA-256 hashes, so an injected script still cannot run.
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

__all__ = ["CookieCSRFMiddleware", "SecurityHeadersMiddleware", "build_csrf_config"]

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


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: headers on every HTTP response, per-page CSP for the docs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/schema" or scope["path"].startswith("/schema/"):
            await self._docs(scope, receive, send)
            return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                _add_common(headers)
                headers["content-security-policy"] = API_CSP
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
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
                _add_common(headers)
                content_type = headers.get("content-type") or ""
                headers["content-security-policy"] = docs_csp(body) if "html" in content_type else API_CSP
                await send(start)  # type: ignore[arg-type]
                await send({"type": "http.response.body", "body": body, "more_body": False})
                return
            await send(message)

        await self.app(scope, receive, send_wrapper)


def _add_common(headers: MutableScopeHeaders) -> None:
    for name, value in _COMMON:
        headers[name.decode()] = value.decode()


def build_csrf_config(secret: str, *, secure: bool = False) -> CSRFConfig:
    """Double-submit CSRF: the page reads cookie ``hearing_csrf`` and echoes it in ``X-CSRF-Token``."""
    return CSRFConfig(
        secret=secret,
        cookie_name=CSRF_COOKIE,
        header_name=CSRF_HEADER,
        cookie_samesite="strict",
        cookie_secure=secure,
        cookie_httponly=False,  # the page's script must read it to echo it
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
