"""登记表待核 (the review queue): registration forms that did not validate, corrected, confirmed
into the register or set aside — ``services.list_queue``, ``get_entry``, ``fix_entry``,
``confirm_entry``, ``discard_entry`` with the API's request structs.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import PathParameter
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, HearingError, NotFound, ValidationFailed
from hearing_core.web.forms import as_struct, filled
from hearing_core.web.i18n import N_
from hearing_core.web.render import form_values, page, redirect
from hearing_pdf_import import services
from hearing_pdf_import.api.schemas import ConfirmBody, DiscardBody, FixBody
from hearing_pdf_import.config import form_mapping
from hearing_pdf_import.web.documents import STATUS

__all__ = ["HANDLERS"]

FormId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
QUEUE = require("documents.queue")
PER_PAGE = 25


@get("/queue", opt=QUEUE, name="web.documents_queue")
async def queue_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    state = request.query_params.get("state", "pending").strip()[:20]
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
    found = await services.list_queue(ctx, state=None if state == "all" else state, page=page_no, per_page=PER_PAGE)
    return page(request, "documents/web/queue.html", found=found, state=state, page_no=page_no,
                pages=max(1, -(-found["total"] // PER_PAGE)))


async def _entry(request: Request[Any, Any, Any], ctx: Ctx, form_id: int, *, status: int = 200,
                 error: HearingError | None = None, values: dict[str, Any] | None = None) -> Template:
    entry = await services.get_entry(ctx, form_id)
    return page(request, "documents/web/entry.html", status_code=status, error=error, e=entry, values=values or {},
                rows=_rows(ctx, entry), status_words=STATUS)


def _rows(ctx: Ctx, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Every field of the instance's form mapping (found or not, so a missing one can be filled in),
    then any other field the entry holds; each with its label, whether required, and what was read."""
    specs = form_mapping(ctx.app).fields
    fields = entry["fields"]
    rows = [{"name": s.name, "label": (fields.get(s.name) or {}).get("label") or (s.labels[0] if s.labels else s.name),
             "required": s.required, "found": fields.get(s.name)} for s in specs]
    known = {s.name for s in specs}
    rows += [{"name": n, "label": f.get("label") or n, "required": False, "found": f}
             for n, f in fields.items() if n not in known]
    return rows


@get("/queue/{form_id:int}", opt=QUEUE, name="web.documents_entry")
async def entry_page(request: Request[Any, Any, Any], ctx: Ctx, form_id: FormId) -> Template:
    return await _entry(request, ctx, form_id)


async def _fix(ctx: Ctx, form_id: int, values: dict[str, Any]) -> Any:
    current = (await services.get_entry(ctx, form_id))["fields"]
    changed = {name[2:]: str(value) for name, value in values.items() if name.startswith("f_")
               and str(value) != str((current.get(name[2:]) or {}).get("value") or "")}
    if not changed:
        raise ValidationFailed("nothing changed", [FieldError("fields", "correct at least one field")])
    d = as_struct(FixBody, {"fields": changed, **filled(values, ("version",))})
    return await services.fix_entry(ctx, form_id, d.fields, version=d.version)


async def _confirm(ctx: Ctx, form_id: int, values: dict[str, Any]) -> Any:
    d = as_struct(ConfirmBody, {**filled(values, ("version", "matter_ref")), "new_matter": bool(values.get("new_matter"))})
    return await services.confirm_entry(ctx, form_id, version=d.version, matter_ref=d.matter_ref,
                                        new_matter=d.new_matter)


async def _discard(ctx: Ctx, form_id: int, values: dict[str, Any]) -> Any:
    d = as_struct(DiscardBody, filled(values, ("reason", "version")))
    return await services.discard_entry(ctx, form_id, d.reason, version=d.version)


ACTIONS = {
    "fix": (_fix, N_("The corrections are saved.")),
    "confirm": (_confirm, N_("The form is registered as a petition item.")),
    "discard": (_discard, N_("The form is set aside.")),
}


@post("/queue/{form_id:int}/{action:str}", opt=QUEUE, status_code=303)
async def entry_action(request: Request[Any, Any, Any], ctx: Ctx, form_id: FormId,
                       action: Annotated[str, PathParameter(max_length=10)]) -> Any:
    values = await form_values(request)
    if action not in ACTIONS:
        raise NotFound(f"no queue action '{action}'")
    call, message = ACTIONS[action]
    try:
        await call(ctx, form_id, values)
    except NotFound:
        raise
    except HearingError as exc:
        return await _entry(request, ctx, form_id, status=exc.status, error=exc, values=values)
    return redirect(request, f"/documents/queue/{form_id}", flash=message)


HANDLERS = [queue_list, entry_page, entry_action]
