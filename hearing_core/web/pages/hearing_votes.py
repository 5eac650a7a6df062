"""评议表决与听证结论 (the officer's private vote page, and the conclusion with signatures and documents).

The vote page shows an officer what ``hearings.service.visible_votes`` lets them see — their own
votes while deliberation is open, everyone's once it closes — and casts their vote with
``cast_vote`` (which votes as the logged-in user: nobody votes for another). The conclusion page
shows the conclusion of ``show_hearing``, the signatures of the record with the clerk's sign /
refusal forms, and the generated documents (the API's document routes, audited there).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, HearingError, ValidationFailed
from hearing_core.hearings import service as hs
from hearing_core.web.i18n import N_
from hearing_core.web.pages.hearing_actions import CONCLUSION_ACTIONS
from hearing_core.web.pages.hearing_view import hearing_context
from hearing_core.web.pages.hearings import CaseId
from hearing_core.web.render import form_values, lang_of, page, redirect

__all__ = ["HANDLERS", "render_conclusion"]


def _votes(view: dict[str, Any], votes: list[Any]) -> dict[int, list[dict[str, Any]]]:
    """Visible votes by issue, with the voter's name."""
    names = {v["person_id"]: v["name"] for v in (view["deliberation"] or {}).get("voters", [])}
    out: dict[int, list[dict[str, Any]]] = {}
    for vote in votes:
        out.setdefault(vote.issue_no, []).append({"voter": names.get(vote.voter_person_id, ""), "mine": False,
                                                  "voter_id": vote.voter_person_id, "value": str(vote.value),
                                                  "opinion": vote.opinion})
    return out


async def _vote_page(request: Request[Any, Any, Any], ctx: Ctx, case_id: int, *, status: int = 200,
                     error: HearingError | None = None, values: dict[str, Any] | None = None) -> Template:
    stored = await hs.get_hearing(ctx, case_id)
    view = await hs.describe(ctx, stored)
    votes = _votes(view, await hs.visible_votes(ctx, case_id))
    for rows in votes.values():
        for row in rows:
            row["mine"] = row["voter_id"] == ctx.actor.user_id
    deliberation = view["deliberation"]
    is_open = deliberation is not None and deliberation["closed_at"] is None and "cast_vote" in view["allowed_actions"]
    owed = [o for o in (deliberation or {}).get("owed", [])]
    return page(request, "web/hearings/vote.html", status_code=status, error=error, values=values or {},
                votes=votes, is_open=is_open, owed=owed, **hearing_context(ctx, stored, view, lang_of(request)))


@get("/hearings/{case_id:int}/vote", opt=require("hearings.vote"), name="web.hearing_vote")
async def vote_page(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Template:
    return await _vote_page(request, ctx, case_id)


@post("/hearings/{case_id:int}/vote", opt=require("hearings.vote"), status_code=303)
async def cast(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Any:
    values = await form_values(request)
    raw = str(values.get("issue_no") or "")
    try:
        if not raw.isdigit():
            raise ValidationFailed("which issue?", [FieldError("issue_no", "must be a whole number")])
        await hs.cast_vote(ctx, case_id, issue_no=int(raw), value=str(values.get("value") or ""),
                           opinion=str(values.get("opinion") or ""))
    except HearingError as exc:
        kept = {k: v for k, v in values.items() if isinstance(v, str)}
        return await _vote_page(request, ctx, case_id, status=exc.status, error=exc, values=kept)
    return redirect(request, f"/hearings/{case_id}/vote", flash=N_("Your vote on issue %(no)s is recorded."), no=raw)


async def render_conclusion(request: Request[Any, Any, Any], ctx: Ctx, case_id: int, *, status: int = 200,
                            error: HearingError | None = None, open_action: str | None = None,
                            values: dict[str, Any] | None = None) -> Template:
    stored = await hs.get_hearing(ctx, case_id)
    view = await hs.describe(ctx, stored)
    context = hearing_context(ctx, stored, view, lang_of(request), CONCLUSION_ACTIONS)
    signed = {s["key"]: s for s in view["record"]["signatures"]}
    signatories = [{**s, "signature": signed.get(s["key"])} for s in view["record"]["signatories"]]
    return page(request, "web/hearings/conclusion.html", status_code=status, error=error, open_action=open_action,
                values=values or {}, signatories=signatories, **context)


@get("/hearings/{case_id:int}/conclusion", opt=require("hearings.read"), name="web.hearing_conclusion")
async def conclusion(request: Request[Any, Any, Any], ctx: Ctx, case_id: CaseId) -> Template:
    return await render_conclusion(request, ctx, case_id)


HANDLERS = [vote_page, cast, conclusion]
