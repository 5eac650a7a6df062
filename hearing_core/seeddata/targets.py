"""Target counts of a synthetic year (年度目标数) and the seed summary's figures.

The seed summary (县信访局年度信访工作总结, part 一(一)) reports: 632 items — 199
letters and 433 visit batches of 1134 persons; 66 not accepted, 566 accepted;
218 repeats, so 348 distinct matters (纯件数), 52 of them backlog (14.9%); last
year 534 accepted in 311 distinct matters (+6.0%, +11.9%). The previous year's
channel split is not in the summary; :data:`SEED_PREVIOUS_YEAR` invents one that
gives its two published figures.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["SEED_PREVIOUS_YEAR", "SEED_YEAR", "YearTarget"]


@dataclass(frozen=True)
class YearTarget:
    """What one generated year must count to, exactly (件, 批, 人次, 纯件数, 积案)."""

    letters: int
    visit_batches: int
    visit_persons: int
    not_accepted: int
    distinct_matters: int
    backlog: int = 0
    #: Visit batches of at least the collective threshold (集体访); persons come on top.
    collective_batches: int = 0
    #: How many of the not-accepted items are letters (the rest are visits).
    not_accepted_letters: int | None = None

    @property
    def total(self) -> int:
        return self.letters + self.visit_batches

    @property
    def accepted(self) -> int:
        return self.total - self.not_accepted

    @property
    def repeat(self) -> int:
        return self.accepted - self.distinct_matters

    @property
    def na_letters(self) -> int:
        if self.not_accepted_letters is not None:
            return self.not_accepted_letters
        return min(self.letters, round(self.not_accepted * self.letters / max(self.total, 1)))

    def problems(self, collective_threshold: int) -> list[str]:
        """Why no register can have these counts (empty when it can)."""
        out = []
        if (
            min(self.letters, self.visit_batches, self.not_accepted, self.backlog, self.collective_batches)
            < 0
        ):
            out.append("counts must not be negative")
        if self.not_accepted > self.total:
            out.append("not_accepted exceeds the total")
        if not 0 < self.distinct_matters <= self.accepted:
            out.append("distinct_matters must be between 1 and the accepted items")
        if self.backlog > self.distinct_matters:
            out.append("backlog exceeds distinct_matters")
        if self.na_letters > self.letters or self.not_accepted - self.na_letters > self.visit_batches:
            out.append("not-accepted letters/visits exceed the letters/visits")
        if self.collective_batches > self.visit_batches:
            out.append("collective_batches exceeds visit_batches")
        small = self.visit_batches - self.collective_batches
        low = small + self.collective_batches * collective_threshold
        high = small * (collective_threshold - 1) + self.collective_batches * 60
        if not low <= self.visit_persons <= high:
            out.append(f"visit_persons must lie in {low}..{high} for these batches")
        return out

    def expected(self) -> dict[str, Any]:
        """The report figures this target implies (counts only, no percentages)."""
        data = asdict(self)
        data.pop("not_accepted_letters")
        data.update(total=self.total, accepted=self.accepted, repeat=self.repeat)
        return data


#: The seed year (part 一(一) of the seed summary).
SEED_YEAR = YearTarget(
    letters=199,
    visit_batches=433,
    visit_persons=1134,
    not_accepted=66,
    distinct_matters=348,
    backlog=52,
    collective_batches=14,
    not_accepted_letters=29,
)
#: The year before: 534 accepted items in 311 distinct matters, as the summary compares.
SEED_PREVIOUS_YEAR = YearTarget(
    letters=188,
    visit_batches=407,
    visit_persons=1049,
    not_accepted=61,
    distinct_matters=311,
    backlog=45,
    collective_batches=12,
    not_accepted_letters=27,
)
