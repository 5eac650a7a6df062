"""接访当日 (the reception day): open and close it, who took part, visitor batches registered as
petition items (``day.register_visitors``), and each batch's hearing and follow-up
(``day.hear``, ``followup.instruct`` … ``close_case``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import PathParameter
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import HearingError, NotFound
from hearing_core.web.forms import as_struct, filled
from hearing_core.web.i18n import N_
from hearing_core.web.pages.choices import categories
from hearing_core.web.render import form_values, hearing_of, lang_of, page, redirect
from hearing_reception.api import schemas as s
from hearing_reception.domain import Visitor
from hearing_reception.services import day, followup, leaders, planning
from hearing_reception.views import show_cases
from hearing_reception.web.common import choices

__all__ = ["HANDLERS"]

Id = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
PERSON_ROWS = 2
Form = Callable[[Ctx, int, dict[str, Any]], Awaitable[Any]]


def _version(v: dict[str, Any]) -> int | None:
    return as_struct(s.VersionOnly, filled(v, ("version",))).version


async def _open(ctx: Ctx, rid: int, v: dict[str, Any]) -> Any:
    return await day.open_reception(ctx, rid, _version(v))


async def _close(ctx: Ctx, rid: int, v: dict[str, Any]) -> Any:
    return await day.close_reception(ctx, rid, _version(v))


async def _participants(ctx: Ctx, rid: int, v: dict[str, Any]) -> Any:
    chosen = v.get("leaders") or []
    d = as_struct(s.ParticipantsRequest, {**filled(v, ("version",)),
                                          "leaders": chosen if isinstance(chosen, list) else [chosen]})
    return await day.set_participants(ctx, rid, list(d.leaders), d.version)


async def _visitors(ctx: Ctx, rid: int, v: dict[str, Any]) -> Any:
    people = [filled({k: v.get(f"p{i}_{k}") for k in ("name", "id_number", "phone", "address")})
              for i in range(PERSON_ROWS)]
    d = as_struct(s.VisitorsRequest, {**filled(v, ("persons", "summary", "request", "category", "item_ref",
                                                   "matter_ref")),
                                      "petitioners": [p for p in people if p], "new_matter": bool(v.get("new_matter"))})
    draft = day.VisitorDraft(d.persons, [Visitor(p.name, p.id_number, p.phone, p.address) for p in d.petitioners],
                             d.summary, d.request, d.category, d.item_ref, d.matter_ref, d.new_matter)
    return await day.register_visitors(ctx, rid, draft)


DAY_FORMS: dict[str, tuple[Form, str]] = {
    "open": (_open, N_("The reception day is open.")),
    "close": (_close, N_("The reception day is closed.")),
    "participants": (_participants, N_("Participants recorded.")),
    "visitors": (_visitors, N_("Visitor batch registered.")),
}


async def _hear(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.HearRequest, filled(v, ("note", "outcome", "heard_on", "version")))
    return await day.hear(ctx, cid, d.note, d.outcome, heard_on=d.heard_on, version=d.version)


async def _withdraw(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    return await day.withdraw(ctx, cid, _version(v))


async def _instruct(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.InstructRequest, filled(v, ("text", "leader", "on", "version")))
    return await followup.instruct(ctx, cid, d.text, leader=d.leader, on=d.on, version=d.version)


async def _transfer(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.TransferRequest, filled(v, ("department", "on", "reply_due", "version")))
    return await followup.transfer(ctx, cid, d.department, on=d.on, reply_due=d.reply_due, version=d.version)


async def _reply(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ReplyRequest, {**filled(v, ("text", "on", "version")), "resolved": v.get("resolved") == "yes"})
    return await followup.reply(ctx, cid, d.text, resolved=d.resolved, on=d.on, version=d.version)


async def _feedback(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.FeedbackRequest, filled(v, ("grade", "note", "on", "version")))
    return await followup.feedback(ctx, cid, d.grade, note=d.note, on=d.on, version=d.version)


async def _close_case(ctx: Ctx, cid: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.CaseClose, filled(v, ("on", "version")))
    return await followup.close_case(ctx, cid, on=d.on, version=d.version)


CASE_FORMS: dict[str, tuple[Form, str]] = {
    "hear": (_hear, N_("The hearing is recorded.")),
    "withdraw": (_withdraw, N_("The batch is recorded as left.")),
    "instruct": (_instruct, N_("The instruction is recorded.")),
    "transfer": (_transfer, N_("The instruction is transferred.")),
    "reply": (_reply, N_("The reply is recorded.")),
    "feedback": (_feedback, N_("The feedback is recorded and the case closed.")),
    "close": (_close_case, N_("The case is closed.")),
}
#: Permission each case form needs (the services check it again).
CASE_PERMISSIONS = {"instruct": "reception.instruct", "reply": "reception.reply"}


async def _day(request: Request[Any, Any, Any], ctx: Ctx, reception_id: int, *, status: int = 200,
               error: HearingError | None = None, open_form: str | None = None,
               values: dict[str, Any] | None = None) -> Template:
    reception = await planning.get_reception(ctx, reception_id)
    found = await followup.list_cases(ctx, followup.CaseFilter(reception_id=reception_id), 1, 200)
    cases = await show_cases(ctx, found.items, what=f"reception {reception_id}")
    for case in cases:
        case["forms"] = [f for f in CASE_FORMS if f in case["allowed_actions"]
                         and ctx.actor.has(CASE_PERMISSIONS.get(f, "reception.desk"))]
    lang = lang_of(request)
    return page(request, "reception/web/day.html", status_code=status, error=error, r=reception.as_dict(),
                cases=cases, open_form=open_form, values=values or {}, person_rows=range(PERSON_ROWS),
                all_leaders=await leaders.list_leaders(ctx, active=True), today=ctx.today(),
                categories=categories(hearing_of(request), lang), **choices(lang))


@get("/{reception_id:int}", opt=require("reception.read"), name="web.reception_day")
async def reception_day(request: Request[Any, Any, Any], ctx: Ctx, reception_id: Id) -> Template:
    return await _day(request, ctx, reception_id)


@post("/{reception_id:int}/{form:str}", opt=require("reception.desk"), status_code=303)
async def day_action(request: Request[Any, Any, Any], ctx: Ctx, reception_id: Id,
                     form: Annotated[str, PathParameter(max_length=20)]) -> Any:
    values = await form_values(request)
    if form not in DAY_FORMS:
        raise NotFound(f"no reception form '{form}'")
    call, message = DAY_FORMS[form]
    try:
        await call(ctx, reception_id, values)
    except NotFound:
        raise
    except HearingError as exc:
        return await _day(request, ctx, reception_id, status=exc.status, error=exc, open_form=form, values=values)
    return redirect(request, f"/reception/{reception_id}", flash=message)


@post("/cases/{case_id:int}/{form:str}", opt=require("reception.read"), status_code=303)
async def case_action(request: Request[Any, Any, Any], ctx: Ctx, case_id: Id,
                      form: Annotated[str, PathParameter(max_length=20)]) -> Any:
    """Desk, leader (instruction) and department (reply) forms; the services check who may."""
    values = await form_values(request)
    if form not in CASE_FORMS:
        raise NotFound(f"no reception case form '{form}'")
    call, message = CASE_FORMS[form]
    case = await followup.get_case(ctx, case_id)
    try:
        await call(ctx, case_id, values)
    except NotFound:
        raise
    except HearingError as exc:
        return await _day(request, ctx, case.reception_id, status=exc.status, error=exc,
                          open_form=f"{form}-{case_id}", values=values)
    return redirect(request, f"/reception/{case.reception_id}#case-{case_id}", flash=message)


HANDLERS = [reception_day, day_action, case_action]
