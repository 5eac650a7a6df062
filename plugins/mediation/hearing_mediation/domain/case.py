"""Mediation case (调解案件): application, consent, mediators, sessions, duration and outcome.

Rules (人民调解法; 人民调解工作若干规定):

* a party applies, both apply jointly, or the committee mediates on its own initiative;
  if one party clearly declines, there is no mediation (Art. 17) — ``accept`` refuses
  and only ``refuse`` remains;
* mediators are chosen by the parties or designated by the committee (Art. 19);
  helpers are invited only with the parties' consent (Art. 20);
* mediation normally ends within one month (rule ``mediation.duration``) and may go on
  longer with both parties' consent (param ``mediation.extension_by_consent``);
* a risk of intensification is flagged and may be reported to the police (Art. 25);
* a failed mediation ends with advice on other routes (Art. 26).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_core.petitions.domain.item import TEXT_MAX
from hearing_mediation.domain.centre import CommitteeStatus
from hearing_mediation.domain.codes import AdviceRoute, ApplicationKind, Consent, PartyRole
from hearing_mediation.domain.machines import CASE, CaseState
from hearing_mediation.domain.parties import CaseMediator, Helper, Party, Session

__all__ = ["MediationCase"]

LAW = "《人民调解法》"


def _order(name: str, later: date, earlier: date | None, earlier_name: str) -> None:
    if earlier is not None and later < earlier:
        raise ValidationFailed(
            "dates out of order", [FieldError(name, f"{later.isoformat()} is before {earlier_name} {earlier.isoformat()}")]
        )


def _required(name: str, text: str) -> str:
    if not text.strip():
        raise ValidationFailed(f"{name} is required", [FieldError(name, "is required")])
    if len(text) > TEXT_MAX:
        raise ValidationFailed(f"invalid {name}", [FieldError(name, f"must be at most {TEXT_MAX} characters")])
    return text.strip()


@dataclass
class MediationCase:
    """A people's mediation case (人民调解案件) of one centre."""

    centre_id: int
    applied_on: date
    application: ApplicationKind
    parties: list[Party]
    #: The dispute (纠纷简要情况) and what the applicant asks for.
    dispute: str
    category: str | None = None
    #: The reception batch that led to it, and the register item/matter it concerns.
    reception_id: int | None = None
    item_ref: str | None = None
    matter_ref: str | None = None
    state: str = CASE.initial
    started_on: date | None = None
    mediators: list[CaseMediator] = field(default_factory=list)
    helpers: list[Helper] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    session_count: int = 0
    escalation: bool = False
    escalation_note: str = ""
    reported_to_police: bool = False
    extended_until: date | None = None
    extension_note: str = ""
    #: Refusal, withdrawal or failure reason (不予调解/撤回/调解不成的理由).
    outcome_note: str = ""
    advice: list[AdviceRoute] = field(default_factory=list)
    closed_on: date | None = None
    ref: str | None = None
    created_by: str = ""
    id: int | None = None
    version: int = 1

    # ------------------------------------------------------------------ application

    def validate(self, *, today: date | None = None) -> None:
        errors: list[FieldError] = []
        if len(self.parties) < 2:
            errors.append(FieldError("parties", "a dispute has at least two parties"))
        names = [p.name.strip() for p in self.parties]
        if len(set(names)) != len(names):
            errors.append(FieldError("parties", "two parties have the same name; add a distinguishing detail"))
        for i, party in enumerate(self.parties):
            errors.extend(party.problems(f"parties[{i}]", today=today))
        roles = {p.role for p in self.parties}
        if self.application is ApplicationKind.JOINT and roles != {PartyRole.APPLICANT}:
            errors.append(FieldError("parties", "in a joint application every party is an applicant"))
        if self.application is ApplicationKind.ONE_PARTY and not (
            PartyRole.APPLICANT in roles and PartyRole.RESPONDENT in roles
        ):
            errors.append(FieldError("parties", "a one-party application names an applicant and a respondent"))
        if not self.dispute.strip():
            errors.append(FieldError("dispute", "is required"))
        elif len(self.dispute) > TEXT_MAX:
            errors.append(FieldError("dispute", f"must be at most {TEXT_MAX} characters"))
        if today is not None and self.applied_on > today:
            errors.append(FieldError("applied_on", f"{self.applied_on.isoformat()} is in the future"))
        if errors:
            raise ValidationFailed("invalid mediation case", errors)
        for party in self.parties:
            party.normalise()
            # Applying is agreeing: an applicant's consent is the application itself.
            if party.role is PartyRole.APPLICANT and party.consent is Consent.PENDING:
                party.consent, party.responded_on = Consent.AGREES, self.applied_on
        self.dispute = self.dispute.strip()

    def party(self, name: str) -> Party:
        for p in self.parties:
            if p.name == name.strip():
                return p
        known = "、".join(p.name for p in self.parties)
        raise ValidationFailed("unknown party", [FieldError("party", f"'{name}' is not a party of this case ({known})")])

    def allowed_actions(self) -> list[str]:
        allowed = CASE.allowed_actions(self.state)
        if any(p.consent is Consent.DECLINES for p in self.parties):
            allowed = [a for a in allowed if a != "accept"]
        return allowed

    def record_response(self, name: str, consent: Consent, on: date) -> None:
        """A party says whether it agrees to mediation (当事人是否同意调解)."""
        CASE.target(self.state, "record_response")
        _order("responded_on", on, self.applied_on, "applied_on")
        party = self.party(name)
        party.consent, party.responded_on = consent, on

    def assign_mediators(self, mediators: list[CaseMediator]) -> None:
        """Mediators chosen by the parties or designated by the committee (Art. 19)."""
        CASE.target(self.state, "assign_mediators")
        ids = [m.mediator_id for m in mediators]
        if not mediators or len(set(ids)) != len(ids):
            raise ValidationFailed("invalid mediators", [FieldError("mediators", "name one or more different mediators")])
        if sum(1 for m in mediators if m.lead) > 1:
            raise ValidationFailed("invalid mediators", [FieldError("lead", "only one lead mediator")])
        if not any(m.lead for m in mediators):
            mediators[0].lead = True
        self.mediators = list(mediators)

    def invite_helper(self, helper: Helper) -> None:
        """Invite a relative, neighbour, colleague or expert to help — only with consent (Art. 20)."""
        CASE.target(self.state, "invite_helper")
        if not helper.parties_consent:
            raise RuleViolation(
                "helpers may be invited only with the parties' consent (经当事人同意)",
                rule="mediation.helper_consent", source=f"{LAW}第二十条",
            )
        _required("name", helper.name)
        _required("relation", helper.relation)
        self.helpers.append(helper)

    def flag_escalation(self, note: str, *, reported_to_police: bool = False) -> None:
        """Risk of intensification (纠纷有激化可能): preventive measures, police if needed (Art. 25)."""
        CASE.target(self.state, "flag_escalation")
        self.escalation, self.escalation_note = True, _required("note", note)
        self.reported_to_police = self.reported_to_police or reported_to_police

    # ------------------------------------------------------------------ lifecycle

    def accept(self, on: date, committee: CommitteeStatus) -> None:
        """Start mediating (受理并开始调解): the one-month clock starts on ``on``."""
        target = CASE.target(self.state, "accept")
        declined = [p.name for p in self.parties if p.consent is Consent.DECLINES]
        if declined:
            raise RuleViolation(
                f"{'、'.join(declined)} clearly declined mediation; the case can only be refused",
                rule="mediation.party_declines", source=f"{LAW}第十七条",
            )
        pending = [p.name for p in self.parties if p.consent is Consent.PENDING]
        if pending:
            raise RuleViolation(
                f"{'、'.join(pending)} has not agreed to mediation yet (自愿原则)",
                rule="mediation.voluntary", source=f"{LAW}第三条",
            )
        if not self.mediators:
            raise RuleViolation("assign a mediator first", rule="mediation.mediator_required", source=f"{LAW}第十九条")
        committee.require_complete()
        _order("started_on", on, self.applied_on, "applied_on")
        self.state, self.started_on = target, on

    def refuse(self, on: date, reason: str) -> None:
        """不予调解 (a party declines, or the dispute is not for people's mediation)."""
        target = CASE.target(self.state, "refuse")
        _order("closed_on", on, self.applied_on, "applied_on")
        self.outcome_note = _required("reason", reason)
        self.state, self.closed_on = target, on

    def record_session(self, session: Session) -> None:
        """Record a session; the people present must be parties and mediators of the case."""
        CASE.target(self.state, "record_session")
        session.validate()
        _order("held_on", session.held_on, self.started_on, "started_on")
        names = {p.name for p in self.parties}
        strangers = [n for n in session.parties_present if n not in names]
        mediators = {m.name for m in self.mediators}
        outsiders = [n for n in session.mediators_present if n not in mediators]
        errors = []
        if strangers:
            errors.append(FieldError("parties_present", f"not parties of this case: {'、'.join(strangers)}"))
        if outsiders:
            errors.append(FieldError("mediators_present", f"not mediators of this case: {'、'.join(outsiders)}"))
        if session.public is False and not session.closed_reason.strip():
            session.closed_reason = "当事人要求不公开调解"
        if errors:
            raise ValidationFailed("invalid session", errors)
        self.session_count += 1
        session.number = self.session_count
        self.sessions.append(session)

    def extend(self, until: date, normal_due: date, *, parties_consent: bool, allowed: bool, note: str = "") -> None:
        """Continue past the normal duration with both parties' consent (经双方同意延长调解期限)."""
        CASE.target(self.state, "extend")
        if not allowed:
            raise RuleViolation(
                "the rule profile does not allow mediation beyond its normal duration",
                rule="mediation.extension_by_consent",
            )
        if not parties_consent:
            raise RuleViolation(
                "an extension needs the consent of all parties (经双方当事人同意)",
                rule="mediation.extension_by_consent",
            )
        current = self.extended_until or normal_due
        if until <= current:
            raise ValidationFailed(
                "invalid extension", [FieldError("until", f"must be after the current due date {current.isoformat()}")]
            )
        self.extended_until, self.extension_note = until, note.strip()

    def reach_agreement(self, on: date) -> None:
        """达成调解协议: the agreement (调解协议书) takes over from here."""
        target = CASE.target(self.state, "reach_agreement")
        if self.session_count == 0:
            raise RuleViolation(
                "record the mediation session(s) first (调解记录)", rule="mediation.record", source=f"{LAW}第二十七条"
            )
        _order("closed_on", on, self.started_on, "started_on")
        self.state, self.closed_on = target, on

    def fail(self, on: date, advice: list[AdviceRoute], note: str) -> None:
        """调解不成: end the mediation and tell the parties the other routes (Art. 26)."""
        target = CASE.target(self.state, "fail")
        if not advice:
            raise RuleViolation(
                "tell the parties which routes remain (仲裁、行政、司法等途径)",
                rule="mediation.failure_advice", source=f"{LAW}第二十六条",
            )
        _order("closed_on", on, self.started_on, "started_on")
        self.outcome_note, self.advice = _required("note", note), list(dict.fromkeys(advice))
        self.state, self.closed_on = target, on

    def withdraw(self, on: date, reason: str) -> None:
        """A party ends the mediation (当事人要求终止调解, Art. 23)."""
        target = CASE.target(self.state, "withdraw")
        _order("closed_on", on, self.started_on or self.applied_on, "start")
        self.outcome_note = _required("reason", reason)
        self.state, self.closed_on = target, on

    @property
    def is_open(self) -> bool:
        return self.state in (CaseState.APPLIED, CaseState.IN_MEDIATION)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "ref": self.ref, "centre_id": self.centre_id, "state": self.state,
            "application": self.application.value, "application_label": self.application.label,
            "applied_on": self.applied_on, "started_on": self.started_on, "closed_on": self.closed_on,
            "dispute": self.dispute, "category": self.category, "reception_id": self.reception_id,
            "item_ref": self.item_ref, "matter_ref": self.matter_ref,
            "parties": [p.as_dict() for p in self.parties],
            "mediators": [m.as_dict() for m in self.mediators],
            "helpers": [h.as_dict() for h in self.helpers],
            "sessions": [s.as_dict() for s in self.sessions], "session_count": self.session_count,
            "escalation": self.escalation, "escalation_note": self.escalation_note,
            "reported_to_police": self.reported_to_police, "extended_until": self.extended_until,
            "extension_note": self.extension_note, "outcome_note": self.outcome_note,
            "advice": [a.value for a in self.advice], "allowed_actions": self.allowed_actions(),
            "created_by": self.created_by, "version": self.version,
        }
