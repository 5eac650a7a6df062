from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hearing_core.errors import InvalidTransition, RuleViolation, ValidationFailed
from hearing_core.petitions.domain import (
    BacklogCase,
    BacklogOrigin,
    BacklogOutcome,
    EvaluationWindow,
    SatisfactionGrade,
    evaluate,
    is_satisfied,
    summarise,
)


def case() -> BacklogCase:
    return BacklogCase("M-7", date(2023, 3, 8), "王副县长", "县自然资源局", "陈科长", date(2023, 11, 30),
                       origin=BacklogOrigin.PROVINCIAL)  # fmt: skip


def test_backlog_case_runs_from_listing_to_cessation() -> None:
    c = case()
    assert c.allowed_actions() == ["adopt_plan"]
    with pytest.raises(InvalidTransition) as info:
        c.resolve(date(2023, 4, 1))
    assert info.value.state == "listed" and info.value.allowed == ["adopt_plan"]
    c.adopt_plan(date(2023, 3, 10), "一案一策：重新核定补偿标准")
    c.record_progress(date(2023, 4, 1), "已完成测绘", recorded_on=date(2023, 4, 28))
    c.record_progress(date(2023, 3, 15), "召开协调会", recorded_on=date(2023, 3, 31))
    assert [e.month for e in c.progress] == [date(2023, 3, 1), date(2023, 4, 1)]
    assert c.missing_progress_months(date(2023, 7, 10)) == [date(2023, 5, 1), date(2023, 6, 1)]
    with pytest.raises(RuleViolation) as dup:
        c.record_progress(date(2023, 4, 20), "再次报告", recorded_on=date(2023, 4, 30))
    assert dup.value.rule == "backlog.progress_monthly"
    assert c.is_overdue(date(2023, 12, 1)) and c.outcome is None
    c.resolve(date(2023, 11, 20))
    assert c.outcome is BacklogOutcome.RESOLVED and c.is_resolved and not c.is_overdue(date(2023, 12, 1))
    c.cease(date(2023, 12, 20))
    assert c.outcome is BacklogOutcome.CEASED_PETITIONING
    assert (c.resolved_on, c.ceased_on) == (date(2023, 11, 20), date(2023, 12, 20))
    assert c.allowed_actions() == [] and c.missing_progress_months(date(2024, 3, 1)) == []


def test_time_limit_extension_once_with_approval() -> None:
    c = case()
    c.adopt_plan(date(2023, 3, 10), "方案")
    with pytest.raises(ValidationFailed):
        c.extend_time_limit(date(2023, 11, 1), date(2023, 11, 30), "县委书记", "需省厅批复")
    with pytest.raises(ValidationFailed) as info:
        c.extend_time_limit(date(2023, 11, 1), date(2024, 2, 29), " ", "需省厅批复")
    assert info.value.errors[0].field == "approved_by"
    c.extend_time_limit(date(2023, 11, 1), date(2024, 2, 29), "县委书记", "需省厅批复")
    assert (c.original_time_limit, c.time_limit) == (date(2023, 11, 30), date(2024, 2, 29))
    assert c.allowed_actions() == ["record_progress", "resolve", "cease"]
    with pytest.raises(RuleViolation):
        c.extend_time_limit(date(2024, 2, 1), date(2024, 5, 31), "县委书记", "再延")


def test_ceasing_without_resolution_and_required_fields() -> None:
    c = case()
    c.adopt_plan(date(2023, 3, 10), "方案")
    c.cease(date(2023, 6, 1))
    assert c.outcome is BacklogOutcome.CEASED_PETITIONING and c.resolved_on is None
    with pytest.raises(ValidationFailed) as info:
        BacklogCase("M-8", date(2023, 3, 8), "", "单位", "人", date(2023, 12, 31))
    assert info.value.errors[0].field == "owning_leader"
    with pytest.raises(ValidationFailed):
        BacklogCase("M-8", date(2023, 3, 8), "领导", "单位", "人", date(2023, 1, 1))


def test_evaluation_window_is_a_parameter() -> None:
    window = EvaluationWindow.from_days(date(2023, 5, 1), 7)
    assert window.closes_on == date(2023, 5, 8)
    rating = evaluate(SatisfactionGrade.BASICALLY_SATISFIED, date(2023, 5, 8), window, item_id=3)
    assert rating.grade is SatisfactionGrade.BASICALLY_SATISFIED and rating.item_id == 3
    with pytest.raises(RuleViolation) as info:
        evaluate(SatisfactionGrade.SATISFIED, date(2023, 5, 9), window)
    assert info.value.rule == "satisfaction.window"
    assert window.is_overdue(date(2023, 5, 9)) and not window.is_overdue(date(2023, 5, 8))
    assert SatisfactionGrade.parse("基本满意") is SatisfactionGrade.BASICALLY_SATISFIED


def test_basically_satisfied_mapping_changes_the_rate() -> None:
    grades = [SatisfactionGrade.SATISFIED] * 5 + [SatisfactionGrade.BASICALLY_SATISFIED] * 2 + [
        SatisfactionGrade.NOT_SATISFIED
    ]
    assert is_satisfied(SatisfactionGrade.BASICALLY_SATISFIED, basically_counts_as_satisfied=True)
    assert not is_satisfied(SatisfactionGrade.BASICALLY_SATISFIED, basically_counts_as_satisfied=False)
    counted = summarise(grades, eligible=12, basically_counts_as_satisfied=True)
    strict = summarise(grades, eligible=12, basically_counts_as_satisfied=False)
    assert (counted.evaluated, counted.satisfied, counted.satisfaction_pct) == (8, 7, Decimal("87.5"))
    assert (strict.satisfied, strict.satisfaction_pct) == (5, Decimal("62.5"))
    assert counted.participation_pct == Decimal("66.7")
    with pytest.raises(RuleViolation):
        summarise(grades, eligible=3, basically_counts_as_satisfied=True)
