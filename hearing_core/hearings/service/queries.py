"""Reading hearings (查询): one case, lists, the calendar, the event log, a matter's hearings.

Hearing officers, presiding officers and clerks see the hearings whose panel they sit on;
``hearings.read_all`` (handling officers, leaders, auditors) sees every one. A case out of
scope is "not found". Contact data is masked without ``personal_data.read``; an unmasked view
is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.app import CHINA_TZ
from hearing_core.audit.reads import audit_read
from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings import calendar
from hearing_core.hearings import repository as repo
from hearing_core.hearings.domain import CaseState
from hearing_core.hearings.service import people
from hearing_core.hearings.service.common import READ, READ_ALL, calc, can_see, fetch, rules
from hearing_core.hearings.stored import StoredHearing
from hearing_core.hearings.views import hearing_view, plain, summary_view
from hearing_core.security.masking import redact_for

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "calendar_view", "describe", "get_hearing", "hearing_events", "hearings_for_matter", "list_hearings",
    "show_hearing",
]

MAX_PER_PAGE = 200


async def get_hearing(ctx: ServiceContext, case_id: int) -> StoredHearing:
    """The stored case (domain aggregate and storage fields), if the actor may see it."""
    ctx.require(READ)
    return await fetch(ctx, case_id)


async def describe(ctx: ServiceContext, stored: StoredHearing) -> dict[str, Any]:
    """The case as the actor may see it (votes per secrecy, contacts masked or audited)."""
    view = hearing_view(stored, viewer_person_id=ctx.actor.user_id, rules=rules(ctx), calc=calc(ctx),
                        today=ctx.today())
    if stored.contacts and await audit_read(ctx, "hearing_case", stored.id, fields=["phone", "id_number"],
                                            subject_ref=stored.matter_ref, note="hearing case view"):
        return view
    return redact_for(ctx.actor, view)


async def show_hearing(ctx: ServiceContext, case_id: int) -> dict[str, Any]:
    """One case with ``allowed_actions``, deadlines, record status and (once reached) the conclusion."""
    return await describe(ctx, await get_hearing(ctx, case_id))


def _day_bounds(date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    if date_from and date_to and date_to < date_from:
        raise ValidationFailed("invalid date range", [FieldError("date_to", "before date_from")])
    start = dt.datetime.combine(date_from, dt.time(), CHINA_TZ) if date_from else None
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), CHINA_TZ) if date_to else None
    return start, end


async def _scope(ctx: ServiceContext, officer: str | None) -> list[int] | None:
    """Case ids the list may show (None = all): the actor's panels, narrowed to ``officer``'s."""
    ids: set[int] | None = None
    if not (ctx.actor.is_admin or ctx.actor.has(READ_ALL)):
        ids = set(await repo.case_ids_on_panel(ctx.actor.user_id or 0))
    if officer:
        person = await people.user(ctx, officer, "officer")
        theirs = set(await repo.case_ids_on_panel(person.user_id or 0))
        ids = theirs if ids is None else ids & theirs
    return None if ids is None else sorted(ids)


async def list_hearings(
    ctx: ServiceContext,
    *,
    state: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    venue: str | None = None,
    officer: str | None = None,
    matter_ref: str | None = None,
    page: int = 1,
    per_page: int = 50,
) -> dict[str, Any]:
    """Hearings, newest first: ``{"items", "total", "page", "per_page"}``. Dates filter the
    scheduled day; ``officer`` (a username) keeps the hearings they sit on."""
    ctx.require(READ)
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValidationFailed("invalid page", [FieldError("per_page", f"page >= 1, per_page 1 to {MAX_PER_PAGE}")])
    if state is not None and state not in {s.value for s in CaseState}:
        raise ValidationFailed("invalid state", [FieldError("state", f"unknown state '{state}'")])
    start, end = _day_bounds(date_from, date_to)
    rows, total = await repo.list_rows(state=state, venue=venue, matter_ref=matter_ref, start_from=start,
                                       start_to=end, only_ids=await _scope(ctx, officer), page=page,
                                       per_page=per_page)
    ids = [r["id"] for r in rows]
    names, panels = await repo.petitioner_names(ids), await repo.panel_rows(ids)
    items = [summary_view(r, names.get(r["id"]), panels.get(r["id"], [])) for r in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


async def calendar_view(
    ctx: ServiceContext,
    *,
    date_from: dt.date,
    date_to: dt.date,
    venue: str | None = None,
    officer: str | None = None,
) -> list[dict[str, Any]]:
    """Calendar entries (hearings, resumptions, venue bookings, unavailability) per venue or officer."""
    ctx.require(READ)
    start, end = _day_bounds(date_from, date_to)
    assert start is not None and end is not None
    person_id = (await people.user(ctx, officer, "officer")).user_id if officer else None
    items = await calendar.entries(start, end, venue=venue, person_id=person_id)
    if not (ctx.actor.is_admin or ctx.actor.has(READ_ALL)):
        mine = set(await repo.case_ids_on_panel(ctx.actor.user_id or 0))
        items = [i for i in items if ("hearing_id" not in i or i["hearing_id"] in mine)
                 and (i["kind"] != "unavailable" or i["person_id"] == ctx.actor.user_id)]
    return plain(items)  # type: ignore[no-any-return]


async def hearing_events(ctx: ServiceContext, case_id: int) -> list[dict[str, Any]]:
    """The case's event log in order (vote events name voter and issue, never the view)."""
    stored = await get_hearing(ctx, case_id)
    assert stored.id is not None
    return [plain({"seq": e["seq"], "kind": e["kind"], "data": e["data"], "actor": e["actor"],
                   "recorded_at": e["recorded_at"]}) for e in await repo.events_of(stored.id)]


async def hearings_for_matter(ctx: ServiceContext, matter_ref: str) -> list[StoredHearing]:
    """Every hearing on a matter the actor may see, oldest first (e.g. for the review plugin,
    which reads :meth:`StoredHearing.hearing_period` to pause its clock)."""
    ctx.require(READ)
    rows, _ = await repo.list_rows(matter_ref=matter_ref, per_page=MAX_PER_PAGE)
    found = [s for r in reversed(rows) if (s := await repo.find(r["id"])) is not None]
    return [s for s in found if can_see(ctx.actor, s)]
