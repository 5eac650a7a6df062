"""Assembling the annual report (年度报告) from aggregate counts — pure, no database.

The service counts with SQL and hands the counts in as :class:`YearData`; this
module checks them (:func:`~hearing_core.petitions.domain.statistics.annual_figures`
refuses figures that contradict each other, naming the identity), writes the
Chinese paragraphs and returns the report as plain JSON-ready data: the same
dict is the API's JSON, the input of every renderer and the content of a
snapshot. Percentages are strings (``"6.0"``) so they survive JSON exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hearing_core.petitions.domain.categories import CategoryCatalog
from hearing_core.petitions.domain.codes import NotAcceptedReason
from hearing_core.petitions.domain.statistics import AnnualFigures, PreviousYear, YearCounts, annual_figures
from hearing_core.reports.period import StatPeriod
from hearing_core.reports.text import intake_paragraphs, place_of

__all__ = ["CHANNEL_SERIES", "REPORT_VERSION", "YearData", "build_report", "plain"]

#: Bumped when the shape of the report dict changes (snapshots record it).
REPORT_VERSION = 1
#: Monthly series of the chart, in legend order, with their Chinese names.
CHANNEL_SERIES: dict[str, str] = {
    "letters": "来信",
    "visit_batches": "来访",
    "phone": "来电",
    "online": "网上信访",
    "other_channels": "其他渠道",
}


@dataclass(frozen=True)
class YearData:
    """What the database counted for one statistical year."""

    counts: YearCounts
    #: 12 values per series of :data:`CHANNEL_SERIES`, plus ``visit_persons``.
    monthly: Mapping[str, Sequence[int]] = field(default_factory=dict)
    #: Not-accepted items per reason code (不予受理理由).
    not_accepted_by_reason: Mapping[str, int] = field(default_factory=dict)
    #: Distinct matters (纯件数) per top-level category code.
    matters_by_category: Mapping[str, int] = field(default_factory=dict)
    #: Items still awaiting the acceptance decision (counted as accepted, 待受理).
    pending: int = 0

    def monthly_totals(self) -> list[int]:
        series = [self.monthly.get(key, [0] * 12) for key in CHANNEL_SERIES]
        return [sum(values) for values in zip(*series, strict=True)] if series else [0] * 12


def plain(value: Any) -> Any:
    """``value`` with Decimals as strings and tuples as lists (JSON-ready, exact)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _figures(f: AnnualFigures, matters_by_category: Mapping[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = plain(f.as_dict())
    for row in data["by_category"]:
        row["matters"] = matters_by_category.get(row["code"], 0)
    return data


_REASON_LABELS = {m.value: m.label for m in NotAcceptedReason}


def _reasons(counts: Mapping[str, int]) -> list[dict[str, Any]]:
    rows = []
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name = _REASON_LABELS.get(code) or code or "未注明"
        rows.append({"code": code, "name": name, "count": count})
    return rows


def build_report(
    period: StatPeriod,
    current: YearData,
    previous: YearData | None,
    *,
    organ_name: str,
    catalog: CategoryCatalog,
    collective_threshold: int,
    published_previous: PreviousYear | None = None,
    sections: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The report dict of statistical year ``period.year``.

    :param previous: the register's counts of the year before (``None`` or empty: no comparison).
    :param published_previous: last year's *published* figures (去年受理的总件数/纯件数), when the
        register does not hold last year's items; they take precedence over ``previous``.
    :raises RuleViolation: an identity of docs/register.md §8 does not hold (``rule`` names it).
    """
    previous_figures = None
    if previous is not None and (previous.counts.letters + previous.counts.visit_batches
                                 + previous.counts.phone + previous.counts.online
                                 + previous.counts.other_channels) > 0:  # fmt: skip
        previous_figures = annual_figures(
            previous.counts, catalog=catalog, collective_threshold=collective_threshold
        )
    basis = published_previous
    if basis is None and previous_figures is not None:
        basis = PreviousYear(previous_figures.accepted, previous_figures.distinct_matters)
    figures = annual_figures(
        current.counts, basis, catalog=catalog, collective_threshold=collective_threshold
    )
    place = place_of(organ_name)
    labels = period.month_labels()
    totals = current.monthly_totals()
    monthly: dict[str, Any] = {"labels": labels}
    for key in (*CHANNEL_SERIES, "visit_persons"):
        monthly[key] = list(current.monthly.get(key, [0] * 12))
    monthly["total"] = totals
    monthly["previous_total"] = previous.monthly_totals() if previous_figures and previous else None
    return {
        "report": "annual",
        "version": REPORT_VERSION,
        "year": period.year,
        "title": f"{organ_name}{period.year}年信访工作情况报告",
        "organ_name": organ_name,
        "place": place,
        "period": period.as_dict(),
        "period_label": period.label(),
        "collective_threshold": collective_threshold,
        "figures": _figures(figures, current.matters_by_category),
        "previous": None
        if previous_figures is None
        else _figures(previous_figures, previous.matters_by_category if previous else {}),
        "previous_source": "published" if published_previous else ("register" if previous_figures else None),
        "not_accepted_by_reason": _reasons(current.not_accepted_by_reason),
        "pending": current.pending,
        "monthly": monthly,
        "paragraphs": intake_paragraphs(figures, current.not_accepted_by_reason, labels, totals, place=place),
        "sections": [dict(s) for s in sections],
    }
