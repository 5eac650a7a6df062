"""听证案件 (hearing cases): the list, one hearing's page, and every action form of the hearing pages.

The list calls ``hearings.service.list_hearings`` (panel members see the hearings they sit
on); the hearing page ``show_hearing`` — the API's view — with the actions its state allows
offered as buttons. Every form of the hearing pages posts to
``/hearings/{id}/actions/{action}``, which calls the service function the API calls
(:mod:`.hearing_actions`); a refusal re-renders the page it came from with the reason and the
form still filled in.
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
from hearing_core.hearings import service as hs
from hearing_core.hearings.documents.labels import CASE_STATE
from hearing_core.web.i18n import N_, gettext
from hearing_core.web.labels import code_label
from hearing_core.web.pages.hearing_actions import ACTIONS, PAGE_ACTIONS
from hearing_core.web.pages.hearing_forms import read_fields, version_of
from hearing_core.web.pages.hearing_view import LABELS, hearing_context
from hearing_core.web.render import form_values, lang_of, page, redirect, safe_next

__all__ = ["HANDLERS", "CaseId", "render_hearing"]

CaseId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
PER_PAGE = 25


def _day(raw: str, field: str, errors: list[FieldError]) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors.append(FieldError(field, f"'{raw}' is not a date (YYYY-MM-DD)"))
        return None


@get("/hearings", opt=require("hearings.read"), name="web.hearings")
async def hearing_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    q = {k: request.query_params.get(k, "").strip()[:64] for k in ("state", "date_from", "date_to", "matter")}
    errors: list[FieldError] = []
    date_from, date_to = _day(q["date_from"], "date_from", errors), _day(q["date_to"], "date_to", errors)
    if errors:
        raise ValidationFailed("invalid filter", errors)
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
    found = await hs.list_hearings(ctx, state=q["state"] or None, date_from=date_from, date_to=date_to,
                                   matter_ref=q["matter"] or None, page=page_no, per_page=PER_PAGE)
    lang = lang_of(request)
    states = [{"value": code, "label": code_label(CASE_STATE, code, lang)} for code in CASE_STATE if code != "new"]
    return page(request, "web/hearings/list.html", found=found, filters=q, states=states, L=LABELS,
                pages=max(1, -(-found["total"] // PER_PAGE)), page_no=page_no)


async def render_hearing(request: Request[Any, Any, Any], ctx: Ctx, case_id: int, *, status: int = 200,
                         error: HearingError | None = None, open_action: str | None = None,
                         values: dict[str, Any] | None = None) -> Template:
    stored = await hs.get_hearing(ctx, case_id)
    view = await hs.describe(ctx, stored)
    context = hearing_context(ctx, stored, view, lang_of(request), PAGE_ACTIONS)
    return page(request, "web/hearings/hearing.html", status_code=status, error=error, open_action=open_action,
                values=values or {}, **context)


@get("/hearings/{case_id:int}", opt=require("hearings.read"), name="web.hearing")
async def hearing_page(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Template:
    return await render_hearing(request, ctx, case_id)


async def _render_origin(origin: str, request: Request[Any, Any, Any], ctx: Ctx, case_id: int,
                         **kwargs: Any) -> Template:
    from hearing_core.web.pages import hearing_console, hearing_votes

    renderers = {"console": hearing_console.render_console, "conclusion": hearing_votes.render_conclusion}
    return await renderers.get(origin, render_hearing)(request, ctx, case_id, **kwargs)


@post("/hearings/{case_id:int}/actions/{action:str}", opt=require("hearings.read"), status_code=303)
async def hearing_action(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId,
                         action: Annotated[str, PathParameter(max_length=40)]) -> Any:
    """Run one action through its service; back to the page it came from (``next``)."""
    values = await form_values(request)
    spec = ACTIONS.get(action)
    if spec is None:
        raise NotFound(f"no hearing action '{action}'")
    origin = str(values.get("origin") or "page")
    try:
        data = read_fields(spec, values)
        if spec.versioned:
            data["version"] = version_of(values)
        await spec.run(ctx, case_id, data)
    except NotFound:
        raise
    except HearingError as exc:
        kept = {k: v for k, v in values.items() if isinstance(v, str)}
        return await _render_origin(origin, request, ctx, case_id, status=exc.status, error=exc,
                                    open_action=action, values=kept)
    back = safe_next(str(values.get("next") or ""), f"/hearings/{case_id}")
    return redirect(request, back, flash=N_("Done: %(action)s."), action=gettext(lang_of(request), spec.label))


HANDLERS = [hearing_list, hearing_page, hearing_action]
