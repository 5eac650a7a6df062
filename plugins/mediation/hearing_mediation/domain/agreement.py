"""Mediation agreement (调解协议书): content, signatures, performance, judicial confirmation.

人民调解法 Art. 29: a written agreement states the parties, the main facts, the disputed
points and each side's responsibility, and the agreed terms with the manner and time of
performance; it takes effect when every party has signed (sealed or fingerprinted) and
the mediator has signed. Art. 30: an oral agreement takes effect when reached. Art. 31:
the committee supervises performance (follow-up visits, 回访). Art. 33: the parties may
jointly apply for judicial confirmation (司法确认) within 30 days of the agreement's
effect (rule ``mediation.judicial_confirmation``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_core.petitions.domain.item import TEXT_MAX
from hearing_mediation.domain.codes import AgreementForm, ConfirmationState, FollowUpFinding, SignerRole
from hearing_mediation.domain.machines import AGREEMENT, CONFIRMATION, AgreementState

__all__ = ["Agreement", "FollowUp", "Signature", "Term"]

LAW = "《人民调解法》"


def _order(name: str, later: date, earlier: date | None, earlier_name: str) -> None:
    if earlier is not None and later < earlier:
        raise ValidationFailed(
            "dates out of order", [FieldError(name, f"{later.isoformat()} is before {earlier_name} {earlier.isoformat()}")]
        )


@dataclass
class Term:
    """An agreed term (协议条款): what, by whom, how and by when (履行方式、时限)."""

    content: str
    obligor: str = ""
    manner: str = ""
    due_on: date | None = None
    performed_on: date | None = None
    performance_note: str = ""
    id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Signature:
    """A signature (签名、盖章或按指印) of a party or a mediator."""

    signer: str
    role: SignerRole
    signed_on: date

    def as_dict(self) -> dict[str, Any]:
        return {"signer": self.signer, "role": self.role.value, "signed_on": self.signed_on}


@dataclass(frozen=True)
class FollowUp:
    """A follow-up visit on performance (回访)."""

    visited_on: date
    visited_by: str
    finding: FollowUpFinding
    note: str = ""
    method: str = "上门回访"

    def as_dict(self) -> dict[str, Any]:
        return {
            "visited_on": self.visited_on, "visited_by": self.visited_by, "finding": self.finding.value,
            "finding_label": self.finding.label, "note": self.note, "method": self.method,
        }


@dataclass
class Agreement:
    """The agreement of one mediation case; ``parties`` and ``mediators`` are the names that must sign."""

    case_id: int
    concluded_on: date
    parties: list[str]
    mediators: list[str]
    facts: str
    disputes: str
    terms: list[Term]
    responsibilities: str = ""
    form: AgreementForm = AgreementForm.WRITTEN
    number: str = ""
    state: str = AGREEMENT.initial
    signatures: list[Signature] = field(default_factory=list)
    effective_on: date | None = None
    performed_on: date | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)
    confirmation: str = CONFIRMATION.initial
    confirmation_applied_on: date | None = None
    court: str = ""
    confirmation_decided_on: date | None = None
    confirmation_note: str = ""
    dispute_note: str = ""
    id: int | None = None
    version: int = 1

    # ------------------------------------------------------------------ content

    def validate(self) -> None:
        errors: list[FieldError] = []
        for name in ("facts", "disputes"):
            text = getattr(self, name)
            if not text.strip():
                errors.append(FieldError(name, "is required (人民调解法第二十九条)"))
            elif len(text) > TEXT_MAX:
                errors.append(FieldError(name, f"must be at most {TEXT_MAX} characters"))
        if not self.terms:
            errors.append(FieldError("terms", "state at least one agreed term"))
        for i, term in enumerate(self.terms):
            if not term.content.strip():
                errors.append(FieldError(f"terms[{i}].content", "is required"))
            if term.due_on is not None and term.due_on < self.concluded_on:
                errors.append(FieldError(f"terms[{i}].due_on", "is before the agreement was reached"))
        if len(self.parties) < 2:
            errors.append(FieldError("parties", "an agreement binds at least two parties"))
        if not self.mediators:
            errors.append(FieldError("mediators", "the mediators of the case sign the agreement"))
        if errors:
            raise ValidationFailed("invalid agreement", errors)

    def revise(self, *, facts: str | None = None, disputes: str | None = None,
               responsibilities: str | None = None, terms: list[Term] | None = None) -> None:
        """Change the draft; signatures already given are void, the text they signed changed."""
        AGREEMENT.target(self.state, "revise")
        self.facts = facts if facts is not None else self.facts
        self.disputes = disputes if disputes is not None else self.disputes
        self.responsibilities = responsibilities if responsibilities is not None else self.responsibilities
        self.terms = terms if terms is not None else self.terms
        self.validate()
        self.signatures = []

    # ------------------------------------------------------------------ signatures

    def missing_signatures(self) -> list[str]:
        """Who still has to sign: every party, and a mediator of the case."""
        signed = {s.signer for s in self.signatures}
        missing = [p for p in self.parties if p not in signed]
        if not any(s.role is SignerRole.MEDIATOR for s in self.signatures):
            missing.append("、".join(self.mediators) + "（人民调解员，任一人）")
        return missing

    def sign(self, signer: str, on: date) -> bool:
        """Record a signature; returns True when it was the last one and the agreement took effect."""
        AGREEMENT.target(self.state, "sign")
        if self.form is AgreementForm.ORAL:
            raise RuleViolation("an oral agreement is not signed", rule="mediation.oral_agreement", source=f"{LAW}第三十条")
        signer = signer.strip()
        if signer in self.parties:
            role = SignerRole.PARTY
        elif signer in self.mediators:
            role = SignerRole.MEDIATOR
        else:
            raise ValidationFailed(
                "unknown signer", [FieldError("signer", f"'{signer}' is neither a party nor a mediator of the case")]
            )
        if any(s.signer == signer for s in self.signatures):
            raise ValidationFailed("already signed", [FieldError("signer", f"{signer} has already signed")])
        _order("signed_on", on, self.concluded_on, "concluded_on")
        self.signatures.append(Signature(signer, role, on))
        if self.missing_signatures():
            return False
        self._take_effect(on)
        return True

    def _take_effect(self, on: date) -> None:
        self.state = AGREEMENT.target(self.state, "take_effect")
        self.effective_on = on

    def take_effect_orally(self) -> None:
        """An oral agreement takes effect when the parties reach it (Art. 30)."""
        if self.form is not AgreementForm.ORAL:
            raise RuleViolation(
                "a written agreement takes effect when all parties and the mediator have signed",
                rule="mediation.agreement_signatures", source=f"{LAW}第二十九条",
            )
        self._take_effect(self.concluded_on)

    # ------------------------------------------------------------------ performance

    def record_performance(self, term_number: int, on: date, note: str = "") -> bool:
        """Mark term ``term_number`` (1-based) performed; True when all terms are and the agreement is performed."""
        AGREEMENT.target(self.state, "record_performance")
        if not 1 <= term_number <= len(self.terms):
            raise ValidationFailed("unknown term", [FieldError("term", f"terms are numbered 1 to {len(self.terms)}")])
        _order("performed_on", on, self.effective_on, "effective_on")
        term = self.terms[term_number - 1]
        term.performed_on, term.performance_note = on, note.strip()
        if all(t.performed_on for t in self.terms):
            self.state = AGREEMENT.target(self.state, "complete")
            self.performed_on = max(t.performed_on for t in self.terms if t.performed_on)
            return True
        return False

    def record_follow_up(self, follow_up: FollowUp) -> None:
        """回访: the committee checks performance (Art. 31)."""
        AGREEMENT.target(self.state, "record_follow_up")
        _order("visited_on", follow_up.visited_on, self.effective_on, "effective_on")
        if not follow_up.visited_by.strip():
            raise ValidationFailed("invalid follow-up", [FieldError("visited_by", "is required")])
        self.follow_ups.append(follow_up)

    def dispute(self, on: date, note: str) -> None:
        """A party sues over performance or content (Art. 32)."""
        self.state = AGREEMENT.target(self.state, "dispute")
        _order("disputed_on", on, self.effective_on, "effective_on")
        self.dispute_note = note.strip()

    # ------------------------------------------------------------------ judicial confirmation

    def apply_confirmation(self, on: date, applicants: list[str], court: str, window_due: date | None) -> None:
        """Joint application for judicial confirmation within the window (Art. 33)."""
        AGREEMENT.target(self.state, "apply_confirmation")
        target = CONFIRMATION.target(self.confirmation, "apply")
        missing = [p for p in self.parties if p not in {a.strip() for a in applicants}]
        if missing:
            raise RuleViolation(
                f"the parties apply jointly; {'、'.join(missing)} did not apply",
                rule="mediation.judicial_confirmation", source=f"{LAW}第三十三条",
            )
        if not court.strip():
            raise ValidationFailed("court is required", [FieldError("court", "name the people's court applied to")])
        _order("applied_on", on, self.effective_on, "effective_on")
        if window_due is not None and on > window_due:
            raise RuleViolation(
                f"the 30-day window for judicial confirmation ended on {window_due.isoformat()}",
                rule="mediation.judicial_confirmation", source=f"{LAW}第三十三条",
            )
        self.confirmation, self.confirmation_applied_on, self.court = target, on, court.strip()

    def record_confirmation(self, on: date, confirmed: bool, note: str = "") -> None:
        """The court's ruling: valid (enforceable) or not confirmed (the agreement falls)."""
        AGREEMENT.target(self.state, "record_confirmation")
        target = CONFIRMATION.target(self.confirmation, "confirm" if confirmed else "reject")
        _order("decided_on", on, self.confirmation_applied_on, "applied_on")
        self.confirmation, self.confirmation_decided_on, self.confirmation_note = target, on, note.strip()
        if not confirmed:
            self.state = AGREEMENT.target(self.state, "invalidate")

    # ------------------------------------------------------------------ views

    def allowed_actions(self) -> list[str]:
        """Actions a user may ask for; taking effect, completion and invalidation follow from them."""
        hidden = {"take_effect", "complete", "invalidate"}
        if not CONFIRMATION.can(self.confirmation, "apply"):
            hidden.add("apply_confirmation")
        if self.confirmation != ConfirmationState.APPLIED:
            hidden.add("record_confirmation")
        return [a for a in AGREEMENT.allowed_actions(self.state) if a not in hidden]

    @property
    def is_in_force(self) -> bool:
        return self.state in (AgreementState.EFFECTIVE, AgreementState.PERFORMED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "case_id": self.case_id, "number": self.number, "form": self.form.value,
            "state": self.state, "concluded_on": self.concluded_on, "effective_on": self.effective_on,
            "performed_on": self.performed_on, "parties": list(self.parties), "mediators": list(self.mediators),
            "facts": self.facts, "disputes": self.disputes, "responsibilities": self.responsibilities,
            "terms": [t.as_dict() for t in self.terms], "signatures": [s.as_dict() for s in self.signatures],
            "missing_signatures": self.missing_signatures() if self.state == AgreementState.DRAFT else [],
            "follow_ups": [f.as_dict() for f in self.follow_ups],
            "confirmation": self.confirmation, "confirmation_label": ConfirmationState(self.confirmation).label,
            "confirmation_applied_on": self.confirmation_applied_on, "court": self.court,
            "confirmation_decided_on": self.confirmation_decided_on, "confirmation_note": self.confirmation_note,
            "dispute_note": self.dispute_note,
            "allowed_actions": self.allowed_actions(), "version": self.version,
        }
