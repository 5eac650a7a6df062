"""The report's Chinese paragraphs (报告正文): part 一(一) of the year-end summary.

Built on the register's sentence functions (:mod:`hearing_core.petitions.domain.sentences`)
so the wording stays the one documented in docs/register.md §8, with two
additions the seed summary has: the not-accepted clause names the grounds that
actually occurred ("扣除不属于我县管辖或当面解释不予转办的信访件66件"), and a
sentence on the monthly distribution.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hearing_core.petitions.domain.codes import NotAcceptedReason
from hearing_core.petitions.domain.sentences import (
    category_sentence,
    change_phrase,
    intake_sentence,
    repeat_sentence,
)
from hearing_core.petitions.domain.statistics import AnnualFigures

__all__ = ["acceptance_sentence", "intake_paragraphs", "monthly_sentence", "place_of"]

#: How summaries phrase each ground for not accepting (不予受理), in this order.
_GROUNDS: dict[str, str] = {
    NotAcceptedReason.OUT_OF_JURISDICTION.value: "不属于{place}管辖",
    NotAcceptedReason.EXPLAINED_ON_SPOT.value: "当面解释不予转办",
    NotAcceptedReason.STATUTORY_PROCEDURE.value: "应通过诉讼、仲裁、行政复议等法定途径解决",
    NotAcceptedReason.ALREADY_IN_HANDLING.value: "已受理或正在办理",
    NotAcceptedReason.TERMINATED_MATTER.value: "已办理终结",
    NotAcceptedReason.NPC_COURT_PROCURATORATE.value: "属人大、法院、检察院职权范围",
}


def place_of(organ_name: str) -> str:
    """``我县`` / ``我区`` / ``我市`` / ``我旗`` from the organ's name (县信访局 → 我县)."""
    head = organ_name.split("信访")[0]
    for ch in reversed(head):
        if ch in "县区市旗":
            return "我" + ch
    return "我县"


def _noun(f: AnnualFigures) -> str:
    return "群众来信来访" if f.phone + f.online + f.other_channels == 0 else "群众信访"


def acceptance_sentence(f: AnnualFigures, reasons: Mapping[str, int], *, place: str = "我县") -> str:
    """``扣除不属于我县管辖或当面解释不予转办的信访件66件，全年实际受理群众来信来访566件，与去年…上升6.0%。``

    The grounds named are those with items, in a fixed order; when another ground
    (or more than two) occurred the clause ends in ``等不予受理的``.
    """
    named = [code for code in _GROUNDS if reasons.get(code)]
    text = ""
    if f.not_accepted and named:
        grounds = "或".join(_GROUNDS[c].format(place=place) for c in named[:2])
        listed = sum(reasons[c] for c in named[:2])
        text = f"扣除{grounds}{'等不予受理' if listed < f.not_accepted else ''}的信访件{f.not_accepted}件，"
    elif f.not_accepted:
        text = f"扣除不予受理的信访件{f.not_accepted}件，"
    text += f"全年实际受理{_noun(f)}{f.accepted}件"
    if f.previous_accepted and f.accepted_yoy_pct is not None:
        text += f"，与去年受理的总件数{f.previous_accepted}件相比{change_phrase(f.accepted_yoy_pct)}"
    return text + "。"


def monthly_sentence(labels: Sequence[str], totals: Sequence[int], noun: str = "来信来访") -> str:
    """``从各月情况看，来信来访量以12月最多（76件），10月最少（29件）。`` (empty without items)."""
    if not totals or not any(totals):
        return ""
    high = max(range(len(totals)), key=lambda i: (totals[i], -i))
    low = min(range(len(totals)), key=lambda i: (totals[i], i))
    if totals[high] == totals[low]:
        return f"从各月情况看，{noun}量较为均衡，每月{totals[high]}件。"
    return (
        f"从各月情况看，{noun}量以{labels[high]}最多（{totals[high]}件），"
        f"{labels[low]}最少（{totals[low]}件）。"
    )


def intake_paragraphs(
    f: AnnualFigures,
    reasons: Mapping[str, int],
    month_labels: Sequence[str],
    month_totals: Sequence[int],
    *,
    place: str = "我县",
    pending: int = 0,
) -> list[str]:
    """The two paragraphs of 接待办理群众来信来访情况: the counts, then what they were about.

    ``pending`` items (no acceptance decision yet) are counted as accepted and said so.
    """
    first = intake_sentence(f) + acceptance_sentence(f, reasons, place=place)
    if pending:
        first += f"受理件中有{pending}件截至统计时尚未作出受理决定。"
    first += repeat_sentence(f)
    noun = "来信来访" if _noun(f) == "群众来信来访" else "信访"
    second = category_sentence(f) + monthly_sentence(month_labels, month_totals, noun)
    return [p for p in (first, second) if p]
