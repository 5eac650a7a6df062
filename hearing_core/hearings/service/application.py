"""Opening a hearing case and deciding whether to hold it (听证申请、启动、征询、决定、撤回).

Every function needs ``hearings.manage`` (the handling officer acts for the organ).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hearing_core.errors import InvalidTransition
from hearing_core.hearings import repository as repo
from hearing_core.hearings.domain import (
    CASE_MACHINE,
    CaseState,
    ConsentReply,
    HearingCase,
    ParticipantRole,
    Stage,
)
from hearing_core.hearings.service.common import MANAGE, act, calc, finish, rules, today
from hearing_core.hearings.service.matters import resolve_matter, vocab
from hearing_core.hearings.stored import Contact, StoredHearing

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["apply", "consent", "decide", "initiate", "record_silence", "withdraw"]


async def apply(
    ctx: ServiceContext,
    *,
    matter_ref: str,
    stage: str,
    applicant_name: str,
    grounds: str,
    applied_on: dt.date | None = None,
    told_of_right_on: dt.date | None = None,
    applicant_role: str = "petitioner",
    new_facts: str = "",
    phone: str | None = None,
    id_number: str | None = None,
) -> StoredHearing:
    """Register a petitioner's (or representative's) application for a hearing (听证申请).

    A late application is registered and, where the profile says so, closed as waived; an
    application on a matter whose earlier one was withdrawn needs ``new_facts`` where the
    profile bars re-application.
    """
    ctx.require(MANAGE)
    role = vocab(ParticipantRole, applicant_role, "applicant_role")
    ref, matter_id = await resolve_matter(ctx, matter_ref)
    async with ctx.write():
        case, events = HearingCase.apply(
            matter_id=matter_id, stage=vocab(Stage, stage, "stage"), applicant_name=applicant_name,
            applied_on=today(ctx, applied_on), grounds=grounds, told_of_right_on=told_of_right_on,
            rules=rules(ctx), calc=calc(ctx), applicant_role=role,
            prior_cases=await repo.matter_cases(matter_id), new_facts=new_facts,
        )
        stored = StoredHearing(case, ref, contacts={1: Contact(phone, id_number)} if phone or id_number else {})
        await finish(ctx, stored, "apply", events, None)
    return stored


async def initiate(
    ctx: ServiceContext,
    *,
    matter_ref: str,
    stage: str,
    petitioner_name: str,
    grounds: str,
    initiated_on: dt.date | None = None,
    phone: str | None = None,
    id_number: str | None = None,
) -> StoredHearing:
    """The organ proposes a hearing of its own motion (依职权启动); under the profile's
    ``hearing.organ_initiated_needs_consent`` it waits for the petitioner's consent."""
    ctx.require(MANAGE)
    ref, matter_id = await resolve_matter(ctx, matter_ref)
    async with ctx.write():
        case, events = HearingCase.initiate(
            matter_id=matter_id, stage=vocab(Stage, stage, "stage"), petitioner_name=petitioner_name,
            initiated_on=today(ctx, initiated_on), grounds=grounds, rules=rules(ctx),
        )
        stored = StoredHearing(case, ref, contacts={1: Contact(phone, id_number)} if phone or id_number else {})
        await finish(ctx, stored, "initiate", events, None)
    return stored


async def consent(
    ctx: ServiceContext, case_id: int, *, reply: str, on: dt.date | None = None, version: int | None = None
) -> StoredHearing:
    """Record the petitioner's answer (``given`` / ``refused``) to an organ-initiated hearing."""
    answer = vocab(ConsentReply, reply, "reply")
    return await act(ctx, case_id, "consent", lambda s: s.case.answer_consent(answer, today(ctx, on), calc(ctx)),
                     permission=MANAGE, version=version)


async def decide(
    ctx: ServiceContext,
    case_id: int,
    *,
    accept: bool,
    decided_by: str = "",
    reasons: str = "",
    on: dt.date | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Decide whether to hold the hearing; a refusal is written and reasoned (是否听证的决定)."""
    by = decided_by.strip() or ctx.actor.label()

    def command(stored: StoredHearing) -> list:  # type: ignore[type-arg]
        day = today(ctx, on)
        if accept:
            return stored.case.accept(day, by, calc(ctx), rules(ctx))
        return stored.case.refuse(day, by, reasons, calc(ctx), rules(ctx))

    return await act(ctx, case_id, "accept" if accept else "refuse", command, permission=MANAGE, version=version)


async def record_silence(ctx: ServiceContext, case_id: int, *, version: int | None = None) -> StoredHearing:
    """Put on file what silence meant (逾期的法律后果): an undecided application deemed accepted, or
    an unanswered consent request deemed refused (or consented, as the profile says)."""

    def command(stored: StoredHearing) -> list:  # type: ignore[type-arg]
        case = stored.case
        if case.state is CaseState.AWAITING_CONSENT:
            return case.record_consent_lapse(ctx.today(), calc(ctx), rules(ctx))
        if case.state is CaseState.APPLIED:
            return case.record_deemed_acceptance(ctx.today(), calc(ctx), rules(ctx))
        raise InvalidTransition(CASE_MACHINE.name, str(case.state), "record_silence", case.allowed_actions())

    return await act(ctx, case_id, "record_silence", command, permission=MANAGE, version=version)


async def withdraw(
    ctx: ServiceContext, case_id: int, *, reason: str = "", on: dt.date | None = None, version: int | None = None
) -> StoredHearing:
    """The petitioner withdraws before the hearing (撤回)."""
    return await act(ctx, case_id, "withdraw", lambda s: s.case.withdraw(today(ctx, on), reason),
                     permission=MANAGE, version=version)
