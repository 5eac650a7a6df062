"""API of review and re-review applications (``/api/v1/reviews/applications/...``).

Actions are ``POST /api/v1/reviews/applications/{ref}/<action>``; an action the state does
not allow answers 409 with the current state and the allowed actions. The applicant's ID
number and phone are masked for callers without ``personal_data.read``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

import msgspec
from litestar import Controller, Response, get, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_review import services as reviews
from hearing_review.api.schemas import (
    AcceptRequest,
    ApplicationCreate,
    DecideRequest,
    DeclareRequest,
    ForceMajeureRequest,
    HearingLink,
    HearingOpen,
    PauseCreate,
    PauseEnd,
    RedoRequest,
    ServeRequest,
    VersionOnly,
    WithdrawRequest,
)
from hearing_review.domain import Applicant, Capacity, Evidence
from hearing_review.services.common import DECIDE, READ, WRITE

__all__ = ["ApplicationsController"]

RefPath = Annotated[str, PathParameter(min_length=1, max_length=32)]
Page = Annotated[int, msgspec.Meta(ge=1)]
PerPage = Annotated[int, msgspec.Meta(ge=1, le=200)]
Filter = Annotated[str, msgspec.Meta(max_length=64)]


def _applicant(data: ApplicationCreate) -> Applicant:
    a = data.applicant
    try:
        capacity = Capacity.parse(a.capacity)
    except ValueError as exc:
        from hearing_core.errors import FieldError, ValidationFailed

        raise ValidationFailed("invalid applicant", [FieldError("applicant.capacity", str(exc))]) from None
    return Applicant(a.name.strip(), capacity, a.agent_of.strip(), a.authorisation.strip(), a.id_number or None,
                     a.phone or None)


class ApplicationsController(Controller):
    """Applications (复查、复核申请): lodge, examine, accept or refuse, decide, serve."""

    path = "/api/v1/reviews/applications"
    tags = ["reviews"]

    @get("/", opt=require(READ), summary="Applications, newest first")
    async def list_applications(
        self, ctx: Ctx, kind: FromQuery[Filter | None] = None,
        state_filter: Annotated[Filter | None, QueryParameter(name="state")] = None,
        matter_ref: FromQuery[Filter | None] = None,
        year: FromQuery[Annotated[int, msgspec.Meta(ge=2000, le=2100)] | None] = None,
        page: FromQuery[Page] = 1, per_page: FromQuery[PerPage] = 50,
    ) -> dict[str, Any]:
        return await reviews.list_applications(ctx, kind=kind, state=state_filter, matter_ref=matter_ref, year=year,
                                               page=page, per_page=per_page)

    @post("/", opt=require(WRITE), summary="Lodge a review (复查) or re-review (复核) application")
    async def create(self, ctx: Ctx, data: JSONBody[ApplicationCreate]) -> dict[str, Any]:
        evidence = [Evidence(e.title.strip(), e.pages, e.note.strip()) for e in data.evidence]
        return await reviews.submit(
            ctx, kind=data.kind, applicant=_applicant(data), request=data.request, reasons=data.reasons,
            item_ref=data.item_ref, review_ref=data.review_ref, redo_of=data.redo_of, received_on=data.received_on,
            receiving_organ=data.receiving_organ, original_organ=data.original_organ, evidence=evidence)

    @get("/{ref:str}", opt=require(READ), summary="One application with its checklist and clocks")
    async def get_application(self, ctx: Ctx, ref: RefPath) -> dict[str, Any]:
        return await reviews.get_application(ctx, ref)

    @get("/{ref:str}/deadlines", opt=require(READ), summary="The clocks with the engine's explanation")
    async def deadlines(self, ctx: Ctx, ref: RefPath) -> dict[str, Any]:
        items = await reviews.deadlines(ctx, ref)
        return {"items": items, "total": len(items), "page": 1, "per_page": max(len(items), 1)}

    @post("/{ref:str}/examine", opt=require(WRITE), status_code=200, summary="Run the admissibility checklist")
    async def examine(self, ctx: Ctx, ref: RefPath, data: JSONBody[VersionOnly]) -> dict[str, Any]:
        return await reviews.examine(ctx, ref, version=data.version)

    @post("/{ref:str}/declare", opt=require(WRITE), status_code=200,
          summary="Record acceptance elsewhere or a statutory procedure")
    async def declare(self, ctx: Ctx, ref: RefPath, data: JSONBody[DeclareRequest]) -> dict[str, Any]:
        return await reviews.declare(ctx, ref, accepted_elsewhere=data.accepted_elsewhere,
                                     declared_route=data.declared_route, version=data.version)

    @post("/{ref:str}/force-majeure", opt=require(WRITE), status_code=200,
          summary="Record a force-majeure obstacle (its days do not count in the window)")
    async def force_majeure(self, ctx: Ctx, ref: RefPath, data: JSONBody[ForceMajeureRequest]) -> dict[str, Any]:
        return await reviews.record_force_majeure(ctx, ref, start=data.start, end=data.end, reason=data.reason,
                                                  version=data.version)

    @post("/{ref:str}/accept", opt=require(DECIDE), status_code=200, summary="受理 (every ground must pass)")
    async def accept(self, ctx: Ctx, ref: RefPath, data: JSONBody[AcceptRequest]) -> dict[str, Any]:
        return await reviews.accept(ctx, ref, on=data.on, version=data.version)

    @post("/{ref:str}/refuse", opt=require(DECIDE), status_code=200, summary="不予受理 on the failed grounds")
    async def refuse(self, ctx: Ctx, ref: RefPath, data: JSONBody[AcceptRequest]) -> dict[str, Any]:
        return await reviews.refuse(ctx, ref, on=data.on, version=data.version)

    @post("/{ref:str}/pauses", opt=require(WRITE), status_code=200, summary="Appraisal, survey or hearing time")
    async def add_pause(self, ctx: Ctx, ref: RefPath, data: JSONBody[PauseCreate]) -> dict[str, Any]:
        return await reviews.add_pause(ctx, ref, kind=data.kind, start=data.start, end=data.end, note=data.note,
                                       version=data.version)

    @post("/{ref:str}/pauses/{pause_id:int}/end", opt=require(WRITE), status_code=200, summary="Close a pause")
    async def end_pause(self, ctx: Ctx, ref: RefPath, pause_id: Annotated[int, PathParameter(ge=1)],
                        data: JSONBody[PauseEnd]) -> dict[str, Any]:
        return await reviews.end_pause(ctx, ref, pause_id, end=data.end, version=data.version)

    @post("/{ref:str}/hearing", opt=require(WRITE), status_code=200,
          summary="Open a hearing on the matter at this stage (needs hearings.manage too)")
    async def open_hearing(self, ctx: Ctx, ref: RefPath, data: JSONBody[HearingOpen]) -> dict[str, Any]:
        return await reviews.open_hearing(ctx, ref, grounds=data.grounds, on_application=data.on_application,
                                          on=data.on, version=data.version)

    @post("/{ref:str}/hearing-link", opt=require(WRITE), status_code=200, summary="Link an existing hearing case")
    async def link_hearing(self, ctx: Ctx, ref: RefPath, data: JSONBody[HearingLink]) -> dict[str, Any]:
        return await reviews.link_hearing(ctx, ref, data.case_id, version=data.version)

    @post("/{ref:str}/decide", opt=require(DECIDE), status_code=200, summary="作出复查（复核）意见")
    async def decide(self, ctx: Ctx, ref: RefPath, data: JSONBody[DecideRequest]) -> dict[str, Any]:
        return await reviews.decide(ctx, ref, outcome=data.outcome, findings=data.findings, on=data.on,
                                    decided_by=data.decided_by, redo_due_on=data.redo_due_on,
                                    new_conclusion=data.new_conclusion, version=data.version)

    @post("/{ref:str}/serve", opt=require(WRITE), status_code=200,
          summary="送达 the opinion (a re-review opinion terminates the matter)")
    async def serve(self, ctx: Ctx, ref: RefPath, data: JSONBody[ServeRequest]) -> dict[str, Any]:
        return await reviews.serve(ctx, ref, on=data.on, version=data.version)

    @post("/{ref:str}/redo", opt=require(WRITE), status_code=200, summary="The lower organ's new opinion after a remand")
    async def redo(self, ctx: Ctx, ref: RefPath, data: JSONBody[RedoRequest]) -> dict[str, Any]:
        return await reviews.record_redo(ctx, ref, conclusion=data.conclusion, issued_on=data.issued_on,
                                         served_on=data.served_on, same_facts=data.same_facts,
                                         approved_by=data.approved_by, version=data.version)

    @post("/{ref:str}/withdraw", opt=require(WRITE), status_code=200, summary="撤回")
    async def withdraw(self, ctx: Ctx, ref: RefPath, data: JSONBody[WithdrawRequest]) -> dict[str, Any]:
        return await reviews.withdraw(ctx, ref, reason=data.reason, on=data.on, version=data.version)

    @get("/{ref:str}/documents/{which:str}", opt=require(READ), media_type="application/pdf",
         summary="The opinion (opinion) or non-acceptance notice (notice) as PDF (or HTML)")
    async def document(self, ctx: Ctx, ref: RefPath,
                       which: Annotated[str, PathParameter(pattern="^(opinion|notice)$")],
                       format: Annotated[str, QueryParameter(pattern="^(pdf|html)$")] = "pdf") -> Response[bytes]:
        body, name = await reviews.document(ctx, ref, which, output=format)
        media = "application/pdf" if format == "pdf" else "text/html; charset=utf-8"
        return Response(body, media_type=media, headers={
            "Content-Disposition": f"inline; filename={ref}-{which}.{format}; filename*=UTF-8''{quote(name)}"})
