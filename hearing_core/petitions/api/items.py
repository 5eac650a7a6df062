"""``/api/v1/petitions``: items, their disposition actions, deadlines, suggestions and bulk import."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Any

from litestar import Controller, Request, get, patch, post
from litestar.exceptions import HTTPException
from litestar.params import FromQuery, JSONBody, PathParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions import service
from hearing_core.petitions.api.schemas import (
    AcceptIn,
    AssignIn,
    ConcludeIn,
    EvaluateIn,
    ExtendIn,
    ItemIn,
    ItemPatch,
    NotAcceptIn,
    OpinionIn,
    ReportIn,
    RouteIn,
    ServiceIn,
    TransferIn,
    struct_data,
)
from hearing_core.petitions.service import deadlines as deadline_service
from hearing_core.petitions.service import satisfaction
from hearing_core.petitions.service.importer import import_file
from hearing_core.petitions.service.inputs import changes_from_data, item_from_data

__all__ = ["PetitionsController", "import_handler"]

Ref = Annotated[str, PathParameter(min_length=1, max_length=64)]
READ, WRITE, DISPOSE = require("petitions.read"), require("petitions.write"), require("petitions.dispose")
DRAFT_ONLY = ("create_matter", "matter_title")


class PetitionsController(Controller):
    path = "/api/v1/petitions"
    tags = ["petitions"]

    @get("/", opt=READ, summary="List items (filters: year, dates, channel, status, category, matter, overdue, q)")
    async def list_items(
        self,
        ctx: Ctx,
        year: FromQuery[int | None] = None,
        date_from: FromQuery[dt.date | None] = None,
        date_to: FromQuery[dt.date | None] = None,
        channel: FromQuery[str | None] = None,
        status: FromQuery[str | None] = None,
        category: FromQuery[str | None] = None,
        matter: FromQuery[str | None] = None,
        overdue: FromQuery[bool | None] = None,
        q: FromQuery[str | None] = None,
        page: FromQuery[int] = 1,
        per_page: FromQuery[int] = 50,
    ) -> dict[str, Any]:
        filters = service.ItemFilter(year=year, date_from=date_from, date_to=date_to, channel=channel,
                                     status=status, category=category, matter_ref=matter, overdue=overdue, q=q)
        return (await service.list_items(ctx, filters, page, per_page)).as_dict()

    @post("/", opt=WRITE, summary="Register an item (create or join a matter)")
    async def register(self, ctx: Ctx, data: JSONBody[ItemIn]) -> dict[str, Any]:
        item = item_from_data(struct_data(data, drop=DRAFT_ONLY), today=ctx.today())
        record = await service.register_item(ctx, item, create_matter=data.create_matter,
                                             matter_title=data.matter_title)
        return record.as_dict()

    @get("/{ref:str}", opt=READ, summary="One item with its disposition and deadlines")
    async def show(self, ctx: Ctx, ref: Ref) -> dict[str, Any]:
        return (await service.get_item(ctx, ref)).as_dict()

    @patch("/{ref:str}", opt=WRITE, summary="Correct an item (optimistic concurrency: send the version read)")
    async def update(self, ctx: Ctx, ref: Ref, data: JSONBody[ItemPatch]) -> dict[str, Any]:
        changes = changes_from_data(struct_data(data, drop=("version",)))
        return (await service.update_item(ctx, ref, data.version, changes)).as_dict()

    @get("/{ref:str}/deadlines", opt=READ, summary="The item's statutory clocks (computed now; explain=true for steps)")
    async def deadlines(
        self, ctx: Ctx, ref: Ref, explain: FromQuery[bool] = False, rule: FromQuery[str | None] = None
    ) -> list[dict[str, Any]]:
        clocks = await deadline_service.explain_item(ctx, ref, rule)
        return [c.as_dict(explain=explain or rule is not None) for c in clocks]

    @get("/{ref:str}/suggestions", opt=READ, summary="Likely repeats of the item (重信重访), best first")
    async def suggestions(self, ctx: Ctx, ref: Ref, limit: FromQuery[int] = 10) -> list[dict[str, Any]]:
        return await service.suggest_for_item(ctx, ref, limit=max(1, min(limit, 50)))

    @post("/{ref:str}/accept", opt=DISPOSE, status_code=200, summary="受理")
    async def accept(self, ctx: Ctx, ref: Ref, data: JSONBody[AcceptIn]) -> dict[str, Any]:
        return (await service.accept(ctx, ref, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/not-accept", opt=DISPOSE, status_code=200, summary="不予受理 (reason code)")
    async def not_accept(self, ctx: Ctx, ref: Ref, data: JSONBody[NotAcceptIn]) -> dict[str, Any]:
        return (await service.not_accept(ctx, ref, data.reason, note=data.note, on=data.on,
                                         version=data.version)).as_dict()

    @post("/{ref:str}/transfer", opt=DISPOSE, status_code=200, summary="转送 to a unit")
    async def transfer(self, ctx: Ctx, ref: Ref, data: JSONBody[TransferIn]) -> dict[str, Any]:
        return (await service.transfer(ctx, ref, data.unit, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/assign", opt=DISPOSE, status_code=200, summary="交办 to a unit with a report due date")
    async def assign(self, ctx: Ctx, ref: Ref, data: JSONBody[AssignIn]) -> dict[str, Any]:
        return (await service.assign(ctx, ref, data.unit, data.due_on, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/extend", opt=DISPOSE, status_code=200, summary="延期 (once, at most handling.extension_max)")
    async def extend(self, ctx: Ctx, ref: Ref, data: JSONBody[ExtendIn]) -> dict[str, Any]:
        return (await service.extend(ctx, ref, data.days, data.reason, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/report-completion", opt=DISPOSE, status_code=200, summary="办结报告 of an assigned item")
    async def report_completion(self, ctx: Ctx, ref: Ref, data: JSONBody[ReportIn]) -> dict[str, Any]:
        return (await service.report_completion(ctx, ref, data.report, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/issue-opinion", opt=DISPOSE, status_code=200, summary="出具处理意见 (support/explain/not_support)")
    async def issue_opinion(self, ctx: Ctx, ref: Ref, data: JSONBody[OpinionIn]) -> dict[str, Any]:
        return (await service.issue_opinion(ctx, ref, data.outcome, on=data.on, served_on=data.served_on,
                                            version=data.version)).as_dict()

    @post("/{ref:str}/record-service", opt=DISPOSE, status_code=200, summary="送达 of the opinion")
    async def record_service(self, ctx: Ctx, ref: Ref, data: JSONBody[ServiceIn]) -> dict[str, Any]:
        return (await service.record_service(ctx, ref, served_on=data.served_on, version=data.version)).as_dict()

    @post("/{ref:str}/route-to-statutory", opt=DISPOSE, status_code=200, summary="导入法定程序")
    async def route(self, ctx: Ctx, ref: Ref, data: JSONBody[RouteIn]) -> dict[str, Any]:
        return (await service.route_to_statutory(ctx, ref, data.route, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/conclude", opt=DISPOSE, status_code=200, summary="办结")
    async def conclude(self, ctx: Ctx, ref: Ref, data: JSONBody[ConcludeIn]) -> dict[str, Any]:
        return (await service.conclude(ctx, ref, on=data.on, version=data.version)).as_dict()

    @post("/{ref:str}/evaluate", opt=WRITE, status_code=200, summary="满意度评价 of a concluded item")
    async def evaluate(self, ctx: Ctx, ref: Ref, data: JSONBody[EvaluateIn]) -> dict[str, Any]:
        return await satisfaction.evaluate_item(ctx, ref, data.grade, on=data.on, comment=data.comment)


_JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines")


async def _save_upload(request: Request[Any, Any, Any], target: Path) -> tuple[str, str | None]:
    """Write the uploaded file to ``target``; returns (file name, format implied by the request)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise ValidationFailed("no file", [FieldError("file", "send the register file in the form field 'file'")])
        target.write_bytes(await upload.read())
        return upload.filename or "upload", None
    if content_type in _JSONL_TYPES:
        with target.open("wb") as fh:
            async for chunk in request.stream():
                fh.write(chunk)
        return "upload.jsonl", "jsonl"
    raise HTTPException(status_code=415, detail="send multipart/form-data (field 'file') or application/x-ndjson")


def import_handler(max_bytes: int) -> Any:
    """``POST /api/v1/petitions/import``, with the instance's upload size limit (413 beyond it)."""

    @post("/api/v1/petitions/import", opt=require("petitions.import"), status_code=200, tags=["petitions"],
          request_max_body_size=max_bytes, summary="Import a register file (multipart 'file' or a JSON Lines body)")
    async def import_register(
        ctx: Ctx, request: Request[Any, Any, Any], format: FromQuery[str | None] = None
    ) -> dict[str, Any]:
        with tempfile.TemporaryDirectory(prefix="hearing-import-") as folder:
            target = Path(folder) / "upload"
            name, implied = await _save_upload(request, target)
            result = await import_file(ctx, target, fmt=format or implied, file_name=name)
        return result.as_dict()

    return import_register
