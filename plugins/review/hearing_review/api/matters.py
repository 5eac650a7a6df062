"""API of matters' review track, the organ table and the figures (``/api/v1/reviews/...``)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, PathParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_review import report
from hearing_review import services as reviews
from hearing_review.api.schemas import FollowUpCreate, OrgansLoad, TerminateRequest
from hearing_review.services.common import CONFIGURE, DECIDE, READ, WRITE

__all__ = ["MattersController", "OrgansController", "report_section"]

MatterPath = Annotated[str, PathParameter(min_length=1, max_length=64)]


class MattersController(Controller):
    """A matter's review track: termination (三级终结) and follow-ups (教育疏导)."""

    path = "/api/v1/reviews/matters"
    tags = ["reviews"]

    @get("/{matter_ref:str}", opt=require(READ), summary="Termination, applications and follow-ups of a matter")
    async def status(self, ctx: Ctx, matter_ref: MatterPath) -> dict[str, Any]:
        return await reviews.matter_status(ctx, matter_ref)

    @post("/{matter_ref:str}/terminate", opt=require(DECIDE), status_code=200,
          summary="Terminate a matter (lapsed window, statutory route, certification, verification)")
    async def terminate(self, ctx: Ctx, matter_ref: MatterPath, data: JSONBody[TerminateRequest]) -> dict[str, Any]:
        return await reviews.terminate(ctx, matter_ref, data.reason, on=data.on, basis_ref=data.basis_ref,
                                       note=data.note)

    @post("/{matter_ref:str}/followups", opt=require(WRITE), summary="A follow-up record (not a petition item)")
    async def followup(self, ctx: Ctx, matter_ref: MatterPath, data: JSONBody[FollowUpCreate]) -> dict[str, Any]:
        return await reviews.add_followup(ctx, matter_ref, kind=data.kind, staff=data.staff, note=data.note,
                                          on=data.on, contact=data.contact)


class OrgansController(Controller):
    """The organ table (机关层级): who is the next-higher organ of whom."""

    path = "/api/v1/reviews/organs"
    tags = ["reviews"]

    @get("/", opt=require(READ), summary="Organs with their level and next-higher organs")
    async def list_organs(self, ctx: Ctx) -> dict[str, Any]:
        items = await reviews.list_organs(ctx)
        return {"items": items, "total": len(items), "page": 1, "per_page": max(len(items), 1)}

    @post("/", opt=require(CONFIGURE), status_code=200, summary="Add or update organs (by code)")
    async def load(self, ctx: Ctx, data: JSONBody[OrgansLoad]) -> dict[str, Any]:
        entries = [{k: v for k, v in msgspec.structs.asdict(o).items() if v is not None} for o in data.organs]
        return await reviews.load_organs(ctx, entries)


@get("/api/v1/reviews/report", opt=require(READ), tags=["reviews"], summary="The annual-report section's figures")
async def report_section(ctx: Ctx, year: FromQuery[Annotated[int, msgspec.Meta(ge=2000, le=2100)]]) -> dict[str, Any]:
    return await report.section_figures(ctx, year)
