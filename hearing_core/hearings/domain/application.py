"""Application, consent and decision (听证申请、征询、决定), and withdrawal (撤回).

Silence has a meaning in two places, and both are modelled as an explicit derived status
before anyone records them: under a profile whose ``hearing.decision_silence_means`` is
``accepted`` an undecided application is *deemed accepted* once the decision period has run
out, and an organ-initiated hearing is deemed refused (or, under
``hearing.consent_silence_means = consent``, deemed consented to) when the petitioner does
not answer within ``hearing.consent_reply``. :meth:`ApplicationMixin.status_on` explains either;
:meth:`~ApplicationMixin.record_deemed_acceptance` and
:meth:`~ApplicationMixin.record_consent_lapse` put them on file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain.machines import CaseState
from hearing_core.hearings.domain.model import CaseData, ConsentAnswer, Decision, Withdrawal
from hearing_core.hearings.domain.notices import first_service
from hearing_core.hearings.domain.rules import (
    DeadlineCalculator,
    DomainRule,
    HearingRules,
    Param,
    RuleId,
    deadline_violation,
    domain_violation,
    param_violation,
)
from hearing_core.hearings.domain.vocab import ConsentReply, DocumentKind

__all__ = ["ApplicationMixin", "CaseStatus", "check_reapplication"]


@dataclass(frozen=True)
class CaseStatus:
    """The state a case is in *in law* on a given day, with the reason when it differs from the file."""

    state: CaseState
    stored: CaseState
    deemed: bool = False
    rule: str | None = None
    explanation: str = ""


def check_reapplication(
    matter_id: int, prior_cases: Iterable[CaseData], rules: HearingRules, *, new_facts: str = ""
) -> None:
    """Refuse a new application on a matter whose earlier application was withdrawn.

    Under ``hearing.withdrawal_bars_reapplication`` the same facts and reasons cannot support
    a new application (AH17). ``new_facts`` is the officer's note of what is new; a blank note
    means the facts are the same.
    """
    if not rules.withdrawal_bars_reapplication or new_facts.strip():
        return
    for prior in prior_cases:
        if prior.matter_id == matter_id and prior.state is CaseState.WITHDRAWN:
            raise param_violation(
                rules,
                Param.WITHDRAWAL_BARS_REAPPLICATION,
                f"the application on matter {matter_id} was withdrawn (case {prior.id}); "
                "a new application needs new facts or reasons",
                prior_case_id=prior.id,
            )


class ApplicationMixin(CaseData):
    """Commands from registration to the decision whether to hold a hearing."""

    # -- deadlines ----------------------------------------------------------------------------
    def decision_due(self, calc: DeadlineCalculator) -> date | None:
        """Last day to decide on a petitioner's application (``hearing.decision``)."""
        return calc.due(RuleId.DECISION, self.application.applied_on) if self.application else None

    def consent_due(self, calc: DeadlineCalculator) -> date | None:
        """Last day for the petitioner's reply, counted from service of the consent request."""
        nos = [p.no for p in self.petitioner_side()]
        served = first_service(self.services, DocumentKind.CONSENT_REQUEST, nos)
        return calc.due(RuleId.CONSENT_REPLY, served.served_on) if served else None

    def status_on(self, today: date, calc: DeadlineCalculator, rules: HearingRules) -> CaseStatus:
        """The stored state, or the state silence has produced by ``today``, explained."""
        if self.state is CaseState.APPLIED and rules.decision_silence_means == "accepted":
            due = self.decision_due(calc)
            if due is not None and today > due:
                return CaseStatus(
                    CaseState.ACCEPTED, self.state, True, str(RuleId.DECISION),
                    f"no decision by {due.isoformat()}; under this profile silence means the hearing is "
                    f"accepted ({calc.source(RuleId.DECISION) or RuleId.DECISION})",
                )
        if self.state is CaseState.AWAITING_CONSENT:
            due = self.consent_due(calc)
            if due is not None and today > due:
                consents = rules.consent_silence_means == "consent"
                return CaseStatus(
                    CaseState.ACCEPTED if consents else CaseState.CONSENT_REFUSED, self.state, True,
                    str(RuleId.CONSENT_REPLY),
                    f"no reply by {due.isoformat()}; under this profile silence means the petitioner "
                    f"{'consents' if consents else 'refuses'} "
                    f"({calc.source(RuleId.CONSENT_REPLY) or RuleId.CONSENT_REPLY})",
                )
        return CaseStatus(self.state, self.state)

    # -- organ-initiated hearings ---------------------------------------------------------------
    def answer_consent(self, reply: ConsentReply, on: date, calc: DeadlineCalculator) -> list[ev.DomainEvent]:
        """Record the petitioner's reply; a reply after the due date comes too late."""
        self._allow("give_consent" if reply is ConsentReply.GIVEN else "refuse_consent")
        due = self.consent_due(calc)
        if due is not None and on > due:
            raise deadline_violation(
                calc, RuleId.CONSENT_REPLY,
                f"the reply was due by {due.isoformat()}; silence already counted as refusal", due=due,
            )
        self.consent = ConsentAnswer(reply, on)
        if reply is ConsentReply.GIVEN:
            # The organ decided when it proposed the hearing; the hold-within period can only run
            # once the petitioner agrees.
            assert self.initiated_on is not None  # only initiate() leads to awaiting_consent
            self.decision = Decision(True, self.initiated_on, "organ (initiated)", effective_on=on)
            events = self._move("give_consent")
        else:
            events = self._move("refuse_consent")
        return [*events, ev.ConsentAnswered(str(reply), on, deemed=False)]

    def record_consent_lapse(
        self, today: date, calc: DeadlineCalculator, rules: HearingRules
    ) -> list[ev.DomainEvent]:
        """Put on file what the petitioner's silence meant (``hearing.consent_silence_means``)."""
        consents = rules.consent_silence_means == "consent"
        action = "deem_consent" if consents else "lapse_consent"
        self._allow(action)
        due = self.consent_due(calc)
        if due is None or today <= due:
            when = f"the reply is due by {due.isoformat()}" if due else "the consent request has not been served"
            raise deadline_violation(
                calc, RuleId.CONSENT_REPLY, f"{when}; silence counts only after that", due=due
            )
        reply = ConsentReply.GIVEN if consents else ConsentReply.REFUSED
        self.consent = ConsentAnswer(reply, today, deemed=True)
        if consents:
            assert self.initiated_on is not None  # only initiate() leads to awaiting_consent
            self.decision = Decision(True, self.initiated_on, "organ (initiated)", effective_on=due, deemed=True)
        return [*self._move(action), ev.ConsentAnswered(str(reply), today, deemed=True)]

    # -- decision on an application -----------------------------------------------------------
    def accept(
        self, decided_on: date, decided_by: str, calc: DeadlineCalculator, rules: HearingRules
    ) -> list[ev.DomainEvent]:
        """Decide to hold the hearing."""
        self._allow("accept")
        effective = decided_on
        due = self.decision_due(calc)
        if rules.decision_silence_means == "accepted" and due is not None and decided_on > due:
            # Silence had already accepted on the due date; a late decision must not give the
            # organ extra time to hold the hearing.
            effective = due
        self.decision = Decision(True, decided_on, decided_by, effective)
        return [*self._move("accept"), ev.HearingAccepted(decided_on, decided_by, effective)]

    def refuse(
        self, decided_on: date, decided_by: str, reasons: str, calc: DeadlineCalculator, rules: HearingRules
    ) -> list[ev.DomainEvent]:
        """Decide not to hold the hearing; the refusal is written and reasoned."""
        self._allow("refuse")
        if not reasons.strip():
            raise domain_violation(DomainRule.REFUSAL_REASONS, "a refusal to hold a hearing must give written reasons")
        if rules.mandatory_on_application and self.application is not None and not self.application.late:
            raise param_violation(
                rules, Param.MANDATORY_ON_APPLICATION, "a hearing must be held when the petitioner applies in time"
            )
        due = self.decision_due(calc)
        if rules.decision_silence_means == "accepted" and due is not None and decided_on > due:
            raise deadline_violation(
                calc, RuleId.DECISION,
                f"the decision was due by {due.isoformat()}; silence has accepted the hearing, "
                "so it can no longer be refused",
                due=due,
            )
        self.decision = Decision(False, decided_on, decided_by, decided_on, reasons.strip())
        return [*self._move("refuse"), ev.HearingRefused(decided_on, decided_by, reasons.strip())]

    def record_deemed_acceptance(
        self, today: date, calc: DeadlineCalculator, rules: HearingRules
    ) -> list[ev.DomainEvent]:
        """Put on file that silence has accepted the hearing (视为同意听证)."""
        self._allow("deem_accepted")
        if rules.decision_silence_means != "accepted":
            raise param_violation(
                rules, Param.DECISION_SILENCE_MEANS, "under this profile silence does not accept a hearing"
            )
        due = self.decision_due(calc)
        assert due is not None  # an applied case always has its application
        if today <= due:
            raise deadline_violation(
                calc, RuleId.DECISION, f"the organ may still decide until {due.isoformat()}", due=due
            )
        self.decision = Decision(True, due, "deemed (no decision in time)", due, deemed=True)
        return [
            *self._move("deem_accepted"),
            ev.HearingDeemedAccepted(due, today, str(RuleId.DECISION), calc.source(RuleId.DECISION)),
        ]

    # -- withdrawal ---------------------------------------------------------------------------
    def withdraw(self, on: date, reason: str = "") -> list[ev.DomainEvent]:
        """The petitioner withdraws before the hearing (recorded; see :func:`check_reapplication`)."""
        self._allow("withdraw")
        if self.application is not None and on < self.application.applied_on:
            raise ValidationFailed("withdrawn before applying?", [FieldError("on", "before the application date")])
        self.withdrawal = Withdrawal(on, reason.strip())
        return [*self._move("withdraw"), ev.HearingWithdrawn(on, reason.strip())]
