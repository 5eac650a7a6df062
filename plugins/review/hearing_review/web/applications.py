"""复查、复核申请 (applications): the list, lodging one, and one application with its checklist.

The application page shows the admissibility checklist as the service keeps it (each ground,
whether it passed and why), the clocks, the decision and the documents; its forms post to
``/reviews/applications/{ref}/{form}`` and call the same service functions as the API's routes
(``examine``, ``declare``, ``record_force_majeure``, ``accept``, ``refuse``, ``decide``,
``serve``, ``withdraw``). Accepting re-runs the checklist: a failed ground refuses it there.
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
from hearing_review import services as reviews
from hearing_review.api import schemas as s
from hearing_review.domain import Applicant, Capacity, Evidence
from hearing_review.web.common import FORM_LABELS, GROUND_NAMES, choices

__all__ = ["HANDLERS"]

Ref = Annotated[str, PathParameter(min_length=1, max_length=32)]
PER_PAGE = 25
Form = Callable[[Ctx, str, dict[str, Any]], Awaitable[Any]]


def _version(v: dict[str, Any]) -> dict[str, Any]:
    return filled(v, ("version",))


async def _examine(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    return await reviews.examine(ctx, ref, version=as_struct(s.VersionOnly, _version(v)).version)


async def _declare(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.DeclareRequest, filled(v, ("accepted_elsewhere", "declared_route", "version")))
    return await reviews.declare(ctx, ref, accepted_elsewhere=d.accepted_elsewhere, declared_route=d.declared_route,
                                 version=d.version)


async def _force_majeure(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.ForceMajeureRequest, filled(v, ("start", "end", "reason", "version")))
    return await reviews.record_force_majeure(ctx, ref, start=d.start, end=d.end, reason=d.reason, version=d.version)


async def _accept(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.AcceptRequest, filled(v, ("on", "version")))
    return await reviews.accept(ctx, ref, on=d.on, version=d.version)


async def _refuse(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.AcceptRequest, filled(v, ("on", "version")))
    return await reviews.refuse(ctx, ref, on=d.on, version=d.version)


async def _decide(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.DecideRequest, filled(v, ("outcome", "findings", "on", "decided_by", "redo_due_on",
                                              "new_conclusion", "version")))
    return await reviews.decide(ctx, ref, outcome=d.outcome, findings=d.findings, on=d.on, decided_by=d.decided_by,
                                redo_due_on=d.redo_due_on, new_conclusion=d.new_conclusion, version=d.version)


async def _serve(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.ServeRequest, filled(v, ("on", "version")))
    return await reviews.serve(ctx, ref, on=d.on, version=d.version)


async def _withdraw(ctx: Ctx, ref: str, v: dict[str, Any]) -> Any:
    d = as_struct(s.WithdrawRequest, filled(v, ("reason", "on", "version")))
    return await reviews.withdraw(ctx, ref, reason=d.reason, on=d.on, version=d.version)


#: form → (the application action it needs, or a state, the call, the flash message)
FORMS: dict[str, tuple[str, Form, str]] = {
    "examine": ("received", _examine, N_("The checklist was run again.")),
    "declare": ("received", _declare, N_("The declared facts are recorded.")),
    "force_majeure": ("received", _force_majeure, N_("The obstacle is recorded; its days do not count.")),
    "accept": ("accept", _accept, N_("The application is accepted.")),
    "refuse": ("refuse", _refuse, N_("The application is not accepted; print the notice.")),
    "decide": ("decide", _decide, N_("The opinion is recorded; print it and serve it.")),
    "serve": ("serve", _serve, N_("Service of the opinion is recorded.")),
    "withdraw": ("withdraw", _withdraw, N_("The withdrawal is recorded.")),
}


#: Who is offered each form (the services check it again).
DECIDERS = ("accept", "refuse", "decide")


@get("/", opt=require("reviews.read"), name="web.reviews")
async def application_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    q = {k: request.query_params.get(k, "").strip()[:20] for k in ("kind", "state", "year")}
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
    year = int(q["year"]) if q["year"].isdigit() and 2000 <= int(q["year"]) <= 2100 else None
    found = await reviews.list_applications(ctx, kind=q["kind"] or None, state=q["state"] or None, year=year,
                                            page=page_no, per_page=PER_PAGE)
    return page(request, "review/web/list.html", found=found, filters=q, page_no=page_no,
                pages=max(1, -(-found["total"] // PER_PAGE)), **choices(lang_of(request)))


async def _new_form(request: Request[Any, Any, Any], ctx: Ctx, *, status: int = 200, error: HearingError | None = None,
                    values: dict[str, Any] | None = None) -> Template:
    organs = await reviews.list_organs(ctx)
    return page(request, "review/web/new.html", status_code=status, error=error, organs=organs,
                values={"kind": "review", "received_on": ctx.today().isoformat(), **(values or {})},
                **choices(lang_of(request)))


@get("/new", opt=require("reviews.write"), name="web.review_new")
async def new_form(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return await _new_form(request, ctx)


def _evidence(text: Any) -> list[dict[str, Any]]:
    """Materials, one a line: ``title;pages``."""
    out = []
    for line in lines(text):
        title, _, pages = line.partition(";")
        out.append(filled({"title": title.strip(), "pages": pages.strip()}))
    return out


@post("/new", opt=require("reviews.write"), status_code=303)
async def lodge(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    values = await form_values(request)
    try:
        d = as_struct(s.ApplicationCreate, {
            **filled(values, ("kind", "request", "reasons", "item_ref", "review_ref", "redo_of", "received_on",
                              "receiving_organ", "original_organ")),
            "applicant": filled({k: values.get(f"a_{k}") for k in ("name", "capacity", "agent_of", "authorisation",
                                                                    "id_number", "phone")}),
            "evidence": _evidence(values.get("evidence"))})
        a = d.applicant
        applicant = Applicant(a.name.strip(), Capacity.parse(a.capacity), a.agent_of.strip(), a.authorisation.strip(),
                              a.id_number or None, a.phone or None)
        saved = await reviews.submit(
            ctx, kind=d.kind, applicant=applicant, request=d.request, reasons=d.reasons, item_ref=d.item_ref,
            review_ref=d.review_ref, redo_of=d.redo_of, received_on=d.received_on, receiving_organ=d.receiving_organ,
            original_organ=d.original_organ, evidence=[Evidence(e.title.strip(), e.pages, e.note) for e in d.evidence])
    except HearingError as exc:
        return await _new_form(request, ctx, status=exc.status, error=exc, values=values)
    except ValueError as exc:  # Capacity.parse: an unknown capacity
        from hearing_core.errors import FieldError, ValidationFailed

        error = ValidationFailed("invalid applicant", [FieldError("a_capacity", str(exc))])
        return await _new_form(request, ctx, status=422, error=error, values=values)
    return redirect(request, f"/reviews/applications/{saved['ref']}", flash=N_("Lodged application %(ref)s."),
                    ref=saved["ref"])


async def _application(request: Request[Any, Any, Any], ctx: Ctx, ref: str, *, status: int = 200,
                       error: HearingError | None = None, open_form: str | None = None,
                       values: dict[str, Any] | None = None) -> Template:
    a = await reviews.get_application(ctx, ref)
    gates = {*a["allowed_actions"], a["state"]}
    forms = [name for name, (gate, _, _) in FORMS.items() if gate in gates
             and ctx.actor.has("reviews.decide" if name in DECIDERS else "reviews.write")]
    return page(request, "review/web/application.html", status_code=status, error=error, a=a, forms=forms,
                open_form=open_form, values=values or {}, form_labels=FORM_LABELS, ground_names=GROUND_NAMES,
                today=ctx.today(),
                **choices(lang_of(request)))


@get("/applications/{ref:str}", opt=require("reviews.read"), name="web.review_application")
async def application_page(request: Request[Any, Any, Any], ctx: Ctx, ref: Ref) -> Template:
    return await _application(request, ctx, ref)


@post("/applications/{ref:str}/{form:str}", opt=require("reviews.read"), status_code=303)
async def application_action(request: Request[Any, Any, Any], ctx: Ctx, ref: Ref,
                             form: Annotated[str, PathParameter(max_length=20)]) -> Any:
    """Who may do what is the service's check (``reviews.write`` or ``reviews.decide``)."""
    values = await form_values(request)
    if form not in FORMS:
        raise NotFound(f"no review application form '{form}'")
    _, call, message = FORMS[form]
    try:
        await call(ctx, ref, values)
    except NotFound:
        raise
    except HearingError as exc:
        return await _application(request, ctx, ref, status=exc.status, error=exc, open_form=form, values=values)
    return redirect(request, f"/reviews/applications/{ref}", flash=message)


HANDLERS = [application_list, new_form, lodge, application_page, application_action]
