"""Option lists of the register's forms (表单选项), labelled in the page's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.petitions.domain import (
    AbnormalReason,
    Channel,
    NotAcceptedReason,
    OpinionOutcome,
    Purpose,
    Source,
    StatutoryRoute,
)
from hearing_core.petitions.domain.codes import CodedEnum
from hearing_core.petitions.service.common import catalog
from hearing_core.web.labels import STATE_LABELS, label

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["categories", "codes", "register_choices", "states"]


def codes(kind: type[CodedEnum], lang: str) -> list[dict[str, str]]:
    """``[{"value", "label"}]``: the Chinese label in Chinese, the code in English."""
    return [{"value": m.value, "label": m.label if lang == "zh" else m.value.replace("_", " ")} for m in kind]


def categories(app: HearingApp, lang: str) -> list[dict[str, Any]]:
    """Top-level categories with their sub-categories (names are the catalog's Chinese data)."""
    cat = catalog(app)

    def name(c: Any) -> str:
        return str(c.name) if lang == "zh" else str(c.code).replace("_", " ")

    return [{"value": top.code, "label": name(top),
             "children": [{"value": c.code, "label": name(c)} for c in cat.children(top.code)]}
            for top in cat.top_levels()]


def states(lang: str) -> list[dict[str, str]]:
    return [{"value": code, "label": label(STATE_LABELS, code, lang)} for code in STATE_LABELS]


def register_choices(app: HearingApp, lang: str) -> dict[str, Any]:
    return {
        "channels": codes(Channel, lang),
        "purposes": codes(Purpose, lang),
        "sources": codes(Source, lang),
        "abnormal_reasons": codes(AbnormalReason, lang),
        "not_accepted_reasons": codes(NotAcceptedReason, lang),
        "opinion_outcomes": codes(OpinionOutcome, lang),
        "statutory_routes": codes(StatutoryRoute, lang),
        "categories": categories(app, lang),
        "states": states(lang),
    }
