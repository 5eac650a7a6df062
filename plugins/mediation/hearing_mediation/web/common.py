"""What the mediation pages share: labels of states, option lists, list fields of forms."""

from __future__ import annotations

from typing import Any

from hearing_core.web.i18n import N_, gettext
from hearing_core.web.pages.choices import codes
from hearing_mediation.domain import codes as mc

__all__ = ["AGREEMENT_FORMS", "AGREEMENT_STATES", "CASE_FORMS", "CASE_STATES", "choices", "listed", "number"]

CASE_STATES = {
    "applied": N_("Applied"),
    "in_mediation": N_("Being mediated"),
    "agreed": N_("Agreement reached"),
    "failed": N_("Mediation failed"),
    "withdrawn": N_("Withdrawn"),
    "refused": N_("Not mediated"),
}
AGREEMENT_STATES = {
    "draft": N_("Draft, awaiting signatures"),
    "effective": N_("In effect"),
    "performed": N_("Performed"),
    "disputed": N_("Disputed in court"),
    "invalidated": N_("Invalidated by the court"),
}
CASE_FORMS = {
    "respond": N_("Record a party's answer"),
    "mediators": N_("Assign mediators"),
    "accept": N_("Start mediating"),
    "refuse": N_("Do not mediate"),
    "session": N_("Record a session"),
    "extend": N_("Extend with the parties' consent"),
    "fail": N_("End without agreement"),
    "withdraw": N_("Record a withdrawal"),
    "escalate": N_("Flag a risk of intensification"),
    "agreement": N_("Draft the agreement"),
}
AGREEMENT_FORMS = {
    "sign": N_("Record a signature"),
    "perform": N_("Record performance of a term"),
    "follow_up": N_("Record a follow-up visit"),
    "confirm_apply": N_("Record the joint application to the court"),
    "confirm_result": N_("Record the court's ruling"),
}
DISPOSALS = {
    "": N_("Not yet (dispose later)"),
    "explain": N_("Explained on the spot"),
    "mediate": N_("Mediation"),
    "transfer": N_("Transfer"),
    "assign": N_("Assign"),
    "route": N_("Route to a statutory procedure"),
    "refer_to_leader": N_("Leader reception"),
    "joint_reception": N_("Joint reception"),
}


def listed(value: Any) -> list[str]:
    """A form field that may be repeated (checkboxes) as a list of non-blank strings."""
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def number(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def choices(lang: str) -> dict[str, Any]:
    from hearing_core.petitions.domain.codes import StatutoryRoute

    return {
        "dispositions": codes(mc.ReceptionDisposition, lang),
        "applications": codes(mc.ApplicationKind, lang),
        "consents": [c for c in codes(mc.Consent, lang) if c["value"] != "pending"],
        "chosen_by": codes(mc.MediatorChoice, lang),
        "advice": codes(mc.AdviceRoute, lang),
        "findings": codes(mc.FollowUpFinding, lang),
        "routes": codes(StatutoryRoute, lang),
        "disposals": [{"value": k, "label": gettext(lang, v)} for k, v in DISPOSALS.items()],
        "case_states": [{"value": k, "label": gettext(lang, v)} for k, v in CASE_STATES.items()],
    }
