"""Mediation cases (``/api/v1/mediation/cases``): application, actions, sessions, agreement."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_mediation import agreements, cases
from hearing_mediation.api.schemas import (
    AgreementIn,
    CaseIn,
    DatedIn,
    EscalationIn,
    ExtendIn,
    FailIn,
    HelperIn,
    MediatorsIn,
    ReasonIn,
    ResponseIn,
    SessionIn,
)
from hearing_mediation.case_queries import list_cases

__all__ = ["CasesController"]

Id = Annotated[int, PathParameter(ge=1)]


class CasesController(Controller):
    path = "/api/v1/mediation/cases"
    tags = ["mediation"]

    @get("/", opt=require("mediation.read"), summary="Mediation cases, newest first")
    async def list_all(
        self, ctx: Ctx, centre_id: Annotated[int | None, QueryParameter(ge=1)] = None,
        case_state: Annotated[str | None, QueryParameter(name="state", max_length=20)] = None,
        year: Annotated[int | None, QueryParameter(ge=1900, le=2200)] = None,
        page: Annotated[int, QueryParameter(ge=1, le=1_000_000)] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> dict[str, Any]:
        return await list_cases(ctx, centre_id=centre_id, state=case_state, year=year, page=page, per_page=per_page)

    @post("/", opt=require("mediation.cases"), summary="Register an application for mediation (调解申请)")
    async def open_case(self, ctx: Ctx, data: JSONBody[CaseIn]) -> dict[str, Any]:
        return await cases.open_case(ctx, data.case(ctx.today()))

    @get("/{case_id:int}", opt=require("mediation.read"), summary="A case with parties, sessions and its duration clock")
    async def get_case(self, ctx: Ctx, case_id: Id) -> dict[str, Any]:
        return await cases.get_case(ctx, case_id)

    @post("/{case_id:int}/responses", opt=require("mediation.cases"), status_code=200,
          summary="A party agrees to or clearly declines mediation")
    async def respond(self, ctx: Ctx, case_id: Id, data: JSONBody[ResponseIn]) -> dict[str, Any]:
        return await cases.record_response(ctx, case_id, data.party, data.consent, on=data.on, version=data.version)

    @post("/{case_id:int}/mediators", opt=require("mediation.cases"), status_code=200,
          summary="Mediators chosen by the parties or designated by the committee")
    async def mediators(self, ctx: Ctx, case_id: Id, data: JSONBody[MediatorsIn]) -> dict[str, Any]:
        return await cases.assign_mediators(ctx, case_id, list(data.mediator_ids), chosen_by=data.chosen_by,
                                            lead=data.lead, version=data.version)

    @post("/{case_id:int}/helpers", opt=require("mediation.cases"), status_code=200,
          summary="Invite a helper with the parties' consent")
    async def helpers(self, ctx: Ctx, case_id: Id, data: JSONBody[HelperIn]) -> dict[str, Any]:
        return await cases.invite_helper(ctx, case_id, data.name, data.relation, parties_consent=data.parties_consent,
                                         note=data.note, on=data.on, version=data.version)

    @post("/{case_id:int}/escalation", opt=require("mediation.cases"), status_code=200,
          summary="Flag a risk of intensification (激化风险)")
    async def escalation(self, ctx: Ctx, case_id: Id, data: JSONBody[EscalationIn]) -> dict[str, Any]:
        return await cases.flag_escalation(ctx, case_id, data.note, reported_to_police=data.reported_to_police,
                                           version=data.version)

    @post("/{case_id:int}/accept", opt=require("mediation.cases"), status_code=200, summary="Start mediating")
    async def accept(self, ctx: Ctx, case_id: Id, data: JSONBody[DatedIn]) -> dict[str, Any]:
        return await cases.accept(ctx, case_id, on=data.on, version=data.version)

    @post("/{case_id:int}/refuse", opt=require("mediation.cases"), status_code=200, summary="不予调解")
    async def refuse(self, ctx: Ctx, case_id: Id, data: JSONBody[ReasonIn]) -> dict[str, Any]:
        return await cases.refuse(ctx, case_id, data.reason, on=data.on, version=data.version)

    @post("/{case_id:int}/sessions", opt=require("mediation.cases"), status_code=200,
          summary="Record a session with attendance and notes")
    async def session(self, ctx: Ctx, case_id: Id, data: JSONBody[SessionIn]) -> dict[str, Any]:
        return await cases.record_session(ctx, case_id, data.session(ctx.today()), version=data.version)

    @post("/{case_id:int}/extend", opt=require("mediation.cases"), status_code=200,
          summary="Continue past one month with the parties' consent")
    async def extend(self, ctx: Ctx, case_id: Id, data: JSONBody[ExtendIn]) -> dict[str, Any]:
        return await cases.extend(ctx, case_id, data.until, parties_consent=data.parties_consent, note=data.note,
                                  version=data.version)

    @post("/{case_id:int}/fail", opt=require("mediation.cases"), status_code=200,
          summary="调解不成, with the routes the parties were told about")
    async def fail(self, ctx: Ctx, case_id: Id, data: JSONBody[FailIn]) -> dict[str, Any]:
        return await cases.fail(ctx, case_id, list(data.advice), data.note, on=data.on, version=data.version)

    @post("/{case_id:int}/withdraw", opt=require("mediation.cases"), status_code=200, summary="A party ends the mediation")
    async def withdraw(self, ctx: Ctx, case_id: Id, data: JSONBody[ReasonIn]) -> dict[str, Any]:
        return await cases.withdraw(ctx, case_id, data.reason, on=data.on, version=data.version)

    @post("/{case_id:int}/agreement", opt=require("mediation.cases"), summary="达成调解协议: close the case, draft the agreement")
    async def agreement(self, ctx: Ctx, case_id: Id, data: JSONBody[AgreementIn]) -> dict[str, Any]:
        return await agreements.reach_agreement(
            ctx, case_id, facts=data.facts, disputes=data.disputes, terms=[t.term() for t in data.terms],
            responsibilities=data.responsibilities, form=data.form, on=data.on, version=data.version,
        )
