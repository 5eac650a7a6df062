"""What the reception pages share: labels of states, option lists."""

from __future__ import annotations

from typing import Any

from hearing_core.web.i18n import N_, gettext
from hearing_reception.domain.vocab import FEEDBACK_LABELS, OUTCOME_LABELS, SESSION_LABELS

__all__ = ["CASE_FORMS", "CASE_STATES", "RECEPTION_STATES", "choices"]

RECEPTION_STATES = {
    "planned": N_("Planned"),
    "announced": N_("Announced"),
    "in_progress": N_("Receiving now"),
    "held": N_("Held"),
    "cancelled": N_("Cancelled"),
}
CASE_STATES = {
    "waiting": N_("Waiting"),
    "heard": N_("Heard"),
    "instructed": N_("Instructed"),
    "transferred": N_("Transferred"),
    "replied": N_("Replied"),
    "closed": N_("Closed"),
    "withdrawn": N_("Left before being heard"),
}
CASE_FORMS = {
    "hear": N_("Record the hearing"),
    "withdraw": N_("The visitors left"),
    "instruct": N_("Record the leader's instruction"),
    "transfer": N_("Transfer to the department"),
    "reply": N_("Record the department's reply"),
    "feedback": N_("Record the petitioner's feedback"),
    "close": N_("Close without feedback"),
}


def _labelled(table: dict[str, str], lang: str) -> list[dict[str, str]]:
    return [{"value": str(k), "label": v if lang == "zh" else str(k).replace("_", " ")} for k, v in table.items()]


def choices(lang: str) -> dict[str, Any]:
    return {
        "outcomes": _labelled(OUTCOME_LABELS, lang),
        "grades": _labelled(FEEDBACK_LABELS, lang),
        "sessions": _labelled(SESSION_LABELS, lang),
        "reception_states": {k: gettext(lang, v) for k, v in RECEPTION_STATES.items()},
        "case_states": {k: gettext(lang, v) for k, v in CASE_STATES.items()},
        "case_forms": {k: gettext(lang, v) for k, v in CASE_FORMS.items()},
    }
