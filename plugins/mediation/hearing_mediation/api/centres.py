"""Centres, members and the mediator roster (``/api/v1/mediation/centres``, ``/mediators``)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_mediation import centres
from hearing_mediation.api.schemas import CentreIn, CentreUpdate, MediatorIn, MediatorUpdate, MemberIn
from hearing_mediation.domain import Centre, Mediator

__all__ = ["CentresController", "MediatorsController"]

Id = Annotated[int, PathParameter(ge=1)]


def _changes(data: msgspec.Struct) -> dict[str, Any]:
    return {k: v for k, v in msgspec.structs.asdict(data).items() if v is not None and k != "version"}


class CentresController(Controller):
    path = "/api/v1/mediation/centres"
    tags = ["mediation"]

    @get("/", opt=require("mediation.read"), summary="Centres in the caller's scope")
    async def list_centres(self, ctx: Ctx) -> list[dict[str, Any]]:
        return await centres.list_centres(ctx)

    @post("/", opt=require("mediation.admin"), summary="Create a centre (设立信访服务中心)")
    async def create_centre(self, ctx: Ctx, data: JSONBody[CentreIn]) -> dict[str, Any]:
        return await centres.create_centre(ctx, Centre(**msgspec.structs.asdict(data)))

    @get("/{centre_id:int}", opt=require("mediation.read"), summary="A centre with committee, mediators, members")
    async def get_centre(self, ctx: Ctx, centre_id: Id) -> dict[str, Any]:
        return await centres.get_centre(ctx, centre_id)

    @patch("/{centre_id:int}", opt=require("mediation.admin"), summary="Change a centre")
    async def update_centre(self, ctx: Ctx, centre_id: Id, data: JSONBody[CentreUpdate]) -> dict[str, Any]:
        return await centres.update_centre(ctx, centre_id, _changes(data), version=data.version)

    @post("/{centre_id:int}/members", opt=require("mediation.admin"), summary="Appoint a user to the centre")
    async def add_member(self, ctx: Ctx, centre_id: Id, data: JSONBody[MemberIn]) -> dict[str, Any]:
        return await centres.add_member(ctx, centre_id, data.username, data.role)

    @delete("/{centre_id:int}/members/{username:str}", opt=require("mediation.admin"), status_code=200,
            summary="Remove a user from the centre")
    async def remove_member(self, ctx: Ctx, centre_id: Id, username: Annotated[str, PathParameter(max_length=64)]) -> dict[str, Any]:
        return await centres.remove_member(ctx, centre_id, username)


class MediatorsController(Controller):
    path = "/api/v1/mediation/mediators"
    tags = ["mediation"]

    @get("/", opt=require("mediation.read"), summary="The mediator roster (调解员名册)")
    async def list_mediators(
        self, ctx: Ctx, centre_id: Annotated[int | None, QueryParameter(ge=1)] = None,
        speciality: Annotated[str | None, QueryParameter(max_length=50)] = None,
        include_inactive: Annotated[bool, QueryParameter()] = False,
    ) -> list[dict[str, Any]]:
        return await centres.list_mediators(ctx, centre_id, speciality=speciality, active_only=not include_inactive)

    @post("/", opt=require("mediation.admin"), summary="Add a mediator to a centre's roster")
    async def add_mediator(self, ctx: Ctx, data: JSONBody[MediatorIn]) -> dict[str, Any]:
        return await centres.add_mediator(ctx, Mediator(**msgspec.structs.asdict(data)))

    @get("/{mediator_id:int}", opt=require("mediation.read"), summary="One mediator")
    async def get_mediator(self, ctx: Ctx, mediator_id: Id) -> dict[str, Any]:
        return (await centres.get_mediator(ctx, mediator_id)).as_dict()

    @patch("/{mediator_id:int}", opt=require("mediation.admin"), summary="Change a mediator (seat, specialities, activity)")
    async def update_mediator(self, ctx: Ctx, mediator_id: Id, data: JSONBody[MediatorUpdate]) -> dict[str, Any]:
        return await centres.update_mediator(ctx, mediator_id, _changes(data), version=data.version)
