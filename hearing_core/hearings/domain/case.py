"""The hearing case (听证案件): the aggregate the service layer loads, changes and saves.

A case starts in one of two ways, :meth:`HearingCase.apply` (the petitioner applies) or
:meth:`HearingCase.initiate` (the organ proposes and asks for consent). Every command then
validates, mutates the case and returns the events it caused; nothing is read from a
clock or a global, so the caller passes dates, the profile's :class:`HearingRules` and a
:class:`DeadlineCalculator`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain.application import ApplicationMixin, check_reapplication
from hearing_core.hearings.domain.examination import EvidenceMixin
from hearing_core.hearings.domain.model import Application, CaseData, Decision
from hearing_core.hearings.domain.outcome import OutcomeMixin
from hearing_core.hearings.domain.parties import Participant
from hearing_core.hearings.domain.preparation import PreparationMixin
from hearing_core.hearings.domain.proceedings import ProceedingsMixin
from hearing_core.hearings.domain.rules import DeadlineCalculator, HearingRules, RuleId
from hearing_core.hearings.domain.vocab import Origin, ParticipantRole, Stage

__all__ = ["HearingCase"]


class HearingCase(ApplicationMixin, PreparationMixin, ProceedingsMixin, EvidenceMixin, OutcomeMixin):
    """A hearing on one petition matter, from application to the served report."""

    @classmethod
    def apply(
        cls,
        *,
        matter_id: int,
        stage: Stage,
        applicant_name: str,
        applied_on: date,
        grounds: str,
        told_of_right_on: date | None,
        rules: HearingRules,
        calc: DeadlineCalculator,
        applicant_role: ParticipantRole = ParticipantRole.PETITIONER,
        applicant_person_id: int | None = None,
        prior_cases: Iterable[CaseData] = (),
        new_facts: str = "",
    ) -> tuple[HearingCase, list[ev.DomainEvent]]:
        """Register a petitioner's application (or their representative's, for a multi-person matter).

        Late means after the due date of ``hearing.application`` counted from ``told_of_right_on``;
        under ``hearing.application_late_means = waived`` the case is registered and closed as
        waived, with the rule and date that made it late. A new application on a matter whose
        earlier one was withdrawn is refused under ``hearing.withdrawal_bars_reapplication``.
        """
        check_reapplication(matter_id, prior_cases, rules, new_facts=new_facts)
        if applicant_role not in (ParticipantRole.PETITIONER, ParticipantRole.REPRESENTATIVE):
            raise ValidationFailed("the petitioner or a representative applies", [FieldError("applicant_role", "")])
        case = cls._new(matter_id, stage, Origin.PETITIONER_APPLICATION, grounds, applicant_name)
        case.participants.append(Participant(1, applicant_name.strip(), applicant_role, applicant_person_id))
        due = calc.due(RuleId.APPLICATION, told_of_right_on) if told_of_right_on else None
        late = due is not None and applied_on > due
        case.application = Application(applied_on, told_of_right_on, late)
        events = [
            *case._move("apply"),
            ev.HearingApplied(matter_id, str(stage), applied_on, applicant_name.strip(), late),
        ]
        if late and rules.application_late_means == "waived":
            assert due is not None  # late implies a due date
            events += case._move("waive_late")
            events.append(ev.ApplicationWaived(applied_on, due, str(RuleId.APPLICATION), calc.source(RuleId.APPLICATION)))
        return case, events

    @classmethod
    def initiate(
        cls,
        *,
        matter_id: int,
        stage: Stage,
        petitioner_name: str,
        initiated_on: date,
        grounds: str,
        rules: HearingRules,
        petitioner_person_id: int | None = None,
    ) -> tuple[HearingCase, list[ev.DomainEvent]]:
        """The organ decides to hold a hearing of its own motion. Under
        ``hearing.organ_initiated_needs_consent`` it waits for the petitioner's consent, asked by
        serving a ``consent_request`` (the reply period runs from that service); otherwise the
        case is accepted at once."""
        case = cls._new(matter_id, stage, Origin.ORGAN_INITIATED, grounds, petitioner_name)
        case.participants.append(Participant(1, petitioner_name.strip(), ParticipantRole.PETITIONER,
                                             petitioner_person_id))
        case.initiated_on = initiated_on
        if rules.organ_initiated_needs_consent:
            events = case._move("initiate")
        else:
            case.decision = Decision(True, initiated_on, "organ (initiated)", initiated_on)
            events = case._move("initiate_without_consent")
        return case, [*events, ev.HearingInitiated(matter_id, str(stage), initiated_on)]

    @classmethod
    def _new(cls, matter_id: int, stage: Stage, origin: Origin, grounds: str, name: str) -> HearingCase:
        blank = [FieldError(f, "must not be blank") for f, v in (("grounds", grounds), ("name", name)) if not v.strip()]
        if blank:
            raise ValidationFailed("a hearing case names the petitioner and states what is asked and why", blank)
        return cls(matter_id=matter_id, stage=stage, origin=origin, grounds=grounds.strip())
