"""Mediation agreements (调解协议书): drafting, signatures, performance, judicial confirmation.

``reach_agreement`` closes the case as agreed and drafts the agreement in one
transaction; it takes effect with the last signature (written) or at once (oral).
The 30-day window for the joint application for judicial confirmation (司法确认) is the
profile's ``mediation.judicial_confirmation`` clock from the effective date, shown with
every effective agreement and enforced when the application is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hearing_core.errors import CalendarNotCovered
from hearing_mediation import agreement_repository as arepo
from hearing_mediation import case_repository as crepo
from hearing_mediation import repository as repo
from hearing_mediation.case_queries import clock_view
from hearing_mediation.common import (
    CASES,
    READ,
    check_version,
    ensure_in_scope,
    on_or_today,
    parse_code,
    plain,
)
from hearing_mediation.domain import (
    AGREEMENT,
    CASE,
    Agreement,
    AgreementForm,
    FollowUp,
    FollowUpFinding,
    Term,
)
from hearing_mediation.tables import MediationAgreement, MediationCentre
from hearing_mediation.tables import MediationCase as CaseRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "apply_confirmation", "confirmation_window", "dispute", "get_agreement", "load_visible", "reach_agreement",
    "record_confirmation", "record_follow_up", "record_performance", "revise", "sign",
]


def _audit(a: Agreement) -> dict[str, Any]:
    data = plain(arepo.values(a))
    data["terms"] = [t.content for t in a.terms]
    data["signatures"] = [s.signer for s in a.signatures]
    data["follow_ups"] = len(a.follow_ups)
    return data


async def load_visible(ctx: ServiceContext, agreement_id: int) -> tuple[Agreement, int, dict[str, Any]]:
    """The agreement, its centre id and its case row — or NotFound when missing or out of scope."""
    loaded = await arepo.load_agreement(agreement_id)
    await ensure_in_scope(ctx, loaded[1] if loaded else None, "mediation agreement", agreement_id)
    assert loaded is not None
    case_row = await repo.fetch(CaseRow, loaded[0].case_id)
    assert case_row is not None
    return loaded[0], loaded[1], case_row


def _subject(case_row: dict[str, Any]) -> str:
    return case_row["matter_ref"] or case_row["item_ref"] or case_row["ref"]


async def reach_agreement(
    ctx: ServiceContext, case_id: int, *, facts: str, disputes: str, terms: list[Term], responsibilities: str = "",
    form: str | AgreementForm = AgreementForm.WRITTEN, on: dt.date | None = None, version: int | None = None,
) -> dict[str, Any]:
    """达成调解协议: close the case as agreed and draft its agreement (numbered ``<prefix>〔year〕n号``)."""
    ctx.require(CASES)
    day = on_or_today(ctx, on)
    kind = parse_code(AgreementForm, "form", form)
    async with ctx.write():
        case = await crepo.load_case(case_id, with_sessions=False)
        await ensure_in_scope(ctx, case.centre_id if case else None, "mediation case", case_id)
        assert case is not None and case.id is not None
        check_version("mediation case", case_id, case.version, version)
        source = case.state
        agreement = Agreement(
            case_id=case.id, concluded_on=day, parties=[p.name for p in case.parties],
            mediators=[m.name for m in case.mediators], facts=facts.strip(), disputes=disputes.strip(),
            terms=terms, responsibilities=responsibilities.strip(), form=kind,
        )
        case.reach_agreement(day)
        agreement.validate()
        if kind is AgreementForm.ORAL:
            agreement.take_effect_orally()
        centre = await repo.fetch(MediationCentre, case.centre_id)
        assert centre is not None
        await repo.lock_centre(ctx.app.db.is_sqlite, case.centre_id)
        n = await repo.next_number(MediationAgreement, case.centre_id, MediationAgreement.concluded_on, day.year)
        agreement.number = f"{centre['doc_prefix'] or centre['code']}〔{day.year}〕{n}号"
        values = crepo.case_values(case)
        await repo.update_row(CaseRow, case_id, case.version, {k: values[k] for k in crepo.CASE_COLUMNS}, ctx.now())
        agreement.id = await arepo.insert_agreement(agreement, case.centre_id, ctx.now())
        subject = case.matter_ref or case.item_ref or case.ref or ""
        await ctx.audit("mediation.case.reach_agreement", "mediation_case", case_id,
                        before={"state": source}, after={"state": case.state, "closed_on": day.isoformat()}, subject_ref=subject)
        await ctx.audit("mediation.agreement.create", "mediation_agreement", agreement.id, after=_audit(agreement),
                        subject_ref=subject)
        await ctx.transitioned(CASE.name, case, source, case.state, "reach_agreement")
    return await get_agreement(ctx, agreement.id)


async def _act(ctx: ServiceContext, agreement_id: int, action: str, perform: Callable[[Agreement], Any], *,
               version: int | None, terms_changed: bool = False) -> dict[str, Any]:
    ctx.require(CASES)
    async with ctx.write():
        agreement, _centre, case_row = await load_visible(ctx, agreement_id)
        check_version("mediation agreement", agreement_id, agreement.version, version)
        source, before = agreement.state, _audit(agreement)
        stored = (len(agreement.signatures), len(agreement.follow_ups))
        perform(agreement)
        await arepo.save_agreement(agreement, ctx.now(), stored_signatures=stored[0], stored_visits=stored[1],
                                   terms_changed=terms_changed)
        after = _audit(agreement)
        changed = [k for k in after if after[k] != before.get(k)]
        await ctx.audit(f"mediation.agreement.{action}", "mediation_agreement", agreement_id,
                        before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed},
                        subject_ref=_subject(case_row))
        if agreement.state != source:
            await ctx.transitioned(AGREEMENT.name, agreement, source, agreement.state, action)
    return await get_agreement(ctx, agreement_id)


async def revise(ctx: ServiceContext, agreement_id: int, *, facts: str | None = None, disputes: str | None = None,
                 responsibilities: str | None = None, terms: list[Term] | None = None,
                 version: int | None = None) -> dict[str, Any]:
    """Change the draft (signatures given so far are void)."""
    return await _act(ctx, agreement_id, "revise", lambda a: a.revise(
        facts=facts, disputes=disputes, responsibilities=responsibilities, terms=terms), version=version,
        terms_changed=terms is not None)


async def sign(ctx: ServiceContext, agreement_id: int, signer: str, *, on: dt.date | None = None,
               version: int | None = None) -> dict[str, Any]:
    """A party or mediator signs (签名、盖章或按指印); the last signature makes the agreement effective."""
    day = on_or_today(ctx, on)
    return await _act(ctx, agreement_id, "sign", lambda a: a.sign(signer, day), version=version)


async def record_performance(ctx: ServiceContext, agreement_id: int, term: int, *, on: dt.date | None = None,
                             note: str = "", version: int | None = None) -> dict[str, Any]:
    """Term ``term`` (1-based) was performed; with the last one the agreement is performed (履行完毕)."""
    day = on_or_today(ctx, on)
    return await _act(ctx, agreement_id, "record_performance", lambda a: a.record_performance(term, day, note),
                      version=version, terms_changed=True)


async def record_follow_up(ctx: ServiceContext, agreement_id: int, *, visited_by: str, finding: str,
                           note: str = "", method: str = "上门回访", on: dt.date | None = None,
                           version: int | None = None) -> dict[str, Any]:
    """回访: the committee checks how the agreement is being performed (Art. 31)."""
    found = parse_code(FollowUpFinding, "finding", finding)
    visit = FollowUp(on_or_today(ctx, on), visited_by.strip(), found, note.strip(), method.strip())
    return await _act(ctx, agreement_id, "record_follow_up", lambda a: a.record_follow_up(visit), version=version)


def confirmation_window(ctx: ServiceContext, agreement: Agreement) -> dict[str, Any] | None:
    """The 30-day window for the joint application (``mediation.judicial_confirmation``)."""
    if agreement.effective_on is None:
        return None
    return clock_view(ctx, "mediation.judicial_confirmation", agreement.effective_on, agreement.confirmation_applied_on)


def _window_due(ctx: ServiceContext, agreement: Agreement, on: dt.date) -> dt.date | None:
    """The last day to apply; when the calendar cannot tell, an application within the
    bare length is certainly in time (a roll-forward only lengthens the window)."""
    window = confirmation_window(ctx, agreement)
    if window is None or window["due"] is not None:
        return dt.date.fromisoformat(window["due"]) if window else None
    length = ctx.app.profile.rule("mediation.judicial_confirmation").length or 0
    assert agreement.effective_on is not None
    if on <= agreement.effective_on + dt.timedelta(days=length):
        return None
    raise CalendarNotCovered(window["note"])


async def apply_confirmation(ctx: ServiceContext, agreement_id: int, *, applicants: list[str], court: str,
                             on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """Both parties apply jointly to the court within 30 days of the agreement's effect (Art. 33)."""
    day = on_or_today(ctx, on)
    agreement, _centre, _case = await load_visible(ctx, agreement_id)
    due = _window_due(ctx, agreement, day)
    return await _act(ctx, agreement_id, "apply_confirmation",
                      lambda a: a.apply_confirmation(day, applicants, court, due), version=version)


async def record_confirmation(ctx: ServiceContext, agreement_id: int, *, confirmed: bool, note: str = "",
                              on: dt.date | None = None, version: int | None = None) -> dict[str, Any]:
    """The court's ruling: confirmed valid (enforceable) or not confirmed (the agreement falls)."""
    day = on_or_today(ctx, on)
    return await _act(ctx, agreement_id, "record_confirmation",
                      lambda a: a.record_confirmation(day, confirmed, note), version=version)


async def dispute(ctx: ServiceContext, agreement_id: int, note: str, *, on: dt.date | None = None,
                  version: int | None = None) -> dict[str, Any]:
    """A party went to court over performance or content (Art. 32)."""
    day = on_or_today(ctx, on)
    return await _act(ctx, agreement_id, "dispute", lambda a: a.dispute(day, note), version=version)


async def get_agreement(ctx: ServiceContext, agreement_id: int) -> dict[str, Any]:
    """An agreement with its case ref and the judicial-confirmation window."""
    ctx.require(READ)
    agreement, centre_id, case_row = await load_visible(ctx, agreement_id)
    data = plain(agreement.as_dict())
    data.update(case_ref=case_row["ref"], centre_id=centre_id, judicial_confirmation=confirmation_window(ctx, agreement))
    return data
