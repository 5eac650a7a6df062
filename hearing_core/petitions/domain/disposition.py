"""Disposition (受理 / 不予受理 / 转送 / 交办 / 办理) of a petition item or matter.

The workflow is one :class:`~hearing_core.fsm.StateMachine` (``DISPOSITION``);
:class:`Disposition` keeps the dates and facts each step records and checks the
guards the table cannot express (date order, the single extension and its
maximum, the completion report owed on an assigned matter).

Each action returns the :class:`ClockEvent` values it produced: the dates that
start statutory clocks (received → 15-day disposition, accepted → 60-day
handling, extended → +N days, opinion served → 30-day review window …). The
deadline engine reads them; :meth:`Disposition.clock_events` rebuilds the full
list from the stored fields, so events never need their own table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_core.fsm import StateMachine, Transition
from hearing_core.petitions.domain.codes import NotAcceptedReason, OpinionOutcome, StatutoryRoute

__all__ = ["DISPOSITION", "ClockEvent", "Disposition", "DispositionState", "EventKind", "Handover"]


class DispositionState(StrEnum):
    REGISTERED = "registered"  # 已登记
    ACCEPTED = "accepted"  # 已受理
    NOT_ACCEPTED = "not_accepted"  # 不予受理
    TRANSFERRED = "transferred"  # 已转送
    ASSIGNED = "assigned"  # 已交办
    OPINION_ISSUED = "opinion_issued"  # 已出具处理意见
    CONCLUDED = "concluded"  # 办结
    ROUTED = "routed_to_statutory_procedure"  # 导入法定程序


class Handover(StrEnum):
    """How the bureau passed the matter on: 转送 (no report duty) or 交办 (report due)."""

    TRANSFER = "transfer"
    ASSIGN = "assign"


class EventKind(StrEnum):
    """Dated events a deadline can start from."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    TRANSFERRED = "transferred"
    ASSIGNED = "assigned"
    EXTENDED = "extended"
    COMPLETION_REPORTED = "completion_reported"
    OPINION_ISSUED = "opinion_issued"
    OPINION_SERVED = "opinion_served"
    ROUTED = "routed_to_statutory_procedure"
    CONCLUDED = "concluded"


@dataclass(frozen=True)
class ClockEvent:
    """A dated event; ``days`` for an extension, ``due_on`` for an assignment's deadline."""

    kind: EventKind
    on: date
    days: int | None = None
    due_on: date | None = None


_S = DispositionState
_HANDLING = (_S.ACCEPTED.value, _S.TRANSFERRED.value, _S.ASSIGNED.value)


def _t(action: str, sources: tuple[str, ...], target: str, label: str) -> Transition:
    return Transition(action, tuple(str(s) for s in sources), str(target), label=label)


DISPOSITION = StateMachine(
    "disposition",
    [s.value for s in DispositionState],
    [
        _t("accept", (_S.REGISTERED,), _S.ACCEPTED, "受理"),
        _t("not_accept", (_S.REGISTERED,), _S.NOT_ACCEPTED, "不予受理"),
        _t("transfer", (_S.ACCEPTED,), _S.TRANSFERRED, "转送"),
        _t("assign", (_S.ACCEPTED,), _S.ASSIGNED, "交办"),
        # Extension, completion report and service do not change the state; one row
        # per source keeps the machine the single authority on where they may happen.
        *(_t("extend", (s,), s, "延期") for s in _HANDLING),
        _t("report_completion", (_S.ASSIGNED,), _S.ASSIGNED, "办结报告"),
        _t("report_completion", (_S.OPINION_ISSUED,), _S.OPINION_ISSUED, "办结报告"),
        _t("issue_opinion", _HANDLING, _S.OPINION_ISSUED, "出具处理意见"),
        _t("record_service", (_S.OPINION_ISSUED,), _S.OPINION_ISSUED, "送达"),
        _t("route_to_statutory", (_S.REGISTERED, *_HANDLING), _S.ROUTED, "导入法定程序"),
        _t("conclude", (_S.OPINION_ISSUED,), _S.CONCLUDED, "办结"),
    ],
    initial=_S.REGISTERED.value,
    final=(_S.NOT_ACCEPTED.value, _S.CONCLUDED.value, _S.ROUTED.value),
)


def _order(field_name: str, later: date, earlier: date | None, earlier_name: str) -> None:
    """Dates of one disposition never run backwards; say which two disagree."""
    if earlier is not None and later < earlier:
        raise ValidationFailed(
            "dates out of order",
            [FieldError(field_name, f"{later.isoformat()} is before {earlier_name} {earlier.isoformat()}")],
        )


def _required(field_name: str, text: str) -> str:
    if not text.strip():
        raise ValidationFailed(f"{field_name} is required", [FieldError(field_name, "is required")])
    return text.strip()


@dataclass
class Disposition:
    """The handling record (办理情况) of one item or matter, driven by ``DISPOSITION``."""

    received_on: date
    #: Current state; changed only through the action methods (never assign it).
    state: str = DISPOSITION.initial
    accepted_on: date | None = None
    not_accepted_on: date | None = None
    not_accepted_reason: NotAcceptedReason | None = None
    not_accepted_note: str = ""
    handover: Handover | None = None
    handling_unit: str | None = None  # 承办单位 / 责任单位
    handed_over_on: date | None = None
    assignment_due_on: date | None = None  # 交办 deadline for the completion report
    completion_reported_on: date | None = None
    completion_report: str = ""  # 办结报告
    extended_on: date | None = None
    extension_days: int | None = None
    extension_reason: str = ""
    opinion: OpinionOutcome | None = None
    opinion_issued_on: date | None = None
    opinion_served_on: date | None = None
    routed_to: StatutoryRoute | None = None
    routed_on: date | None = None
    concluded_on: date | None = None
    item_id: int | None = None
    matter_id: int | None = None
    id: int | None = None

    def allowed_actions(self) -> list[str]:
        """Actions the machine allows now, minus those a guard would refuse (for UI buttons)."""
        refused = set()
        if self.extension_days is not None:
            refused.add("extend")
        if self.handover is not Handover.ASSIGN or self.completion_reported_on is not None:
            refused.add("report_completion")
        if self.opinion_served_on is not None:
            refused.add("record_service")
        elif self.state == DispositionState.OPINION_ISSUED:
            refused.add("conclude")
        if self.handover is Handover.ASSIGN and self.completion_reported_on is None:
            refused.add("conclude")
        return [a for a in DISPOSITION.allowed_actions(self.state) if a not in refused]

    def _move(self, action: str) -> str:
        # Ask the machine first: a wrong state fails before any guard or field changes.
        return DISPOSITION.target(self.state, action)

    def accept(self, on: date) -> list[ClockEvent]:
        """受理: the handling clock (60 days in the national profile) starts here."""
        target = self._move("accept")
        _order("accepted_on", on, self.received_on, "received_on")
        self.state, self.accepted_on = target, on
        return [ClockEvent(EventKind.ACCEPTED, on)]

    def not_accept(self, on: date, reason: NotAcceptedReason, note: str = "") -> list[ClockEvent]:
        """不予受理 with a reason code; ``other`` needs a note saying what the reason was."""
        target = self._move("not_accept")
        _order("not_accepted_on", on, self.received_on, "received_on")
        if reason is NotAcceptedReason.OTHER:
            note = _required("not_accepted_note", note)
        self.state, self.not_accepted_on = target, on
        self.not_accepted_reason, self.not_accepted_note = reason, note.strip()
        return [ClockEvent(EventKind.NOT_ACCEPTED, on)]

    def transfer(self, on: date, unit: str) -> list[ClockEvent]:
        """转送 to the competent unit; no report duty."""
        target = self._move("transfer")
        _order("handed_over_on", on, self.accepted_on, "accepted_on")
        self.handling_unit = _required("handling_unit", unit)
        self.state, self.handover, self.handed_over_on = target, Handover.TRANSFER, on
        return [ClockEvent(EventKind.TRANSFERRED, on)]

    def assign(self, on: date, unit: str, due_on: date) -> list[ClockEvent]:
        """交办 to the competent unit, which must send a completion report by ``due_on``."""
        target = self._move("assign")
        _order("handed_over_on", on, self.accepted_on, "accepted_on")
        _order("assignment_due_on", due_on, on, "handed_over_on")
        self.handling_unit = _required("handling_unit", unit)
        self.state, self.handover, self.handed_over_on = target, Handover.ASSIGN, on
        self.assignment_due_on = due_on
        return [ClockEvent(EventKind.ASSIGNED, on, due_on=due_on)]

    def extend(self, on: date, days: int, reason: str, *, max_days: int) -> list[ClockEvent]:
        """延期: once only, at most ``max_days`` (the profile rule ``handling.extension_max``)."""
        target = self._move("extend")
        if self.extension_days is not None:
            raise RuleViolation(
                f"the handling period was already extended on {self.extended_on}; it may be extended only once",
                rule="handling.extension_once",
                source="信访条例 (2005) Art. 33",
            )
        if not 1 <= days <= max_days:
            raise RuleViolation(
                f"an extension must be 1 to {max_days} days, got {days}",
                rule="handling.extension_max",
                source="rule profile",
            )
        _order("extended_on", on, self.accepted_on, "accepted_on")
        reason = _required("extension_reason", reason)
        self.state, self.extended_on, self.extension_days, self.extension_reason = target, on, days, reason
        return [ClockEvent(EventKind.EXTENDED, on, days=days)]

    def report_completion(self, on: date, report: str) -> list[ClockEvent]:
        """办结报告 from the unit a matter was assigned (交办) to."""
        target = self._move("report_completion")
        if self.handover is not Handover.ASSIGN:
            raise RuleViolation(
                "only an assigned (交办) matter owes a completion report",
                rule="assignment.completion_report",
            )
        if self.completion_reported_on is not None:
            raise RuleViolation(
                "the completion report is already recorded", rule="assignment.completion_report_once"
            )
        _order("completion_reported_on", on, self.handed_over_on, "handed_over_on")
        self.completion_report = _required("completion_report", report)
        self.state, self.completion_reported_on = target, on
        return [ClockEvent(EventKind.COMPLETION_REPORTED, on)]

    def issue_opinion(
        self, on: date, outcome: OpinionOutcome, served_on: date | None = None
    ) -> list[ClockEvent]:
        """出具处理意见 (support / explain / not support); service may be recorded now or later."""
        target = self._move("issue_opinion")
        _order("opinion_issued_on", on, self.handed_over_on or self.accepted_on, "the previous step")
        if served_on is not None:
            _order("opinion_served_on", served_on, on, "opinion_issued_on")
        self.state, self.opinion, self.opinion_issued_on = target, outcome, on
        events = [ClockEvent(EventKind.OPINION_ISSUED, on)]
        if served_on is not None:
            self.opinion_served_on = served_on
            events.append(ClockEvent(EventKind.OPINION_SERVED, served_on))
        return events

    def record_service(self, served_on: date) -> list[ClockEvent]:
        """送达: the petitioner received the opinion; the 30-day review window starts."""
        target = self._move("record_service")
        if self.opinion_served_on is not None:
            raise RuleViolation("the opinion's service is already recorded", rule="opinion.served_once")
        _order("opinion_served_on", served_on, self.opinion_issued_on, "opinion_issued_on")
        self.state, self.opinion_served_on = target, served_on
        return [ClockEvent(EventKind.OPINION_SERVED, served_on)]

    def route_to_statutory(self, on: date, route: StatutoryRoute) -> list[ClockEvent]:
        """导入法定程序: litigation, arbitration, reconsideration …; leaves the petition track."""
        target = self._move("route_to_statutory")
        _order(
            "routed_on", on, self.handed_over_on or self.accepted_on or self.received_on, "the previous step"
        )
        self.state, self.routed_to, self.routed_on = target, route, on
        return [ClockEvent(EventKind.ROUTED, on)]

    def conclude(self, on: date) -> list[ClockEvent]:
        """办结: needs the opinion served, and the completion report if it was assigned."""
        target = self._move("conclude")
        if self.opinion_served_on is None:
            raise RuleViolation(
                "the handling opinion has not been served yet", rule="conclude.opinion_served"
            )
        if self.handover is Handover.ASSIGN and self.completion_reported_on is None:
            raise RuleViolation(
                "an assigned (交办) matter needs its completion report (办结报告) before it is concluded",
                rule="conclude.completion_report",
            )
        _order("concluded_on", on, self.opinion_served_on, "opinion_served_on")
        self.state, self.concluded_on = target, on
        return [ClockEvent(EventKind.CONCLUDED, on)]

    def clock_events(self) -> list[ClockEvent]:
        """Every dated event so far, in date order, rebuilt from the stored fields."""
        candidates: list[tuple[EventKind, date | None, int | None, date | None]] = [
            (EventKind.RECEIVED, self.received_on, None, None),
            (EventKind.ACCEPTED, self.accepted_on, None, None),
            (EventKind.NOT_ACCEPTED, self.not_accepted_on, None, None),
            (
                EventKind.ASSIGNED if self.handover is Handover.ASSIGN else EventKind.TRANSFERRED,
                self.handed_over_on,
                None,
                self.assignment_due_on,
            ),
            (EventKind.EXTENDED, self.extended_on, self.extension_days, None),
            (EventKind.COMPLETION_REPORTED, self.completion_reported_on, None, None),
            (EventKind.OPINION_ISSUED, self.opinion_issued_on, None, None),
            (EventKind.OPINION_SERVED, self.opinion_served_on, None, None),
            (EventKind.ROUTED, self.routed_on, None, None),
            (EventKind.CONCLUDED, self.concluded_on, None, None),
        ]
        events = [ClockEvent(k, on, days, due) for k, on, days, due in candidates if on is not None]
        return sorted(events, key=lambda e: e.on)  # stable: same-day events keep workflow order
