"""Annual statistics arithmetic (年度信访统计), exactly as year-end summaries compute it.

The database layer counts with SQL aggregates and hands the counts in as
:class:`YearCounts`; :func:`~hearing_core.petitions.domain.tally.tally` computes
the same counts in Python from item records (imports, tests, cross-checks). :func:`annual_figures` derives the
report figures and refuses to publish numbers that contradict each other: each
identity that fails raises :class:`~hearing_core.errors.RuleViolation` whose
``rule`` names it (``statistics.identity.<name>``).

Definitions (reference §5; the seed summary's arithmetic):

* total (信访总量, 件) = letters + visit batches + phone + online + other channels
* accepted (实际受理) = total − not accepted
* repeat (重复件) = accepted − distinct matters among accepted items (纯件数)
* backlog share = backlog matters ÷ distinct matters
* year-on-year = (this year − last year) ÷ last year, for accepted and distinct

Percentages are ``Decimal`` rounded to one decimal with ROUND_HALF_UP, because
float rounding turns 14.95 into 14.9 and reports must match a hand calculation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hearing_core.errors import RuleViolation
from hearing_core.petitions.domain.categories import CategoryCatalog
from hearing_core.petitions.domain.codes import Channel

__all__ = [
    "CHANNEL_BUCKET",
    "UNCATEGORISED",
    "AnnualFigures",
    "PreviousYear",
    "YearCounts",
    "annual_figures",
    "change_pct",
    "percent",
]

_ONE_DECIMAL = Decimal("0.1")
#: Category key under which items without a category are counted.
UNCATEGORISED = "other"

#: Which count of :class:`YearCounts` each channel adds to. Summaries report letters,
#: visits, calls and online petitions; the rest are "other channels" (其他渠道).
CHANNEL_BUCKET: dict[Channel, str] = {
    Channel.LETTER: "letters",
    Channel.VISIT: "visit_batches",
    Channel.PHONE: "phone",
    Channel.ONLINE: "online",
    Channel.FAX: "other_channels",
    Channel.EMAIL: "other_channels",
    Channel.LEADER_MAILBOX: "other_channels",
    Channel.HOTLINE_12345: "other_channels",
    Channel.INSPECTION_TRANSFER: "other_channels",
}


def percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator × 100`` to one decimal (ROUND_HALF_UP); ``None`` if nothing to divide by."""
    if denominator == 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def change_pct(current: int, previous: int | None) -> Decimal | None:
    """Signed change against ``previous`` in percent (同比), ``None`` without a base."""
    if not previous:
        return None
    return percent(current - previous, previous)


@dataclass(frozen=True)
class YearCounts:
    """Aggregate counts of one statistical year (the input of :func:`annual_figures`).

    ``total`` and ``accepted`` are optional: when the database counts them
    independently, passing them lets the identities catch a broken query.
    ``by_category`` counts *accepted* items per category code (any level).
    """

    year: int
    letters: int
    visit_batches: int
    visit_persons: int
    not_accepted: int
    distinct_matters: int
    backlog: int = 0
    phone: int = 0
    online: int = 0
    other_channels: int = 0
    collective_batches: int = 0
    collective_persons: int = 0
    total: int | None = None
    accepted: int | None = None
    by_category: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PreviousYear:
    """Last year's published figures the report compares against (同比)."""

    accepted: int
    distinct_matters: int


@dataclass(frozen=True)
class AnnualFigures:
    """The derived figures of one year; :meth:`as_dict` is the report/API shape."""

    year: int
    total: int
    letters: int
    visit_batches: int
    visit_persons: int
    phone: int
    online: int
    other_channels: int
    collective_batches: int
    collective_persons: int
    not_accepted: int
    accepted: int
    repeat: int
    distinct_matters: int
    backlog: int
    backlog_share_pct: Decimal | None
    previous_accepted: int | None
    previous_distinct_matters: int | None
    accepted_yoy_pct: Decimal | None
    distinct_yoy_pct: Decimal | None
    by_category: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["by_category"] = [dict(row) for row in self.by_category]
        return data


def _check(ok: bool, name: str, detail: str) -> None:
    if not ok:
        raise RuleViolation(
            f"statistics identity '{name}' does not hold: {detail}",
            rule=f"statistics.identity.{name}",
            source="reference.md §5",
        )


def _categories(
    counts: Mapping[str, int], accepted: int, catalog: CategoryCatalog | None
) -> tuple[dict[str, Any], ...]:
    """Roll category counts up to top levels (if a catalog is given), largest first."""
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    for key, count in counts.items():
        code, name = key, key
        if catalog is not None:
            if catalog.get(key) is None:
                _check(False, "categories_known", f"unknown category '{key}' in the counts")
            top = catalog.top_level(key)
            code, name = top.code, top.name
        totals[code] = totals.get(code, 0) + count
        names[code] = name
    if catalog is not None:
        order = {c.code: i for i, c in enumerate(catalog.top_levels())}
    rows = sorted(totals, key=lambda code: (-totals[code], order.get(code, len(order)), code))
    return tuple(
        {
            "code": code,
            "name": names[code],
            "count": totals[code],
            "share_pct": percent(totals[code], accepted),
        }
        for code in rows
    )


def annual_figures(
    counts: YearCounts,
    previous: PreviousYear | None = None,
    *,
    catalog: CategoryCatalog | None = None,
    collective_threshold: int | None = None,
) -> AnnualFigures:
    """Derive and check the year's figures. Raises RuleViolation naming a broken identity."""
    c = counts
    numbers = {k: v for k, v in vars(c).items() if isinstance(v, int) and k != "year"}
    negative = [k for k, v in numbers.items() if v < 0]
    _check(not negative, "non_negative", f"negative counts: {', '.join(negative)}")
    total = c.letters + c.visit_batches + c.phone + c.online + c.other_channels
    if c.total is not None:
        _check(
            c.total == total,
            "channels_sum_to_total",
            f"letters + visit_batches + phone + online + other_channels = {total}, but total = {c.total}",
        )
    accepted = total - c.not_accepted
    _check(accepted >= 0, "not_accepted_le_total", f"not_accepted {c.not_accepted} > total {total}")
    if c.accepted is not None:
        _check(
            c.accepted + c.not_accepted == total,
            "accepted_plus_not_accepted",
            f"accepted {c.accepted} + not_accepted {c.not_accepted} != total {total}",
        )
    _check(
        c.visit_persons >= c.visit_batches,
        "visit_persons_ge_batches",
        f"{c.visit_persons} persons in {c.visit_batches} visit batches",
    )
    _check(
        c.collective_batches <= c.visit_batches and c.collective_persons <= c.visit_persons,
        "collective_within_visits",
        f"collective {c.collective_batches} batches / {c.collective_persons} "
        f"persons exceed visits {c.visit_batches} / {c.visit_persons}",
    )
    floor = collective_threshold or 1
    _check(
        c.collective_persons >= c.collective_batches * floor,
        "collective_persons_ge_threshold",
        f"{c.collective_persons} persons in {c.collective_batches} collective batches (threshold {floor})",
    )
    repeat = accepted - c.distinct_matters
    _check(repeat >= 0, "repeat_non_negative", f"distinct matters {c.distinct_matters} > accepted {accepted}")
    _check(
        accepted == 0 or c.distinct_matters > 0,
        "distinct_positive",
        f"{accepted} accepted items but no distinct matter",
    )
    _check(
        c.backlog <= c.distinct_matters,
        "backlog_le_distinct",
        f"backlog {c.backlog} > distinct matters {c.distinct_matters}",
    )
    if c.by_category:
        counted = sum(c.by_category.values())
        _check(
            counted == accepted,
            "categories_sum_to_accepted",
            f"category counts add up to {counted}, accepted is {accepted}",
        )
    if previous is not None:
        _check(
            previous.accepted >= 0 and 0 <= previous.distinct_matters <= previous.accepted,
            "previous_year_consistent",
            f"previous year accepted {previous.accepted}, distinct {previous.distinct_matters}",
        )
    return AnnualFigures(
        year=c.year,
        total=total,
        letters=c.letters,
        visit_batches=c.visit_batches,
        visit_persons=c.visit_persons,
        phone=c.phone,
        online=c.online,
        other_channels=c.other_channels,
        collective_batches=c.collective_batches,
        collective_persons=c.collective_persons,
        not_accepted=c.not_accepted,
        accepted=accepted,
        repeat=repeat,
        distinct_matters=c.distinct_matters,
        backlog=c.backlog,
        backlog_share_pct=percent(c.backlog, c.distinct_matters),
        previous_accepted=previous.accepted if previous else None,
        previous_distinct_matters=previous.distinct_matters if previous else None,
        accepted_yoy_pct=change_pct(accepted, previous.accepted) if previous else None,
        distinct_yoy_pct=change_pct(c.distinct_matters, previous.distinct_matters) if previous else None,
        by_category=_categories(c.by_category, accepted, catalog),
    )
