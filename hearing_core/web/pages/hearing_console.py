"""The clerk's console (听证记录台): the session phase by phase, the record typed as it happens.

The page shows the twelve phases (done, skipped with the reason, current, to come), the record
so far, and the controls of the current phase for the actor's seat: the clerk's attendance
check, entries and cross-examination opinions; the presiding officer's explicit moves (next
phase, skip with a reason, suspend, postpone, terminate), disputed issues, findings and the
conclusion. Entries are posted with htmx (``/console/entries``) and the new entry is appended
without reloading, so the speaker select and the text box keep the focus; the live part (phase
and record) is refreshed every few seconds for everyone watching (``/console/live``).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import HearingError
from hearing_core.hearings import service as hs
from hearing_core.web.pages.hearing_actions import CONSOLE_ACTIONS
from hearing_core.web.pages.hearing_view import entry_view, hearing_context
from hearing_core.web.pages.hearings import CaseId
from hearing_core.web.render import form_values, is_htmx, lang_of, page, redirect

__all__ = ["HANDLERS", "render_console"]

MAX_ENTRY = 10_000


async def _context(request: Request[Any, Any, Any], ctx: Ctx, case_id: int) -> dict[str, Any]:
    stored = await hs.get_hearing(ctx, case_id)
    view = await hs.describe(ctx, stored)
    return hearing_context(ctx, stored, view, lang_of(request), CONSOLE_ACTIONS)


async def render_console(request: Request[Any, Any, Any], ctx: Ctx, case_id: int, *, status: int = 200,
                         error: HearingError | None = None, open_action: str | None = None,
                         values: dict[str, Any] | None = None) -> Template:
    context = await _context(request, ctx, case_id)
    return page(request, "web/hearings/console.html", status_code=status, error=error, open_action=open_action,
                values=values or {}, **context)


@get("/hearings/{case_id:int}/console", opt=require("hearings.read"), name="web.hearing_console")
async def console(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Template:
    return await render_console(request, ctx, case_id)


@get("/hearings/{case_id:int}/console/live", opt=require("hearings.read"))
async def live(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Template:
    """htmx fragment: the phases and the record as they stand now (polled by the console)."""
    return page(request, "web/hearings/_live.html", **await _context(request, ctx, case_id))


@post("/hearings/{case_id:int}/console/entries", opt=require("hearings.conduct"), status_code=200)
async def add_entry(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Template | Redirect:
    """The clerk records a statement (``record_entry``); htmx gets the new entry to append."""
    values = await form_values(request)
    speaker = str(values.get("speaker") or "")[:40]
    text = str(values.get("text") or "")[:MAX_ENTRY]
    stored = await hs.record_entry(ctx, case_id, speaker=speaker, text=text)
    session = stored.case.session
    assert session is not None  # recorded in an open session
    if not is_htmx(request):
        return redirect(request, f"/hearings/{case_id}/console")
    if str(values.get("phase") or "") != str(session.phase):
        # The phase moved on since the console was drawn: redraw the whole record under the right headings.
        return page(request, "web/hearings/_live.html", headers={"HX-Retarget": "#live", "HX-Reswap": "outerHTML"},
                    **await _context(request, ctx, case_id))
    return page(request, "web/hearings/_entry.html", entry=entry_view(session.entries[-1], lang_of(request)))


HANDLERS = [console, live, add_entry]
