"""Parties, mediators, helpers and sessions of a mediation case (当事人、调解员、协助人员、调解会议)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.item import TEXT_MAX, Petitioner
from hearing_mediation.domain.codes import Consent, MediatorChoice, PartyRole

__all__ = ["CaseMediator", "Helper", "Party", "Session"]


@dataclass
class Party:
    """A party (当事人) to the dispute; a private person whose ID number and phone are masked."""

    name: str
    role: PartyRole
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    #: Whether the party agrees to mediation (是否同意调解).
    consent: Consent = Consent.PENDING
    responded_on: date | None = None
    id: int | None = None

    def problems(self, prefix: str, *, today: date | None = None) -> list[FieldError]:
        # Same rules as a register petitioner: one definition of a valid ID number and phone.
        return Petitioner(self.name, self.id_number, self.phone, self.address).problems(prefix, today=today)

    def normalise(self) -> None:
        p = Petitioner(self.name, self.id_number, self.phone, self.address).normalised()
        self.name, self.id_number, self.phone, self.address = p.name, p.id_number, p.phone, p.address

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "role": self.role.value, "role_label": self.role.label,
            "id_number": self.id_number, "phone": self.phone, "address": self.address,
            "consent": self.consent.value, "responded_on": self.responded_on,
        }


@dataclass
class CaseMediator:
    """A mediator assigned to a case (承办调解员), chosen by the parties or designated (Art. 19)."""

    mediator_id: int
    name: str
    chosen_by: MediatorChoice
    lead: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"mediator_id": self.mediator_id, "name": self.name, "chosen_by": self.chosen_by.value, "lead": self.lead}


@dataclass
class Helper:
    """A person invited to help mediate (邀请参与调解人员: 亲属、邻里、同事、专家…, Art. 20)."""

    name: str
    relation: str
    invited_on: date
    #: The parties consented to the invitation (经当事人同意).
    parties_consent: bool
    note: str = ""
    id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "relation": self.relation, "invited_on": self.invited_on,
            "parties_consent": self.parties_consent, "note": self.note,
        }


@dataclass
class Session:
    """One mediation session (调解会议) with its attendance and notes (调解记录, Art. 27)."""

    held_on: date
    place: str
    #: Public mediation with observers (公开调解) or closed (不公开).
    public: bool
    #: Names of the parties present and of the mediators present.
    parties_present: list[str]
    mediators_present: list[str]
    notes: str
    others_present: list[str] = field(default_factory=list)
    closed_reason: str = ""
    number: int = 0
    recorded_by: str = ""
    id: int | None = None

    def validate(self) -> None:
        errors: list[FieldError] = []
        if not self.place.strip():
            errors.append(FieldError("place", "is required"))
        if not self.notes.strip():
            errors.append(FieldError("notes", "record what was said and agreed (调解记录)"))
        elif len(self.notes) > TEXT_MAX:
            errors.append(FieldError("notes", f"must be at most {TEXT_MAX} characters"))
        if not self.parties_present:
            errors.append(FieldError("parties_present", "name at least one party present"))
        if not self.mediators_present:
            errors.append(FieldError("mediators_present", "name at least one mediator present"))
        if errors:
            raise ValidationFailed("invalid session", errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "number": self.number, "held_on": self.held_on, "place": self.place,
            "public": self.public, "closed_reason": self.closed_reason,
            "parties_present": list(self.parties_present), "mediators_present": list(self.mediators_present),
            "others_present": list(self.others_present), "notes": self.notes, "recorded_by": self.recorded_by,
        }
