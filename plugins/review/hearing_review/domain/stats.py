"""Annual figures of review and re-review (复查复核统计) and their Chinese sentences.

The seed county's summary reads "信访事项复查申请16件，经审核不予受理的6件；受理的有10件，其中7件已作出
处理意见，正在复查中的有3件". Definitions (applications received in the statistical year, states
as of the day the report is computed):

| figure | counts |
|---|---|
| ``applications`` | applications received in the year |
| ``not_accepted`` (``by_ground``) | refused (不予受理), by the first failed ground of the checklist |
| ``accepted`` | accepted (受理), whatever happened after |
| ``decided`` (``by_outcome``) | accepted and decided (已作出复查/复核意见), served or not |
| ``pending`` | accepted, not yet decided (正在复查/复核中) |
| ``awaiting_admission`` | received, not yet accepted or refused (待审查) |
| ``withdrawn`` | withdrawn before (``withdrawn_before``) or after (``withdrawn_after``) acceptance |
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from hearing_review.domain.vocab import Ground, Kind, Outcome, TerminationReason

__all__ = ["empty_kind", "render_markdown", "statistical_year", "summary_sentence"]


def statistical_year(year: int, period_end: str) -> tuple[date, date]:
    """First and last day of statistical year ``year`` ending on ``MM-DD`` (profile ``statistics.period_end``)."""
    month, day = (int(p) for p in str(period_end).split("-"))
    end = date(year, month, day)
    return date(year - 1, month, day) + timedelta(days=1), end


def empty_kind() -> dict[str, Any]:
    return {
        "applications": 0, "awaiting_admission": 0, "not_accepted": 0,
        "by_ground": {g.value: 0 for g in Ground}, "accepted": 0, "decided": 0,
        "by_outcome": {o.value: 0 for o in Outcome}, "served": 0, "pending": 0,
        "withdrawn_before": 0, "withdrawn_after": 0,
    }


def summary_sentence(kind: Kind, f: Mapping[str, Any]) -> str:
    """The seed's sentence: applications, not accepted, accepted, decided, pending."""
    if not f["applications"]:
        return f"未收到信访事项{kind.label}申请。"
    text = f"信访事项{kind.label}申请{f['applications']}件，经审核不予受理的{f['not_accepted']}件；受理的有{f['accepted']}件"
    if f["accepted"]:
        text += f"，其中{f['decided']}件已作出处理意见，正在{kind.label}中的有{f['pending']}件"
        if f["withdrawn_after"]:
            text += f"，受理后撤回的{f['withdrawn_after']}件"
    if f["awaiting_admission"]:
        text += f"；尚在审查是否受理的{f['awaiting_admission']}件"
    if f["withdrawn_before"]:
        text += f"；受理前撤回的{f['withdrawn_before']}件"
    return text + "。"


def _detail(kind: Kind, f: Mapping[str, Any]) -> str:
    parts = []
    order = [g.value for g in Ground]
    counted = sorted(((g, n) for g, n in f["by_ground"].items() if n), key=lambda x: (-x[1], order.index(x[0])))
    grounds = [f"{Ground(g).label}{n}件" for g, n in counted]  # most frequent ground first
    if grounds:
        parts.append(f"不予受理的{kind.label}申请中，" + "、".join(grounds))
    outcomes = [f"{Outcome(o).label}{n}件" for o, n in f["by_outcome"].items() if n]
    if outcomes:
        parts.append(f"已作出的{kind.label}意见中，" + "、".join(outcomes))
    return "；".join(parts) + ("。" if parts else "")


def render_markdown(figures: Mapping[str, Any]) -> str:
    """The section as the bureau's year-end paragraphs (中文 Markdown)."""
    year = figures["year"]
    paragraphs = [f"{year}年，" + summary_sentence(Kind.REVIEW, figures["review"])]
    detail = _detail(Kind.REVIEW, figures["review"])
    if detail:
        paragraphs[0] += detail
    rereview = figures["rereview"]
    if rereview["applications"]:
        paragraphs.append(summary_sentence(Kind.REREVIEW, rereview) + _detail(Kind.REREVIEW, rereview))
    term = figures["terminations"]
    if term["total"]:
        reasons = [f"{TerminationReason(r).label}{n}件" for r, n in term["by_reason"].items() if n]
        paragraphs.append(f"全年依法终结信访事项{term['total']}件（" + "、".join(reasons) + "），终结后继续做好教育疏导和帮扶工作。")
    return "\n\n".join(paragraphs)
