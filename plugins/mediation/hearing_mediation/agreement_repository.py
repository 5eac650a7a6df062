"""Rows ↔ :class:`Agreement` with its terms, signatures and follow-up visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearing_mediation.common import as_date
from hearing_mediation.domain import (
    Agreement,
    AgreementForm,
    FollowUp,
    FollowUpFinding,
    Signature,
    SignerRole,
    Term,
)
from hearing_mediation.repository import fetch, update_row
from hearing_mediation.tables import AgreementTerm, FollowUpRow, MediationAgreement, SignatureRow

__all__ = ["agreement_id_of", "insert_agreement", "load_agreement", "save_agreement"]

COLUMNS = (
    "state", "effective_on", "performed_on", "facts", "disputes", "responsibilities", "confirmation",
    "confirmation_applied_on", "court", "confirmation_decided_on", "confirmation_note", "dispute_note",
)


def values(a: Agreement) -> dict[str, Any]:
    return {
        "case": a.case_id, "number": a.number, "form": a.form.value, "concluded_on": a.concluded_on,
        "parties": list(a.parties), "mediators": list(a.mediators), "facts": a.facts, "disputes": a.disputes,
        "responsibilities": a.responsibilities, "state": a.state, "effective_on": a.effective_on,
        "performed_on": a.performed_on, "confirmation": a.confirmation,
        "confirmation_applied_on": a.confirmation_applied_on, "court": a.court,
        "confirmation_decided_on": a.confirmation_decided_on, "confirmation_note": a.confirmation_note,
        "dispute_note": a.dispute_note,
    }


async def agreement_id_of(case_id: int) -> int | None:
    row = await MediationAgreement.select(MediationAgreement.id).where(MediationAgreement.case == case_id).first().run()
    return row["id"] if row else None


async def load_agreement(agreement_id: int) -> tuple[Agreement, int] | None:
    """The agreement and its centre's id, or None."""
    row = await fetch(MediationAgreement, agreement_id)
    if row is None:
        return None
    terms = await AgreementTerm.select().where(AgreementTerm.agreement == agreement_id).order_by(AgreementTerm.position).run()
    signatures = await SignatureRow.select().where(SignatureRow.agreement == agreement_id).order_by(SignatureRow.id).run()
    visits = await FollowUpRow.select().where(FollowUpRow.agreement == agreement_id).order_by(FollowUpRow.id).run()
    agreement = Agreement(
        case_id=row["case"], concluded_on=as_date(row["concluded_on"]) or dt.date.min, parties=list(row["parties"]),
        mediators=list(row["mediators"]), facts=row["facts"], disputes=row["disputes"],
        terms=[Term(t["content"], t["obligor"], t["manner"], as_date(t["due_on"]), as_date(t["performed_on"]),
                    t["performance_note"], t["id"]) for t in terms],
        responsibilities=row["responsibilities"], form=AgreementForm(row["form"]), number=row["number"],
        state=row["state"], signatures=[Signature(s["signer"], SignerRole(s["role"]), as_date(s["signed_on"]) or dt.date.min) for s in signatures],
        effective_on=as_date(row["effective_on"]), performed_on=as_date(row["performed_on"]),
        follow_ups=[FollowUp(as_date(v["visited_on"]) or dt.date.min, v["visited_by"], FollowUpFinding(v["finding"]),
                             v["note"], v["method"]) for v in visits],
        confirmation=row["confirmation"], confirmation_applied_on=as_date(row["confirmation_applied_on"]),
        court=row["court"], confirmation_decided_on=as_date(row["confirmation_decided_on"]),
        confirmation_note=row["confirmation_note"], dispute_note=row["dispute_note"], id=row["id"], version=row["version"],
    )
    return agreement, row["centre"]


async def _write_terms(agreement_id: int, terms: list[Term]) -> None:
    await AgreementTerm.delete().where(AgreementTerm.agreement == agreement_id).run()
    if terms:
        await AgreementTerm.insert(*(
            AgreementTerm(agreement=agreement_id, position=i, content=t.content.strip(), obligor=t.obligor.strip(),
                          manner=t.manner.strip(), due_on=t.due_on, performed_on=t.performed_on,
                          performance_note=t.performance_note)
            for i, t in enumerate(terms)
        )).run()


async def insert_agreement(a: Agreement, centre_id: int, now: dt.datetime) -> int:
    inserted = await MediationAgreement.insert(
        MediationAgreement(**values(a), centre=centre_id, created_at=now, updated_at=now, version=1)
    ).returning(MediationAgreement.id).run()
    agreement_id: int = inserted[0]["id"]
    await _write_terms(agreement_id, a.terms)
    return agreement_id


async def save_agreement(a: Agreement, now: dt.datetime, *, stored_signatures: int, stored_visits: int,
                         terms_changed: bool) -> None:
    """Write the columns (with the version read), the terms if they changed, and new signatures and visits."""
    assert a.id is not None
    data = values(a)
    await update_row(MediationAgreement, a.id, a.version, {k: data[k] for k in COLUMNS}, now)
    if terms_changed:
        await _write_terms(a.id, a.terms)
    if len(a.signatures) < stored_signatures:  # a revision voided them
        await SignatureRow.delete().where(SignatureRow.agreement == a.id).run()
        stored_signatures = 0
    for s in a.signatures[stored_signatures:]:
        await SignatureRow.insert(SignatureRow(agreement=a.id, signer=s.signer, role=s.role.value, signed_on=s.signed_on)).run()
    for v in a.follow_ups[stored_visits:]:
        await FollowUpRow.insert(FollowUpRow(agreement=a.id, visited_on=v.visited_on, visited_by=v.visited_by,
                                             finding=v.finding.value, method=v.method, note=v.note)).run()
