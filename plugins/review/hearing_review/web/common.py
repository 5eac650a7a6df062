"""What the review pages share: option lists and the names of the application's forms."""

from __future__ import annotations

from typing import Any

from hearing_core.web.i18n import N_
from hearing_core.web.pages.choices import codes
from hearing_review.domain import vocab

__all__ = ["FORM_LABELS", "GROUND_NAMES", "choices"]

#: What each admissibility ground checks, stated as the condition to meet (the vocabulary's
#: labels name the failure: 原意见尚未送达).
GROUND_NAMES = {
    "opinion_served": N_("The opinion challenged has been served"),
    "applicant": N_("The applicant is entitled to apply"),
    "window": N_("Within the time limit for applying"),
    "level": N_("Lodged with the next-higher organ"),
    "accepted_elsewhere": N_("Not accepted by another organ"),
    "statutory_route": N_("Not a matter for a statutory procedure"),
    "terminated": N_("The matter is not terminated"),
}

FORM_LABELS = {
    "examine": N_("Run the checklist again"),
    "declare": N_("Record facts the register cannot know"),
    "force_majeure": N_("Record a force-majeure obstacle"),
    "accept": N_("Accept"),
    "refuse": N_("Do not accept"),
    "decide": N_("Record the opinion"),
    "serve": N_("Record service of the opinion"),
    "withdraw": N_("Record the applicant's withdrawal"),
}


def choices(lang: str) -> dict[str, Any]:
    return {
        "kinds": codes(vocab.Kind, lang),
        "states": codes(vocab.ApplicationState, lang),
        "capacities": codes(vocab.Capacity, lang),
        "outcomes": codes(vocab.Outcome, lang),
        "grounds": codes(vocab.Ground, lang),
        "termination_reasons": [r for r in codes(vocab.TerminationReason, lang) if r["value"] != "rereview_served"],
        "followup_kinds": codes(vocab.FollowUpKind, lang),
    }
