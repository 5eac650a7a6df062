"""Service of documents (文书送达) and the checks that depend on the service date.

A deadline that runs from notification runs from the day the document was actually served
on that person, so every service is logged with its method, date and proof (送达回证,
postal receipt number, SMS gateway id, ...), and checks read the log, not the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hearing_core.hearings.domain.parties import NoticeTarget, Participant, notice_targets
from hearing_core.hearings.domain.rules import DeadlineCalculator, RuleId, deadline_violation
from hearing_core.hearings.domain.vocab import DocumentKind, ServiceMethod

__all__ = ["ServiceRecord", "check_notices_timely", "first_service", "unserved_targets"]


@dataclass
class ServiceRecord:
    """One document served on one recipient (送达记录)."""

    seq: int
    document: DocumentKind
    recipient_no: int
    method: ServiceMethod
    served_on: date
    proof_ref: str
    #: Which schedule or resumption a notice announces (its number); an older notice does
    #: not count for a new date.
    subject_no: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.document, self.method = DocumentKind(self.document), ServiceMethod(self.method)


def first_service(
    log: Sequence[ServiceRecord],
    document: DocumentKind,
    recipient_nos: Sequence[int],
    subject_no: int | None = None,
) -> ServiceRecord | None:
    """The earliest service of ``document`` on any of ``recipient_nos`` (about ``subject_no``)."""
    matches = [
        r
        for r in log
        if r.document is document and r.recipient_no in recipient_nos and r.subject_no == subject_no
    ]
    return min(matches, key=lambda r: r.served_on, default=None)


def unserved_targets(
    log: Sequence[ServiceRecord],
    participants: Sequence[Participant],
    document: DocumentKind,
    subject_no: int | None = None,
) -> list[NoticeTarget]:
    """Targets who have not been served ``document`` (about ``subject_no``)."""
    return [
        t
        for t in notice_targets(participants)
        if first_service(log, document, t.recipient_nos, subject_no) is None
    ]


def check_notices_timely(
    calc: DeadlineCalculator,
    log: Sequence[ServiceRecord],
    participants: Sequence[Participant],
    hearing_day: date,
    schedule_no: int,
) -> None:
    """Every target was served the hearing notice for this schedule by the last valid day.

    Raises a ``hearing.notice`` violation naming the first target not served, or served late,
    with the latest valid notice date.
    """
    latest = calc.latest_before(RuleId.NOTICE, hearing_day)
    for target in notice_targets(participants):
        record = first_service(log, DocumentKind.HEARING_NOTICE, target.recipient_nos, schedule_no)
        if record is None:
            raise deadline_violation(
                calc,
                RuleId.NOTICE,
                f"{target.label} has not been served the hearing notice for {hearing_day.isoformat()}; "
                f"it had to be served by {latest.isoformat()}",
                latest_notice_date=latest,
                target=target.label,
            )
        if record.served_on > latest:
            raise deadline_violation(
                calc,
                RuleId.NOTICE,
                f"{target.label} was served the hearing notice on {record.served_on.isoformat()}, "
                f"after the latest valid notice date {latest.isoformat()} for a hearing on "
                f"{hearing_day.isoformat()}",
                latest_notice_date=latest,
                served_on=record.served_on,
                target=target.label,
            )
