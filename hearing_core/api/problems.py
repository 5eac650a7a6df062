"""One error model for every failure: RFC 9457 problem details.

Domain errors carry their own status, title, detail and extra members (field
errors, the current state and allowed actions, the violated rule). Framework
errors (bad JSON, unknown route, body too large, missing token) are mapped to the
same shape. Unexpected exceptions become a bare 500 with a request id: the
traceback goes to the server log, never into a response (ASVS 16.5.1).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from hearing_core.errors import HearingError
from hearing_core.security.masking import scrub_text

__all__ = ["PROBLEM_MEDIA_TYPE", "exception_handlers", "problem_response"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger("hearing.api")

_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request entity too large",
    415: "Unsupported media type",
    422: "Validation failed",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def _scrubbed(value: Any) -> Any:
    # An ID number or phone typed into a path or a field must not come back in an error body.
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    return value


def problem_response(status: int, detail: str, *, title: str | None = None, **extra: Any) -> Response[Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "status": status,
        "title": title or _TITLES.get(status, "Error"),
        "detail": detail,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    body = _scrubbed(body)
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    retry_after = extra.get("retry_after")
    if status == 429 and retry_after:
        headers["Retry-After"] = str(retry_after)
    return Response(content=body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _hearing_error(request: Request[Any, Any, Any], exc: HearingError) -> Response[Any]:
    body = exc.problem()
    status = body.pop("status")
    return problem_response(status, body.pop("detail"), title=body.pop("title"), instance=request.url.path, **body)


def _validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    errors = []
    for item in exc.extra or []:
        if isinstance(item, dict):
            errors.append({"field": str(item.get("key") or item.get("source") or "body"), "message": str(item.get("message", ""))})
    return problem_response(400, _safe_detail(exc.detail), title="Invalid request", errors=errors or None, instance=request.url.path)


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    detail = _safe_detail(exc.detail) if status < 500 else _TITLES.get(status, "Error")
    headers = getattr(exc, "headers", None) or {}
    response = problem_response(status, detail, instance=request.url.path)
    for key, value in headers.items():
        response.headers[key] = value
    return response


def _not_authorized(request: Request[Any, Any, Any], exc: NotAuthorizedException) -> Response[Any]:
    # The auth middleware's messages can mention token internals; keep one public message.
    return problem_response(401, "authentication required: log in and send 'Authorization: Bearer <token>'", instance=request.url.path)


def _internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    error_id = uuid.uuid4().hex[:12]
    logger.exception("unhandled error %s on %s %s", error_id, request.method, request.url.path)
    return problem_response(
        HTTP_500_INTERNAL_SERVER_ERROR,
        f"an unexpected error occurred; report error id {error_id} to the administrator",
        error_id=error_id,
    )


def _data_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    # The database refused a value its column type cannot hold (an id beyond the
    # integer range, text longer than the column): the client's input is at fault,
    # and the message (which may quote the value) stays in the log.
    logger.info("database refused a value on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return problem_response(400, "a value is out of range or too long for this field", instance=request.url.path)


def _safe_detail(detail: str) -> str:
    # Litestar details are short human messages; cap length and strip line breaks so
    # nothing multi-line (a repr, a query) can leak into a response.
    text = " ".join(str(detail).split())
    return text[:300]


exception_handlers: dict[Any, Any] = {
    OverflowError: _data_error,  # sqlite3: integer beyond 64 bits
    HearingError: _hearing_error,
    ValidationException: _validation_error,
    NotAuthorizedException: _not_authorized,
    HTTPException: _http_error,
    Exception: _internal_error,
}
try:  # PostgreSQL: invalid_text_representation, numeric_value_out_of_range, string_data_right_truncation ...
    from asyncpg.exceptions import DataError as _PgDataError

    exception_handlers[_PgDataError] = _data_error
except ImportError:  # pragma: no cover - asyncpg comes with piccolo[postgres]
    pass



def document_problems(openapi: Any) -> None:
    """Declare the problem-details error responses on every operation of the OpenAPI document.

    Litestar documents only its own 400; errors raised by services (401, 403,
    404, 409, 413, 422, 429, 500) would otherwise be undocumented, and clients
    (and schemathesis' conformance checks) could not rely on their shape.
    """
    from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Reference, Schema
    from litestar.openapi.spec.enums import OpenAPIType

    components = openapi.components
    schemas = dict(components.schemas or {})
    schemas["ProblemDetails"] = Schema(
        type=OpenAPIType.OBJECT,
        required=["type", "status", "title", "detail"],
        properties={
            "type": Schema(type=OpenAPIType.STRING),
            "status": Schema(type=OpenAPIType.INTEGER),
            "title": Schema(type=OpenAPIType.STRING),
            "detail": Schema(type=OpenAPIType.STRING),
            "instance": Schema(type=OpenAPIType.STRING),
            "errors": Schema(type=OpenAPIType.ARRAY, items=Schema(type=OpenAPIType.OBJECT)),
        },
        description="RFC 9457 problem details; some errors add members (errors, current_state, ...).",
    )
    components.schemas = schemas
    content = {PROBLEM_MEDIA_TYPE: OpenAPIMediaType(schema=Reference(ref="#/components/schemas/ProblemDetails"))}
    for path_item in (openapi.paths or {}).values():
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            operation = getattr(path_item, method, None)
            if operation is None:
                continue
            responses = dict(operation.responses or {})
            for code, response in list(responses.items()):
                if str(code)[0] in "45" and isinstance(response, OpenAPIResponse):
                    responses[code] = OpenAPIResponse(description=response.description, content=content)
            responses.setdefault("default", OpenAPIResponse(description="Error (problem details)", content=content))
            operation.responses = responses
