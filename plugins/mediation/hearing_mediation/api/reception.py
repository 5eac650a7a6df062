"""The reception log (``/api/v1/mediation/reception``): batches, dispositions, repeat suggestions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_mediation import reception
from hearing_mediation.api.schemas import DisposalIn, ReceptionIn
from hearing_mediation.common import parse_code
from hearing_mediation.domain import ApplicationKind, PartyRole, ReceptionBatch

__all__ = ["ReceptionController", "disposal_of"]

Id = Annotated[int, PathParameter(ge=1)]


def disposal_of(action: str, data: DisposalIn) -> reception.Disposal:
    application = parse_code(ApplicationKind, "application", data.application)
    return reception.Disposal(
        action=action, on=data.on, note=data.note, unit=data.unit, due_on=data.due_on, route=data.route,
        leader=data.leader, units=list(data.units), respondents=[p.party(PartyRole.RESPONDENT) for p in data.respondents],
        application=application,
    )


def _batch(ctx: Ctx, data: ReceptionIn) -> ReceptionBatch:
    return ReceptionBatch(
        centre_id=data.centre_id, received_on=data.received_on or ctx.today(), persons=data.persons,
        petitioners=[p.petitioner() for p in data.petitioners], matter=data.matter, category=data.category,
        request=data.request, matter_ref=data.matter_ref,
    )


class ReceptionController(Controller):
    path = "/api/v1/mediation/reception"
    tags = ["mediation"]

    @get("/", opt=require("mediation.read"), summary="The reception log (接待登记簿), newest first")
    async def list_batches(
        self, ctx: Ctx, centre_id: Annotated[int | None, QueryParameter(ge=1)] = None,
        year: Annotated[int | None, QueryParameter(ge=1900, le=2200)] = None,
        date_from: Annotated[dt.date | None, QueryParameter()] = None,
        date_to: Annotated[dt.date | None, QueryParameter()] = None,
        disposition: Annotated[str | None, QueryParameter(max_length=40)] = None,
        page: Annotated[int, QueryParameter(ge=1, le=1_000_000)] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> dict[str, Any]:
        return await reception.list_reception(ctx, centre_id=centre_id, year=year, date_from=date_from,
                                              date_to=date_to, disposition=disposition, page=page, per_page=per_page)

    @post("/", opt=require("mediation.desk"), summary="Record a visit batch (and its disposition)")
    async def receive(self, ctx: Ctx, data: JSONBody[ReceptionIn]) -> dict[str, Any]:
        disposal = None
        if data.action:
            disposal = disposal_of(data.action, data.disposal or DisposalIn())
        return await reception.receive(ctx, _batch(ctx, data), item_ref=data.item_ref, disposal=disposal)

    @post("/suggestions", opt=require("mediation.desk"), status_code=200,
          summary="Register items this visit may repeat (重复访), best first")
    async def suggestions(self, ctx: Ctx, data: JSONBody[ReceptionIn]) -> list[dict[str, Any]]:
        return await reception.suggest_matches(ctx, _batch(ctx, data))

    @get("/{batch_id:int}", opt=require("mediation.read"), summary="One batch, with its register item's clocks")
    async def get_batch(self, ctx: Ctx, batch_id: Id) -> dict[str, Any]:
        return await reception.get_reception(ctx, batch_id)

    @post("/{batch_id:int}/{action:str}", opt=require("mediation.desk"), status_code=200,
          summary="Dispose of a batch: explain, mediate, transfer, assign, route, refer_to_leader, joint_reception")
    async def dispose(self, ctx: Ctx, batch_id: Id, action: Annotated[str, PathParameter(max_length=40)],
                      data: JSONBody[DisposalIn]) -> dict[str, Any]:
        return await reception.dispose(ctx, batch_id, disposal_of(action, data), version=data.version)
