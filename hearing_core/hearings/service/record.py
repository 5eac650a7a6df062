"""The record and the report (笔录签字、听证报告送达).

After the session the clerk collects the signatures of everyone present (observers excepted)
and of the seated panel, or notes a refusal; the record is final when nobody is left. The
report carrying the conclusion is then served on every party (``serve`` with
``hearing_report``) and :func:`serve_report` closes the case, late or not.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.hearings.domain import DomainRule
from hearing_core.hearings.domain.record import pending_signatories
from hearing_core.hearings.domain.rules import domain_violation
from hearing_core.hearings.service.common import CONDUCT, MANAGE, READ, act, calc, fetch, moment
from hearing_core.hearings.stored import StoredHearing

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["finalise_record", "record_status", "refuse_signature", "serve_report", "sign_record"]

CLERK = ("clerk", "presiding_officer")


async def sign_record(
    ctx: ServiceContext, case_id: int, *, signatory_key: str, at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """Record a signature (``participant:<no>`` or ``panel:<seat>``) after the read-back."""
    return await act(ctx, case_id, "sign_record", lambda s: s.case.sign_record(signatory_key, moment(ctx, at)),
                     permission=CONDUCT, seat=CLERK, what="collect signatures", version=version)


async def refuse_signature(
    ctx: ServiceContext, case_id: int, *, signatory_key: str, note: str, at: dt.datetime | None = None,
    version: int | None = None,
) -> StoredHearing:
    """The clerk notes that someone refused to sign, and how (拒绝签字的，由记录员注明)."""
    return await act(ctx, case_id, "refuse_signature", lambda s: s.case.note_refusal_to_sign(
        signatory_key, note, moment(ctx, at)), permission=CONDUCT, seat=CLERK, what="note a refusal to sign",
        version=version)


def record_status(stored: StoredHearing) -> dict[str, Any]:
    """Who signs, who signed or refused, and whether the record is final."""
    case = stored.case
    signatories = case.signatories() if case.heard_on is not None else []
    pending = pending_signatories(signatories, case.signatures)
    return {
        "final": case.record_final,
        "signatories": [{"key": s.key, "name": s.name, "role": s.role} for s in signatories],
        "pending": [{"key": s.key, "name": s.name, "role": s.role} for s in pending],
        "signatures": [{"key": s.signatory_key, "name": s.name, "role": s.role, "signed": s.signed, "note": s.note,
                        "at": s.at.isoformat()} for s in case.signatures],
    }


async def finalise_record(ctx: ServiceContext, case_id: int) -> dict[str, Any]:
    """Confirm the record is final (every signature or refusal on file) and return its status;
    a ``hearing.record_signatures`` violation names whoever is missing."""
    ctx.require(READ)
    stored = await fetch(ctx, case_id)
    status = record_status(stored)
    if stored.case.heard_on is None:
        raise domain_violation(DomainRule.RECORD_SIGNATURES, "the session has not closed; there is no record to sign")
    if not status["final"]:
        names = ", ".join(p["name"] for p in status["pending"])
        raise domain_violation(DomainRule.RECORD_SIGNATURES, f"not signed or refused yet: {names}")
    return status


async def serve_report(ctx: ServiceContext, case_id: int, *, version: int | None = None) -> StoredHearing:
    """Close the case once the report was served on every party (late service is recorded)."""
    return await act(ctx, case_id, "serve_report", lambda s: s.case.record_report_served(calc(ctx)),
                     permission=MANAGE, version=version)
