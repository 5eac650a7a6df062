"""接待登记 (the reception desk): the day's log, a visit batch with its disposition, one batch.

A batch is registered with ``reception.receive`` — which also registers it in the core
register (or links the registrar's item) — and disposed of at once or later with
``reception.dispose``; the form is converted to the API's ``ReceptionIn`` / ``DisposalIn``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import PathParameter
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, HearingError, NotFound, ValidationFailed
from hearing_core.web.forms import as_struct, filled, lines
from hearing_core.web.i18n import N_
from hearing_core.web.pages.choices import categories
from hearing_core.web.render import form_values, hearing_of, lang_of, page, redirect
from hearing_mediation import centres, reception
from hearing_mediation.api.reception import disposal_of
from hearing_mediation.api.schemas import DisposalIn, ReceptionIn
from hearing_mediation.domain import ReceptionBatch
from hearing_mediation.web.common import choices

__all__ = ["HANDLERS"]

Id = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
PER_PAGE = 20
PERSON_ROWS = 3
_PERSON = ("name", "id_number", "phone", "address")


def _disposal(values: dict[str, Any]) -> dict[str, Any]:
    """The disposition facts of the form as ``DisposalIn`` data."""
    data = filled(values, ("on", "note", "unit", "due_on", "route", "leader", "application", "version"))
    data["units"] = lines(values.get("units"))
    respondent = filled({k: values.get(f"r_{k}") for k in _PERSON})
    data["respondents"] = [respondent] if respondent else []
    return data


def _batch_in(values: dict[str, Any]) -> ReceptionIn:
    people = [filled({k: values.get(f"p{i}_{k}") for k in _PERSON}) for i in range(PERSON_ROWS)]
    data = filled(values, ("centre_id", "received_on", "persons", "matter", "category", "request", "matter_ref",
                           "item_ref", "action"))
    data["petitioners"] = [p for p in people if p]
    if values.get("action"):
        data["disposal"] = _disposal(values)
    return as_struct(ReceptionIn, data)


async def _desk(request: Request[Any, Any, Any], ctx: Ctx, *, status: int = 200, error: HearingError | None = None,
                values: dict[str, Any] | None = None) -> Template:
    q = {k: request.query_params.get(k, "").strip()[:40] for k in ("date_from", "date_to", "disposition")}
    bounds: dict[str, dt.date | None] = {}
    problems: list[FieldError] = []
    for key in ("date_from", "date_to"):
        try:
            bounds[key] = dt.date.fromisoformat(q[key]) if q[key] else None
        except ValueError:
            problems.append(FieldError(key, f"'{q[key]}' is not a date (YYYY-MM-DD)"))
    if problems:
        raise ValidationFailed("invalid filter", problems)
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
    log = await reception.list_reception(ctx, disposition=q["disposition"] or None, page=page_no, per_page=PER_PAGE,
                                         date_from=bounds["date_from"], date_to=bounds["date_to"])
    lang = lang_of(request)
    defaults = {"received_on": ctx.today().isoformat(), "persons": "1", "on": ctx.today().isoformat()}
    return page(request, "mediation/web/desk.html", status_code=status, error=error, log=log, filters=q,
                page_no=page_no, pages=max(1, -(-log["total"] // PER_PAGE)), centres=await centres.list_centres(ctx),
                values={**defaults, **(values or {})}, person_rows=range(PERSON_ROWS),
                categories=categories(hearing_of(request), lang), **choices(lang))


@get("/desk", opt=require("mediation.read"), name="web.mediation_desk")
async def desk(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return await _desk(request, ctx)


@post("/desk", opt=require("mediation.desk"), status_code=303)
async def receive(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    """Register a visit batch (接待登记), disposed of at once when a disposition is chosen."""
    values = await form_values(request)
    try:
        data = _batch_in(values)
        batch = ReceptionBatch(centre_id=data.centre_id, received_on=data.received_on or ctx.today(),
                               persons=data.persons, petitioners=[p.petitioner() for p in data.petitioners],
                               matter=data.matter, category=data.category, request=data.request,
                               matter_ref=data.matter_ref)
        disposal = disposal_of(data.action, data.disposal or DisposalIn()) if data.action else None
        saved = await reception.receive(ctx, batch, item_ref=data.item_ref, disposal=disposal)
    except HearingError as exc:
        return await _desk(request, ctx, status=exc.status, error=exc, values=values)
    return redirect(request, f"/mediation/reception/{saved['id']}", flash=N_("Registered visit batch %(ref)s."),
                    ref=saved["ref"])


async def _batch_page(request: Request[Any, Any, Any], ctx: Ctx, batch_id: int, *, status: int = 200,
                      error: HearingError | None = None, values: dict[str, Any] | None = None) -> Template:
    batch = await reception.get_reception(ctx, batch_id)
    return page(request, "mediation/web/batch.html", status_code=status, error=error, b=batch,
                values={"on": ctx.today().isoformat(), **(values or {})}, **choices(lang_of(request)))


@get("/reception/{batch_id:int}", opt=require("mediation.read"), name="web.mediation_batch")
async def batch_page(request: Request[Any, Any, Any], ctx: Ctx, batch_id: Id) -> Template:
    return await _batch_page(request, ctx, batch_id)


@post("/reception/{batch_id:int}/dispose", opt=require("mediation.desk"), status_code=303)
async def dispose(request: Request[Any, Any, Any], ctx: Ctx, batch_id: Id) -> Any:
    values = await form_values(request)
    action = str(values.get("action") or "")
    try:
        if not action:
            raise ValidationFailed("choose a disposition", [FieldError("action", "is required")])
        data = as_struct(DisposalIn, _disposal(values))
        await reception.dispose(ctx, batch_id, disposal_of(action, data), version=data.version)
    except NotFound:
        raise
    except HearingError as exc:
        return await _batch_page(request, ctx, batch_id, status=exc.status, error=exc, values=values)
    return redirect(request, f"/mediation/reception/{batch_id}", flash=N_("The visit batch is disposed of."))


HANDLERS = [desk, receive, batch_page, dispose]
