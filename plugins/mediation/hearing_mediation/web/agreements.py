"""调解协议书 (the agreement): terms, signatures, the PDF, performance and judicial confirmation.

Forms post to ``/mediation/agreements/{id}/{form}`` and call the services of the API's
routes (``agreements.sign``, ``record_performance``, ``record_follow_up``,
``apply_confirmation``, ``record_confirmation``); the PDF is the API's document route.
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
from hearing_core.web.render import form_values, lang_of, page, redirect
from hearing_mediation import agreements, cases
from hearing_mediation.api import schemas as s
from hearing_mediation.web.common import AGREEMENT_FORMS, AGREEMENT_STATES, choices, listed

__all__ = ["HANDLERS"]

Id = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
Form = Callable[[Ctx, int, dict[str, Any]], Awaitable[Any]]


async def _sign(ctx: Ctx, agreement_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.SignatureIn, filled(v, ("signer", "on", "version")))
    return await agreements.sign(ctx, agreement_id, d.signer, on=d.on, version=d.version)


async def _perform(ctx: Ctx, agreement_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.PerformanceIn, filled(v, ("term", "note", "on", "version")))
    return await agreements.record_performance(ctx, agreement_id, d.term, on=d.on, note=d.note, version=d.version)


async def _follow_up(ctx: Ctx, agreement_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.FollowUpIn, filled(v, ("visited_by", "finding", "note", "method", "on", "version")))
    return await agreements.record_follow_up(ctx, agreement_id, visited_by=d.visited_by, finding=d.finding,
                                             note=d.note, method=d.method, on=d.on, version=d.version)


async def _confirm_apply(ctx: Ctx, agreement_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ConfirmationIn, {**filled(v, ("court", "on", "version")), "applicants": listed(v.get("applicants"))})
    return await agreements.apply_confirmation(ctx, agreement_id, applicants=list(d.applicants), court=d.court,
                                               on=d.on, version=d.version)


async def _confirm_result(ctx: Ctx, agreement_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ConfirmationResultIn, {**filled(v, ("note", "on", "version")), "confirmed": v.get("confirmed") == "yes"})
    return await agreements.record_confirmation(ctx, agreement_id, confirmed=d.confirmed, note=d.note, on=d.on,
                                                version=d.version)


FORMS: dict[str, tuple[str, Form, str]] = {
    "sign": ("sign", _sign, N_("Signature recorded.")),
    "perform": ("record_performance", _perform, N_("Performance recorded.")),
    "follow_up": ("record_follow_up", _follow_up, N_("Follow-up visit recorded.")),
    "confirm_apply": ("apply_confirmation", _confirm_apply, N_("The application for judicial confirmation is recorded.")),
    "confirm_result": ("record_confirmation", _confirm_result, N_("The court's ruling is recorded.")),
}


async def _agreement_page(request: Request[Any, Any, Any], ctx: Ctx, agreement_id: int, *, status: int = 200,
                          error: HearingError | None = None, open_form: str | None = None,
                          values: dict[str, Any] | None = None) -> Template:
    agreement = await agreements.get_agreement(ctx, agreement_id)
    case = await cases.get_case(ctx, agreement["case_id"])
    signed = {x["signer"] if isinstance(x, dict) else x for x in agreement["signatures"]}
    signers = [p["name"] for p in case["parties"]] + [m["name"] for m in case["mediators"]]
    forms = [name for name, (action, _, _) in FORMS.items() if action in agreement["allowed_actions"]]
    return page(request, "mediation/web/agreement.html", status_code=status, error=error, a=agreement, c=case,
                forms=forms, open_form=open_form, values=values or {}, signers=[n for n in signers if n not in signed],
                state_labels=AGREEMENT_STATES, form_labels=AGREEMENT_FORMS, **choices(lang_of(request)))


@get("/agreements/{agreement_id:int}", opt=require("mediation.read"), name="web.mediation_agreement")
async def agreement_page(request: Request[Any, Any, Any], ctx: Ctx, agreement_id: Id) -> Template:
    return await _agreement_page(request, ctx, agreement_id)


@post("/agreements/{agreement_id:int}/{form:str}", opt=require("mediation.cases"), status_code=303)
async def agreement_action(request: Request[Any, Any, Any], ctx: Ctx, agreement_id: Id,
                           form: Annotated[str, PathParameter(max_length=20)]) -> Any:
    values = await form_values(request)
    if form not in FORMS:
        raise NotFound(f"no agreement form '{form}'")
    _, call, message = FORMS[form]
    try:
        await call(ctx, agreement_id, values)
    except NotFound:
        raise
    except HearingError as exc:
        return await _agreement_page(request, ctx, agreement_id, status=exc.status, error=exc, open_form=form,
                                     values=values)
    return redirect(request, f"/mediation/agreements/{agreement_id}", flash=message)


HANDLERS = [agreement_page, agreement_action]
