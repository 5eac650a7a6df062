"""信访件 (petition items): the filtered list, one item's page and its disposition actions.

The list calls ``service.list_items`` (filters and pages in SQL, ``overdue`` computed);
the item page ``service.get_item`` (an unmasked view is audited by the service) and
``deadlines.explain_item`` for the engine's step-by-step explanation; each action
button posts to ``/register/items/{ref}/actions/{action}``, which calls the same
service function as ``POST /api/v1/petitions/{ref}/{action}``. Only the actions the
item's state allows are shown, and only to holders of ``petitions.dispose``.
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
from hearing_core.petitions import service
from hearing_core.petitions.service import deadlines as deadline_service
from hearing_core.web.i18n import N_
from hearing_core.web.labels import ACTION_LABELS, label
from hearing_core.web.pages.choices import register_choices
from hearing_core.web.render import form_values, hearing_of, lang_of, page, redirect

__all__ = ["HANDLERS", "action_arguments"]

Ref = Annotated[str, PathParameter(min_length=1, max_length=64)]
PER_PAGE = 25
_FILTERS = ("year", "date_from", "date_to", "channel", "status", "category", "overdue", "q", "matter")


def _date(values: dict[str, Any], key: str, errors: list[FieldError], *, required: bool = False) -> dt.date | None:
    raw = str(values.get(key) or "")
    if not raw:
        if required:
            errors.append(FieldError(key, "is required"))
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors.append(FieldError(key, f"'{raw}' is not a date (YYYY-MM-DD)"))
        return None


def _int(value: Any, key: str, errors: list[FieldError]) -> int | None:
    text = str(value or "")
    if text.isdigit():
        return int(text)
    errors.append(FieldError(key, "must be a whole number"))
    return None


def action_arguments(action: str, values: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Positional and keyword arguments of ``service.ACTIONS[action]`` from the action's form."""
    errors: list[FieldError] = []
    kwargs: dict[str, Any] = {}
    if values.get("version"):
        kwargs["version"] = _int(values["version"], "version", errors)
    args: tuple[Any, ...] = ()
    if action == "record_service":
        kwargs["served_on"] = _date(values, "served_on", errors)
    else:
        kwargs["on"] = _date(values, "on", errors)
    text = {k: str(values.get(k) or "") for k in ("reason", "note", "unit", "report", "outcome", "route")}
    if action == "not_accept":
        args, kwargs["note"] = (text["reason"],), text["note"]
    elif action == "transfer":
        args = (text["unit"],)
    elif action == "assign":
        args = (text["unit"], _date(values, "due_on", errors, required=True))
    elif action == "extend":
        args = (_int(values.get("days"), "days", errors), text["reason"])
    elif action == "report_completion":
        args = (text["report"],)
    elif action == "issue_opinion":
        args, kwargs["served_on"] = (text["outcome"],), _date(values, "served_on", errors)
    elif action == "route_to_statutory":
        args = (text["route"],)
    if errors:
        raise ValidationFailed(f"invalid {action}", errors)
    return args, kwargs


def _filters(request: Request[Any, Any, Any]) -> tuple[service.ItemFilter, dict[str, str], int]:
    q = {k: request.query_params.get(k, "").strip() for k in _FILTERS}
    errors: list[FieldError] = []
    year = _int(q["year"], "year", errors) if q["year"] else None
    flt = service.ItemFilter(
        year=year, date_from=_date(q, "date_from", errors), date_to=_date(q, "date_to", errors),
        channel=q["channel"] or None, status=q["status"] or None, category=q["category"] or None,
        matter_ref=q["matter"] or None, overdue=True if q["overdue"] else None, q=q["q"] or None,
    )
    if errors:
        raise ValidationFailed("invalid filter", errors)
    page_no = request.query_params.get("page", "1")
    return flt, q, int(page_no) if page_no.isdigit() and int(page_no) > 0 else 1


@get("/register/items", opt=require("petitions.read"), name="web.items")
async def item_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    flt, q, page_no = _filters(request)
    found = await service.list_items(ctx, flt, page_no, PER_PAGE)
    pages = max(1, -(-found.total // PER_PAGE))
    return page(request, "web/register/items.html", found=found, rows=[r.as_dict() for r in found.items], filters=q,
                pages=pages, **register_choices(hearing_of(request), lang_of(request)))


async def _item_page(request: Request[Any, Any, Any], ctx: Ctx, ref: str, *, status: int = 200,
                     error: HearingError | None = None, open_action: str | None = None) -> Template:
    record = await service.get_item(ctx, ref)
    clocks = [c.as_dict(explain=True) for c in await deadline_service.explain_item(ctx, ref)]
    allowed = record.disposition.allowed_actions() if ctx.actor.has("petitions.dispose") else []
    return page(request, "web/register/item.html", status_code=status, item=record.as_dict(), clocks=clocks,
                actions=[a for a in allowed if a in ACTION_LABELS], error=error, open_action=open_action,
                events=record.disposition.clock_events(), today=ctx.today(),
                **register_choices(hearing_of(request), lang_of(request)))


@get("/register/items/{ref:str}", opt=require("petitions.read"), name="web.item")
async def item_page(request: Request[Any, Any, Any], ctx: Ctx, ref: Ref) -> Template:
    return await _item_page(request, ctx, ref)


@post("/register/items/{ref:str}/actions/{action:str}", opt=require("petitions.dispose"), status_code=303)
async def item_action(request: Request[Any, Any, Any], ctx: Ctx, ref: Ref,
                      action: Annotated[str, PathParameter(max_length=40)]) -> Any:
    values = await form_values(request)
    perform = service.ACTIONS.get(action)
    if perform is None:
        raise NotFound(f"no disposition action '{action}'")
    try:
        args, kwargs = action_arguments(action, values)
        record = await perform(ctx, ref, *args, **kwargs)
    except NotFound:
        raise
    except HearingError as exc:
        return await _item_page(request, ctx, ref, status=exc.status, error=exc, open_action=action)
    return redirect(request, f"/register/items/{record.ref}", flash=N_("Done: %(action)s."),
                    action=label(ACTION_LABELS, action, lang_of(request)))


HANDLERS = [item_list, item_page, item_action]
