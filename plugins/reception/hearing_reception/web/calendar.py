"""接访日程 (the calendar): receptions of a period with their public-notice status; planning from
the rules (``planning.plan_receptions``) and recording a published notice (``notices.publish_notice``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Request, get, post
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, HearingError, ValidationFailed
from hearing_core.web.forms import as_struct, filled, lines
from hearing_core.web.i18n import N_
from hearing_core.web.render import form_values, lang_of, page, redirect
from hearing_reception.api.schemas import PlanRequest, PublishRequest
from hearing_reception.services import notices, planning
from hearing_reception.web.common import choices

__all__ = ["HANDLERS"]

DEFAULT_DAYS = 45
MAX_SHOWN = 200


def _period(request: Request[Any, Any, Any], today: dt.date) -> tuple[dt.date, dt.date]:
    errors: list[FieldError] = []
    days: list[dt.date] = []
    for key, default in (("from", today - dt.timedelta(days=7)), ("to", today + dt.timedelta(days=DEFAULT_DAYS))):
        raw = request.query_params.get(key, "").strip()[:10]
        try:
            days.append(dt.date.fromisoformat(raw) if raw else default)
        except ValueError:
            errors.append(FieldError(key, f"'{raw}' is not a date (YYYY-MM-DD)"))
    if errors:
        raise ValidationFailed("invalid period", errors)
    return days[0], days[1]


async def _calendar(request: Request[Any, Any, Any], ctx: Ctx, *, status: int = 200, error: HearingError | None = None,
                    values: dict[str, Any] | None = None) -> Template:
    start, end = _period(request, ctx.today())
    found = await planning.list_receptions(ctx, planning.ReceptionFilter(date_from=start, date_to=end), 1, MAX_SHOWN)
    status_of = {s["reception_id"]: s for s in await notices.notice_statuses(ctx, start, end)}
    rows = [{**r.as_dict(), "notice": status_of.get(r.id)} for r in found.items]
    return page(request, "reception/web/calendar.html", status_code=status, error=error, rows=rows,
                total=found.total, start=start, end=end, values=values or {}, today=ctx.today(),
                announceable=[r["id"] for r in rows if r["state"] != "cancelled"], **choices(lang_of(request)))


@get("/", opt=require("reception.read"), name="web.reception")
async def calendar(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return await _calendar(request, ctx)


@post("/plan", opt=require("reception.plan"), status_code=303)
async def plan(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    values = await form_values(request)
    try:
        d = as_struct(PlanRequest, {"from": values.get("plan_from"), "to": values.get("plan_to"),
                                    "dry_run": bool(values.get("dry_run"))})
        outcome = await planning.plan_receptions(ctx, d.start, d.to, dry_run=d.dry_run)
    except HearingError as exc:
        return await _calendar(request, ctx, status=exc.status, error=exc, values=values)
    message = N_("Planned %(n)s receptions (trial run, nothing saved).") if outcome.dry_run else \
        N_("Planned %(n)s receptions.")
    return redirect(request, f"/reception?from={d.start.isoformat()}&to={d.to.isoformat()}", flash=message,
                    n=len(outcome.created))


@post("/notices", opt=require("reception.plan"), status_code=303)
async def publish(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    values = await form_values(request)
    chosen = values.get("receptions") or []
    try:
        d = as_struct(PublishRequest, {**filled(values, ("published_on", "doc_number")),
                                       "receptions": chosen if isinstance(chosen, list) else [chosen],
                                       **({"channels": lines(values["channels"])} if values.get("channels") else {})})
        await notices.publish_notice(ctx, list(d.receptions), published_on=d.published_on, channels=d.channels,
                                     doc_number=d.doc_number)
    except HearingError as exc:
        return await _calendar(request, ctx, status=exc.status, error=exc, values=values)
    return redirect(request, "/reception", flash=N_("The publication of the notice is recorded."))


HANDLERS = [calendar, plan, publish]
