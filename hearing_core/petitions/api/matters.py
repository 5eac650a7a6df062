"""``/api/v1/matters``, ``/api/v1/backlog`` and ``/api/v1/deadlines``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, delete, get, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.petitions import service
from hearing_core.petitions.api.schemas import (
    BacklogIn,
    DateIn,
    EvaluateIn,
    ExtendLimitIn,
    ItemIn,
    LinkIn,
    MatterIn,
    PlanIn,
    ProgressIn,
    struct_data,
)
from hearing_core.petitions.service import backlog, satisfaction
from hearing_core.petitions.service import deadlines as deadline_service
from hearing_core.petitions.service.inputs import item_from_data

__all__ = ["BacklogController", "DeadlinesController", "MattersController"]

Ref = Annotated[str, PathParameter(min_length=1, max_length=64)]


class MattersController(Controller):
    path = "/api/v1/matters"
    tags = ["matters"]

    @get("/", opt=require("petitions.read"), summary="List matters (q, backlog)")
    async def list_matters(
        self, ctx: Ctx, q: FromQuery[str | None] = None, backlog: FromQuery[bool | None] = None,
        page: FromQuery[int] = 1, per_page: FromQuery[int] = 50,
    ) -> dict[str, Any]:
        result = await service.list_matters(ctx, q=q, on_backlog=backlog, page=page, per_page=per_page)
        data = result.as_dict()
        data["items"] = [m.as_dict(with_items=False) for m in result.items]
        return data

    @post("/", opt=require("petitions.write"), summary="Open a matter (立事项)")
    async def create(self, ctx: Ctx, data: JSONBody[MatterIn]) -> dict[str, Any]:
        return (await service.create_matter(ctx, data.ref, data.title, data.category)).as_dict()

    @post("/suggestions", opt=require("petitions.read"), status_code=200,
          summary="Likely repeats of an item being registered (draft body), best first")
    async def suggest_draft(self, ctx: Ctx, data: JSONBody[ItemIn]) -> list[dict[str, Any]]:
        draft = item_from_data(struct_data(data, drop=("create_matter", "matter_title")), today=ctx.today())
        return await service.suggest_for_draft(ctx, draft)

    @get("/{ref:str}", opt=require("petitions.read"), summary="A matter with its items and their deadlines")
    async def show(self, ctx: Ctx, ref: Ref) -> dict[str, Any]:
        return (await service.get_matter(ctx, ref)).as_dict()

    @post("/{ref:str}/items", opt=require("petitions.write"), status_code=200,
          summary="Link an item to the matter (confirm a repeat)")
    async def link(self, ctx: Ctx, ref: Ref, data: JSONBody[LinkIn]) -> dict[str, Any]:
        return (await service.link_item(ctx, ref, data.item_ref, version=data.version)).as_dict()

    @delete("/{ref:str}/items/{item_ref:str}", opt=require("petitions.write"), status_code=200,
            summary="Unlink an item from the matter")
    async def unlink(self, ctx: Ctx, ref: Ref, item_ref: Ref) -> dict[str, Any]:
        record = await service.get_item(ctx, item_ref, with_deadlines=False)
        if record.matter_ref != ref:
            from hearing_core.errors import Conflict

            raise Conflict(f"item {item_ref} is not part of matter {ref}")
        return (await service.unlink_item(ctx, item_ref)).as_dict()

    @post("/{ref:str}/evaluate", opt=require("petitions.write"), status_code=200,
          summary="满意度评价 of the matter (its latest concluded item)")
    async def evaluate(self, ctx: Ctx, ref: Ref, data: JSONBody[EvaluateIn]) -> dict[str, Any]:
        return await satisfaction.evaluate_matter(ctx, ref, data.grade, on=data.on, comment=data.comment)


class BacklogController(Controller):
    path = "/api/v1/backlog"
    tags = ["backlog"]

    @get("/", opt=require("backlog.read"), summary="The backlog ledger (积案台账)")
    async def list_cases(
        self, ctx: Ctx, case_state: Annotated[str | None, QueryParameter(name="state")] = None,
        overdue: FromQuery[bool | None] = None,
        page: FromQuery[int] = 1, per_page: FromQuery[int] = 50,
    ) -> dict[str, Any]:
        return (await backlog.list_cases(ctx, state=case_state, overdue=overdue, page=page, per_page=per_page)).as_dict()

    @post("/", opt=require("backlog.write"), summary="Put a matter on the ledger with its owning leader (包案领导)")
    async def add(self, ctx: Ctx, data: JSONBody[BacklogIn]) -> dict[str, Any]:
        record = await backlog.add_case(
            ctx, data.matter_ref, owning_leader=data.owning_leader, responsible_unit=data.responsible_unit,
            responsible_person=data.responsible_person, time_limit=data.time_limit, origin=data.origin,
            listed_on=data.listed_on, plan=data.plan,
        )
        return record.as_dict()

    @get("/{ref:str}", opt=require("backlog.read"), summary="One ledger entry (by matter ref)")
    async def show(self, ctx: Ctx, ref: Ref) -> dict[str, Any]:
        return (await backlog.get_case(ctx, ref)).as_dict()

    @post("/{ref:str}/plan", opt=require("backlog.write"), status_code=200, summary="制定化解方案")
    async def plan(self, ctx: Ctx, ref: Ref, data: JSONBody[PlanIn]) -> dict[str, Any]:
        return (await backlog.adopt_plan(ctx, ref, data.plan, on=data.on)).as_dict()

    @post("/{ref:str}/progress", opt=require("backlog.write"), status_code=200, summary="月度进展")
    async def progress(self, ctx: Ctx, ref: Ref, data: JSONBody[ProgressIn]) -> dict[str, Any]:
        month = dt.date.fromisoformat(data.month + "-01") if data.month else None
        return (await backlog.record_progress(ctx, ref, data.text, month=month)).as_dict()

    @post("/{ref:str}/extend", opt=require("backlog.write"), status_code=200, summary="延期 (once, approved)")
    async def extend(self, ctx: Ctx, ref: Ref, data: JSONBody[ExtendLimitIn]) -> dict[str, Any]:
        return (await backlog.extend_time_limit(ctx, ref, data.time_limit, data.approved_by, data.reason,
                                                on=data.on)).as_dict()

    @post("/{ref:str}/resolve", opt=require("backlog.write"), status_code=200, summary="化解")
    async def resolve(self, ctx: Ctx, ref: Ref, data: JSONBody[DateIn]) -> dict[str, Any]:
        return (await backlog.resolve(ctx, ref, on=data.on)).as_dict()

    @post("/{ref:str}/cease", opt=require("backlog.write"), status_code=200, summary="息诉息访")
    async def cease(self, ctx: Ctx, ref: Ref, data: JSONBody[DateIn]) -> dict[str, Any]:
        return (await backlog.cease(ctx, ref, on=data.on)).as_dict()


class DeadlinesController(Controller):
    path = "/api/v1/deadlines"
    tags = ["deadlines"]

    @get("/due", opt=require("petitions.read"), summary="Clocks falling due within N days, overdue included")
    async def due(self, ctx: Ctx, within: FromQuery[int] = 7) -> dict[str, Any]:
        rows = await deadline_service.due(ctx, within)
        return {"within": within, "today": ctx.today().isoformat(), "items": rows, "total": len(rows)}
