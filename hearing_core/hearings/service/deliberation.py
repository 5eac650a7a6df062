"""Deliberation (评议): disputed issues, secret votes and the conclusion (听证结论).

An officer votes as themself (``hearings.vote`` and a voting seat): nobody, administrators
included, casts another's vote, and :func:`visible_votes` shows an officer only their own
votes until the conclusion closes deliberation.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hearing_core.hearings.domain import Vote, VoteValue
from hearing_core.hearings.service.common import CONDUCT, VOTE, act, fetch, moment
from hearing_core.hearings.service.matters import vocab
from hearing_core.hearings.stored import StoredHearing

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["cast_vote", "conclude", "define_issue", "visible_votes"]


async def define_issue(
    ctx: ServiceContext, case_id: int, *, title: str, version: int | None = None
) -> StoredHearing:
    """Frame a disputed issue (争议焦点); every voter votes on every issue."""
    return await act(ctx, case_id, "define_issue", lambda s: s.case.define_issue(title), permission=CONDUCT,
                     seat=("presiding_officer",), what="frame the issues", version=version)


async def cast_vote(
    ctx: ServiceContext,
    case_id: int,
    *,
    issue_no: int,
    value: str,
    opinion: str,
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Record, privately, the acting officer's view and opinion on one issue (may be changed
    until deliberation closes)."""
    view = vocab(VoteValue, value, "value")
    return await act(ctx, case_id, "cast_vote", lambda s: s.case.cast_vote(
        voter_person_id=ctx.actor.user_id or 0, issue_no=issue_no, value=view, opinion=opinion,
        at=moment(ctx, at)), permission=VOTE, version=version)


async def visible_votes(ctx: ServiceContext, case_id: int) -> list[Vote]:
    """The votes the acting user may read now: their own while deliberation is open, all after."""
    stored = await fetch(ctx, case_id)
    return stored.case.visible_votes(ctx.actor.user_id or 0)


async def conclude(
    ctx: ServiceContext,
    case_id: int,
    *,
    facts_found: str,
    basis: str,
    recommendation: str,
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Close deliberation with the conclusion: per issue the median view, its tally and the
    dissents, the facts found, the basis and the recommendation to the deciding organ."""
    return await act(ctx, case_id, "conclude", lambda s: s.case.conclude(
        facts_found=facts_found, basis=basis, recommendation=recommendation, at=moment(ctx, at)),
        permission=CONDUCT, seat=("presiding_officer",), what="record the conclusion", version=version)
