"""The expert pool (听证员库), venue bookings and officers' unavailability (日程占用).

The pool is kept by ``hearings.pool`` (administrators, handling officers) and read with
``hearings.read``; an entry is linked to the user account its expert logs in with, which
seating them needs. Venue bookings are the organ's (``hearings.manage``); an officer declares
their own unavailability, a manager anyone's. Scheduling reads both.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_core.hearings import pool_repository as pool_repo
from hearing_core.hearings.domain import Affiliation
from hearing_core.hearings.service import people
from hearing_core.hearings.service.common import MANAGE, POOL, READ, moment
from hearing_core.hearings.service.matters import vocab
from hearing_core.hearings.views import plain
from hearing_core.security.masking import redact_for

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "add_booking", "add_expert", "declare_unavailability", "list_bookings", "list_experts", "list_unavailability",
    "update_expert",
]


def _blank(field: str, value: str) -> str:
    if not (value or "").strip():
        raise ValidationFailed(f"{field} is required", [FieldError(field, "must not be blank")])
    return value.strip()


async def _link(ctx: ServiceContext, username: str | None) -> dict[str, Any]:
    if not username:
        return {"user_id": None, "username": None}
    actor = await people.user(ctx, username)
    return {"user_id": actor.user_id, "username": actor.username}


async def add_expert(
    ctx: ServiceContext,
    *,
    name: str,
    affiliation: str,
    organisation: str = "",
    username: str | None = None,
    phone: str | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Add an expert to the pool, optionally linked to their user account."""
    ctx.require(POOL)
    values = {"name": _blank("name", name), "affiliation": vocab(Affiliation, affiliation, "affiliation").value,
              "organisation": organisation.strip(), "phone": phone, "note": note.strip(), "active": True,
              **await _link(ctx, username)}
    async with ctx.write():
        entry = await pool_repo.add_entry(values, ctx.now())
        await ctx.audit("hearing.pool.add", "hearing_expert", entry["id"],
                        after={k: entry[k] for k in ("name", "affiliation", "organisation", "username")})
    return redact_for(ctx.actor, entry)


async def update_expert(
    ctx: ServiceContext,
    entry_id: int,
    *,
    version: int | None = None,
    active: bool | None = None,
    username: str | None = None,
    organisation: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Change a pool entry (deactivate, link a user account ...); a stale version is a 409."""
    ctx.require(POOL)
    values: dict[str, Any] = {}
    if active is not None:
        values["active"] = active
    if username is not None:
        values.update(await _link(ctx, username))
    if organisation is not None:
        values["organisation"] = organisation.strip()
    if note is not None:
        values["note"] = note.strip()
    async with ctx.write():
        current = await pool_repo.entry(entry_id)
        if current is None:
            raise NotFound(f"no pool entry with id {entry_id}")
        entry = await pool_repo.update_entry(entry_id, version if version is not None else current["version"], values,
                                             ctx.now())
        await ctx.audit("hearing.pool.update", "hearing_expert", entry_id,
                        before={k: current[k] for k in values}, after={k: entry[k] for k in values})
    return redact_for(ctx.actor, entry)


async def list_experts(
    ctx: ServiceContext, *, affiliation: str | None = None, active: bool | None = True, page: int = 1,
    per_page: int = 50,
) -> dict[str, Any]:
    """Pool entries (active ones by default), phones masked without ``personal_data.read``."""
    ctx.require(READ)
    if affiliation:
        vocab(Affiliation, affiliation, "affiliation")
    rows, total = await pool_repo.list_entries(affiliation=affiliation, active=active, page=page, per_page=per_page)
    return {"items": [redact_for(ctx.actor, r) for r in rows], "total": total, "page": page, "per_page": per_page}


def _span(ctx: ServiceContext, start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    start, end = moment(ctx, start), moment(ctx, end)
    if end <= start:
        raise ValidationFailed("invalid period", [FieldError("end", "must be after start")])
    return start, end


async def add_booking(
    ctx: ServiceContext, *, venue: str, start: dt.datetime, end: dt.datetime, reference: str = ""
) -> dict[str, Any]:
    """Book a venue for something other than a hearing (it then clashes with hearings there)."""
    ctx.require(MANAGE)
    start, end = _span(ctx, start, end)
    async with ctx.write():
        booking = await pool_repo.add_booking(_blank("venue", venue), start, end, reference.strip(),
                                              ctx.actor.username, ctx.now())
        await ctx.audit("hearing.booking.add", "hearing_venue_booking", booking["id"],
                        after={"venue": booking["venue"], "start": start.isoformat(), "end": end.isoformat()})
    return plain(booking)  # type: ignore[no-any-return]


async def list_bookings(ctx: ServiceContext, *, date_from: dt.date, date_to: dt.date) -> list[dict[str, Any]]:
    ctx.require(READ)
    start, end = _span(ctx, dt.datetime.combine(date_from, dt.time()),
                       dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    return plain(await pool_repo.list_bookings(start, end))  # type: ignore[no-any-return]


async def declare_unavailability(
    ctx: ServiceContext, *, start: dt.datetime, end: dt.datetime, reason: str = "", username: str | None = None
) -> dict[str, Any]:
    """Declare that an officer (oneself by default) cannot sit between ``start`` and ``end``."""
    ctx.require(READ)
    if username and username != ctx.actor.username:
        ctx.require(MANAGE)
        person = (await people.user(ctx, username)).user_id
    else:
        person = ctx.actor.user_id
    if person is None:
        raise ValidationFailed("name the officer", [FieldError("username", "required")])
    start, end = _span(ctx, start, end)
    async with ctx.write():
        row = await pool_repo.add_unavailability(person, start, end, reason.strip(), ctx.actor.username, ctx.now())
        await ctx.audit("hearing.unavailability.add", "hearing_unavailability", row["id"],
                        after={"person_id": person, "start": start.isoformat(), "end": end.isoformat()})
    return plain(row)  # type: ignore[no-any-return]


async def list_unavailability(
    ctx: ServiceContext, *, date_from: dt.date, date_to: dt.date, username: str | None = None
) -> list[dict[str, Any]]:
    """Declared unavailability in a period; without ``hearings.manage`` only one's own."""
    ctx.require(READ)
    person = (await people.user(ctx, username)).user_id if username else None
    if not ctx.actor.has(MANAGE):
        person = ctx.actor.user_id
    start, end = _span(ctx, dt.datetime.combine(date_from, dt.time()),
                       dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    return plain(await pool_repo.list_unavailability(start, end, person))  # type: ignore[no-any-return]
