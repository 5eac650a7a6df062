"""The agreement as a Chinese document (调解协议书 PDF/HTML), from ``mediation/agreement.html``.

The template lies in the plugin's template directory (``register_template_dirs``) and
extends the core's ``base_document.html``; an administrator may override it in the
instance's ``templates/mediation/agreement.html``. Parties' ID numbers and phones are
printed in full only for actors holding ``personal_data.read`` (the official copy);
otherwise the same template gives a redacted copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.errors import RuleViolation
from hearing_mediation.agreements import load_visible
from hearing_mediation.case_repository import load_case
from hearing_mediation.common import PERSONAL, READ
from hearing_mediation.domain import Agreement, AgreementForm, MediationCase
from hearing_mediation.repository import fetch
from hearing_mediation.tables import MediationCentre

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["TEMPLATE", "agreement_context", "agreement_document", "sentence"]

TEMPLATE = "mediation/agreement.html"


def sentence(text: str) -> str:
    """``text`` ending with Chinese punctuation, as a paragraph of an official document must."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；…”）" else text + "。"


def agreement_context(agreement: Agreement, case: MediationCase, centre: dict[str, Any]) -> dict[str, Any]:
    """The template's context: plain data only (see the template's header for the keys)."""
    return {
        "organ_name": centre["committee_name"],
        "doc_number": agreement.number,
        "parties": [
            {"role_label": p.role.label, "name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address}
            for p in case.parties
        ],
        "facts": sentence(agreement.facts),
        "disputes": sentence(agreement.disputes),
        "responsibilities": sentence(agreement.responsibilities),
        "terms": [{"content": t.content, "obligor": t.obligor, "manner": t.manner, "due_on": t.due_on} for t in agreement.terms],
        "mediators": list(agreement.mediators),
        "signatures": {s.signer: s.signed_on for s in agreement.signatures},
        "copies": len(agreement.parties) + 1,
        "issue_date": agreement.effective_on or agreement.concluded_on,
        "effective": agreement.effective_on is not None,
        "effective_on": agreement.effective_on,
    }


async def agreement_document(ctx: ServiceContext, agreement_id: int, *, output: str = "pdf") -> tuple[bytes, str]:
    """The agreement as PDF (or HTML) bytes and a file name; personal data as the actor may see it."""
    ctx.require(READ)
    agreement, centre_id, case_row = await load_visible(ctx, agreement_id)
    if agreement.form is AgreementForm.ORAL:
        raise RuleViolation(
            "an oral agreement (口头协议) has no document; its content is in the case record",
            rule="mediation.oral_agreement", source="《人民调解法》第三十条",
        )
    case = await load_case(agreement.case_id, with_sessions=False)
    centre = await fetch(MediationCentre, centre_id)
    assert case is not None and centre is not None
    context = agreement_context(agreement, case, centre)
    personal = ctx.actor.has(PERSONAL)
    if personal:
        await ctx.audit("mediation.agreement.print", "mediation_agreement", agreement_id,
                        note="official copy with personal data",
                        subject_ref=case_row["matter_ref"] or case_row["item_ref"] or case_row["ref"])
    name = f"调解协议书-{case_row['ref']}"
    if output == "html":
        return ctx.app.renderer.html(TEMPLATE, context, personal_data=personal).encode("utf-8"), name + ".html"
    return await ctx.app.renderer.pdf_async(TEMPLATE, context, personal_data=personal), name + ".pdf"
