"""HTTP API of the annual report (``/api/v1/reports``): figures, exports, drill-down, snapshots.

Handlers parse, call :mod:`.service`, :mod:`.drill` or :mod:`.snapshots`, and
serialise. PDFs are laid out in a worker thread (``renderer.pdf_async``).
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Response, get, post
from litestar.params import FromQuery, JSONBody, PathParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.statistics import PreviousYear
from hearing_core.reports import drill as drilling
from hearing_core.reports import service, snapshots

__all__ = ["ReportsController"]

Year = Annotated[int, msgspec.Meta(ge=1900, le=9998)]
Count = Annotated[int, msgspec.Meta(ge=0, le=10**9)]


class FreezeRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Freeze the report of ``year`` (报告冻结); optionally against last year's published figures."""

    year: Year
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    previous_accepted: Count | None = None
    previous_distinct_matters: Count | None = None


def _published(accepted: int | None, distinct: int | None) -> PreviousYear | None:
    if accepted is None and distinct is None:
        return None
    if accepted is None or distinct is None:
        raise ValidationFailed(
            "incomplete previous-year figures",
            [FieldError("previous_accepted", "give both previous_accepted and previous_distinct_matters")],
        )
    return PreviousYear(accepted, distinct)


def _download(export: service.Export, fmt: str) -> Response[bytes]:
    from urllib.parse import quote

    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    headers = {"Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(export.filename)}"}
    return Response(export.body, media_type=export.media_type, headers=headers)


class ReportsController(Controller):
    path = "/api/v1/reports"
    tags = ["reports"]

    @get(
        "/annual",
        opt=require(service.READ),
        summary="Annual report (年度报告) as JSON, Markdown, HTML or PDF",
    )
    async def annual(
        self,
        ctx: Ctx,
        year: FromQuery[Year],
        format: FromQuery[str] = "json",  # noqa: A002 - the documented query parameter name
        previous_accepted: FromQuery[Count | None] = None,
        previous_distinct_matters: FromQuery[Count | None] = None,
    ) -> Response[Any]:
        """Figures of statistical year ``year``; ``format`` md/html/pdf downloads are audited."""
        published = _published(previous_accepted, previous_distinct_matters)
        if format == "json":
            return Response(await service.annual_report(ctx, year, published_previous=published))
        export = await service.export_report(ctx, year, format, published_previous=published)
        return _download(export, format)

    @get("/annual/drill", opt=require(service.READ), summary="Items or matters behind one figure (下钻)")
    async def drill(
        self,
        ctx: Ctx,
        year: FromQuery[Year],
        figure: FromQuery[Annotated[str, msgspec.Meta(min_length=1, max_length=100)]],
        page: FromQuery[Annotated[int, msgspec.Meta(ge=1)]] = 1,
        per_page: FromQuery[Annotated[int, msgspec.Meta(ge=1, le=200)]] = 50,
    ) -> dict[str, Any]:
        return await drilling.drill(ctx, year, figure, page=page, per_page=per_page)

    @post("/annual/snapshots", opt=require(service.FREEZE), summary="Freeze the report as a snapshot (冻结)")
    async def freeze(self, ctx: Ctx, data: JSONBody[FreezeRequest]) -> dict[str, Any]:
        published = _published(data.previous_accepted, data.previous_distinct_matters)
        return await snapshots.freeze(ctx, data.year, note=data.note, published_previous=published)

    @get("/annual/snapshots", opt=require(service.READ), summary="Frozen snapshots, newest first")
    async def list_snapshots(
        self,
        ctx: Ctx,
        year: FromQuery[Year | None] = None,
        page: FromQuery[Annotated[int, msgspec.Meta(ge=1)]] = 1,
        per_page: FromQuery[Annotated[int, msgspec.Meta(ge=1, le=200)]] = 50,
    ) -> dict[str, Any]:
        items = await snapshots.list_snapshots(ctx, year=year)
        start = (page - 1) * per_page
        return {
            "items": items[start : start + per_page],
            "total": len(items),
            "page": page,
            "per_page": per_page,
        }

    @get(
        "/annual/snapshots/{snapshot_id:int}",
        opt=require(service.READ),
        summary="One snapshot; ?format=md|html|pdf renders it, ?verify=true checks it",
    )
    async def show_snapshot(
        self,
        ctx: Ctx,
        snapshot_id: Annotated[int, PathParameter(ge=1)],
        format: FromQuery[str] = "json",  # noqa: A002
        verify: FromQuery[bool] = False,
    ) -> Response[Any]:
        snap = await snapshots.get_snapshot(ctx, snapshot_id)
        if format == "json":
            if verify:
                snap["verification"] = await snapshots.verify_snapshot(ctx, snapshot_id)
            return Response(snap)
        export = await service.render(ctx.app, snap["report"], format)
        await service.audit_export(ctx, snap["report"], format, snapshot_id=snapshot_id)
        return _download(export, format)
