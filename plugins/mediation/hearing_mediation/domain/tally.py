"""The service centre's year in figures (信访服务中心工作情况) and its Chinese paragraph.

The seed summary's sentence is the model::

    今年信访服务中心共接待群众135批301人次，其中当场疏导解释44批108人次，
    进行调解的12批96人次，其他79批按照《信访条例》交办(转办)责任单位

Batches (批) and person-times (人次) are counted per disposition (reference §4.3);
transfers (转送/转办) and assignments (交办) are reported together, as the summaries do.
The figures are computed with SQL aggregates (:mod:`hearing_mediation.report`); the
pure :func:`tally_reception` gives the same figures from records, for checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hearing_mediation.domain.codes import ReceptionDisposition

__all__ = ["CaseFigures", "Count", "ReceptionTally", "render_markdown", "tally_reception"]

_D = ReceptionDisposition


@dataclass(frozen=True)
class Count:
    """Batches and person-times (批、人次)."""

    batches: int = 0
    persons: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.batches + other.batches, self.persons + other.persons)

    def text(self) -> str:
        return f"{self.batches}批{self.persons}人次"

    def as_dict(self) -> dict[str, int]:
        return {"batches": self.batches, "persons": self.persons}


@dataclass(frozen=True)
class ReceptionTally:
    """Visit batches of a year, per disposition."""

    by_disposition: Mapping[str, Count] = field(default_factory=dict)

    def of(self, disposition: ReceptionDisposition) -> Count:
        return self.by_disposition.get(disposition.value, Count())

    @property
    def total(self) -> Count:
        return sum(self.by_disposition.values(), Count())

    @property
    def handed_over(self) -> Count:
        """交办（转办）责任单位: transfers and assignments together."""
        return self.of(_D.TRANSFERRED) + self.of(_D.ASSIGNED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.total.as_dict(),
            "explained_on_spot": self.of(_D.EXPLAINED).as_dict(),
            "mediation": self.of(_D.MEDIATION).as_dict(),
            "handed_over": self.handed_over.as_dict(),
            "by_disposition": {d.value: self.of(d).as_dict() for d in ReceptionDisposition},
        }


@dataclass(frozen=True)
class CaseFigures:
    """Mediation cases and agreements of a year (调解案件与调解协议)."""

    applied: int = 0
    opened: int = 0
    succeeded: int = 0
    failed: int = 0
    withdrawn: int = 0
    refused: int = 0
    escalated: int = 0
    agreements_effective: int = 0
    agreements_performed: int = 0
    confirmations_applied: int = 0
    confirmations_confirmed: int = 0
    confirmations_rejected: int = 0

    @property
    def success_rate_pct(self) -> Decimal | None:
        """Succeeded ÷ mediations that ended (succeeded + failed + withdrawn), one decimal."""
        ended = self.succeeded + self.failed + self.withdrawn
        if not ended:
            return None
        return (Decimal(self.succeeded * 100) / ended).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.__dict__)
        rate = self.success_rate_pct
        data["success_rate_pct"] = float(rate) if rate is not None else None
        return data


def tally_reception(records: Iterable[tuple[str, int]]) -> ReceptionTally:
    """Count ``(disposition, persons)`` pairs in one pass (the SQL gives the same)."""
    counts: dict[str, Count] = {}
    for disposition, persons in records:
        counts[disposition] = counts.get(disposition, Count()) + Count(1, persons)
    return ReceptionTally(counts)


def _count(data: Mapping[str, Any]) -> Count:
    return Count(int(data.get("batches", 0)), int(data.get("persons", 0)))


def reception_sentence(year: int, tally: ReceptionTally, centres: int = 1) -> str:
    """``2025年信访服务中心共接待群众135批301人次，其中当场疏导解释44批108人次，…``"""
    who = "信访服务中心" if centres <= 1 else f"{centres}个信访服务中心"
    total = tally.total
    if not total.batches:
        return f"{year}年{who}未接待群众来访。"
    parts = []
    explained, mediated = tally.of(_D.EXPLAINED), tally.of(_D.MEDIATION)
    if explained.batches:
        parts.append(f"当场疏导解释{explained.text()}")
    if mediated.batches:
        parts.append(f"进行调解的{mediated.text()}")
    others = [
        (tally.of(_D.ROUTED), "导入法定程序"),
        (tally.of(_D.LEADER), "由领导接访"),
        (tally.of(_D.JOINT), "联合接访"),
        (tally.of(_D.RECEIVED), "尚在处理中"),
    ]
    handed = tally.handed_over
    if handed.batches and not any(c.batches for c, _ in others):
        lead = "其他" if parts else ""
        parts.append(f"{lead}{handed.text()}按照《信访工作条例》交办（转办）责任单位，依法按有关规定办理")
    else:
        if handed.batches:
            parts.append(f"交办（转办）责任单位{handed.text()}")
        parts.extend(f"{label}{count.text()}" for count, label in others if count.batches)
    return f"{year}年{who}共接待群众{total.text()}，其中{'，'.join(parts)}。"


def cases_sentence(f: CaseFigures) -> str:
    """``全年受理调解案件12件，调解成功9件…`` (empty when there were no cases)."""
    if not (f.applied or f.opened or f.succeeded or f.failed or f.withdrawn or f.refused):
        return ""
    text = f"全年受理调解申请{f.applied}件，开展调解{f.opened}件"
    ended = [(f.succeeded, "调解成功"), (f.failed, "调解不成"), (f.withdrawn, "当事人撤回"), (f.refused, "不予调解")]
    listed = "，".join(f"{label}{n}件" for n, label in ended if n)
    if listed:
        text += f"，其中{listed}"
    if f.success_rate_pct is not None:
        text += f"，调解成功率{f.success_rate_pct}%"
    text += "。"
    if f.failed:
        text += "对调解不成的，均已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。"
    agreement_parts = []
    if f.agreements_effective:
        agreement_parts.append(f"达成调解协议{f.agreements_effective}份")
    if f.agreements_performed:
        agreement_parts.append(f"已履行完毕{f.agreements_performed}份")
    if agreement_parts:
        text += "，".join(agreement_parts)
    if f.confirmations_applied:
        text += ("；" if agreement_parts else "") + f"当事人共同申请司法确认{f.confirmations_applied}份"
    decided = [(f.confirmations_confirmed, "经人民法院确认有效"), (f.confirmations_rejected, "人民法院不予确认")]
    text += "".join(f"，{label}{n}份" for n, label in decided if n)
    if agreement_parts or f.confirmations_applied or any(n for n, _ in decided):
        text += "。"
    if f.escalated:
        text += f"对{f.escalated}起有激化可能的纠纷及时采取了预防措施，防止矛盾激化。"
    return text


def render_markdown(figures: Mapping[str, Any]) -> str:
    """The report section's Markdown (one paragraph) from the figures ``compute`` returned."""
    reception = figures["reception"]["by_disposition"]
    tally = ReceptionTally({k: _count(v) for k, v in reception.items()})
    cases = CaseFigures(**{k: int(v) for k, v in figures["cases"].items() if k != "success_rate_pct"})
    text = reception_sentence(int(figures["year"]), tally, int(figures.get("centres", 1)))
    return text + cases_sentence(cases) + "\n"
