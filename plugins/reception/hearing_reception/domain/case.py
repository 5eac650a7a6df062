"""A received case (接访件): one visitor batch (一批来访) at a reception, and its follow-up.

Follow-up after the day (访后交办、督办), as the seed county runs it: the leader's
instruction (领导批示) goes to the responsible department within the transfer limit
(profile rule ``reception.instruction_transfer``, 2 days), the department replies by
its reply deadline (rule ``reception.department_reply``, or a date the bureau sets
for the case, 根据实际情况明确要求), and the petitioner's feedback closes the case.

Dates are the dates acts happened; none may lie in the future or before the act it
follows. Late acts are allowed (they happen) and are flagged, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_reception.domain.machines import CASE_MACHINE, CaseState
from hearing_reception.domain.vocab import FEEDBACK_LABELS, OUTCOME_LABELS, Feedback, Outcome

__all__ = ["TEXT_MAX", "VisitCase", "Visitor"]

TEXT_MAX = 10_000
_NAME_MAX = 100


@dataclass(frozen=True)
class Visitor:
    """A petitioner of the batch (来访人). Personal data: masked for viewers without the right."""

    name: str
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "id_number": self.id_number, "phone": self.phone, "address": self.address}


@dataclass
class VisitCase:
    """One visitor batch received at a reception, from registration (登记) to closing (办结)."""

    id: int | None
    reception_id: int
    received_on: date
    persons: int
    summary: str
    visitors: list[Visitor] = field(default_factory=list)
    request: str = ""
    category: str | None = None
    batch_no: int = 0
    #: The petition item (信访件) of the core register this batch is recorded as.
    item_ref: str | None = None
    state: str = CaseState.WAITING
    handling_note: str = ""
    outcome: Outcome | None = None
    heard_on: date | None = None
    instruction: str = ""
    instructed_by: str = ""
    instructed_on: date | None = None
    transfer_due: date | None = None
    department: str = ""
    transferred_on: date | None = None
    reply_due: date | None = None
    #: Where ``reply_due`` came from: ``set by the bureau`` or the rule, profile and calendar fingerprints.
    reply_due_basis: str = ""
    reply_text: str = ""
    replied_on: date | None = None
    reply_resolved: bool | None = None
    feedback: Feedback | None = None
    feedback_note: str = ""
    closed_on: date | None = None
    version: int = 1

    def problems(self) -> list[FieldError]:
        """Every problem of a new registration at once (登记表)."""
        errors: list[FieldError] = []
        if self.persons < 1 or self.persons > 10_000:
            errors.append(FieldError("persons", "must be from 1 to 10000"))
        if not self.summary.strip():
            errors.append(FieldError("summary", "is required (主要诉求)"))
        for name, text in (("summary", self.summary), ("request", self.request)):
            if len(text) > TEXT_MAX:
                errors.append(FieldError(name, f"must be at most {TEXT_MAX} characters"))
        if not self.visitors:
            errors.append(FieldError("petitioners", "at least one petitioner is registered (来访人)"))
        if len(self.visitors) > self.persons:
            errors.append(FieldError("petitioners", f"{len(self.visitors)} petitioners but only {self.persons} persons"))
        for i, visitor in enumerate(self.visitors):
            if not visitor.name.strip() or len(visitor.name) > _NAME_MAX:
                errors.append(FieldError(f"petitioners.{i}.name", f"is required, at most {_NAME_MAX} characters"))
        return errors

    def _move(self, action: str) -> tuple[str, str]:
        source = self.state
        self.state = CASE_MACHINE.target(source, action)
        return source, self.state

    # ------------------------------------------------------------------ on the day

    def hear(self, note: str, outcome: Outcome, on: date, today: date) -> tuple[str, str]:
        """The leader hears the batch: handling note (处理意见) and outcome category (分类)."""
        CASE_MACHINE.transition(self.state, "hear")
        _need_text("note", note)
        _check_date("heard_on", on, self.received_on, "the visit", today)
        self.handling_note, self.outcome, self.heard_on = note.strip(), outcome, on
        return self._move("hear")

    def withdraw(self) -> tuple[str, str]:
        return self._move("withdraw")

    # ------------------------------------------------------------------ follow-up

    def instruct(self, text: str, leader: str, on: date, today: date, transfer_due: date | None) -> tuple[str, str]:
        """Record the leader's instruction (领导批示) and the day it must reach the department.

        ``transfer_due`` is None when it cannot be counted yet (no holiday schedule for its year).
        """
        CASE_MACHINE.transition(self.state, "instruct")
        _need_text("instruction", text)
        if not leader.strip():
            raise ValidationFailed("instruction", [FieldError("leader", "name the instructing leader")])
        _check_date("instructed_on", on, self.heard_on or self.received_on, "the hearing", today)
        self.instruction, self.instructed_by, self.instructed_on = text.strip(), leader.strip(), on
        self.transfer_due = transfer_due
        return self._move("instruct")

    def transfer(self, department: str, on: date, today: date, reply_due: date, basis: str) -> tuple[str, str]:
        """Transfer the instruction to the responsible department (转交责任部门) with its reply deadline."""
        CASE_MACHINE.transition(self.state, "transfer")
        if not department.strip() or len(department) > 200:
            raise ValidationFailed("transfer", [FieldError("department", "is required, at most 200 characters")])
        assert self.instructed_on is not None
        _check_date("transferred_on", on, self.instructed_on, "the instruction", today)
        if reply_due < on:
            raise RuleViolation("the reply deadline is before the transfer", rule="reception.department_reply")
        self.department, self.transferred_on = department.strip(), on
        self.reply_due, self.reply_due_basis = reply_due, basis
        return self._move("transfer")

    def reply(self, text: str, on: date, resolved: bool, today: date) -> tuple[str, str]:
        """The department's reply (办结回复); ``resolved`` says the problem was solved (化解)."""
        CASE_MACHINE.transition(self.state, "reply")
        _need_text("reply", text)
        assert self.transferred_on is not None
        _check_date("replied_on", on, self.transferred_on, "the transfer", today)
        self.reply_text, self.replied_on, self.reply_resolved = text.strip(), on, resolved
        return self._move("reply")

    def give_feedback(self, grade: Feedback, note: str, on: date, today: date) -> tuple[str, str]:
        """The petitioner's feedback (回访反馈), which closes the case."""
        CASE_MACHINE.transition(self.state, "feedback")
        if len(note) > TEXT_MAX:
            raise ValidationFailed("feedback", [FieldError("note", f"must be at most {TEXT_MAX} characters")])
        _check_date("feedback_on", on, self.replied_on or self.heard_on or self.received_on, "the answer", today)
        self.feedback, self.feedback_note, self.closed_on = grade, note.strip(), on
        return self._move("feedback")

    def close(self, on: date, today: date) -> tuple[str, str]:
        CASE_MACHINE.transition(self.state, "close")
        _check_date("closed_on", on, self.replied_on or self.heard_on or self.received_on, "the answer", today)
        self.closed_on = on
        return self._move("close")

    # ------------------------------------------------------------------ flags

    def transfer_late(self, today: date) -> bool:
        """Transferred after the transfer limit, or still not transferred past it."""
        if self.transfer_due is None:
            return False
        return (self.transferred_on or today) > self.transfer_due

    def reply_overdue(self, today: date) -> bool:
        """Replied after the reply deadline, or no reply although the deadline has passed."""
        if self.reply_due is None:
            return False
        return (self.replied_on or today) > self.reply_due

    def as_dict(self, today: date) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.id, "reception_id": self.reception_id, "batch_no": self.batch_no,
            "received_on": iso(self.received_on), "persons": self.persons,
            "petitioners": [v.as_dict() for v in self.visitors],
            "summary": self.summary, "request": self.request, "category": self.category,
            "item_ref": self.item_ref, "state": str(self.state),
            "handling_note": self.handling_note,
            "outcome": str(self.outcome) if self.outcome else None,
            "outcome_zh": OUTCOME_LABELS[self.outcome] if self.outcome else None,
            "heard_on": iso(self.heard_on),
            "instruction": self.instruction, "instructed_by": self.instructed_by,
            "instructed_on": iso(self.instructed_on), "transfer_due": iso(self.transfer_due),
            "transfer_late": self.transfer_late(today),
            "department": self.department, "transferred_on": iso(self.transferred_on),
            "reply_due": iso(self.reply_due), "reply_due_basis": self.reply_due_basis,
            "reply_overdue": self.reply_overdue(today),
            "reply_text": self.reply_text, "replied_on": iso(self.replied_on),
            "reply_resolved": self.reply_resolved,
            "feedback": str(self.feedback) if self.feedback else None,
            "feedback_zh": FEEDBACK_LABELS[self.feedback] if self.feedback else None,
            "feedback_note": self.feedback_note, "closed_on": iso(self.closed_on),
            "allowed_actions": CASE_MACHINE.allowed_actions(self.state),
            "version": self.version,
        }


def _need_text(name: str, text: str) -> None:
    if not text.strip():
        raise ValidationFailed(f"{name} is required", [FieldError(name, "is required")])
    if len(text) > TEXT_MAX:
        raise ValidationFailed(f"{name} too long", [FieldError(name, f"must be at most {TEXT_MAX} characters")])


def _check_date(name: str, on: date, earliest: date, what: str, today: date) -> None:
    if on > today:
        raise ValidationFailed("date in the future", [FieldError(name, f"{on.isoformat()} is in the future")])
    if on < earliest:
        raise ValidationFailed(
            "dates out of order", [FieldError(name, f"{on.isoformat()} is before {what} ({earliest.isoformat()})")]
        )
