"""Running the session (听证会): opening, attendance, phases, the clerk's record, interruptions.

The presiding officer of the hearing runs it (open, advance, skip, suspend, set the
resumption, resume, terminate, postpone at the session); the clerk checks attendance and keeps
the record. Both need ``hearings.conduct`` and their seat on this panel (administrators
excepted). A postponement before the session is the organ's (``hearings.manage``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings import calendar
from hearing_core.hearings.domain import (
    CaseState,
    DomainEvent,
    PostponeReason,
    Slot,
    SuspendReason,
    TerminationReason,
)
from hearing_core.hearings.service.common import CONDUCT, MANAGE, READ, act, calc, moment, require_seat, rules
from hearing_core.hearings.service.matters import vocab
from hearing_core.hearings.stored import StoredHearing

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "advance", "open_session", "postpone", "record_attendance", "record_entry", "resume", "set_resumption",
    "skip", "suspend", "terminate",
]

PRESIDING = ("presiding_officer",)
CLERK = ("clerk",)


async def open_session(
    ctx: ServiceContext, case_id: int, *, at: dt.datetime | None = None, version: int | None = None
) -> StoredHearing:
    """Open the session on the notified day (panel ready, notices served in time, announced)."""
    return await act(ctx, case_id, "open_session", lambda s: s.case.open_session(
        moment(ctx, at), rules=rules(ctx), calc=calc(ctx)), permission=CONDUCT, seat=PRESIDING,
        what="open the session", version=version)


async def record_attendance(
    ctx: ServiceContext, case_id: int, *, participant_no: int, present: bool = True, version: int | None = None
) -> StoredHearing:
    """The clerk records who is present, arrives or leaves (核对到场人员)."""
    return await act(ctx, case_id, "record_attendance", lambda s: s.case.record_attendance(participant_no, present),
                     permission=CONDUCT, seat=(*CLERK, *PRESIDING), what="record attendance", version=version)


async def advance(
    ctx: ServiceContext, case_id: int, *, at: dt.datetime | None = None, version: int | None = None
) -> StoredHearing:
    """Enter the next phase; out of ``resumption`` this closes the session."""
    return await act(ctx, case_id, "advance", lambda s: s.case.advance(moment(ctx, at), rules=rules(ctx)),
                     permission=CONDUCT, seat=PRESIDING, what="move the session on", version=version)


async def skip(
    ctx: ServiceContext, case_id: int, *, reason: str, at: dt.datetime | None = None, version: int | None = None
) -> StoredHearing:
    """Close a skippable phase unheld, with the reason on record."""
    return await act(ctx, case_id, "skip", lambda s: s.case.skip(reason, moment(ctx, at)), permission=CONDUCT,
                     seat=PRESIDING, what="skip a phase", version=version)


def _speaker(stored: StoredHearing, speaker: str, role: str | None) -> tuple[str, str]:
    """``participant:<no>`` / ``panel:<seat>`` keys, or a name with its role."""
    kind, _, number = speaker.partition(":")
    if kind in ("participant", "panel") and number.isdigit():
        case = stored.case
        if kind == "participant":
            p = next((p for p in case.participants if p.no == int(number)), None)
            found = (p.name, str(p.role)) if p else None
        else:
            m = case.panel.holder(int(number))
            found = (m.name, str(m.role)) if m else None
        if found is None:
            raise ValidationFailed("no such speaker", [FieldError("speaker", speaker)])
        return found
    if not role:
        raise ValidationFailed("say in which role the speaker speaks", [FieldError("speaker_role", "required")])
    return speaker, role


async def record_entry(
    ctx: ServiceContext,
    case_id: int,
    *,
    speaker: str,
    text: str,
    speaker_role: str | None = None,
    at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """The clerk of this hearing records a statement in the open phase (笔录)."""

    def command(stored: StoredHearing) -> list[DomainEvent]:
        name, role = _speaker(stored, speaker, speaker_role)
        return stored.case.record_entry(speaker_name=name, speaker_role=role, text=text, at=moment(ctx, at))

    return await act(ctx, case_id, "record_entry", command, permission=CONDUCT, seat=CLERK,
                     what="keep the record", version=version)


async def postpone(
    ctx: ServiceContext, case_id: int, *, reason: str, detail: str, at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """延期: before the session (the organ) or at it (the presiding officer)."""
    why = vocab(PostponeReason, reason, "reason")

    def command(stored: StoredHearing) -> list[DomainEvent]:
        if stored.state is CaseState.IN_SESSION:
            ctx.require(CONDUCT)
            require_seat(ctx, stored, *PRESIDING, what="postpone the session")
        else:
            ctx.require(MANAGE)
        return stored.case.postpone(why, detail, moment(ctx, at))

    return await act(ctx, case_id, "postpone", command, permission=READ, version=version)


async def suspend(
    ctx: ServiceContext, case_id: int, *, reason: str, detail: str, at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """中止: the sitting stops in its phase until a resumption time is set, notified and reached."""
    why = vocab(SuspendReason, reason, "reason")
    return await act(ctx, case_id, "suspend", lambda s: s.case.suspend(why, detail, moment(ctx, at)),
                     permission=CONDUCT, seat=PRESIDING, what="suspend the session", version=version)


async def set_resumption(
    ctx: ServiceContext,
    case_id: int,
    *,
    start: dt.datetime,
    end: dt.datetime,
    venue: str | None = None,
    video_link: str | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Fix when a suspended session resumes (checked against the calendar); then serve
    ``resumption_notice`` on every party."""
    slot = Slot(moment(ctx, start), moment(ctx, end), (venue or "").strip() or None, (video_link or "").strip() or None)

    async def command(stored: StoredHearing) -> list[DomainEvent]:
        free = await calendar.availability(slot.start, slot.end, exclude=stored.id)
        return stored.case.set_resumption(slot, availability=free)

    return await act(ctx, case_id, "set_resumption", command, permission=CONDUCT, seat=PRESIDING,
                     what="set the resumption", version=version)


async def resume(
    ctx: ServiceContext, case_id: int, *, at: dt.datetime | None = None, version: int | None = None
) -> StoredHearing:
    """Resume on the notified day, once every party was served the resumption notice."""
    return await act(ctx, case_id, "resume", lambda s: s.case.resume(moment(ctx, at)), permission=CONDUCT,
                     seat=PRESIDING, what="resume the session", version=version)


async def terminate(
    ctx: ServiceContext, case_id: int, *, reason: str, at: dt.datetime | None = None, version: int | None = None
) -> StoredHearing:
    """终止: the petitioner did not come, or walked out, without reason (deemed a waiver)."""
    why = vocab(TerminationReason, reason, "reason")
    return await act(ctx, case_id, "terminate", lambda s: s.case.terminate(why, moment(ctx, at)),
                     permission=CONDUCT, seat=PRESIDING, what="terminate the hearing", version=version)
