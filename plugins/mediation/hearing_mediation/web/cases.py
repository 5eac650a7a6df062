"""调解案件 (mediation cases): the list, one case with its parties, mediators, sessions, outcome.

Each form of the case page posts to ``/mediation/cases/{id}/{form}``; the form is converted
to the API's request struct and the same service function as the API's route is called
(``cases.record_response``, ``assign_mediators``, ``accept``, ``record_session``, ``fail`` …,
``agreements.reach_agreement``). Only the forms the case's ``allowed_actions`` name are shown.
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
from hearing_core.web.forms import as_struct, filled, lines
from hearing_core.web.i18n import N_
from hearing_core.web.render import form_values, lang_of, page, redirect
from hearing_mediation import agreements, cases, centres
from hearing_mediation.api import schemas as s
from hearing_mediation.case_queries import list_cases
from hearing_mediation.web.common import CASE_FORMS, CASE_STATES, choices, listed, number

__all__ = ["HANDLERS"]

Id = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
PER_PAGE = 25
Form = Callable[[Ctx, int, dict[str, Any]], Awaitable[Any]]


def _terms(text: Any) -> list[dict[str, Any]]:
    """Terms of the agreement, one a line: ``content|obligor|manner|due date``."""
    out = []
    for line in lines(text):
        parts = [p.strip() for p in line.split("|")] + ["", "", ""]
        out.append(filled({"content": parts[0], "obligor": parts[1], "manner": parts[2], "due_on": parts[3]}))
    return out


async def _respond(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ResponseIn, filled(v, ("party", "consent", "on", "version")))
    return await cases.record_response(ctx, case_id, d.party, d.consent, on=d.on, version=d.version)


async def _mediators(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.MediatorsIn, {**filled(v, ("chosen_by", "version")), "mediator_ids": listed(v.get("mediator_ids")),
                                  **({"lead": v["lead"]} if number(v.get("lead")) else {})})
    return await cases.assign_mediators(ctx, case_id, list(d.mediator_ids), chosen_by=d.chosen_by, lead=d.lead,
                                        version=d.version)


async def _accept(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.DatedIn, filled(v, ("on", "version")))
    return await cases.accept(ctx, case_id, on=d.on, version=d.version)


async def _refuse(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ReasonIn, filled(v, ("reason", "on", "version")))
    return await cases.refuse(ctx, case_id, d.reason, on=d.on, version=d.version)


async def _withdraw(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ReasonIn, filled(v, ("reason", "on", "version")))
    return await cases.withdraw(ctx, case_id, d.reason, on=d.on, version=d.version)


async def _session(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.SessionIn, {**filled(v, ("place", "notes", "held_on", "public", "closed_reason", "version")),
                                "parties_present": listed(v.get("parties_present")),
                                "mediators_present": listed(v.get("mediators_present")),
                                "others_present": lines(v.get("others_present"))})
    return await cases.record_session(ctx, case_id, d.session(ctx.today()), version=d.version)


async def _extend(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.ExtendIn, {**filled(v, ("until", "note", "version")), "parties_consent": bool(v.get("parties_consent"))})
    return await cases.extend(ctx, case_id, d.until, parties_consent=d.parties_consent, note=d.note, version=d.version)


async def _fail(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.FailIn, {**filled(v, ("note", "on", "version")), "advice": listed(v.get("advice"))})
    return await cases.fail(ctx, case_id, list(d.advice), d.note, on=d.on, version=d.version)


async def _escalate(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.EscalationIn, {**filled(v, ("note", "version")), "reported_to_police": bool(v.get("police"))})
    return await cases.flag_escalation(ctx, case_id, d.note, reported_to_police=d.reported_to_police, version=d.version)


async def _agreement(ctx: Ctx, case_id: int, v: dict[str, Any]) -> Any:
    d = as_struct(s.AgreementIn, {**filled(v, ("facts", "disputes", "responsibilities", "form", "on", "version")),
                                  "terms": _terms(v.get("terms"))})
    return await agreements.reach_agreement(ctx, case_id, facts=d.facts, disputes=d.disputes,
                                            terms=[t.term() for t in d.terms], responsibilities=d.responsibilities,
                                            form=d.form, on=d.on, version=d.version)


#: form name → (the action of ``allowed_actions`` it needs, the call, the flash message)
FORMS: dict[str, tuple[str, Form, str]] = {
    "respond": ("record_response", _respond, N_("The party's answer is recorded.")),
    "mediators": ("assign_mediators", _mediators, N_("Mediators assigned.")),
    "accept": ("accept", _accept, N_("Mediation has started.")),
    "refuse": ("refuse", _refuse, N_("The case is closed without mediation.")),
    "session": ("record_session", _session, N_("Session recorded.")),
    "extend": ("extend", _extend, N_("The mediation period is extended.")),
    "fail": ("fail", _fail, N_("Mediation ended without agreement.")),
    "withdraw": ("withdraw", _withdraw, N_("The withdrawal is recorded.")),
    "escalate": ("flag_escalation", _escalate, N_("The risk is flagged.")),
    "agreement": ("reach_agreement", _agreement, N_("Agreement drafted: collect the signatures.")),
}


@get("/cases", opt=require("mediation.read"), name="web.mediation_cases")
async def case_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    state = request.query_params.get("state", "").strip()[:20]
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
    found = await list_cases(ctx, state=state or None, page=page_no, per_page=PER_PAGE)
    return page(request, "mediation/web/cases.html", found=found, state=state, page_no=page_no,
                pages=max(1, -(-found["total"] // PER_PAGE)), state_labels=CASE_STATES, **choices(lang_of(request)))


async def _case_page(request: Request[Any, Any, Any], ctx: Ctx, case_id: int, *, status: int = 200,
                     error: HearingError | None = None, open_form: str | None = None,
                     values: dict[str, Any] | None = None) -> Template:
    case = await cases.get_case(ctx, case_id)
    roster = (await centres.get_centre(ctx, case["centre_id"]))["mediators"]
    forms = [name for name, (action, _, _) in FORMS.items() if action in case["allowed_actions"]]
    return page(request, "mediation/web/case.html", status_code=status, error=error, c=case, forms=forms,
                open_form=open_form, values=values or {}, roster=[m for m in roster if m.get("active", True)],
                state_labels=CASE_STATES, form_labels=CASE_FORMS, today=ctx.today(), **choices(lang_of(request)))


@get("/cases/{case_id:int}", opt=require("mediation.read"), name="web.mediation_case")
async def case_page(request: Request[Any, Any, Any], ctx: Ctx, case_id: Id) -> Template:
    return await _case_page(request, ctx, case_id)


@post("/cases/{case_id:int}/{form:str}", opt=require("mediation.cases"), status_code=303)
async def case_action(request: Request[Any, Any, Any], ctx: Ctx, case_id: Id,
                      form: Annotated[str, PathParameter(max_length=20)]) -> Any:
    values = await form_values(request)
    if form not in FORMS:
        raise NotFound(f"no mediation case form '{form}'")
    _, call, message = FORMS[form]
    try:
        result = await call(ctx, case_id, values)
    except NotFound:
        raise
    except HearingError as exc:
        return await _case_page(request, ctx, case_id, status=exc.status, error=exc, open_form=form, values=values)
    if form == "agreement":
        return redirect(request, f"/mediation/agreements/{result['id']}", flash=message)
    return redirect(request, f"/mediation/cases/{case_id}", flash=message)


HANDLERS = [case_list, case_page, case_action]
