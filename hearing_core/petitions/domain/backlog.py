"""Backlog ledger (积案台账) with leader ownership (领导包案).

A long-unresolved matter goes on the ledger with an owning leader (包案领导), a
responsible unit and person (责任单位 / 责任人), a plan and a time limit; the
working group reports progress monthly ("每月要定期上报案件的化解情况") until
the matter is resolved (化解) and, ideally, the petitioner stops petitioning
(息诉息访). The workflow is the ``BACKLOG`` state machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_core.fsm import StateMachine, Transition

__all__ = ["BACKLOG", "BacklogCase", "BacklogOrigin", "BacklogOutcome", "BacklogState", "ProgressEntry"]


class BacklogState(StrEnum):
    LISTED = "listed"  # 列入台账
    IN_PROGRESS = "in_progress"  # 化解中 (plan adopted)
    RESOLVED = "resolved"  # 已化解
    CEASED = "ceased_petitioning"  # 息诉息访


class BacklogOutcome(StrEnum):
    """Outcome reported on the ledger: 化解 or 息诉息访."""

    RESOLVED = "resolved"
    CEASED_PETITIONING = "ceased_petitioning"


class BacklogOrigin(StrEnum):
    """Who put the matter on the ledger; summaries report each group separately."""

    PROVINCIAL = "provincial"  # 省联席办交办
    MUNICIPAL = "municipal"  # 市联席办交办
    COUNTY = "county"  # 县联席办排查交办
    OTHER = "other"


BACKLOG = StateMachine(
    "backlog case",
    [s.value for s in BacklogState],
    [
        Transition("adopt_plan", ("listed",), "in_progress", label="制定化解方案"),
        Transition("record_progress", ("in_progress",), "in_progress", label="月度进展"),
        Transition("extend_time_limit", ("in_progress",), "in_progress", label="延期"),
        Transition("resolve", ("in_progress",), "resolved", label="化解"),
        # A petitioner may stop without a substantive solution (e.g. after the
        # three-level procedure ended), so cessation is reachable from both.
        Transition("cease", ("in_progress", "resolved"), "ceased_petitioning", label="息诉息访"),
    ],
    initial="listed",
    final=("ceased_petitioning",),
)


@dataclass(frozen=True)
class ProgressEntry:
    """One monthly progress report (月度进展): ``month`` is the first day of the month reported."""

    month: date
    text: str
    recorded_on: date


def _text(name: str, value: str) -> str:
    if not value.strip():
        raise ValidationFailed(f"{name} is required", [FieldError(name, "is required")])
    return value.strip()


def _not_before(name: str, value: date, floor: date, floor_name: str) -> None:
    if value < floor:
        raise ValidationFailed(
            "dates out of order",
            [FieldError(name, f"{value.isoformat()} is before {floor_name} {floor.isoformat()}")],
        )


def _months(start: date, end: date) -> list[date]:
    """First days of every month from ``start``'s month to ``end``'s month, inclusive."""
    months: list[date] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class BacklogCase:
    """A matter on the backlog ledger (积案), one file per case (一案一册)."""

    matter_ref: str
    listed_on: date
    owning_leader: str  # 包案领导
    responsible_unit: str  # 责任单位
    responsible_person: str  # 责任人
    time_limit: date  # 化解时限
    origin: BacklogOrigin = BacklogOrigin.COUNTY
    #: Current state; changed only through the action methods (never assign it).
    state: str = BACKLOG.initial
    plan: str = ""  # 化解方案
    plan_adopted_on: date | None = None
    progress: list[ProgressEntry] = field(default_factory=list)
    extended_on: date | None = None
    extension_approved_by: str = ""
    extension_reason: str = ""
    original_time_limit: date | None = None
    resolved_on: date | None = None
    ceased_on: date | None = None
    matter_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        for name in ("matter_ref", "owning_leader", "responsible_unit", "responsible_person"):
            setattr(self, name, _text(name, getattr(self, name)))
        _not_before("time_limit", self.time_limit, self.listed_on, "listed_on")

    def allowed_actions(self) -> list[str]:
        """Actions the machine allows now, minus a second extension (for UI buttons)."""
        refused = {"extend_time_limit"} if self.extended_on is not None else set()
        return [a for a in BACKLOG.allowed_actions(self.state) if a not in refused]

    def adopt_plan(self, on: date, plan: str) -> None:
        """制定化解方案: work starts once the owning leader has a plan."""
        target = BACKLOG.target(self.state, "adopt_plan")
        _not_before("plan_adopted_on", on, self.listed_on, "listed_on")
        self.plan = _text("plan", plan)
        self.state, self.plan_adopted_on = target, on

    def record_progress(self, month: date, text: str, recorded_on: date) -> ProgressEntry:
        """月度进展: one entry per calendar month, not for a month that has not started."""
        target = BACKLOG.target(self.state, "record_progress")
        first = date(month.year, month.month, 1)
        _not_before("month", first, date(self.listed_on.year, self.listed_on.month, 1), "the listing month")
        if first > recorded_on:
            raise ValidationFailed(
                "month not started", [FieldError("month", "cannot report on a future month")]
            )
        if any(e.month == first for e in self.progress):
            raise RuleViolation(
                f"progress for {first:%Y-%m} is already recorded", rule="backlog.progress_monthly"
            )
        entry = ProgressEntry(first, _text("text", text), recorded_on)
        self.state = target
        self.progress.append(entry)
        self.progress.sort(key=lambda e: e.month)
        return entry

    def missing_progress_months(self, today: date) -> list[date]:
        """Months since listing (before the current one) without a progress entry, while open."""
        if self.state in (BacklogState.RESOLVED, BacklogState.CEASED):
            return []
        reported = {e.month for e in self.progress}
        return [m for m in _months(self.listed_on, today)[:-1] if m not in reported]

    def extend_time_limit(self, on: date, new_limit: date, approved_by: str, reason: str) -> None:
        """延期: once, with the principal leader's approval (the township rule in reference §6)."""
        target = BACKLOG.target(self.state, "extend_time_limit")
        if self.extended_on is not None:
            raise RuleViolation("the time limit was already extended once", rule="backlog.extension_once")
        if new_limit <= self.time_limit:
            raise ValidationFailed(
                "time limit not later",
                [FieldError("time_limit", "the new time limit must be later than the old one")],
            )
        _not_before("extended_on", on, self.listed_on, "listed_on")
        self.extension_approved_by = _text("approved_by", approved_by)
        self.extension_reason = _text("reason", reason)
        self.state, self.extended_on = target, on
        self.original_time_limit, self.time_limit = self.time_limit, new_limit

    def resolve(self, on: date) -> None:
        """化解: the problem is substantively solved."""
        target = BACKLOG.target(self.state, "resolve")
        _not_before("resolved_on", on, self.plan_adopted_on or self.listed_on, "plan_adopted_on")
        self.state, self.resolved_on = target, on

    def cease(self, on: date) -> None:
        """息诉息访: the petitioner has stopped petitioning."""
        target = BACKLOG.target(self.state, "cease")
        _not_before(
            "ceased_on", on, self.resolved_on or self.plan_adopted_on or self.listed_on, "the previous step"
        )
        self.state, self.ceased_on = target, on

    @property
    def outcome(self) -> BacklogOutcome | None:
        """The ledger outcome: 息诉息访 outranks 化解 (it is the later, stronger result)."""
        if self.state == BacklogState.CEASED:
            return BacklogOutcome.CEASED_PETITIONING
        if self.state == BacklogState.RESOLVED:
            return BacklogOutcome.RESOLVED
        return None

    @property
    def is_resolved(self) -> bool:
        """Counts towards 化解率 (resolved, whether or not the petitioner has ceased)."""
        return self.state in (BacklogState.RESOLVED, BacklogState.CEASED)

    def is_overdue(self, today: date) -> bool:
        """Still open after its (possibly extended) time limit."""
        return not self.is_resolved and today > self.time_limit
