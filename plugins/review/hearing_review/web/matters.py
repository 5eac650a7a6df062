"""一个事项的复查复核情况 (a matter's review track): termination (三级终结) and follow-up work.

``matter_status`` shows the termination, the applications and the follow-ups; the forms call
``terminate`` (each reason with its own check in the service) and ``add_followup``.
"""

from __future__ import annotations

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
from hearing_review import services as reviews
from hearing_review.api.schemas import FollowUpCreate, TerminateRequest
from hearing_review.web.common import choices

__all__ = ["HANDLERS"]

MatterRef = Annotated[str, PathParameter(min_length=1, max_length=64)]


async def _matter(request: Request[Any, Any, Any], ctx: Ctx, matter_ref: str, *, status: int = 200,
                  error: HearingError | None = None, open_form: str | None = None,
                  values: dict[str, Any] | None = None) -> Template:
    track = await reviews.matter_status(ctx, matter_ref)
    return page(request, "review/web/matter.html", status_code=status, error=error, m=track, open_form=open_form,
                values=values or {}, today=ctx.today(), **choices(lang_of(request)))


@get("/matters/{matter_ref:str}", opt=require("reviews.read"), name="web.review_matter")
async def matter_page(request: Request[Any, Any, Any], ctx: Ctx, matter_ref: MatterRef) -> Template:
    return await _matter(request, ctx, matter_ref)


@post("/matters/{matter_ref:str}/terminate", opt=require("reviews.decide"), status_code=303)
async def terminate(request: Request[Any, Any, Any], ctx: Ctx, matter_ref: MatterRef) -> Any:
    values = await form_values(request)
    try:
        d = as_struct(TerminateRequest, filled(values, ("reason", "on", "basis_ref", "note")))
        await reviews.terminate(ctx, matter_ref, d.reason, on=d.on, basis_ref=d.basis_ref, note=d.note)
    except NotFound:
        raise
    except HearingError as exc:
        return await _matter(request, ctx, matter_ref, status=exc.status, error=exc, open_form="terminate",
                             values=values)
    return redirect(request, f"/reviews/matters/{matter_ref}", flash=N_("The matter is terminated."))


@post("/matters/{matter_ref:str}/followup", opt=require("reviews.write"), status_code=303)
async def followup(request: Request[Any, Any, Any], ctx: Ctx, matter_ref: MatterRef) -> Any:
    values = await form_values(request)
    try:
        d = as_struct(FollowUpCreate, filled(values, ("kind", "staff", "note", "on", "contact")))
        await reviews.add_followup(ctx, matter_ref, kind=d.kind, staff=d.staff, note=d.note, on=d.on, contact=d.contact)
    except NotFound:
        raise
    except HearingError as exc:
        return await _matter(request, ctx, matter_ref, status=exc.status, error=exc, open_form="followup",
                             values=values)
    return redirect(request, f"/reviews/matters/{matter_ref}", flash=N_("The follow-up is recorded."))


HANDLERS = [matter_page, terminate, followup]
