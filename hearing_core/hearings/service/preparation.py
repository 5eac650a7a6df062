"""Preparing the hearing (听证准备): date and place, announcement, service of documents,
participants, the panel and recusal.

Scheduling checks the calendar as stored: other hearings (their panels and parties), set
resumptions, venue bookings and officers' declared unavailability; every clash is listed in
one 409. Managing (``hearings.manage``) is the handling officer's; at the session the presiding
officer admits participants and decides recusals against the clerk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings import calendar
from hearing_core.hearings.domain import (
    CaseState,
    ClosedReason,
    DeciderCapacity,
    DocumentKind,
    DomainEvent,
    PanelRole,
    ParticipantRole,
    ServiceMethod,
    Slot,
    notice_targets,
)
from hearing_core.hearings.service import people
from hearing_core.hearings.service.common import CONDUCT, MANAGE, act, calc, moment, rules, today
from hearing_core.hearings.service.matters import vocab
from hearing_core.hearings.stored import Contact, StoredHearing

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "add_participant", "announce", "assign_member", "decide_recusal", "replace_member", "request_recusal",
    "schedule", "serve",
]

PRESIDING = "presiding_officer"
CLERK = "clerk"


def _manage_or_seat(ctx: ServiceContext, *seat: str) -> dict[str, Any]:
    """Managers act on any case they see; otherwise the named seat holder, with ``hearings.conduct``."""
    return {"permission": MANAGE} if ctx.actor.has(MANAGE) else {"permission": CONDUCT, "seat": seat}


async def schedule(
    ctx: ServiceContext,
    case_id: int,
    *,
    start: dt.datetime,
    end: dt.datetime,
    venue: str | None = None,
    video_link: str | None = None,
    public: bool = True,
    closed_reason: str | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Fix (or refix) date, time and place; checks openness, hold-within, notice and the calendar."""
    reason = vocab(ClosedReason, closed_reason, "closed_reason") if closed_reason else None
    slot = Slot(moment(ctx, start), moment(ctx, end), (venue or "").strip() or None, (video_link or "").strip() or None)

    async def command(stored: StoredHearing) -> list[DomainEvent]:
        free = await calendar.availability(slot.start, slot.end, exclude=stored.id)
        return stored.case.schedule_hearing(slot, today=ctx.today(), rules=rules(ctx), calc=calc(ctx),
                                            public=public, closed_reason=reason, availability=free)

    return await act(ctx, case_id, "schedule", command, permission=MANAGE, version=version)


async def announce(
    ctx: ServiceContext, case_id: int, *, channel: str, reference: str = "", published_on: dt.date | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Record the public announcement of a public hearing (听证公告)."""
    return await act(ctx, case_id, "announce", lambda s: s.case.announce(
        published_on=today(ctx, published_on), channel=channel, reference=reference), permission=MANAGE,
        version=version)


async def serve(
    ctx: ServiceContext,
    case_id: int,
    *,
    document: str,
    method: str,
    proof_ref: str,
    recipients: Sequence[int] = (),
    all_targets: bool = False,
    served_on: dt.date | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Log a document served (送达) on ``recipients`` (participant numbers), or on every party
    (``all_targets``: each petitioner, representative and third party, and the handling unit)."""
    kind, how = vocab(DocumentKind, document, "document"), vocab(ServiceMethod, method, "method")

    def command(stored: StoredHearing) -> list[DomainEvent]:
        nos = list(recipients)
        if all_targets:
            nos += [t.recipient_nos[0] for t in notice_targets(stored.case.participants)]
        if not nos:
            raise ValidationFailed("serve on someone", [FieldError("recipients", "give participant numbers or all")])
        events: list[DomainEvent] = []
        for no in dict.fromkeys(nos):
            proof = proof_ref if len(nos) == 1 else f"{proof_ref}-{no}"
            events += stored.case.serve(kind, recipient_no=no, method=how, served_on=today(ctx, served_on),
                                        proof_ref=proof)
        return events

    return await act(ctx, case_id, "serve", command, permission=MANAGE, version=version)


async def add_participant(
    ctx: ServiceContext,
    case_id: int,
    *,
    name: str,
    role: str,
    principal_no: int | None = None,
    power_of_attorney: str | None = None,
    unit: str | None = None,
    username: str | None = None,
    phone: str | None = None,
    id_number: str | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Admit a participant (petitioner's agent with power of attorney, representative,
    handling-unit officer, third party, witness, observer). ``username`` links a person who has
    an account (e.g. a handling-unit officer), so the calendar sees their other hearings."""
    kind = vocab(ParticipantRole, role, "role")

    async def command(stored: StoredHearing) -> list[DomainEvent]:
        person_id = (await people.user(ctx, username)).user_id if username else None
        events = stored.case.add_participant(name=name, role=kind, rules=rules(ctx), person_id=person_id,
                                             principal_no=principal_no, power_of_attorney=power_of_attorney,
                                             unit=unit)
        if phone or id_number:
            stored.contacts[stored.case.participants[-1].no] = Contact(phone, id_number)
        return events

    return await act(ctx, case_id, "add_participant", command, version=version, **_manage_or_seat(ctx, PRESIDING))


async def assign_member(
    ctx: ServiceContext,
    case_id: int,
    *,
    role: str,
    username: str | None = None,
    pool_entry_id: int | None = None,
    investigators: Sequence[str] = (),
    version: int | None = None,
) -> StoredHearing:
    """Seat the presiding officer, a hearing officer (from the expert pool) or the clerk."""
    seat_role = vocab(PanelRole, role, "role")

    async def command(stored: StoredHearing) -> list[DomainEvent]:
        nominee = await people.nominee(ctx, seat_role, username=username, pool_entry_id=pool_entry_id)
        free = await _free(stored)
        return stored.case.assign_member(seat_role, nominee, availability=free,
                                         investigators=await people.investigators(ctx, stored, investigators))

    return await act(ctx, case_id, "assign_member", command, permission=MANAGE, version=version)


async def replace_member(
    ctx: ServiceContext,
    case_id: int,
    *,
    seat: int,
    username: str | None = None,
    pool_entry_id: int | None = None,
    investigators: Sequence[str] = (),
    version: int | None = None,
) -> StoredHearing:
    """Fill a seat vacated by a granted recusal with someone in the same role."""

    async def command(stored: StoredHearing) -> list[DomainEvent]:
        old = [m for m in stored.case.panel.members if m.seat == seat]
        role = old[-1].role if old else PanelRole.HEARING_OFFICER
        nominee = await people.nominee(ctx, role, username=username, pool_entry_id=pool_entry_id)
        return stored.case.replace_member(seat, nominee, availability=await _free(stored),
                                          investigators=await people.investigators(ctx, stored, investigators))

    return await act(ctx, case_id, "replace_member", command, permission=MANAGE, version=version)


async def _free(stored: StoredHearing) -> Any:
    schedule = stored.case.schedule
    if schedule is None or stored.state not in (CaseState.SCHEDULED, CaseState.POSTPONED):
        return calendar.Availability()
    return await calendar.availability(schedule.slot.start, schedule.slot.end, exclude=stored.id)


async def request_recusal(
    ctx: ServiceContext, case_id: int, *, seat: int, requested_by: str, grounds: str,
    at: dt.datetime | None = None, version: int | None = None,
) -> StoredHearing:
    """Record a request that a panel member step aside (回避申请), before or at the session."""
    return await act(ctx, case_id, "request_recusal", lambda s: s.case.request_recusal(
        seat=seat, requested_by=requested_by, grounds=grounds, at=moment(ctx, at)), version=version,
        **_manage_or_seat(ctx, PRESIDING, CLERK))


async def decide_recusal(
    ctx: ServiceContext,
    case_id: int,
    *,
    request_no: int,
    granted: bool,
    capacity: str,
    reason: str = "",
    decided_by: str = "",
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Grant or refuse a recusal request: the organ head (``hearings.manage``) decides on the
    presiding officer and hearing officers, the presiding officer (in person) on the clerk."""
    as_ = vocab(DeciderCapacity, capacity, "capacity")
    access: dict[str, Any] = (
        {"permission": MANAGE} if as_ is DeciderCapacity.ORGAN_HEAD else {"permission": CONDUCT, "seat": (PRESIDING,)}
    )
    by = decided_by.strip() or ctx.actor.label()
    return await act(ctx, case_id, "decide_recusal", lambda s: s.case.decide_recusal(
        request_no, granted=granted, decided_by=by, capacity=as_, at=moment(ctx, at), reason=reason,
        decider_person_id=ctx.actor.user_id), version=version, **access)
