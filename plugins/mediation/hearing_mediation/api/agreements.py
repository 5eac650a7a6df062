"""Agreements (``/api/v1/mediation/agreements``) and the tally (``/api/v1/mediation/report``)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Response, get, patch, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_mediation import agreements
from hearing_mediation.api.schemas import (
    AgreementUpdate,
    ConfirmationIn,
    ConfirmationResultIn,
    DisputeIn,
    FollowUpIn,
    PerformanceIn,
    SignatureIn,
)
from hearing_mediation.documents import agreement_document
from hearing_mediation.report import report

__all__ = ["AgreementsController", "ReportController"]

Id = Annotated[int, PathParameter(ge=1)]


class AgreementsController(Controller):
    path = "/api/v1/mediation/agreements"
    tags = ["mediation"]

    @get("/{agreement_id:int}", opt=require("mediation.read"), summary="An agreement and its judicial-confirmation window")
    async def get_agreement(self, ctx: Ctx, agreement_id: Id) -> dict[str, Any]:
        return await agreements.get_agreement(ctx, agreement_id)

    @patch("/{agreement_id:int}", opt=require("mediation.cases"), summary="Revise the draft (voids signatures)")
    async def revise(self, ctx: Ctx, agreement_id: Id, data: JSONBody[AgreementUpdate]) -> dict[str, Any]:
        terms = [t.term() for t in data.terms] if data.terms is not None else None
        return await agreements.revise(ctx, agreement_id, facts=data.facts, disputes=data.disputes,
                                       responsibilities=data.responsibilities, terms=terms, version=data.version)

    @get("/{agreement_id:int}/document", opt=require("mediation.read"), summary="调解协议书 as PDF (or HTML)",
         media_type="application/pdf")
    async def document(self, ctx: Ctx, agreement_id: Id,
                       format: Annotated[str, QueryParameter(pattern="^(pdf|html)$")] = "pdf") -> Response[bytes]:
        body, name = await agreement_document(ctx, agreement_id, output=format)
        media = "application/pdf" if format == "pdf" else "text/html; charset=utf-8"
        return Response(body, media_type=media, headers={
            "Content-Disposition": f"inline; filename=agreement-{agreement_id}.{format}; filename*=UTF-8''{_quote(name)}",
        })

    @post("/{agreement_id:int}/signatures", opt=require("mediation.cases"), status_code=200,
          summary="A party or mediator signs; the last signature makes it effective")
    async def sign(self, ctx: Ctx, agreement_id: Id, data: JSONBody[SignatureIn]) -> dict[str, Any]:
        return await agreements.sign(ctx, agreement_id, data.signer, on=data.on, version=data.version)

    @post("/{agreement_id:int}/performance", opt=require("mediation.cases"), status_code=200,
          summary="A term was performed (履行)")
    async def performance(self, ctx: Ctx, agreement_id: Id, data: JSONBody[PerformanceIn]) -> dict[str, Any]:
        return await agreements.record_performance(ctx, agreement_id, data.term, on=data.on, note=data.note,
                                                   version=data.version)

    @post("/{agreement_id:int}/follow-ups", opt=require("mediation.cases"), status_code=200, summary="回访")
    async def follow_up(self, ctx: Ctx, agreement_id: Id, data: JSONBody[FollowUpIn]) -> dict[str, Any]:
        return await agreements.record_follow_up(ctx, agreement_id, visited_by=data.visited_by, finding=data.finding,
                                                 note=data.note, method=data.method, on=data.on, version=data.version)

    @post("/{agreement_id:int}/judicial-confirmation", opt=require("mediation.cases"), status_code=200,
          summary="The parties' joint application for judicial confirmation (within 30 days)")
    async def apply_confirmation(self, ctx: Ctx, agreement_id: Id, data: JSONBody[ConfirmationIn]) -> dict[str, Any]:
        return await agreements.apply_confirmation(ctx, agreement_id, applicants=list(data.applicants), court=data.court,
                                                   on=data.on, version=data.version)

    @post("/{agreement_id:int}/judicial-confirmation/result", opt=require("mediation.cases"), status_code=200,
          summary="The court's ruling on confirmation")
    async def confirmation_result(self, ctx: Ctx, agreement_id: Id, data: JSONBody[ConfirmationResultIn]) -> dict[str, Any]:
        return await agreements.record_confirmation(ctx, agreement_id, confirmed=data.confirmed, note=data.note,
                                                    on=data.on, version=data.version)

    @post("/{agreement_id:int}/dispute", opt=require("mediation.cases"), status_code=200,
          summary="A party sued over performance or content")
    async def dispute(self, ctx: Ctx, agreement_id: Id, data: JSONBody[DisputeIn]) -> dict[str, Any]:
        return await agreements.dispute(ctx, agreement_id, data.note, on=data.on, version=data.version)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


class ReportController(Controller):
    path = "/api/v1/mediation/report"
    tags = ["mediation"]

    @get("/", opt=require("mediation.read"), summary="The service centre's tally for a year (SQL aggregates)")
    async def tally(self, ctx: Ctx, year: Annotated[int, QueryParameter(ge=1900, le=2200)],
                    centre_id: Annotated[int | None, QueryParameter(ge=1)] = None) -> dict[str, Any]:
        return await report(ctx, year, centre_id=centre_id)
