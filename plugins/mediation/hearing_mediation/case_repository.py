"""Rows ↔ :class:`MediationCase` with its parties, mediators, helpers and sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_mediation.common import as_date
from hearing_mediation.domain import (
    AdviceRoute,
    ApplicationKind,
    CaseMediator,
    Consent,
    Helper,
    MediationCase,
    MediatorChoice,
    Party,
    PartyRole,
    Session,
)
from hearing_mediation.repository import fetch
from hearing_mediation.tables import CaseHelper, CaseMediatorRow, CaseParty, CaseSession
from hearing_mediation.tables import MediationCase as CaseRow

__all__ = ["case_values", "insert_children", "load_case", "replace_mediators", "save_parties"]

#: Case columns written from the domain object (children are written separately).
CASE_COLUMNS = (
    "state", "started_on", "escalation", "escalation_note", "reported_to_police", "extended_until",
    "extension_note", "outcome_note", "advice", "closed_on", "session_count",
)


def case_values(c: MediationCase) -> dict[str, Any]:
    return {
        "centre": c.centre_id, "reception": c.reception_id, "item_ref": c.item_ref, "matter_ref": c.matter_ref,
        "application": c.application.value, "applied_on": c.applied_on, "dispute": c.dispute, "category": c.category,
        "state": c.state, "started_on": c.started_on, "escalation": c.escalation, "escalation_note": c.escalation_note,
        "reported_to_police": c.reported_to_police, "extended_until": c.extended_until,
        "extension_note": c.extension_note, "outcome_note": c.outcome_note, "advice": [a.value for a in c.advice],
        "closed_on": c.closed_on, "session_count": c.session_count,
    }


def _party(r: dict[str, Any]) -> Party:
    return Party(
        r["name"], PartyRole(r["role"]), r["id_number"], r["phone"], r["address"], Consent(r["consent"]),
        as_date(r["responded_on"]), id=r["id"],
    )


def _session(r: dict[str, Any]) -> Session:
    return Session(
        held_on=as_date(r["held_on"]) or dt.date.min, place=r["place"], public=bool(r["public"]),
        parties_present=list(r["parties_present"] or []), mediators_present=list(r["mediators_present"] or []),
        notes=r["notes"], others_present=list(r["others_present"] or []), closed_reason=r["closed_reason"],
        number=r["number"], recorded_by=r["recorded_by"], id=r["id"],
    )


async def load_case(case_id: int, *, with_sessions: bool = True) -> MediationCase | None:
    row = await fetch(CaseRow, case_id)
    if row is None:
        return None
    parties = await CaseParty.select().where(CaseParty.case == case_id).order_by(CaseParty.position).run()
    mediators = await CaseMediatorRow.select().where(CaseMediatorRow.case == case_id).order_by(CaseMediatorRow.position).run()
    helpers = await CaseHelper.select().where(CaseHelper.case == case_id).order_by(CaseHelper.id).run()
    sessions = []
    if with_sessions:
        sessions = await CaseSession.select().where(CaseSession.case == case_id).order_by(
            CaseSession.number
        ).output(load_json=True).run()
    return MediationCase(
        centre_id=row["centre"], applied_on=as_date(row["applied_on"]) or dt.date.min,
        application=ApplicationKind(row["application"]), parties=[_party(p) for p in parties], dispute=row["dispute"],
        category=row["category"], reception_id=row["reception"], item_ref=row["item_ref"], matter_ref=row["matter_ref"],
        state=row["state"], started_on=as_date(row["started_on"]),
        mediators=[CaseMediator(m["mediator"], m["name"], MediatorChoice(m["chosen_by"]), bool(m["lead"])) for m in mediators],
        helpers=[
            Helper(h["name"], h["relation"], as_date(h["invited_on"]) or dt.date.min, bool(h["parties_consent"]), h["note"], h["id"])
            for h in helpers
        ],
        sessions=[_session(s) for s in sessions], session_count=row["session_count"],
        escalation=bool(row["escalation"]), escalation_note=row["escalation_note"],
        reported_to_police=bool(row["reported_to_police"]), extended_until=as_date(row["extended_until"]),
        extension_note=row["extension_note"], outcome_note=row["outcome_note"],
        advice=[AdviceRoute(a) for a in row["advice"] or []], closed_on=as_date(row["closed_on"]), ref=row["ref"],
        created_by=row["created_by"], id=row["id"], version=row["version"],
    )


async def save_parties(case_id: int, parties: list[Party]) -> None:
    """Write the parties' consent answers (the party list itself never changes after the application)."""
    for p in parties:
        await CaseParty.update({CaseParty.consent: p.consent.value, CaseParty.responded_on: p.responded_on}).where(
            CaseParty.id == p.id
        ).run()


async def replace_mediators(case_id: int, mediators: list[CaseMediator]) -> None:
    await CaseMediatorRow.delete().where(CaseMediatorRow.case == case_id).run()
    if mediators:
        await CaseMediatorRow.insert(*(
            CaseMediatorRow(case=case_id, mediator=m.mediator_id, position=i, name=m.name,
                            chosen_by=m.chosen_by.value, lead=m.lead)
            for i, m in enumerate(mediators)
        )).run()


async def insert_children(case_id: int, c: MediationCase, *, recorded_by: str, now: dt.datetime) -> None:
    """Write parties, mediators, helpers and sessions not stored yet (those without an id)."""
    new_parties = [p for p in c.parties if p.id is None]
    if new_parties:
        await CaseParty.insert(*(
            CaseParty(case=case_id, position=i, name=p.name, role=p.role.value, id_number=p.id_number, phone=p.phone,
                      address=p.address, consent=p.consent.value, responded_on=p.responded_on)
            for i, p in enumerate(new_parties)
        )).run()
    for h in c.helpers:
        if h.id is None:
            await CaseHelper.insert(CaseHelper(case=case_id, name=h.name, relation=h.relation, invited_on=h.invited_on,
                                               parties_consent=h.parties_consent, note=h.note)).run()
    for s in c.sessions:
        if s.id is None:
            await CaseSession.insert(CaseSession(
                case=case_id, number=s.number, held_on=s.held_on, place=s.place, public=s.public,
                closed_reason=s.closed_reason, parties_present=s.parties_present, mediators_present=s.mediators_present,
                others_present=s.others_present, notes=s.notes, recorded_by=recorded_by, created_at=now,
            )).run()
