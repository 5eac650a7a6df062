"""The hearing calendar as stored (听证日程): other hearings, resumptions, venue bookings and
officers' declared unavailability.

:func:`availability` answers the domain's scheduling commands (what a proposed slot may clash
with); :func:`entries` feeds the calendar views per venue and per officer. Both read the rows
of :mod:`.tables` and :mod:`.pool_tables` directly: this is the calendar's repository.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_core.hearings.domain import Availability, Booking, CaseState, Unavailability
from hearing_core.hearings.pool_tables import OfficerUnavailability, VenueBooking
from hearing_core.hearings.stored import local
from hearing_core.hearings.tables import (
    HearingCaseRow,
    HearingInterruption,
    HearingPanelMember,
    HearingParticipant,
)

__all__ = ["availability", "entries"]

#: States in which a case holds its slot in the calendar.
HOLDING = [str(s) for s in (CaseState.SCHEDULED, CaseState.IN_SESSION, CaseState.SUSPENDED)]


async def _hearings(start: dt.datetime, end: dt.datetime, exclude: int | None) -> list[dict[str, Any]]:
    """Hearing slots (sittings and set resumptions) overlapping ``[start, end)``."""
    found: list[dict[str, Any]] = []
    rows = await HearingCaseRow.select(
        HearingCaseRow.id, HearingCaseRow.matter_ref, HearingCaseRow.state, HearingCaseRow.schedule_start,
        HearingCaseRow.schedule_end, HearingCaseRow.venue,
    ).where(
        HearingCaseRow.state.is_in(HOLDING) & (HearingCaseRow.schedule_start < end)
        & (HearingCaseRow.schedule_end > start)
    ).run()
    for r in rows:
        if r["state"] != str(CaseState.SUSPENDED):  # a suspended sitting resumes at its own time
            found.append({"kind": "hearing", "hearing_id": r["id"], "matter_ref": r["matter_ref"],
                          "start": local(r["schedule_start"]), "end": local(r["schedule_end"]), "venue": r["venue"]})
    resumptions = await HearingInterruption.select(
        HearingInterruption.hearing, HearingInterruption.resumption_start, HearingInterruption.resumption_end,
        HearingInterruption.resumption_venue, HearingInterruption.hearing.matter_ref, HearingInterruption.hearing.state,
    ).where(
        HearingInterruption.resumed_at.is_null() & (HearingInterruption.resumption_start < end)
        & (HearingInterruption.resumption_end > start)
    ).run()
    for r in resumptions:
        if r["hearing.state"] == str(CaseState.SUSPENDED):
            found.append({"kind": "resumption", "hearing_id": r["hearing"], "matter_ref": r["hearing.matter_ref"],
                          "start": local(r["resumption_start"]), "end": local(r["resumption_end"]),
                          "venue": r["resumption_venue"]})
    found = [f for f in found if f["hearing_id"] != exclude]
    ids = sorted({f["hearing_id"] for f in found})
    people: dict[int, set[int]] = {i: set() for i in ids}
    officers: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        for m in await HearingPanelMember.select().where(
            HearingPanelMember.hearing.is_in(ids) & (HearingPanelMember.recused == False)  # noqa: E712
        ).order_by(HearingPanelMember.seat).run():
            people[m["hearing"]].add(m["person_id"])
            officers[m["hearing"]].append({"person_id": m["person_id"], "name": m["name"], "role": m["role"]})
        for p in await HearingParticipant.select(HearingParticipant.hearing, HearingParticipant.person_id).where(
            HearingParticipant.hearing.is_in(ids) & HearingParticipant.person_id.is_not_null()
        ).run():
            people[p["hearing"]].add(p["person_id"])
    for f in found:
        f["person_ids"] = sorted(people[f["hearing_id"]])
        f["panel"] = officers[f["hearing_id"]]
    return found


async def _bookings(start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    rows = await VenueBooking.select().where((VenueBooking.starts_at < end) & (VenueBooking.ends_at > start)).run()
    return [{"kind": "booking", "id": r["id"], "start": local(r["starts_at"]), "end": local(r["ends_at"]),
             "venue": r["venue"], "reference": r["reference"], "person_ids": []} for r in rows]


async def _unavailable(start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    rows = await OfficerUnavailability.select().where(
        (OfficerUnavailability.starts_at < end) & (OfficerUnavailability.ends_at > start)).run()
    return [{"kind": "unavailable", "id": r["id"], "start": local(r["starts_at"]), "end": local(r["ends_at"]),
             "person_id": r["person_id"], "reason": r["reason"]} for r in rows]


async def availability(start: dt.datetime, end: dt.datetime, *, exclude: int | None = None) -> Availability:
    """What a slot ``[start, end)`` of case ``exclude`` may clash with."""
    bookings = [
        Booking(h["start"], h["end"], frozenset(h["person_ids"]), h["venue"], f"听证#{h['hearing_id']}")
        for h in await _hearings(start, end, exclude)
    ]
    bookings += [Booking(b["start"], b["end"], frozenset(), b["venue"], b["reference"] or f"booking #{b['id']}")
                 for b in await _bookings(start, end)]
    absent = [Unavailability(u["person_id"], u["start"], u["end"], u["reason"]) for u in await _unavailable(start, end)]
    return Availability(tuple(bookings), tuple(absent))


async def entries(
    start: dt.datetime, end: dt.datetime, *, venue: str | None = None, person_id: int | None = None
) -> list[dict[str, Any]]:
    """Everything in the calendar between ``start`` and ``end``, oldest first, optionally for one
    venue (hearings and bookings there) or one officer (their hearings and unavailability)."""
    items = [*await _hearings(start, end, None), *await _bookings(start, end), *await _unavailable(start, end)]
    if venue is not None:
        wanted = venue.strip().casefold()
        items = [i for i in items if (i.get("venue") or "").strip().casefold() == wanted]
    if person_id is not None:
        items = [i for i in items if person_id in i.get("person_ids", ()) or i.get("person_id") == person_id]
    return sorted(items, key=lambda i: (i["start"], i["kind"]))
