"""API of the reception day, the follow-up and the figures (``/api/v1/reception/...``).

Personal data of visitors is masked for callers without ``personal_data.read``
(:func:`hearing_reception.views.case_view`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_reception import report
from hearing_reception.api.schemas import (
    CaseClose,
    FeedbackRequest,
    HearRequest,
    InstructRequest,
    ParticipantsRequest,
    ReplyRequest,
    TransferRequest,
    VersionOnly,
    VisitorsRequest,
)
from hearing_reception.domain import Visitor
from hearing_reception.services import day, followup
from hearing_reception.services.common import DESK, INSTRUCT, READ, REPLY
from hearing_reception.views import show_case, show_cases

__all__ = ["CasesController", "DayController", "report_section"]

IdPath = Annotated[int, PathParameter(ge=1)]
Page = Annotated[int, msgspec.Meta(ge=1)]
PerPage = Annotated[int, msgspec.Meta(ge=1, le=200)]
Filter = Annotated[str, msgspec.Meta(max_length=200)]


def _draft(data: VisitorsRequest) -> day.VisitorDraft:
    people = [Visitor(p.name, p.id_number, p.phone, p.address) for p in data.petitioners]
    return day.VisitorDraft(data.persons, people, data.summary, data.request, data.category, data.item_ref,
                            data.matter_ref, data.new_matter)


class DayController(Controller):
    """The reception day (接访当日): open, register visitors, participants, close."""

    path = "/api/v1/reception/receptions/{reception_id:int}"
    tags = ["reception"]

    @post("/open", opt=require(DESK), status_code=200, summary="Open the reception day")
    async def open_day(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[VersionOnly]) -> dict[str, Any]:
        return (await day.open_reception(ctx, reception_id, data.version)).as_dict()

    @post("/close", opt=require(DESK), status_code=200, summary="Close the day (every batch heard or left)")
    async def close_day(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[VersionOnly]) -> dict[str, Any]:
        return (await day.close_reception(ctx, reception_id, data.version)).as_dict()

    @post("/participants", opt=require(DESK), status_code=200, summary="Record who took part (参与接访人次)")
    async def participants(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[ParticipantsRequest]) -> dict[str, Any]:
        return (await day.set_participants(ctx, reception_id, data.leaders, data.version)).as_dict()

    @post("/visitors", opt=require(DESK), summary="Register a visitor batch (来访登记) and its petition item")
    async def register(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[VisitorsRequest]) -> dict[str, Any]:
        case, suggestions = await day.register_visitors(ctx, reception_id, _draft(data))
        return await show_case(ctx, case, repeat_suggestions=suggestions)

    @post("/visitors/suggestions", opt=require(DESK), status_code=200, summary="Likely repeats of a batch (重信重访)")
    async def suggestions(self, ctx: Ctx, reception_id: IdPath, data: JSONBody[VisitorsRequest]) -> dict[str, Any]:
        found = await day.suggest_repeats(ctx, reception_id, _draft(data))
        return {"items": found, "total": len(found), "page": 1, "per_page": max(len(found), 1)}


class CasesController(Controller):
    """Received cases (接访件) and their follow-up (访后交办、督办)."""

    path = "/api/v1/reception/cases"
    tags = ["reception"]

    @get("/", opt=require(READ), summary="Received cases (接访台账)")
    async def list_cases(
        self, ctx: Ctx, reception_id: FromQuery[Annotated[int, msgspec.Meta(ge=1)] | None] = None,
        state_filter: Annotated[Filter | None, QueryParameter(name="state")] = None, department: FromQuery[Filter | None] = None,
        overdue: FromQuery[bool | None] = None, transfer_late: FromQuery[bool | None] = None,
        date_from: FromQuery[dt.date | None] = None, date_to: FromQuery[dt.date | None] = None,
        page: FromQuery[Page] = 1, per_page: FromQuery[PerPage] = 50,
    ) -> dict[str, Any]:
        f = followup.CaseFilter(reception_id, state_filter, department, overdue, transfer_late, date_from, date_to)
        found = await followup.list_cases(ctx, f, page, per_page)
        return found.as_dict(await show_cases(ctx, found.items))

    @get("/{case_id:int}", opt=require(READ), summary="One received case")
    async def get_case(self, ctx: Ctx, case_id: IdPath) -> dict[str, Any]:
        return await show_case(ctx, await followup.get_case(ctx, case_id))

    @post("/{case_id:int}/hear", opt=require(DESK), status_code=200, summary="Handling note and outcome category")
    async def hear(self, ctx: Ctx, case_id: IdPath, data: JSONBody[HearRequest]) -> dict[str, Any]:
        return await show_case(ctx, await day.hear(ctx, case_id, data.note, data.outcome, heard_on=data.heard_on, version=data.version))

    @post("/{case_id:int}/withdraw", opt=require(DESK), status_code=200, summary="The batch left before being heard")
    async def withdraw(self, ctx: Ctx, case_id: IdPath, data: JSONBody[VersionOnly]) -> dict[str, Any]:
        return await show_case(ctx, await day.withdraw(ctx, case_id, data.version))

    @post("/{case_id:int}/instruct", opt=require(INSTRUCT), status_code=200, summary="The leader's instruction (批示)")
    async def instruct(self, ctx: Ctx, case_id: IdPath, data: JSONBody[InstructRequest]) -> dict[str, Any]:
        case = await followup.instruct(ctx, case_id, data.text, leader=data.leader, on=data.on, version=data.version)
        return await show_case(ctx, case)

    @post("/{case_id:int}/transfer", opt=require(DESK), status_code=200, summary="Transfer to the department (转交)")
    async def transfer(self, ctx: Ctx, case_id: IdPath, data: JSONBody[TransferRequest]) -> dict[str, Any]:
        case = await followup.transfer(ctx, case_id, data.department, on=data.on, reply_due=data.reply_due, version=data.version)
        return await show_case(ctx, case)

    @post("/{case_id:int}/reply", opt=require(REPLY), status_code=200, summary="The department's reply (办结回复)")
    async def reply(self, ctx: Ctx, case_id: IdPath, data: JSONBody[ReplyRequest]) -> dict[str, Any]:
        case = await followup.reply(ctx, case_id, data.text, resolved=data.resolved, on=data.on, version=data.version)
        return await show_case(ctx, case)

    @post("/{case_id:int}/feedback", opt=require(DESK), status_code=200, summary="The petitioner's feedback (回访)")
    async def feedback(self, ctx: Ctx, case_id: IdPath, data: JSONBody[FeedbackRequest]) -> dict[str, Any]:
        case = await followup.feedback(ctx, case_id, data.grade, note=data.note, on=data.on, version=data.version)
        return await show_case(ctx, case)

    @post("/{case_id:int}/close", opt=require(DESK), status_code=200, summary="Close without feedback (办结)")
    async def close(self, ctx: Ctx, case_id: IdPath, data: JSONBody[CaseClose]) -> dict[str, Any]:
        return await show_case(ctx, await followup.close_case(ctx, case_id, on=data.on, version=data.version))


@get("/api/v1/reception/report", opt=require(READ), tags=["reception"],
     summary="The annual-report section: receptions, participation, visitors, outcomes, rates")
async def report_section(ctx: Ctx, year: FromQuery[Annotated[int, msgspec.Meta(ge=2000, le=2100)]]) -> dict[str, Any]:
    return await report.section_figures(ctx, year)
