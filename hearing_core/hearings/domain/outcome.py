"""Deliberation, conclusion, record signatures and the report (评议、结论、笔录签字、听证报告).

The report (carrying the conclusion) is due ``hearing.conclusion_on_spot`` after the hearing
when the conclusion was reached at the session, otherwise ``hearing.conclusion_later``; both
periods run from the day the session closed.
"""

from __future__ import annotations

from datetime import date, datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain import session_events as sev
from hearing_core.hearings.domain.deliberation import Conclusion, Deliberation, DisputedIssue, Vote
from hearing_core.hearings.domain.machines import CaseState
from hearing_core.hearings.domain.model import CaseData
from hearing_core.hearings.domain.notices import first_service, unserved_targets
from hearing_core.hearings.domain.parties import notice_targets
from hearing_core.hearings.domain.record import (
    Signatory,
    new_signature,
    pending_signatories,
    record_signatories,
)
from hearing_core.hearings.domain.rules import DeadlineCalculator, DomainRule, RuleId, domain_violation
from hearing_core.hearings.domain.vocab import DocumentKind, VoteValue

__all__ = ["OutcomeMixin"]


class OutcomeMixin(CaseData):
    """Commands from deliberation to the served report."""

    # -- deliberation -------------------------------------------------------------------------
    def define_issue(self, title: str) -> list[ev.DomainEvent]:
        """Frame a disputed issue (争议焦点); every voter must vote on every issue."""
        self._allow("define_issue")
        if self.conclusion is not None:
            raise self._refuse("define_issue", "the conclusion has been reached")
        if not title.strip():
            raise ValidationFailed("an issue needs a title", [FieldError("title", "must not be blank")])
        issue = DisputedIssue(len(self.issues) + 1, title.strip())
        self.issues.append(issue)
        return [sev.IssueDefined(issue.no, issue.title)]

    def _open_deliberation(self, action: str) -> Deliberation:
        if self.deliberation is None:
            raise self._refuse(action, "deliberation has not opened")
        if self.deliberation.closed_at is not None:
            raise self._refuse(action, "the conclusion has been reached")
        return self.deliberation

    def cast_vote(
        self, *, voter_person_id: int, issue_no: int, value: VoteValue, opinion: str, at: datetime
    ) -> list[ev.DomainEvent]:
        """An officer records, privately, a view and opinion on one issue."""
        self._allow("cast_vote")
        issue = next((i for i in self.issues if i.no == issue_no), None)
        if issue is None:
            raise ValidationFailed("no such issue", [FieldError("issue_no", str(issue_no))])
        deliberation = self._open_deliberation("cast_vote")
        return [deliberation.cast(voter_person_id=voter_person_id, issue=issue, value=value, opinion=opinion, at=at)]

    def visible_votes(self, viewer_person_id: int) -> list[Vote]:
        """Votes ``viewer`` may read now (see :meth:`Deliberation.visible_to`)."""
        return self.deliberation.visible_to(viewer_person_id) if self.deliberation else []

    def conclude(self, *, facts_found: str, basis: str, recommendation: str, at: datetime) -> list[ev.DomainEvent]:
        """Close deliberation with the conclusion: per issue the majority result and dissents,
        the facts found, the basis and a recommendation to the deciding organ. Needs a finding
        on every evidence item and every vote on every issue."""
        self._allow("conclude")
        deliberation = self._open_deliberation("conclude")
        texts = {"facts_found": facts_found, "basis": basis, "recommendation": recommendation}
        if blank := [FieldError(k, "must not be blank") for k, v in texts.items() if not v.strip()]:
            raise ValidationFailed("the conclusion states facts, basis and recommendation", blank)
        if unfound := [e.no for e in self.evidence if e.finding is None]:
            raise domain_violation(DomainRule.EVIDENCE_FINDING, f"evidence {unfound} has no finding yet")
        on_spot = self.state is CaseState.IN_SESSION
        results = deliberation.close(self.issues, at)
        self.conclusion = Conclusion(results, facts_found.strip(), basis.strip(), recommendation.strip(), at, on_spot)
        events: list[ev.DomainEvent] = [] if on_spot else self._move("conclude")
        summary = tuple((r.issue_no, str(r.result)) for r in results)
        return [*events, sev.ConclusionReached(at, on_spot, summary, self.conclusion.recommendation)]

    # -- record -------------------------------------------------------------------------------
    def signatories(self) -> list[Signatory]:
        """Who signs the record: those present at the closing session and the seated panel."""
        session = self.session
        present = session.present_nos() if session else set()
        return record_signatories(self.participants, present, self.panel.seated())

    @property
    def record_final(self) -> bool:
        return self.heard_on is not None and not pending_signatories(self.signatories(), self.signatures)

    def sign_record(self, signatory_key: str, at: datetime) -> list[ev.DomainEvent]:
        """A participant or panel member signs the record after it was read back."""
        return self._add_signature(signatory_key, signed=True, note="", at=at)

    def note_refusal_to_sign(self, signatory_key: str, note: str, at: datetime) -> list[ev.DomainEvent]:
        """The clerk notes that someone refused to sign, and how."""
        return self._add_signature(signatory_key, signed=False, note=note, at=at)

    def _add_signature(self, key: str, *, signed: bool, note: str, at: datetime) -> list[ev.DomainEvent]:
        self._allow("sign_record")
        signatories = self.signatories()
        signature = new_signature(signatories, self.signatures, key=key, signed=signed, note=note, at=at)
        self.signatures.append(signature)
        events: list[ev.DomainEvent] = [sev.RecordSigned(signature.name, signature.role, signed, signature.note, at)]
        if not pending_signatories(signatories, self.signatures):
            events.append(sev.RecordFinalised(at))
        return events

    # -- report -------------------------------------------------------------------------------
    def _report_rule(self) -> RuleId:
        on_spot = self.conclusion is not None and self.conclusion.on_spot
        return RuleId.CONCLUSION_ON_SPOT if on_spot else RuleId.CONCLUSION_LATER

    def report_due(self, calc: DeadlineCalculator) -> date | None:
        """Last day to serve the report and conclusion, or None before the hearing closed."""
        heard = self.heard_on
        return calc.due(self._report_rule(), heard) if heard else None

    def report_overdue(self, today: date, calc: DeadlineCalculator) -> bool:
        """Served after the due date, or not served and the due date has passed."""
        due = self.report_due(calc)
        if due is None:
            return False
        return (self.report_served_on or today) > due

    def record_report_served(self, calc: DeadlineCalculator) -> list[ev.DomainEvent]:
        """Close the case once the final record's report has been served on every party;
        the service date is the last party's, and lateness is recorded, not refused."""
        self._allow("serve_report")
        if pending := pending_signatories(self.signatories(), self.signatures):
            raise domain_violation(
                DomainRule.RECORD_SIGNATURES, f"not signed or refused yet: {', '.join(s.name for s in pending)}"
            )
        if missing := unserved_targets(self.services, self.participants, DocumentKind.HEARING_REPORT):
            raise domain_violation(
                DomainRule.REPORT_SERVICE, f"report not served on: {', '.join(t.label for t in missing)}"
            )
        served = [first_service(self.services, DocumentKind.HEARING_REPORT, t.recipient_nos)
                  for t in notice_targets(self.participants)]
        served_on = max(r.served_on for r in served if r is not None)
        due = self.report_due(calc)
        assert due is not None  # a concluded case has closed its session
        self.report_served_on = served_on
        rule = self._report_rule()
        return [*self._move("serve_report"), sev.ReportServed(served_on, due, served_on > due, str(rule))]
