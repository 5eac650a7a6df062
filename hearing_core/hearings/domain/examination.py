"""Commands on evidence: submission (举证), cross-examination (质证), finding (认证)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain.evidence import Assessment, CrossExamination, EvidenceItem, check_digests
from hearing_core.hearings.domain.machines import CaseState, Phase
from hearing_core.hearings.domain.model import CaseData
from hearing_core.hearings.domain.parties import HANDLING_UNIT
from hearing_core.hearings.domain.vocab import EvidenceKind

__all__ = ["EvidenceMixin"]


class EvidenceMixin(CaseData):
    """Evidence commands; where each is allowed is in the case and phase tables."""

    def item(self, evidence_no: int) -> EvidenceItem:
        found = next((e for e in self.evidence if e.no == evidence_no), None)
        if found is None:
            raise ValidationFailed("no such evidence item", [FieldError("evidence_no", str(evidence_no))])
        return found

    def submit_evidence(
        self,
        *,
        submitted_by_no: int,
        kind: EvidenceKind,
        title: str,
        at: datetime,
        attachments: Sequence[str] = (),
        description: str = "",
    ) -> list[ev.DomainEvent]:
        """A party submits an item, before the session or in its own statement phase.

        At the session the petitioner side and third parties present evidence in
        ``petitioner_statement``, the handling unit (and third parties) in
        ``handling_unit_statement``; a witness's statement is submitted by the party calling them.
        """
        self._allow("submit_evidence")
        by = self.participant(submitted_by_no)
        side = self.side(by)
        if side is None:
            raise ValidationFailed(
                "evidence is submitted by a party", [FieldError("submitted_by_no", f"{by.role} is not a party")]
            )
        if self.state is CaseState.IN_SESSION:
            self._check_presenter(submitted_by_no, side)
        if not title.strip():
            raise ValidationFailed("evidence needs a title", [FieldError("title", "must not be blank")])
        digests = check_digests(attachments)
        item = EvidenceItem(len(self.evidence) + 1, by.no, side, kind, title.strip(), at, description.strip(), digests)
        self.evidence.append(item)
        return [ev.EvidenceSubmitted(item.no, by.no, str(kind), item.title, digests)]

    def _check_presenter(self, participant_no: int, side: str) -> None:
        session = self._live_session()
        if participant_no not in session.present_nos():
            raise ValidationFailed("the submitter is not present", [FieldError("submitted_by_no", str(participant_no))])
        own_phase = Phase.HANDLING_UNIT_STATEMENT if side == HANDLING_UNIT else Phase.PETITIONER_STATEMENT
        if session.phase is not own_phase and not side.startswith("third_party"):
            raise ValidationFailed(
                f"{side} presents its evidence in {own_phase}", [FieldError("submitted_by_no", str(session.phase))]
            )

    def cross_examine(
        self,
        evidence_no: int,
        *,
        by_no: int,
        authenticity: Assessment,
        relevance: Assessment,
        legality: Assessment,
        at: datetime,
    ) -> list[ev.DomainEvent]:
        """A present party gives its opinion on another side's item (真实性、关联性、合法性)."""
        self._allow("cross_examine")
        item = self.item(evidence_no)
        by = self.participant(by_no)
        side = self.side(by)
        if side is None or by_no not in self._live_session().present_nos():
            raise ValidationFailed("a present party cross-examines", [FieldError("by_no", str(by_no))])
        opinion = CrossExamination(side, by_no, authenticity, relevance, legality, at)
        item.add_opinion(opinion)
        return [ev.CrossExaminationRecorded(item.no, side, opinion.disputed)]

    def find_evidence(self, evidence_no: int, *, admitted: bool, reason: str, at: datetime) -> list[ev.DomainEvent]:
        """The panel admits an item or not (with the reason), after every present side has
        cross-examined it."""
        self._allow("find_evidence")
        if self.conclusion is not None:
            raise self._refuse("find_evidence", "the conclusion, which rests on the findings, has been reached")
        item = self.item(evidence_no)
        finding = item.find(admitted=admitted, reason=reason, at=at, sides=self.sides_present())
        return [ev.EvidenceFindingMade(item.no, finding.admitted, finding.reason)]
