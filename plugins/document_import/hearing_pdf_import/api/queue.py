"""``/api/v1/documents/queue``: the review queue of registration forms (登记表待核队列)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_pdf_import import services
from hearing_pdf_import.api.schemas import ConfirmBody, DiscardBody, FixBody

__all__ = ["QueueController"]

FormId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
StateQuery = Annotated[str, QueryParameter(name="state", max_length=16)]
QUEUE = require("documents.queue")


class QueueController(Controller):
    path = "/api/v1/documents/queue"
    tags = ["documents"]

    @get("/", opt=QUEUE, summary="Forms waiting for review (state=pending), or all with state=all")
    async def list_queue(self, ctx: Ctx, entry_state: StateQuery = "pending", page: FromQuery[int] = 1,
                         per_page: FromQuery[int] = 50) -> dict[str, Any]:
        # ``state`` is a reserved parameter name in litestar, hence the alias.
        return await services.list_queue(ctx, state=None if entry_state == "all" else entry_state, page=page,
                                         per_page=per_page)

    @get("/{form_id:int}", opt=QUEUE, summary="One form: every field with its page and box, and the problems")
    async def show(self, ctx: Ctx, form_id: FormId) -> dict[str, Any]:
        return await services.get_entry(ctx, form_id)

    @post("/{form_id:int}/fix", opt=QUEUE, status_code=200, summary="Correct fields (更正)")
    async def fix(self, ctx: Ctx, form_id: FormId, data: JSONBody[FixBody]) -> dict[str, Any]:
        return await services.fix_entry(ctx, form_id, data.fields, version=data.version)

    @post("/{form_id:int}/confirm", opt=QUEUE, status_code=200, summary="Register the petition item (确认登记)")
    async def confirm(self, ctx: Ctx, form_id: FormId, data: JSONBody[ConfirmBody]) -> dict[str, Any]:
        return await services.confirm_entry(ctx, form_id, version=data.version, matter_ref=data.matter_ref,
                                            new_matter=data.new_matter)

    @post("/{form_id:int}/discard", opt=QUEUE, status_code=200, summary="Set the form aside (作废)")
    async def discard(self, ctx: Ctx, form_id: FormId, data: JSONBody[DiscardBody]) -> dict[str, Any]:
        return await services.discard_entry(ctx, form_id, data.reason, version=data.version)
