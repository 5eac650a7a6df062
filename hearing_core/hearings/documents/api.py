"""HTTP API of hearing documents (听证文书), the docket (听证日程表) and calendars (听证日历).

* ``GET /api/v1/hearings/{case_id}/documents/{kind}?format=pdf|html&participant=N``
* ``GET /api/v1/hearings/docket?date=YYYY-MM-DD&venue=...&format=pdf|csv|html``
* ``GET /api/v1/hearings/sittings?from=...&to=...&venue=...|officer=USERNAME`` — the calendar
  grouped by day, per venue or per panel member (the raw calendar with venue bookings and
  declared unavailability is ``GET /api/v1/hearings/calendar`` of the hearings API).

Handlers parse, call :mod:`.service` and send the bytes; PDFs are laid out off the event loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import quote

import msgspec
from litestar import Controller, Response, get
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import FromQuery, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.hearings.documents import service

__all__ = ["HearingDocumentsController"]

READ = "hearings.read"
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Kind = Annotated[str, PathParameter(description="notice, announcement, record or report", max_length=20)]
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def _files(*formats: str) -> type[Operation]:
    """An OpenAPI operation whose 200 response is a file in one of ``formats`` (not JSON)."""

    @dataclass
    class FileOperation(Operation):
        def __post_init__(self) -> None:
            ok = (self.responses or {}).get("200")
            if isinstance(ok, OpenAPIResponse):
                binary = Schema(type=OpenAPIType.STRING, format="binary")
                ok.content = {MEDIA[f].split(";")[0]: OpenAPIMediaType(schema=binary) for f in formats}

    return FileOperation


def _send(body: bytes | str, fmt: str, filename: str) -> Response[bytes]:
    data = body.encode("utf-8") if isinstance(body, str) else body
    disposition = "attachment" if fmt == "csv" else "inline"
    headers = {"Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
               "Cache-Control": "no-store"}  # documents may name private persons
    return Response(data, media_type=MEDIA[fmt], headers=headers)


class HearingDocumentsController(Controller):
    path = "/api/v1/hearings"
    tags = ["hearings"]

    @get("/{case_id:int}/documents/{kind:str}", opt=require(READ), operation_class=_files("pdf", "html"),
         summary="A hearing document (通知书, 公告, 笔录, 报告) as PDF or HTML")
    async def document(
        self,
        ctx: Ctx,
        case_id: Annotated[int, PathParameter(ge=1)],
        kind: Kind,
        format: FromQuery[Literal["pdf", "html"]] = "pdf",  # noqa: A002 - the documented query parameter name
        participant: FromQuery[Annotated[int, msgspec.Meta(ge=1)] | None] = None,
    ) -> Response[bytes]:
        """``participant`` (the party's participant number) is required for a notice. Names of
        private persons are masked unless the caller holds ``personal_data.read``."""
        body = await service.render_document(ctx, case_id, kind, format, participant=participant)
        suffix = f"-{participant}" if participant else ""
        return _send(body, format, f"hearing-{case_id}-{kind}{suffix}.{format}")

    @get("/docket", opt=require(READ), operation_class=_files("pdf", "csv", "html"),
         summary="The day's hearing docket (听证日程表) as PDF, CSV or HTML")
    async def docket(
        self,
        ctx: Ctx,
        day: Annotated[dt.date, QueryParameter(name="date")],
        venue: FromQuery[Text | None] = None,
        format: FromQuery[Literal["pdf", "csv", "html"]] = "pdf",  # noqa: A002
    ) -> Response[bytes]:
        """CSV is UTF-8 with a byte-order mark, so Excel shows the Chinese correctly."""
        body = await service.docket(ctx, day, venue=venue, fmt=format)
        return _send(body, format, f"hearing-docket-{day.isoformat()}.{format}")

    @get("/sittings", opt=require(READ), summary="Hearing sittings by day, per venue or per panel member (听证日历)")
    async def sittings(
        self,
        ctx: Ctx,
        date_from: Annotated[dt.date, QueryParameter(name="from")],
        date_to: Annotated[dt.date, QueryParameter(name="to")],
        venue: FromQuery[Text | None] = None,
        officer: FromQuery[Text | None] = None,
    ) -> dict[str, Any]:
        """By venue (optionally one), or by panel member when ``officer`` is a username (``*``: all)."""
        return await service.sittings(ctx, date_from, date_to, venue=venue, officer=officer)
