"""Chinese sentences of the annual report (年度信访工作总结), built from :class:`AnnualFigures`.

The wording follows county year-end summaries ("全年实际受理群众来信来访566件，
与去年受理的总件数534件相比上升6.0%"), so a bureau can paste the paragraph into
its own summary. Templates produce Markdown and HTML alike: they are plain
strings with full-width punctuation and no markup.
"""

from __future__ import annotations

from decimal import Decimal

from hearing_core.petitions.domain.statistics import AnnualFigures

__all__ = [
    "acceptance_sentence",
    "category_sentence",
    "change_phrase",
    "intake_sentence",
    "intake_paragraph",
    "repeat_sentence",
]


def change_phrase(pct: Decimal | None) -> str:
    """``上升6.0%`` / ``下降3.2%`` / ``持平`` (also when the change rounds to 0.0%)."""
    if pct is None:
        raise ValueError("no previous-year figure to compare with")
    if pct > 0:
        return f"上升{pct}%"
    if pct < 0:
        return f"下降{-pct}%"
    return "持平"


def _noun(f: AnnualFigures) -> str:
    # The summaries say 来信来访 when those are the only channels; with calls or
    # online petitions in the total, the accurate word is 信访.
    return "群众来信来访" if f.phone + f.online + f.other_channels == 0 else "群众信访"


def intake_sentence(f: AnnualFigures) -> str:
    """``2023年群众来信来访共632件，其中来信199件；来访433批1134人次。``"""
    parts = [f"来信{f.letters}件", f"来访{f.visit_batches}批{f.visit_persons}人次"]
    if f.collective_batches:
        parts[-1] += f"（其中集体访{f.collective_batches}批{f.collective_persons}人次）"
    if f.phone:
        parts.append(f"来电{f.phone}件")
    if f.online:
        parts.append(f"网上信访{f.online}件")
    if f.other_channels:
        parts.append(f"其他渠道{f.other_channels}件")
    return f"{f.year}年{_noun(f)}共{f.total}件，其中{'；'.join(parts)}。"


def acceptance_sentence(f: AnnualFigures, *, place: str = "我县") -> str:
    """``扣除…不予受理的信访件66件，全年实际受理群众来信来访566件，与去年受理的总件数534件相比上升6.0%。``"""
    text = (
        f"扣除不属于{place}管辖或当面解释不予转办等不予受理的信访件{f.not_accepted}件，"
        f"全年实际受理{_noun(f)}{f.accepted}件"
    )
    if f.previous_accepted and f.accepted_yoy_pct is not None:
        text += f"，与去年受理的总件数{f.previous_accepted}件相比{change_phrase(f.accepted_yoy_pct)}"
    return text + "。"


def repeat_sentence(f: AnnualFigures) -> str:
    """``重复来信来访件218件，信访纯件数348件（积案52件占信访纯件数的14.9%），与去年…相比上升11.9%。``"""
    repeat_noun = "重复来信来访件" if _noun(f) == "群众来信来访" else "重复信访件"
    text = f"{repeat_noun}{f.repeat}件，信访纯件数{f.distinct_matters}件"
    if f.backlog_share_pct is not None and f.backlog:
        text += f"（积案{f.backlog}件占信访纯件数的{f.backlog_share_pct}%）"
    if f.previous_distinct_matters and f.distinct_yoy_pct is not None:
        text += (
            f"，与去年受理的信访纯件数{f.previous_distinct_matters}件相比{change_phrase(f.distinct_yoy_pct)}"
        )
    return text + "。"


def category_sentence(f: AnnualFigures, *, top: int = 5) -> str:
    """``信访反映的问题主要集中在城乡建设（120件，占21.2%）、…等方面。`` (empty without categories)."""
    rows = [r for r in f.by_category if r["count"] > 0][:top]
    if not rows:
        return ""
    listed = "、".join(f"{r['name']}（{r['count']}件，占{r['share_pct']}%）" for r in rows)
    return f"信访反映的问题主要集中在{listed}等方面。"


def intake_paragraph(f: AnnualFigures, *, place: str = "我县") -> str:
    """The summary's section 一(一) (接待办理群众来信来访情况) as one paragraph."""
    sentences = [
        intake_sentence(f),
        acceptance_sentence(f, place=place),
        repeat_sentence(f),
        category_sentence(f),
    ]
    return "".join(s for s in sentences if s)
