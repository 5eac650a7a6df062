"""Deliberation (评议/合议) and the hearing conclusion (听证结论).

Votes are secret while deliberation is open: an officer sees only their own votes
(:meth:`Deliberation.visible_to`), and events never carry a vote's value.

How an issue is decided: the three views are ordered (reasonable > partly reasonable > not
reasonable) and the result is the *median* vote, i.e. the view that a majority holds *or
goes beyond* in each direction. When a majority holds one view exactly, that view is the
median. When views split three ways (one each), the middle view wins, as when a collegial
bench counts the votes for the furthest view toward the next one until a majority forms.
With an odd voting body the median always exists and is unique, so a tie cannot happen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import session_events as sev
from hearing_core.hearings.domain.rules import DomainRule, domain_violation
from hearing_core.hearings.domain.vocab import VoteValue

__all__ = ["Conclusion", "Deliberation", "Dissent", "DisputedIssue", "IssueResult", "Vote", "Voter", "decide"]


@dataclass
class DisputedIssue:
    """A disputed point the panel must answer (争议焦点)."""

    no: int
    title: str
    id: int | None = None


@dataclass(frozen=True)
class Voter:
    person_id: int
    name: str


@dataclass
class Vote:
    """One officer's view and opinion on one issue (评议意见)."""

    issue_no: int
    voter_person_id: int
    value: VoteValue
    opinion: str
    cast_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        self.value = VoteValue(self.value)


@dataclass(frozen=True)
class Dissent:
    """A view that differs from the result, kept in the conclusion (少数意见)."""

    voter_person_id: int
    voter_name: str
    value: VoteValue
    opinion: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", VoteValue(self.value))


@dataclass(frozen=True)
class IssueResult:
    """The panel's answer on one issue."""

    issue_no: int
    title: str
    result: VoteValue
    tally: dict[str, int]
    strict_majority: bool  # more than half voted exactly ``result``
    majority_opinions: tuple[str, ...]
    dissents: tuple[Dissent, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "result", VoteValue(self.result))


@dataclass
class Conclusion:
    """The hearing conclusion (听证结论): advisory input to the organ's opinion."""

    results: list[IssueResult]
    facts_found: str
    basis: str
    recommendation: str
    reached_at: datetime
    on_spot: bool  # reached during the session, announced when it resumes
    announced_at: datetime | None = None
    id: int | None = None


def decide(values: Sequence[VoteValue]) -> VoteValue:
    """The median of an odd number of ordered votes."""
    if len(values) % 2 == 0:
        raise ValueError("an even number of votes can tie; the panel must be odd")
    ordered = sorted(values, key=lambda v: v.rank)
    return ordered[len(ordered) // 2]


@dataclass
class Deliberation:
    """The voting roster, frozen when deliberation opens, and the votes cast."""

    voters: list[Voter]
    opened_at: datetime
    votes: list[Vote] = field(default_factory=list)
    closed_at: datetime | None = None
    id: int | None = None

    def voter(self, person_id: int) -> Voter:
        found = next((v for v in self.voters if v.person_id == person_id), None)
        if found is None:
            raise ValidationFailed(
                "only the panel's voting members vote", [FieldError("voter_person_id", f"{person_id} does not vote")]
            )
        return found

    def cast(
        self, *, voter_person_id: int, issue: DisputedIssue, value: VoteValue, opinion: str, at: datetime
    ) -> sev.VoteCast:
        """Record (or, before closing, replace) an officer's vote on an issue."""
        self.voter(voter_person_id)
        if self.closed_at is not None:
            raise ValidationFailed("deliberation is closed", [FieldError("at", "votes are final")])
        if not opinion.strip():
            raise ValidationFailed("a vote states the officer's opinion", [FieldError("opinion", "must not be blank")])
        self.votes = [v for v in self.votes if not (v.voter_person_id == voter_person_id and v.issue_no == issue.no)]
        self.votes.append(Vote(issue.no, voter_person_id, value, opinion.strip(), at))
        return sev.VoteCast(issue.no, voter_person_id)

    def visible_to(self, viewer_person_id: int) -> list[Vote]:
        """Votes ``viewer`` may read: their own while open, every vote once closed."""
        if self.closed_at is not None:
            return list(self.votes)
        return [v for v in self.votes if v.voter_person_id == viewer_person_id]

    def missing(self, issues: Sequence[DisputedIssue]) -> list[tuple[str, int]]:
        """(voter name, issue no) for every vote still owed."""
        cast = {(v.voter_person_id, v.issue_no) for v in self.votes}
        return [(p.name, i.no) for i in issues for p in self.voters if (p.person_id, i.no) not in cast]

    def close(self, issues: Sequence[DisputedIssue], at: datetime) -> list[IssueResult]:
        """Close the vote and decide every issue; every voter must have voted on every issue."""
        if not issues:
            raise domain_violation(DomainRule.DELIBERATION_COMPLETE, "no disputed issue has been framed")
        if owed := self.missing(issues):
            shown = ", ".join(f"{name} on issue {no}" for name, no in owed[:5])
            raise domain_violation(DomainRule.DELIBERATION_COMPLETE, f"votes still owed: {shown}", owed=len(owed))
        self.closed_at = at
        return [self._result(issue) for issue in issues]

    def _result(self, issue: DisputedIssue) -> IssueResult:
        names = {v.person_id: v.name for v in self.voters}
        votes = [v for v in self.votes if v.issue_no == issue.no]
        result = decide([v.value for v in votes])
        tally = {str(value): sum(v.value is value for v in votes) for value in VoteValue}
        return IssueResult(
            issue_no=issue.no,
            title=issue.title,
            result=result,
            tally=tally,
            strict_majority=tally[str(result)] * 2 > len(votes),
            majority_opinions=tuple(v.opinion for v in votes if v.value is result),
            dissents=tuple(
                Dissent(v.voter_person_id, names[v.voter_person_id], v.value, v.opinion)
                for v in votes
                if v.value is not result
            ),
        )
