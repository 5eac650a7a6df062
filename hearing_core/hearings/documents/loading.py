"""What the document services read (文书所需数据): the organ, the matter, the cases of a period.

Cases come through the hearings repository and the calendar (never their tables), matters
through the register's services as a reader holding only ``petitions.read``, so looking up a
title discloses and audits nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hearing_core.errors import NotFound
from hearing_core.hearings.documents.organ import MatterInfo, Organ

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.hearings.stored import StoredHearing

__all__ = ["cases_between", "matter_info", "organ_of"]

CST = dt.timezone(dt.timedelta(hours=8))
_PAGE = 200


def organ_of(ctx: ServiceContext) -> Organ:
    """The issuing organ from the instance settings (``organ_name``, ``[documents]``)."""
    return Organ.from_settings(ctx.app.settings)


async def matter_info(ctx: ServiceContext, ref: str) -> MatterInfo:
    """Title and first receipt of matter ``ref``; a matter missing from the register prints its ref."""
    from hearing_core.context import ServiceContext as Context
    from hearing_core.petitions.service import get_matter, list_matters
    from hearing_core.security.actor import Actor

    reader = Context(ctx.app, Actor(user_id=ctx.actor.user_id, username=ctx.actor.username,
                                    permissions=frozenset({"petitions.read"})))
    page = await list_matters(reader, q=ref, per_page=_PAGE)
    found = next((m for m in page.items if m.ref == ref), None)
    if found is None:
        try:
            found = await get_matter(reader, ref)
        except NotFound:
            return MatterInfo(ref=ref, title=ref)
    return MatterInfo(ref=found.ref, title=found.title or found.ref, received_on=found.first_received_on)


async def cases_between(ctx: ServiceContext, start: dt.date, end: dt.date) -> list[StoredHearing]:
    """Cases the actor may see with a sitting from ``start`` to ``end`` (inclusive, China days):
    scheduled then (in any state, so a past day's docket is complete) or resuming then."""
    from hearing_core.hearings import calendar
    from hearing_core.hearings import repository as repo
    from hearing_core.hearings.service.common import can_see

    since = dt.datetime.combine(start, dt.time(), CST)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), CST)
    ids: set[int] = set()
    page = 1
    while True:
        rows, total = await repo.list_rows(start_from=since, start_to=until, page=page, per_page=_PAGE)
        ids.update(r["id"] for r in rows)
        if page * _PAGE >= total or not rows:
            break
        page += 1
    ids.update(e["hearing_id"] for e in await calendar.entries(since, until) if e.get("kind") == "resumption")
    found = []
    for case_id in sorted(ids):
        stored = await repo.find(case_id)
        if stored is not None and can_see(ctx.actor, stored):
            found.append(stored)
    return found
