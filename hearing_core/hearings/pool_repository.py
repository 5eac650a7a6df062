"""Rows of the expert pool, venue bookings, unavailability and stored files (听证员库等的存取)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.errors import Conflict
from hearing_core.hearings.pool_tables import (
    ExpertPoolEntry,
    HearingFile,
    OfficerUnavailability,
    VenueBooking,
)
from hearing_core.hearings.stored import local

__all__ = [
    "add_booking", "add_entry", "add_unavailability", "entry", "entry_for_user", "file_rows", "insert_file",
    "list_bookings", "list_entries", "list_unavailability", "update_entry",
]


def _entry(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {k: row[k] for k in ("id", "name", "affiliation", "organisation", "user_id", "username", "phone", "note",
                                "active", "version")}


async def entry(entry_id: int) -> dict[str, Any] | None:
    return _entry(await ExpertPoolEntry.select().where(ExpertPoolEntry.id == entry_id).first().run())


async def entry_for_user(user_id: int) -> dict[str, Any] | None:
    """The active pool entry linked to a user account, if any."""
    return _entry(await ExpertPoolEntry.select().where(
        (ExpertPoolEntry.user_id == user_id) & (ExpertPoolEntry.active == True)  # noqa: E712
    ).first().run())


async def list_entries(
    *, affiliation: str | None = None, active: bool | None = None, page: int = 1, per_page: int = 50
) -> tuple[list[dict[str, Any]], int]:
    query = ExpertPoolEntry.select().order_by(ExpertPoolEntry.id)
    count = ExpertPoolEntry.count()
    if affiliation:
        query, count = query.where(ExpertPoolEntry.affiliation == affiliation), count.where(
            ExpertPoolEntry.affiliation == affiliation)
    if active is not None:
        query, count = query.where(ExpertPoolEntry.active == active), count.where(ExpertPoolEntry.active == active)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    return [e for r in rows if (e := _entry(r))], int(await count.run())


async def add_entry(values: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    row = ExpertPoolEntry(**values, created_at=now, updated_at=now, version=1)
    await row.save().run()
    found = await entry(row.id)
    assert found is not None
    return found


async def update_entry(entry_id: int, version: int, values: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    changes: dict[Any, Any] = {**values, "updated_at": now, "version": version + 1}
    updated = await ExpertPoolEntry.update(changes).where(
        (ExpertPoolEntry.id == entry_id) & (ExpertPoolEntry.version == version)).returning(ExpertPoolEntry.id).run()
    if not updated:
        raise Conflict(f"pool entry {entry_id} was changed by someone else; reload and try again")
    found = await entry(entry_id)
    assert found is not None
    return found


def _span(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "start": local(row.pop("starts_at")), "end": local(row.pop("ends_at"))}


async def add_booking(venue: str, start: dt.datetime, end: dt.datetime, reference: str, by: str,
                      now: dt.datetime) -> dict[str, Any]:
    row = VenueBooking(venue=venue, starts_at=start, ends_at=end, reference=reference, created_by=by, created_at=now)
    await row.save().run()
    found = await VenueBooking.select().where(VenueBooking.id == row.id).first().run()
    assert found is not None
    return _span(dict(found))


async def list_bookings(start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    rows = await VenueBooking.select().where((VenueBooking.starts_at < end) & (VenueBooking.ends_at > start)).order_by(
        VenueBooking.starts_at).run()
    return [_span(dict(r)) for r in rows]


async def add_unavailability(person_id: int, start: dt.datetime, end: dt.datetime, reason: str, by: str,
                             now: dt.datetime) -> dict[str, Any]:
    row = OfficerUnavailability(person_id=person_id, starts_at=start, ends_at=end, reason=reason, created_by=by,
                                created_at=now)
    await row.save().run()
    found = await OfficerUnavailability.select().where(OfficerUnavailability.id == row.id).first().run()
    assert found is not None
    return _span(dict(found))


async def list_unavailability(start: dt.datetime, end: dt.datetime, person_id: int | None = None) -> list[dict[str, Any]]:
    query = OfficerUnavailability.select().where(
        (OfficerUnavailability.starts_at < end) & (OfficerUnavailability.ends_at > start))
    if person_id is not None:
        query = query.where(OfficerUnavailability.person_id == person_id)
    return [_span(dict(r)) for r in await query.order_by(OfficerUnavailability.starts_at).run()]


async def file_rows(digests: list[str]) -> dict[str, dict[str, Any]]:
    if not digests:
        return {}
    rows = await HearingFile.select().where(HearingFile.sha256.is_in(digests)).run()
    return {r["sha256"]: dict(r) for r in rows}


async def insert_file(sha256: str, size: int, media_type: str, filename: str, by: str, now: dt.datetime) -> bool:
    """Record a stored file once; False if it was already known."""
    if await HearingFile.exists().where(HearingFile.sha256 == sha256).run():
        return False
    await HearingFile.insert(HearingFile(sha256=sha256, size=size, media_type=media_type, filename=filename,
                                         stored_by=by, stored_at=now)).run()
    return True
