"""Mediation cases (调解案件): application, consent, mediators, sessions, duration, outcome.

Each action loads the case, lets the domain object (the ``CASE`` machine and its
guards) perform it, writes what changed with the version it read, records an audit
entry (subject: the register matter or item) and fires ``case_transitioned`` — in one
transaction. The normal duration is the profile's ``mediation.duration`` clock (one
month from the start), shown with every case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_mediation import case_repository as crepo
from hearing_mediation import repository as repo
from hearing_mediation.case_queries import duration
from hearing_mediation.centres import committee_of
from hearing_mediation.common import (
    CASES,
    READ,
    check_version,
    ensure_in_scope,
    on_or_today,
    parse_code,
    plain,
    shown_people,
)
from hearing_mediation.domain import (
    CASE,
    AdviceRoute,
    ApplicationKind,
    CaseMediator,
    Consent,
    Helper,
    MediationCase,
    MediatorChoice,
    Party,
    PartyRole,
    ReceptionBatch,
    Session,
)
from hearing_mediation.tables import MediationCase as CaseRow
from hearing_mediation.tables import MediationCentre, MediatorRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "accept", "assign_mediators", "extend", "fail", "flag_escalation", "get_case", "invite_helper",
    "open_case", "record_response", "record_session", "refuse", "withdraw",
]


def _audit(c: MediationCase) -> dict[str, Any]:
    """The audit view of a case: names, not ID numbers or phones."""
    data = plain(crepo.case_values(c))
    data["parties"] = [f"{p.name}（{p.role.label}，{p.consent.label}）" for p in c.parties]
    data["mediators"] = [m.name for m in c.mediators]
    data["helpers"] = [h.name for h in c.helpers]
    return data


def _subject(c: MediationCase) -> str:
    return c.matter_ref or c.item_ref or c.ref or ""


async def _load(ctx: ServiceContext, case_id: int) -> MediationCase:
    case = await crepo.load_case(case_id)
    await ensure_in_scope(ctx, case.centre_id if case else None, "mediation case", case_id)
    assert case is not None
    return case


async def _create(ctx: ServiceContext, case: MediationCase) -> int:
    """Store a validated case (inside the caller's transaction)."""
    centre = await repo.fetch(MediationCentre, case.centre_id)
    await ensure_in_scope(ctx, centre["id"] if centre else None, "centre", case.centre_id)
    assert centre is not None
    await repo.lock_centre(ctx.app.db.is_sqlite, case.centre_id)
    n = await repo.next_number(CaseRow, case.centre_id, CaseRow.applied_on, case.applied_on.year)
    case.ref, case.created_by = f"{centre['code']}-TJ-{case.applied_on.year}-{n:03d}", ctx.actor.username
    now = ctx.now()
    inserted = await CaseRow.insert(CaseRow(
        **crepo.case_values(case), ref=case.ref, created_by=case.created_by, created_at=now, updated_at=now, version=1,
    )).returning(CaseRow.id).run()
    case.id = inserted[0]["id"]
    await crepo.insert_children(case.id, case, recorded_by=ctx.actor.username, now=now)
    await ctx.audit("mediation.case.apply", "mediation_case", case.id, after=_audit(case), subject_ref=_subject(case))
    return case.id


async def open_case(ctx: ServiceContext, case: MediationCase) -> dict[str, Any]:
    """Register an application for mediation (调解申请登记), or the committee's own initiative."""
    ctx.require(CASES)
    case.validate(today=ctx.today())
    async with ctx.write():
        case_id = await _create(ctx, case)
    return await get_case(ctx, case_id)


async def open_from_reception(
    ctx: ServiceContext, batch: ReceptionBatch, application: ApplicationKind, respondents: list[Party], on: dt.date
) -> int:
    """The case a desk disposition ``mediate`` opens: the visitors apply, ``respondents`` answer."""
    role = PartyRole.APPLICANT if application is ApplicationKind.JOINT else PartyRole.RESPONDENT
    parties = [Party(p.name, PartyRole.APPLICANT, p.id_number, p.phone, p.address) for p in batch.petitioners]
    parties += [replace(p, role=role) for p in respondents]
    case = MediationCase(
        centre_id=batch.centre_id, applied_on=on, application=application, parties=parties, dispute=batch.matter,
        category=batch.category, reception_id=batch.id, item_ref=batch.item_ref, matter_ref=batch.matter_ref,
    )
    case.validate(today=ctx.today())
    return await _create(ctx, case)


async def _act(
    ctx: ServiceContext, case_id: int, action: str, perform: Callable[[MediationCase], Any], *, version: int | None,
    mediators_changed: bool = False,
) -> dict[str, Any]:
    ctx.require(CASES)
    async with ctx.write():
        case = await _load(ctx, case_id)
        check_version("mediation case", case_id, case.version, version)
        source, before = case.state, _audit(case)
        perform(case)
        values = crepo.case_values(case)
        await repo.update_row(CaseRow, case_id, case.version, {k: values[k] for k in crepo.CASE_COLUMNS}, ctx.now())
        await crepo.save_parties(case_id, case.parties)
        if mediators_changed:
            await crepo.replace_mediators(case_id, case.mediators)
        await crepo.insert_children(case_id, case, recorded_by=ctx.actor.username, now=ctx.now())
        after = _audit(case)
        changed = [k for k in after if after[k] != before.get(k)]
        await ctx.audit(f"mediation.case.{action}", "mediation_case", case_id, before={k: before.get(k) for k in changed},
                        after={k: after[k] for k in changed}, subject_ref=_subject(case))
        if case.state != source:
            await ctx.transitioned(CASE.name, case, source, case.state, action)
    return await get_case(ctx, case_id)


async def record_response(ctx: ServiceContext, case_id: int, party: str, consent: str | Consent, *,
                          on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """A party agrees to mediation or clearly declines it (Art. 17)."""
    answer = parse_code(Consent, "consent", consent)
    day = on_or_today(ctx, on)
    return await _act(ctx, case_id, "record_response", lambda c: c.record_response(party, answer, day), version=version)


async def assign_mediators(ctx: ServiceContext, case_id: int, mediator_ids: list[int], *,
                           chosen_by: str | MediatorChoice = MediatorChoice.DESIGNATED, lead: int | None = None,
                           version: int | None = None) -> dict[str, Any]:
    """Mediators chosen by the parties or designated by the committee, from the centre's active roster."""
    choice = parse_code(MediatorChoice, "chosen_by", chosen_by)
    case = await _load(ctx, case_id)
    rows = await MediatorRow.select().where(MediatorRow.id.is_in(list(mediator_ids) or [-1])).run()
    found = {r["id"]: r for r in rows if r["centre"] == case.centre_id and r["active"]}
    missing = [i for i in mediator_ids if i not in found]
    if missing:
        raise ValidationFailed("unknown mediators", [FieldError("mediators", f"no active mediator of this centre with id {i}") for i in missing])
    chosen = [CaseMediator(i, found[i]["name"], choice, lead=(i == lead)) for i in mediator_ids]
    return await _act(ctx, case_id, "assign_mediators", lambda c: c.assign_mediators(chosen), version=version,
                      mediators_changed=True)


async def invite_helper(ctx: ServiceContext, case_id: int, name: str, relation: str, *, parties_consent: bool,
                        note: str = "", on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    helper = Helper(name.strip(), relation.strip(), on_or_today(ctx, on), parties_consent, note.strip())
    return await _act(ctx, case_id, "invite_helper", lambda c: c.invite_helper(helper), version=version)


async def flag_escalation(ctx: ServiceContext, case_id: int, note: str, *, reported_to_police: bool = False,
                          version: int | None = None) -> dict[str, Any]:
    """Risk of intensification (激化风险): preventive measures, police if needed (Art. 25)."""
    return await _act(ctx, case_id, "flag_escalation",
                      lambda c: c.flag_escalation(note, reported_to_police=reported_to_police), version=version)


async def accept(ctx: ServiceContext, case_id: int, *, on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """Start mediating: every party agrees, a mediator is assigned, the committee is complete."""
    day = on_or_today(ctx, on)
    case = await _load(ctx, case_id)
    committee = committee_of(ctx.app, await repo.centre_mediators(case.centre_id))
    return await _act(ctx, case_id, "accept", lambda c: c.accept(day, committee), version=version)


async def refuse(ctx: ServiceContext, case_id: int, reason: str, *, on: dt.date | None = None,
                 version: int | None = None) -> dict[str, Any]:
    day = on_or_today(ctx, on)
    return await _act(ctx, case_id, "refuse", lambda c: c.refuse(day, reason), version=version)


async def record_session(ctx: ServiceContext, case_id: int, session: Session, *, version: int | None = None) -> dict[str, Any]:
    """Record a session (调解会议) with attendance and notes."""
    on_or_today(ctx, session.held_on, "held_on")
    session.recorded_by = ctx.actor.username
    return await _act(ctx, case_id, "record_session", lambda c: c.record_session(session), version=version)


async def extend(ctx: ServiceContext, case_id: int, until: dt.date, *, parties_consent: bool, note: str = "",
                 version: int | None = None) -> dict[str, Any]:
    """Continue past one month with every party's consent (param ``mediation.extension_by_consent``)."""
    case = await _load(ctx, case_id)
    if case.started_on is None:
        raise ValidationFailed("not started", [FieldError("state", "the mediation has not started")])
    base = ctx.app.deadline("mediation.duration", case.started_on).due
    assert base is not None
    allowed = bool(ctx.app.param("mediation.extension_by_consent"))
    return await _act(ctx, case_id, "extend",
                      lambda c: c.extend(until, base, parties_consent=parties_consent, allowed=allowed, note=note),
                      version=version)


async def fail(ctx: ServiceContext, case_id: int, advice: list[str], note: str, *, on: dt.date | None = None,
               version: int | None = None) -> dict[str, Any]:
    """调解不成: end it and record the routes the parties were told about (Art. 26)."""
    routes = [parse_code(AdviceRoute, "advice", a) for a in advice]
    day = on_or_today(ctx, on)
    return await _act(ctx, case_id, "fail", lambda c: c.fail(day, routes, note), version=version)


async def withdraw(ctx: ServiceContext, case_id: int, reason: str, *, on: dt.date | None = None,
                   version: int | None = None) -> dict[str, Any]:
    day = on_or_today(ctx, on)
    return await _act(ctx, case_id, "withdraw", lambda c: c.withdraw(day, reason), version=version)


async def get_case(ctx: ServiceContext, case_id: int) -> dict[str, Any]:
    """A case with its parties (masked unless ``personal_data.read``), sessions and duration clock."""
    ctx.require(READ)
    case = await _load(ctx, case_id)
    data = plain(case.as_dict())
    data["parties"], data["personal_data_masked"] = await shown_people(
        ctx, data["parties"], object_type="mediation_case", object_id=case_id, subject_ref=_subject(case)
    )
    data["duration"] = duration(ctx, case)
    from hearing_mediation.agreement_repository import agreement_id_of

    data["agreement_id"] = await agreement_id_of(case_id)
    return data
