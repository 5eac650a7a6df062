"""API of leaders, rules, the calendar and notices (``/api/v1/reception/...``).

Handlers parse, call the services and serialise; every rule lives in the services.
Annotation types are imported at module level so litestar resolves them at startup.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Controller, Response, get, patch, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_reception.api.schemas import (
    CancelRequest,
    LeaderCreate,
    LeadersLoad,
    LeaderUpdate,
    PlanRequest,
    PublishRequest,
    ReceptionCreate,
    RescheduleRequest,
    RuleBody,
    RulesLoad,
    SwapRequest,
    present,
)
from hearing_reception.services import leaders, notices, planning
from hearing_reception.services.common import PLAN, READ
from hearing_reception.views import leader_view, rule_view

__all__ = ["LeadersController", "NoticesController", "ReceptionsController", "RulesController", "plan"]

CodePath = Annotated[str, PathParameter(min_length=1, max_length=40)]
IdPath = Annotated[int, PathParameter(ge=1)]
Page = Annotated[int, msgspec.Meta(ge=1)]
PerPage = Annotated[int, msgspec.Meta(ge=1, le=200)]
Filter = Annotated[str, msgspec.Meta(max_length=40)]


class LeadersController(Controller):
    path = "/api/v1/reception/leaders"
    tags = ["reception"]

    @get("/", opt=require(READ), summary="Receiving leaders (接访领导)")
    async def list_leaders(self, ctx: Ctx, level: FromQuery[Filter | None] = None, active: FromQuery[bool | None] = None) -> dict[str, Any]:
        found = await leaders.list_leaders(ctx, level=level, active=active)
        return {"items": [leader_view(lead) for lead in found], "total": len(found), "page": 1, "per_page": max(len(found), 1)}

    @post("/", opt=require(PLAN), summary="Add a leader with level and pairing")
    async def create_leader(self, ctx: Ctx, data: JSONBody[LeaderCreate]) -> dict[str, Any]:
        return leader_view(await leaders.create_leader(ctx, present(data)))

    @post("/load", opt=require(PLAN), summary="Add several leaders at once, or none")
    async def load_leaders(self, ctx: Ctx, data: JSONBody[LeadersLoad]) -> dict[str, Any]:
        found = await leaders.load_leaders_file(ctx, [present(lead) for lead in data.leaders])
        return {"items": [leader_view(lead) for lead in found], "total": len(found), "page": 1, "per_page": max(len(found), 1)}

    @get("/{code:str}", opt=require(READ), summary="One leader by code or id")
    async def get_leader(self, ctx: Ctx, code: CodePath) -> dict[str, Any]:
        return leader_view(await leaders.get_leader(ctx, code))

    @patch("/{code:str}", opt=require(PLAN), summary="Change post, portfolio, pairing or active flag")
    async def update_leader(self, ctx: Ctx, code: CodePath, data: JSONBody[LeaderUpdate]) -> dict[str, Any]:
        return leader_view(await leaders.update_leader(ctx, code, present(data), data.version))


class RulesController(Controller):
    path = "/api/v1/reception/rules"
    tags = ["reception"]

    @get("/", opt=require(READ), summary="Reception rules (接访规则)")
    async def list_rules(self, ctx: Ctx) -> dict[str, Any]:
        codes = await leaders.leader_codes()
        found = await leaders.list_rules(ctx)
        return {"items": [rule_view(r, codes) for r in found], "total": len(found), "page": 1, "per_page": max(len(found), 1)}

    @post("/", opt=require(PLAN), summary="Add a rule written as data")
    async def create_rule(self, ctx: Ctx, data: JSONBody[RuleBody]) -> dict[str, Any]:
        return rule_view(await leaders.create_rule(ctx, present(data)), await leaders.leader_codes())

    @post("/load", opt=require(PLAN), summary="Add several rules at once, or none")
    async def load_rules(self, ctx: Ctx, data: JSONBody[RulesLoad]) -> dict[str, Any]:
        rules = await leaders.load_rules_file(ctx, [present(r) for r in data.rules])
        codes = await leaders.leader_codes()
        return {"items": [rule_view(r, codes) for r in rules], "total": len(rules), "page": 1, "per_page": max(len(rules), 1)}

    @get("/{code:str}", opt=require(READ), summary="One rule by code or id")
    async def get_rule(self, ctx: Ctx, code: CodePath) -> dict[str, Any]:
        return rule_view(await leaders.get_rule(ctx, code), await leaders.leader_codes())

    @patch("/{code:str}", opt=require(PLAN), summary="Change a rule (its code stays)")
    async def update_rule(self, ctx: Ctx, code: CodePath, data: JSONBody[RuleBody]) -> dict[str, Any]:
        rule = await leaders.update_rule(ctx, code, present(data), data.version)
        return rule_view(rule, await leaders.leader_codes())


@post("/api/v1/reception/plan", opt=require(PLAN), tags=["reception"], status_code=200,
      summary="Plan the reception calendar from the rules (接访计划)")
async def plan(ctx: Ctx, data: JSONBody[PlanRequest]) -> dict[str, Any]:
    outcome = await planning.plan_receptions(ctx, data.start, data.to, dry_run=data.dry_run)
    return {
        "created": [r.as_dict() for r in outcome.created], "existing": outcome.existing, "dry_run": outcome.dry_run,
        "warnings": [{"rule": code, "message": message} for code, message in outcome.warnings],
    }


class ReceptionsController(Controller):
    path = "/api/v1/reception/receptions"
    tags = ["reception"]

    @get("/", opt=require(READ), summary="The reception calendar")
    async def list_receptions(
        self, ctx: Ctx, date_from: FromQuery[dt.date | None] = None, date_to: FromQuery[dt.date | None] = None,
        state_filter: Annotated[Filter | None, QueryParameter(name="state")] = None, leader: FromQuery[Filter | None] = None,
        page: FromQuery[Page] = 1, per_page: FromQuery[PerPage] = 50,
    ) -> dict[str, Any]:
        f = planning.ReceptionFilter(date_from, date_to, state_filter, leader)
        found = await planning.list_receptions(ctx, f, page, per_page)
        return found.as_dict([r.as_dict() for r in found.items])

    @post("/", opt=require(PLAN), summary="Arrange a reception outside the rules")
    async def create_reception(self, ctx: Ctx, data: JSONBody[ReceptionCreate]) -> dict[str, Any]:
        r = await planning.create_reception(ctx, day=data.date, place=data.place, leaders=data.leaders, session=data.session,
                                            start_time=data.start_time, end_time=data.end_time, title=data.title)
        return r.as_dict()

    @get("/{reception_id:int}", opt=require(READ), summary="One reception with its changes")
    async def get_reception(self, ctx: Ctx, reception_id: IdPath) -> dict[str, Any]:
        data = (await planning.get_reception(ctx, reception_id)).as_dict()
        data["changes"] = await planning.list_changes(ctx, reception_id)
        return data

    @post("/{reception_id:int}/swap", opt=require(PLAN), status_code=200, summary="Another leader receives (换班)")
    async def swap(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[SwapRequest]) -> dict[str, Any]:
        return (await planning.swap(ctx, reception_id, data.leaving, data.coming, data.reason, data.version)).as_dict()

    @post("/{reception_id:int}/reschedule", opt=require(PLAN), status_code=200, summary="Move the reception (改期)")
    async def reschedule(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[RescheduleRequest]) -> dict[str, Any]:
        r = await planning.reschedule(ctx, reception_id, data.date, data.reason, start_time=data.start_time,
                                      end_time=data.end_time, place=data.place, version=data.version)
        return r.as_dict()

    @post("/{reception_id:int}/cancel", opt=require(PLAN), status_code=200, summary="Cancel the reception (取消)")
    async def cancel(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[CancelRequest]) -> dict[str, Any]:
        return (await planning.cancel(ctx, reception_id, data.reason, data.version)).as_dict()


class NoticesController(Controller):
    path = "/api/v1/reception/notices"
    tags = ["reception"]

    @get("/", opt=require(READ), summary="Notice status of receptions; flagged = late or overdue")
    async def statuses(self, ctx: Ctx, date_from: FromQuery[dt.date], date_to: FromQuery[dt.date],
                       flagged: FromQuery[bool] = False) -> dict[str, Any]:
        found = await notices.notice_statuses(ctx, date_from, date_to, flagged_only=flagged)
        return {"items": found, "total": len(found), "page": 1, "per_page": max(len(found), 1)}

    @post("/publish", opt=require(PLAN), status_code=200, summary="Record the publication of a notice (公示)")
    async def publish(self, ctx: Ctx, data: JSONBody[PublishRequest]) -> dict[str, Any]:
        found = await notices.publish_notice(ctx, data.receptions, published_on=data.published_on,
                                             channels=data.channels, doc_number=data.doc_number, version=data.version)
        return {"items": found, "total": len(found), "page": 1, "per_page": max(len(found), 1)}

    @get("/document", opt=require(READ), summary="The notice (接访公示) as HTML or PDF")
    async def document(
        self, ctx: Ctx, receptions: FromQuery[Annotated[list[int], msgspec.Meta(min_length=1, max_length=200)]],
        format: FromQuery[Annotated[str, msgspec.Meta(max_length=8)]] = "html",  # noqa: A002 - the documented name
        doc_number: FromQuery[Annotated[str, msgspec.Meta(max_length=100)]] = "",
    ) -> Response[Any]:
        body = await notices.notice_document(ctx, receptions, format, doc_number=doc_number)
        media = "application/pdf" if format == "pdf" else "text/html; charset=utf-8"
        return Response(body, media_type=media, headers={"Content-Disposition": f"inline; filename=reception-notice.{format}"})
