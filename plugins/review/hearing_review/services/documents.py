"""The review documents as Chinese PDF/HTML: the opinion (复查意见书、复核意见书) and the
non-acceptance notice (不予受理告知书), from the plugin's templates ``review/opinion.html`` and
``review/nonacceptance.html`` (extending the core's ``base_document.html``; an administrator may
override them in the instance's ``templates/review/``).

The applicant's ID number and phone are printed in full only for actors holding
``personal_data.read`` (the official copy, audited); otherwise the same template gives a
redacted copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.errors import RuleViolation
from hearing_review import repository as repo
from hearing_review.config import settings_of
from hearing_review.domain import Capacity, ChallengedKind, Kind, OrganHierarchy, ReviewApplication, sentence
from hearing_review.services.common import PERSONAL, READ

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["OPINION", "NOTICE", "document", "doc_number", "nonacceptance_context", "opinion_context"]

OPINION = "review/opinion.html"
NOTICE = "review/nonacceptance.html"
_CHALLENGED_LABEL = {
    ChallengedKind.HANDLING_OPINION: "信访事项处理意见书",
    ChallengedKind.REDONE_OPINION: "信访事项处理意见书（重新作出）",
    ChallengedKind.REVIEW_OPINION: "信访事项复查意见书",
}


def doc_number(prefix: str, a: ReviewApplication, suffix: str = "") -> str:
    """``临复查〔2025〕3号`` from the application number ``FC-2025-0003``."""
    _, year, seq = a.ref.split("-")
    return f"{prefix}{a.kind.label}{suffix}〔{year}〕{int(seq)}号"


def _applicant(a: ReviewApplication) -> dict[str, Any]:
    p = a.applicant
    if p.capacity is Capacity.AGENT:
        return {"name": p.agent_of, "id_number": None, "phone": None, "capacity": "agent", "agent_name": p.name,
                "agent_of": p.agent_of}
    return {"name": p.name, "id_number": p.id_number, "phone": p.phone, "capacity": "petitioner", "agent_name": "",
            "agent_of": ""}


def opinion_context(ctx: ServiceContext, a: ReviewApplication, organs: OrganHierarchy,
                    pauses: list[dict[str, Any]]) -> dict[str, Any]:
    """The opinion's template context (plain data, see the template's header)."""
    assert a.decision is not None and a.accepted_on is not None
    d, settings = a.decision, settings_of(ctx.app)
    hearings = [p for p in pauses if p["kind"] == "hearing" and p["start"] is not None]
    hearing = {"start": min(p["start"] for p in hearings),
               "end": max((p["end"] or p["start"]) for p in hearings)} if hearings else None
    final = a.kind is Kind.REREVIEW
    window = ctx.app.profile.rule("rereview.request_window")
    nxt = "或".join(o.name for o in organs.next_higher(a.receiving_organ)) or "上一级机关"
    return {
        "organ_name": organs.name(a.receiving_organ), "doc_number": doc_number(settings.doc_prefix, a),
        "kind_label": a.kind.label, "applicant": _applicant(a),
        "original_organ": organs.name(a.challenged.organ), "challenged_label": _CHALLENGED_LABEL[a.challenged.kind],
        "challenged_ref": a.challenged.ref, "challenged_served_on": a.challenged.served_on,
        "received_on": a.received_on, "request": sentence(a.request), "reasons": sentence(a.reasons),
        "evidence": [e.title for e in a.evidence], "accepted_on": a.accepted_on, "hearing": hearing,
        "findings": sentence(d.findings), "outcome": d.outcome.value, "redo_due_on": d.redo_due_on,
        "new_conclusion": sentence(d.new_conclusion),
        "legal_basis": settings.legal_basis,
        "final": final, "next_organ": nxt, "window_days": window.length or 30,
        "issue_date": d.decided_on, "contact": settings.contact,
    }


def nonacceptance_context(ctx: ServiceContext, a: ReviewApplication, organs: OrganHierarchy) -> dict[str, Any]:
    """The notice's context: one reason per failed ground, with its source."""
    assert a.checklist is not None and a.not_accepted_on is not None
    settings = settings_of(ctx.app)
    reasons = [{"text": r.reason_zh.rstrip("。"), "source": r.source or ""} for r in a.checklist.failed]
    return {
        "organ_name": organs.name(a.receiving_organ), "doc_number": doc_number(settings.doc_prefix, a, "不受字"),
        "kind_label": a.kind.label, "applicant": _applicant(a), "received_on": a.received_on,
        "request": a.request.rstrip("。"), "reasons": reasons, "legal_basis": settings.legal_basis,
        "issue_date": a.not_accepted_on,
        "contact": settings.contact,
    }


async def document(ctx: ServiceContext, ref: str, which: str, *, output: str = "pdf") -> tuple[bytes, str]:
    """``which`` = ``opinion`` or ``notice``: the document's bytes and a file name."""
    ctx.require(READ)
    a, _ = await repo.load(ref)
    assert a.id is not None
    organs = await repo.hierarchy()
    if which == "opinion":
        if a.decision is None:
            raise RuleViolation(f"{a.ref} has no {a.kind.label} opinion yet (state {a.state})", rule="review.opinion")
        template, context = OPINION, opinion_context(ctx, a, organs, await repo.pauses_of(a.id))
        name = f"{a.kind.label}意见书-{a.ref}"
    else:
        if a.state != "not_accepted":
            raise RuleViolation(f"{a.ref} was not refused (state {a.state}): there is no notice",
                                rule="review.nonacceptance_notice")
        template, context = NOTICE, nonacceptance_context(ctx, a, organs)
        name = f"不予受理告知书-{a.ref}"
    personal = ctx.actor.has(PERSONAL)
    if personal and (a.applicant.id_number or a.applicant.phone):
        await ctx.audit(f"{a.kind.value}.print", "review_application", a.id, note=f"{which} with personal data",
                        subject_ref=a.matter_ref)
    if output == "html":
        return ctx.app.renderer.html(template, context, personal_data=personal).encode("utf-8"), name + ".html"
    return await ctx.app.renderer.pdf_async(template, context, personal_data=personal), name + ".pdf"
