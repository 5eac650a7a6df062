"""A review or re-review application (复查、复核申请) and what happens to it.

The state lives in the ``APPLICATION`` machine: every action asks it first, then checks the
guards the table cannot express (dates in order, a refusal needs a failed ground, a remand
needs the time within which the lower organ redoes its opinion, the redone opinion may not
repeat the same conclusion on the same facts and reasons).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_review.domain.admissibility import Applicant, Challenged, Checklist
from hearing_review.domain.clocks import Obstacle
from hearing_review.domain.machine import APPLICATION
from hearing_review.domain.vocab import ApplicationState, Capacity, ChallengedKind, Ground, Kind, Outcome

__all__ = ["Decision", "Evidence", "Redo", "ReviewApplication", "redo_conclusions"]

TEXT_MAX = 10_000
#: Source of the remand rules (撤销并责令重新办理): reference §3.3.
REMAND_SOURCE = "地方信访事项复查复核办法第11条（fsou 169337）；HN06 第10条"


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence handed in with the application (证据材料)."""

    title: str
    pages: int | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "pages": self.pages, "note": self.note}


@dataclass(frozen=True)
class Decision:
    """The review or re-review opinion (复查意见 / 复核意见)."""

    outcome: Outcome
    decided_on: date
    findings: str  # 复查（复核）认定的事实和理由
    decided_by: str = ""
    #: Revoke and remand: the day by which the lower organ must issue its new opinion.
    redo_due_on: date | None = None
    #: Modify: the conclusion that replaces the original one.
    new_conclusion: str = ""


@dataclass(frozen=True)
class Redo:
    """The lower organ's new opinion after a remand (重新作出的意见)."""

    conclusion: str
    issued_on: date
    served_on: date | None
    same_facts: bool
    approved_by: str = ""  # prior consent of the reviewing organ


def redo_conclusions(kind: Kind) -> tuple[str, ...]:
    """Conclusions a redone opinion may reach: a handling opinion's, or a review opinion's."""
    if kind is Kind.REVIEW:
        return ("support", "explain", "not_support")
    return (Outcome.UPHOLD.value, Outcome.MODIFY.value)


def _after(name: str, later: date, earlier: date | None, earlier_name: str) -> None:
    if earlier is not None and later < earlier:
        raise ValidationFailed("dates out of order", [FieldError(name, f"{later} is before {earlier_name} {earlier}")])


@dataclass
class ReviewApplication:
    """复查（复核）申请: the application, its admissibility, decision, service and redo."""

    kind: Kind
    challenged: Challenged
    applicant: Applicant
    receiving_organ: str
    request: str
    reasons: str
    received_on: date
    evidence: list[Evidence] = field(default_factory=list)
    ref: str = ""
    #: Changed only through the actions below (never assign it).
    state: str = APPLICATION.initial
    obstacles: list[Obstacle] = field(default_factory=list)
    accepted_elsewhere: str = ""
    declared_route: str = ""
    checklist: Checklist | None = None
    accepted_on: date | None = None
    not_accepted_on: date | None = None
    refused_ground: Ground | None = None
    decision: Decision | None = None
    served_on: date | None = None
    redo: Redo | None = None
    withdrawn_on: date | None = None
    withdraw_reason: str = ""
    id: int | None = None

    @property
    def matter_ref(self) -> str:
        return self.challenged.matter_ref

    @property
    def status(self) -> ApplicationState:
        return ApplicationState(self.state)

    def allowed_actions(self) -> list[str]:
        refused = set()
        if self.decision is None or self.decision.outcome is not Outcome.REVOKE_REMAND or self.redo is not None:
            refused.add("record_redo")
        return [a for a in APPLICATION.allowed_actions(self.state) if a not in refused]

    def problems(self, today: date) -> list[FieldError]:
        """What is wrong with the application as lodged (every problem at once)."""
        errors: list[FieldError] = []
        for name in ("request", "reasons"):
            text = getattr(self, name)
            if not text.strip():
                errors.append(FieldError(name, "is required"))
            elif len(text) > TEXT_MAX:
                errors.append(FieldError(name, f"at most {TEXT_MAX} characters"))
        if not self.applicant.name.strip():
            errors.append(FieldError("applicant.name", "is required"))
        if self.applicant.capacity is Capacity.AGENT and not self.applicant.agent_of.strip():
            errors.append(FieldError("applicant.agent_of", "an agent names the petitioner they act for"))
        if self.received_on > today:
            errors.append(FieldError("received_on", f"{self.received_on} is in the future"))
        # A re-review remand ends with the redone review opinion (the re-review organ consented to it).
        expected = (ChallengedKind.HANDLING_OPINION, ChallengedKind.REDONE_OPINION) if self.kind is Kind.REVIEW \
            else (ChallengedKind.REVIEW_OPINION,)
        if self.challenged.kind not in expected:
            errors.append(FieldError("challenged", f"a {self.kind.value} challenges a "
                                     f"{' or '.join(k.value for k in expected)}"))
        for i, e in enumerate(self.evidence):
            if not e.title.strip():
                errors.append(FieldError(f"evidence.{i}.title", "is required"))
            if e.pages is not None and e.pages < 1:
                errors.append(FieldError(f"evidence.{i}.pages", "at least 1"))
        return errors

    def _move(self, action: str) -> str:
        return APPLICATION.target(self.state, action)

    def accept(self, on: date, checklist: Checklist) -> None:
        """受理: only when every ground of the checklist passed."""
        target = self._move("accept")
        if not checklist.admissible:
            first = checklist.failed[0]
            grounds = "; ".join(f"{r.ground.value}: {r.detail}" for r in checklist.failed)
            raise RuleViolation(f"application {self.ref} is not admissible: {grounds}",
                                rule=first.rule or f"review.admissibility.{first.ground.value}", source=first.source,
                                failed=[r.ground.value for r in checklist.failed])
        _after("accepted_on", on, self.received_on, "received_on")
        self.state, self.accepted_on, self.checklist = target, on, checklist

    def refuse(self, on: date, checklist: Checklist) -> None:
        """不予受理: needs at least one failed ground; the first one is the counted ground."""
        target = self._move("refuse")
        if checklist.admissible:
            raise RuleViolation(f"every admissibility ground of {self.ref} passed: accept it instead",
                                rule="review.admissibility")
        _after("not_accepted_on", on, self.received_on, "received_on")
        self.state, self.not_accepted_on, self.checklist = target, on, checklist
        self.refused_ground = checklist.primary

    def decide(self, decision: Decision) -> None:
        """作出复查（复核）意见: uphold, revoke and remand (with a time to redo), or modify."""
        target = self._move("decide")
        _after("decided_on", decision.decided_on, self.accepted_on, "accepted_on")
        errors = []
        if not decision.findings.strip():
            errors.append(FieldError("findings", "the opinion states the facts found and its reasons"))
        if decision.outcome is Outcome.REVOKE_REMAND:
            if decision.redo_due_on is None or decision.redo_due_on <= decision.decided_on:
                errors.append(FieldError("redo_due_on", "a remand sets the day, after the decision, by which the "
                                         "lower organ issues its new opinion"))
        elif decision.redo_due_on is not None:
            errors.append(FieldError("redo_due_on", "only a remand (revoke_remand) sets a time to redo"))
        if decision.outcome is Outcome.MODIFY and not decision.new_conclusion.strip():
            errors.append(FieldError("new_conclusion", "a modification states the new conclusion"))
        if errors:
            raise ValidationFailed("invalid decision", errors)
        self.state, self.decision = target, decision

    def serve(self, on: date) -> None:
        """送达: the opinion reached the applicant (opens the re-review window, or ends the matter)."""
        target = self._move("serve")
        assert self.decision is not None
        _after("served_on", on, self.decision.decided_on, "decided_on")
        self.state, self.served_on = target, on

    def record_redo(self, redo: Redo) -> bool:
        """The lower organ's new opinion after a remand; returns True when it came late."""
        target = self._move("record_redo")
        if self.decision is None or self.decision.outcome is not Outcome.REVOKE_REMAND:
            raise RuleViolation(f"{self.ref} was not remanded: there is nothing to redo", rule="review.remand")
        if self.redo is not None:
            raise RuleViolation(f"the redone opinion of {self.ref} is already recorded", rule="review.remand_once")
        if redo.conclusion not in redo_conclusions(self.kind):
            raise ValidationFailed("invalid conclusion", [FieldError(
                "conclusion", f"one of {', '.join(redo_conclusions(self.kind))}")])
        _after("issued_on", redo.issued_on, self.served_on, "the remand's service")
        if redo.served_on is not None:
            _after("served_on", redo.served_on, redo.issued_on, "issued_on")
        if redo.same_facts and redo.conclusion == self.challenged.conclusion:
            raise RuleViolation(
                f"the lower organ may not reach the same conclusion ({redo.conclusion}) again on the same facts "
                "and reasons after a remand", rule="review.remand_no_same_conclusion", source=REMAND_SOURCE)
        self.state, self.redo = target, redo
        due = self.decision.redo_due_on
        return due is not None and redo.issued_on > due

    def withdraw(self, on: date, reason: str = "") -> None:
        """撤回: the applicant withdraws before the decision."""
        target = self._move("withdraw")
        _after("withdrawn_on", on, self.received_on, "received_on")
        self.state, self.withdrawn_on, self.withdraw_reason = target, on, reason.strip()
