"""Errors on pages (页面错误): a friendly page or htmx fragment, never a traceback.

These handlers are attached to the web routers (:func:`hearing_core.web.pages_router`),
so the API keeps its problem details while a page shows ``web/error.html``:

* not logged in → a browser is sent to ``/login?next=…`` (303), htmx gets
  ``HX-Redirect``, any other client a 401 page (API-style clients and tests);
* a domain error (``HearingError``) → its status, title, detail and bad fields;
* the CSRF check failed → 403 "the form has expired, reload the page";
* anything unexpected → 500 with an error id; the traceback goes to the log only.

htmx requests get the fragment ``web/_error.html`` retargeted to the page's
message area (``#messages``), so a failed partial update explains itself.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any
from urllib.parse import quote, urlparse

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException
from litestar.response import Redirect

from hearing_core.errors import HearingError
from hearing_core.security.masking import scrub_text
from hearing_core.web.i18n import N_, gettext
from hearing_core.web.labels import STATUS_TITLES, status_title
from hearing_core.web.render import PAGE_HEADERS, is_htmx, lang_of, page, safe_next

__all__ = ["web_exception_handlers"]

logger = logging.getLogger("hearing.web")

TITLES = STATUS_TITLES
CSRF_DETAIL = N_("The form has expired. Reload the page and try again.")


def _error_page(request: Request[Any, Any, Any], status: int, detail: str, *,
                errors: list[dict[str, Any]] | None = None, extra: dict[str, Any] | None = None,
                error_id: str | None = None) -> Response[Any]:
    lang = lang_of(request)
    title = status_title(status, lang)
    context: dict[str, Any] = {"status": status, "title": title, "detail": scrub_text(detail), "field_errors": errors or [],
               "extra": extra or {}, "error_id": error_id}
    try:
        if is_htmx(request):
            headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
            return page(request, "web/_error.html", status_code=status, headers=headers, **context)
        return page(request, "web/error.html", status_code=status, **context)
    except Exception:  # noqa: BLE001 - the error page itself must never fail the response
        logger.exception("error page failed")
        return Response(f"{status} {title}", status_code=status, media_type="text/plain; charset=utf-8",
                        headers=PAGE_HEADERS)


def _login_url(request: Request[Any, Any, Any]) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if is_htmx(request) and request.headers.get("hx-current-url"):
        current = urlparse(request.headers["hx-current-url"])
        target = current.path + (f"?{current.query}" if current.query else "")
    return "/login?next=" + quote(safe_next(target), safe="/")


def _not_logged_in(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    url = _login_url(request)
    if is_htmx(request):
        return Response("", status_code=401, headers={"HX-Redirect": url, **PAGE_HEADERS})
    if "text/html" in request.headers.get("accept", ""):
        return Redirect(path=url, status_code=303, headers={"cache-control": "no-store"})
    return _error_page(request, 401, gettext(lang_of(request), TITLES[401]), extra={"login_url": url})


def _hearing_error(request: Request[Any, Any, Any], exc: HearingError) -> Response[Any]:
    if exc.status == 401:
        return _not_logged_in(request, exc)
    problem = exc.problem()
    extra = {k: v for k, v in problem.items() if k in ("current_state", "allowed_actions", "rule", "source")}
    return _error_page(request, exc.status, exc.detail, errors=problem.get("errors"), extra=extra)


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    if isinstance(exc, PermissionDeniedException) and "CSRF" in str(exc.detail):
        return _error_page(request, 403, gettext(lang_of(request), CSRF_DETAIL))
    detail = " ".join(str(exc.detail).split())[:300] if status < 500 else ""
    return _error_page(request, status, detail)


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    error_id = uuid.uuid4().hex[:12]
    logger.exception("unhandled error %s on %s %s", error_id, request.method, request.url.path)
    return _error_page(request, 500, "", error_id=error_id)


def _data_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    logger.info("database refused a value on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return _error_page(request, 400, gettext(lang_of(request), N_("A value is out of range or too long.")))


web_exception_handlers: dict[Any, Any] = {
    OverflowError: _data_error,
    NotAuthorizedException: _not_logged_in,
    HearingError: _hearing_error,
    HTTPException: _http_error,
    Exception: _unexpected,
}
try:
    from asyncpg.exceptions import DataError as _PgDataError

    web_exception_handlers[_PgDataError] = _data_error
except ImportError:  # pragma: no cover
    pass
