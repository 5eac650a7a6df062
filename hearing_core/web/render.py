"""Rendering pages (页面渲染): the common context, flash messages, redirects, form values.

Every page handler ends with :func:`page` (a full page or, for htmx, a fragment
template) or :func:`redirect` (POST-redirect-GET with a flash message). The
context always holds ``lang``, ``actor``, ``nav`` (the menu sections the actor
may open), ``flashes``, ``path`` and ``organ_name``; templates add their own.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from litestar import Request
from litestar.datastructures import Cookie
from litestar.enums import MediaType
from litestar.response import Redirect, Template

from hearing_core.security.actor import Actor
from hearing_core.web.i18n import HTML_LANG, LANG_COOKIE, gettext, negotiate
from hearing_core.web.menu import navigation

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = [
    "WEB_CSP",
    "actor_of",
    "flash_cookie",
    "form_values",
    "hearing_of",
    "is_htmx",
    "lang_of",
    "page",
    "redirect",
    "safe_next",
    "use_secure_cookies",
    "with_query",
]

#: The pages' Content-Security-Policy: scripts and styles from this origin only, no inline code.
WEB_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
FLASH_COOKIE = "hearing_flash"
PAGE_HEADERS = {"content-security-policy": WEB_CSP, "cache-control": "no-store"}
_LEVELS = ("success", "info", "warning", "error")


def hearing_of(request: Request[Any, Any, Any]) -> HearingApp:
    return request.app.state["hearing"]  # type: ignore[no-any-return]


def actor_of(request: Request[Any, Any, Any]) -> Actor | None:
    user = request.scope.get("user")
    return user if isinstance(user, Actor) else None


def lang_of(request: Request[Any, Any, Any]) -> str:
    return negotiate(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))[0]


def is_htmx(request: Request[Any, Any, Any]) -> bool:
    return request.headers.get("hx-request") == "true"


def use_secure_cookies(request: Request[Any, Any, Any]) -> bool:
    """Mark cookies Secure: over HTTPS, or behind a TLS proxy with ``secure_cookies = true``."""
    settings = hearing_of(request).settings
    return request.url.scheme == "https" or bool(settings.extra.get("secure_cookies", False))


def _sign(app: HearingApp, payload: bytes) -> str:
    return hmac.new(app.settings.secret_key.encode(), b"flash:" + payload, hashlib.sha256).hexdigest()[:32]


def flash_cookie(request: Request[Any, Any, Any], messages: Iterable[tuple[str, str]]) -> Cookie:
    """A short-lived signed cookie carrying ``(level, text)`` messages to the next page."""
    items = [[level if level in _LEVELS else "info", text[:500]] for level, text in messages][:5]
    payload = base64.urlsafe_b64encode(json.dumps(items, ensure_ascii=False).encode()).rstrip(b"=")
    value = payload.decode() + "." + _sign(hearing_of(request), payload)
    return Cookie(key=FLASH_COOKIE, value=value, path="/", httponly=True, samesite="lax",
                  secure=use_secure_cookies(request), max_age=120)


def _read_flashes(request: Request[Any, Any, Any]) -> list[dict[str, str]]:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw or "." not in raw:
        return []
    payload, _, signature = raw.partition(".")
    if not hmac.compare_digest(signature, _sign(hearing_of(request), payload.encode())):
        return []
    try:
        items = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return []
    return [{"level": str(level), "text": str(text)} for level, text in items if level in _LEVELS]


def base_context(request: Request[Any, Any, Any], lang: str) -> dict[str, Any]:
    app = hearing_of(request)
    actor = actor_of(request)
    return {
        "lang": lang,
        "html_lang": HTML_LANG.get(lang, lang),
        "actor": actor,
        "nav": navigation(app, actor, lang, request.url.path),
        "path": request.url.path,
        "query": dict(request.query_params),
        "organ_name": app.settings.organ_name,
        "flashes": _read_flashes(request),
        "htmx": is_htmx(request),
    }


def page(
    request: Request[Any, Any, Any], template: str, *, status_code: int = 200, cookies: Iterable[Cookie] = (),
    headers: Mapping[str, str] | None = None, **context: Any,
) -> Template:
    """Render ``template`` with the common context; consumes the flash messages it shows."""
    lang, remember = negotiate(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))
    full = base_context(request, lang)
    full.update(context)
    out_cookies = list(cookies)
    if remember:
        out_cookies.append(Cookie(key=LANG_COOKIE, value=lang, path="/", httponly=True, samesite="lax",
                                  secure=use_secure_cookies(request), max_age=365 * 24 * 3600))
    if request.cookies.get(FLASH_COOKIE):
        out_cookies.append(Cookie(key=FLASH_COOKIE, value="", path="/", max_age=0, httponly=True, samesite="lax"))
    return Template(template_name=template, context=full, status_code=status_code, cookies=out_cookies,
                    headers={**PAGE_HEADERS, **(headers or {})}, media_type=MediaType.HTML)


def redirect(
    request: Request[Any, Any, Any], url: str, *, flash: str | None = None, level: str = "success",
    cookies: Iterable[Cookie] = (), **params: Any,
) -> Redirect:
    """303 to ``url`` (POST-redirect-GET); ``flash`` is an English message id, translated here
    and formatted with ``params`` (``flash=N_("Registered %(ref)s"), ref=...``)."""
    out = list(cookies)
    if flash:
        text = gettext(lang_of(request), flash)
        out.append(flash_cookie(request, [(level, text % params if params else text)]))
    return Redirect(path=url, status_code=303, cookies=out, headers={"cache-control": "no-store"})


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a local path may follow login (no ``//host`` or ``scheme:`` open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def with_query(path: str, params: Mapping[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` updated by ``changes``; empty values are dropped (pagination links)."""
    merged = {**{k: v for k, v in params.items() if k != "lang"}, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


async def form_values(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The submitted form as ``{name: value}`` (stripped strings; repeated names as lists)."""
    form = await request.form()
    values: dict[str, Any] = {}
    for key in form:
        if key == "_csrf_token":
            continue
        items = [v.strip() if isinstance(v, str) else v for v in form.getall(key)]
        values[key] = items if len(items) > 1 else items[0]
    return values
