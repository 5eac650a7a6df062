"""``/api/v1/hearings``: list, detail, opening, deciding and preparing a hearing.

Every action is ``POST /api/v1/hearings/{id}/<action>`` with the ``version`` the client read and
answers with the case as the actor may see it (``allowed_actions`` included). Invalid moves are
409 naming the state, phase and allowed actions; rule breaches 422 with ``rule`` and ``source``;
calendar clashes 409 listing them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.hearings import service as hs
from hearing_core.hearings.api import schemas as s

__all__ = ["HearingsController"]

CaseId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
Page = Annotated[int, QueryParameter(ge=1, le=1_000_000)]
PerPage = Annotated[int, QueryParameter(ge=1, le=200)]
READ, MANAGE = require("hearings.read"), require("hearings.manage")


class HearingsController(Controller):
    path = "/api/v1/hearings"
    tags = ["hearings"]

    @get("/", opt=READ, summary="List hearings (filters: state, date range, venue, officer, matter)")
    async def list_hearings(
        self,
        ctx: Ctx,
        case_state: Annotated[str | None, QueryParameter(name="state", max_length=32)] = None,
        date_from: FromQuery[dt.date | None] = None,
        date_to: FromQuery[dt.date | None] = None,
        venue: FromQuery[str | None] = None,
        officer: FromQuery[str | None] = None,
        matter_ref: FromQuery[str | None] = None,
        page: Page = 1,
        per_page: PerPage = 50,
    ) -> dict[str, Any]:
        return await hs.list_hearings(ctx, state=case_state, date_from=date_from, date_to=date_to, venue=venue,
                                      officer=officer, matter_ref=matter_ref, page=page, per_page=per_page)

    @post("/apply", opt=MANAGE, summary="Register a petitioner's application (听证申请)")
    async def apply(self, ctx: Ctx, data: JSONBody[s.Apply]) -> dict[str, Any]:
        stored = await hs.apply(ctx, matter_ref=data.matter_ref, stage=data.stage, applicant_name=data.applicant_name,
                                grounds=data.grounds, applied_on=data.applied_on,
                                told_of_right_on=data.told_of_right_on, applicant_role=data.applicant_role,
                                new_facts=data.new_facts, phone=data.phone, id_number=data.id_number)
        return await hs.describe(ctx, stored)

    @post("/initiate", opt=MANAGE, summary="The organ proposes a hearing (依职权启动)")
    async def initiate(self, ctx: Ctx, data: JSONBody[s.Initiate]) -> dict[str, Any]:
        stored = await hs.initiate(ctx, matter_ref=data.matter_ref, stage=data.stage,
                                   petitioner_name=data.petitioner_name, grounds=data.grounds,
                                   initiated_on=data.initiated_on, phone=data.phone, id_number=data.id_number)
        return await hs.describe(ctx, stored)

    @get("/{case_id:int}", opt=READ, summary="One hearing with allowed actions, deadlines and (once reached) the conclusion")
    async def show(self, ctx: Ctx, case_id: CaseId) -> dict[str, Any]:
        return await hs.show_hearing(ctx, case_id)

    @get("/{case_id:int}/events", opt=READ, summary="The hearing's event log")
    async def events(self, ctx: Ctx, case_id: CaseId) -> list[dict[str, Any]]:
        return await hs.hearing_events(ctx, case_id)

    @post("/{case_id:int}/consent", opt=MANAGE, status_code=200, summary="Petitioner's answer to a proposed hearing")
    async def consent(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Consent]) -> dict[str, Any]:
        if data.reply == "lapsed":
            stored = await hs.record_silence(ctx, case_id, version=data.version)
        else:
            stored = await hs.consent(ctx, case_id, reply=data.reply, on=data.on, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/decide", opt=MANAGE, status_code=200, summary="Decide whether to hold the hearing")
    async def decide(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Decide]) -> dict[str, Any]:
        if data.outcome == "deemed":
            stored = await hs.record_silence(ctx, case_id, version=data.version)
        else:
            stored = await hs.decide(ctx, case_id, accept=data.outcome == "accept", decided_by=data.decided_by,
                                     reasons=data.reasons, on=data.on, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/withdraw", opt=MANAGE, status_code=200, summary="Withdraw before the hearing (撤回)")
    async def withdraw(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Withdraw]) -> dict[str, Any]:
        stored = await hs.withdraw(ctx, case_id, reason=data.reason, on=data.on, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/schedule", opt=MANAGE, status_code=200, summary="Fix date, time and place")
    async def schedule(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Schedule]) -> dict[str, Any]:
        stored = await hs.schedule(ctx, case_id, start=data.start, end=data.end, venue=data.venue,
                                   video_link=data.video_link, public=data.public, closed_reason=data.closed_reason,
                                   version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/announce", opt=MANAGE, status_code=200, summary="Record the public announcement")
    async def announce(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Announce]) -> dict[str, Any]:
        stored = await hs.announce(ctx, case_id, channel=data.channel, reference=data.reference,
                                   published_on=data.published_on, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/serve", opt=MANAGE, status_code=200, summary="Log a document served (送达)")
    async def serve(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Serve]) -> dict[str, Any]:
        stored = await hs.serve(ctx, case_id, document=data.document, method=data.method, proof_ref=data.proof_ref,
                                recipients=data.recipients, all_targets=data.all_targets, served_on=data.served_on,
                                version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/panel", opt=MANAGE, status_code=200, summary="Seat a panel member")
    async def panel(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Seat]) -> dict[str, Any]:
        stored = await hs.assign_member(ctx, case_id, role=data.role, username=data.username,
                                        pool_entry_id=data.pool_entry_id, investigators=data.investigators,
                                        version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/participants", opt=READ, status_code=200, summary="Admit a participant")
    async def participants(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Participant]) -> dict[str, Any]:
        stored = await hs.add_participant(ctx, case_id, name=data.name, role=data.role, principal_no=data.principal_no,
                                          power_of_attorney=data.power_of_attorney, unit=data.unit,
                                          username=data.username, phone=data.phone, id_number=data.id_number,
                                          version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/recusals", opt=READ, status_code=200, summary="Request a member's recusal (回避)")
    async def request_recusal(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.RequestRecusal]) -> dict[str, Any]:
        stored = await hs.request_recusal(ctx, case_id, seat=data.seat, requested_by=data.requested_by,
                                          grounds=data.grounds, at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/recusals/decide", opt=READ, status_code=200, summary="Grant or refuse a recusal request")
    async def decide_recusal(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.DecideRecusal]) -> dict[str, Any]:
        stored = await hs.decide_recusal(ctx, case_id, request_no=data.request_no, granted=data.granted,
                                         capacity=data.capacity, reason=data.reason, decided_by=data.decided_by,
                                         at=data.at, version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/recusals/replace", opt=MANAGE, status_code=200, summary="Fill a seat vacated by recusal")
    async def replace(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.Replace]) -> dict[str, Any]:
        stored = await hs.replace_member(ctx, case_id, seat=data.seat, username=data.username,
                                         pool_entry_id=data.pool_entry_id, investigators=data.investigators,
                                         version=data.version)
        return await hs.describe(ctx, stored)

    @post("/{case_id:int}/serve-report", opt=MANAGE, status_code=200, summary="Close: report served on every party")
    async def serve_report(self, ctx: Ctx, case_id: CaseId, data: JSONBody[s.VersionOnly]) -> dict[str, Any]:
        return await hs.describe(ctx, await hs.serve_report(ctx, case_id, version=data.version))
