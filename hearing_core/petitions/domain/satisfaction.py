"""Satisfaction evaluation (满意度评价) of a handled item.

The grades 满意 / 基本满意 / 不满意 are national practice, but neither the
evaluation window nor whether 基本满意 counts as satisfied was found in any
retrievable text (reference §5, Guangdong §5.3). Both are therefore parameters
the rule profile supplies; nothing here assumes a value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hearing_core.errors import RuleViolation
from hearing_core.petitions.domain.codes import CodedEnum
from hearing_core.petitions.domain.statistics import percent

__all__ = [
    "EvaluationWindow",
    "SatisfactionEvaluation",
    "SatisfactionGrade",
    "SatisfactionSummary",
    "evaluate",
    "is_satisfied",
    "summarise",
]


class SatisfactionGrade(CodedEnum):
    """A petitioner's rating."""

    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    NOT_SATISFIED = "not_satisfied", "不满意"


@dataclass(frozen=True)
class EvaluationWindow:
    """Dates on which a rating is accepted: from ``opens_on`` to ``closes_on`` inclusive.

    The window opens when the opinion (or acceptance notice) is served. The
    deadline engine may compute ``closes_on`` itself (holiday roll-forward);
    :meth:`from_days` is the plain calendar-day rule: the opening day is not
    counted, so a 7-day window opened on the 1st closes on the 8th.
    """

    opens_on: date
    closes_on: date

    @classmethod
    def from_days(cls, opens_on: date, days: int) -> EvaluationWindow:
        if days < 1:
            raise ValueError("an evaluation window must be at least 1 day")
        return cls(opens_on, opens_on + timedelta(days=days))

    def contains(self, on: date) -> bool:
        return self.opens_on <= on <= self.closes_on

    def is_overdue(self, today: date) -> bool:
        """The window has closed (an unrated item is then 超期未评价)."""
        return today > self.closes_on


@dataclass(frozen=True)
class SatisfactionEvaluation:
    """One rating of one item (``item_id``) or matter."""

    grade: SatisfactionGrade
    evaluated_on: date
    comment: str = ""
    item_id: int | None = None
    matter_id: int | None = None
    id: int | None = None


def evaluate(
    grade: SatisfactionGrade,
    evaluated_on: date,
    window: EvaluationWindow,
    *,
    comment: str = "",
    item_id: int | None = None,
) -> SatisfactionEvaluation:
    """Record a rating, refusing one outside the evaluation window."""
    if not window.contains(evaluated_on):
        raise RuleViolation(
            f"ratings are accepted from {window.opens_on} to {window.closes_on}; got {evaluated_on}",
            rule="satisfaction.window",
            source="rule profile",
        )
    return SatisfactionEvaluation(grade, evaluated_on, comment.strip(), item_id)


def is_satisfied(grade: SatisfactionGrade, *, basically_counts_as_satisfied: bool) -> bool:
    """Whether ``grade`` counts in 满意率 under the profile's grade mapping."""
    if grade is SatisfactionGrade.BASICALLY_SATISFIED:
        return basically_counts_as_satisfied
    return grade is SatisfactionGrade.SATISFIED


@dataclass(frozen=True)
class SatisfactionSummary:
    """参评率 and 满意率 for a period (percentages one decimal, ROUND_HALF_UP)."""

    eligible: int
    evaluated: int
    satisfied: int
    participation_pct: Decimal | None
    satisfaction_pct: Decimal | None


def summarise(
    grades: Iterable[SatisfactionGrade], *, eligible: int, basically_counts_as_satisfied: bool
) -> SatisfactionSummary:
    """Participation = evaluated ÷ eligible; satisfaction = satisfied ÷ evaluated."""
    evaluated = satisfied = 0
    for grade in grades:
        evaluated += 1
        satisfied += is_satisfied(grade, basically_counts_as_satisfied=basically_counts_as_satisfied)
    if evaluated > eligible:
        raise RuleViolation(
            f"{evaluated} ratings but only {eligible} eligible items",
            rule="statistics.identity.evaluated_le_eligible",
        )
    return SatisfactionSummary(
        eligible, evaluated, satisfied, percent(evaluated, eligible), percent(satisfied, evaluated)
    )
