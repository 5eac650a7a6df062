"""Request bodies of the mediation API (msgspec structs with length limits, unknown fields refused)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from hearing_core.petitions.domain.item import Petitioner
from hearing_mediation.common import parse_code
from hearing_mediation.domain import ApplicationKind, MediationCase, Party, PartyRole, Session, Term

Short = Annotated[str, msgspec.Meta(max_length=200)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Text = Annotated[str, msgspec.Meta(max_length=10_000)]
Code = Annotated[str, msgspec.Meta(max_length=64)]
Version = Annotated[int, msgspec.Meta(ge=1)] | None
Names = Annotated[list[Name], msgspec.Meta(max_length=50)]


class PersonIn(msgspec.Struct, forbid_unknown_fields=True):
    """A visitor or a party: name, and if known ID number (身份证号), phone, address."""

    name: Name
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    address: Short | None = None

    def petitioner(self) -> Petitioner:
        return Petitioner(self.name, self.id_number, self.phone, self.address)

    def party(self, role: PartyRole) -> Party:
        return Party(self.name, role, self.id_number, self.phone, self.address)


People = Annotated[list[PersonIn], msgspec.Meta(max_length=50)]


class CentreIn(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
    name: Short
    committee_name: Short
    doc_prefix: Annotated[str, msgspec.Meta(max_length=20)] = ""
    address: Short = ""
    phone: Annotated[str, msgspec.Meta(max_length=32)] = ""


class CentreUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    name: Short | None = None
    committee_name: Short | None = None
    doc_prefix: Annotated[str, msgspec.Meta(max_length=20)] | None = None
    address: Short | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    active: bool | None = None
    version: Version = None


class MemberIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    role: Code = "staff"


class MediatorIn(msgspec.Struct, forbid_unknown_fields=True):
    centre_id: int
    name: Name
    username: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    sex: Annotated[str, msgspec.Meta(max_length=8)] | None = None
    specialities: Annotated[list[Annotated[str, msgspec.Meta(max_length=50)]], msgspec.Meta(max_length=20)] = []
    committee_role: Code = "none"
    phone: Annotated[str, msgspec.Meta(max_length=32)] = ""


class MediatorUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    name: Name | None = None
    username: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    sex: Annotated[str, msgspec.Meta(max_length=8)] | None = None
    specialities: Annotated[list[Annotated[str, msgspec.Meta(max_length=50)]], msgspec.Meta(max_length=20)] | None = None
    committee_role: Code | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    active: bool | None = None
    version: Version = None


class DisposalIn(msgspec.Struct, forbid_unknown_fields=True):
    """Facts of a disposition; each action reads the ones it needs."""

    on: dt.date | None = None
    note: Text = ""
    unit: Short | None = None
    due_on: dt.date | None = None
    route: Code | None = None
    leader: Name | None = None
    units: Annotated[list[Short], msgspec.Meta(max_length=20)] = []
    respondents: People = []
    application: Code = "one_party"
    version: Version = None


class ReceptionIn(msgspec.Struct, forbid_unknown_fields=True):
    """A visit batch; with ``item_ref`` the register item's data is used and nothing else is needed."""

    centre_id: int
    received_on: dt.date | None = None
    persons: Annotated[int, msgspec.Meta(ge=1, le=10_000)] = 1
    petitioners: People = []
    matter: Text = ""
    category: Code | None = None
    request: Text = ""
    matter_ref: Code | None = None
    item_ref: Code | None = None
    #: Dispose of the batch at once: ``{"action": "explain", "note": "…"}``.
    action: Code | None = None
    disposal: DisposalIn | None = None


class CaseIn(msgspec.Struct, forbid_unknown_fields=True):
    """An application: applicants and respondents (joint: both apply; initiative: both are 当事人)."""

    centre_id: int
    application: Code
    applicants: People
    dispute: Text
    respondents: People = []
    applied_on: dt.date | None = None
    category: Code | None = None
    matter_ref: Code | None = None
    item_ref: Code | None = None

    def case(self, today: dt.date) -> MediationCase:
        kind = parse_code(ApplicationKind, "application", self.application)
        first = PartyRole.PARTY if kind is ApplicationKind.INITIATIVE else PartyRole.APPLICANT
        other = {ApplicationKind.JOINT: PartyRole.APPLICANT, ApplicationKind.INITIATIVE: PartyRole.PARTY}.get(
            kind, PartyRole.RESPONDENT
        )
        parties = [p.party(first) for p in self.applicants] + [p.party(other) for p in self.respondents]
        return MediationCase(
            centre_id=self.centre_id, applied_on=self.applied_on or today, application=kind, parties=parties,
            dispute=self.dispute, category=self.category, item_ref=self.item_ref, matter_ref=self.matter_ref,
        )


class ResponseIn(msgspec.Struct, forbid_unknown_fields=True):
    party: Name
    consent: Code
    on: dt.date | None = None
    version: Version = None


class MediatorsIn(msgspec.Struct, forbid_unknown_fields=True):
    mediator_ids: Annotated[list[int], msgspec.Meta(min_length=1, max_length=9)]
    chosen_by: Code = "designated"
    lead: int | None = None
    version: Version = None


class HelperIn(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    relation: Short
    parties_consent: bool
    note: Text = ""
    on: dt.date | None = None
    version: Version = None


class EscalationIn(msgspec.Struct, forbid_unknown_fields=True):
    note: Text
    reported_to_police: bool = False
    version: Version = None


class DatedIn(msgspec.Struct, forbid_unknown_fields=True):
    on: dt.date | None = None
    version: Version = None


class ReasonIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Text
    on: dt.date | None = None
    version: Version = None


class SessionIn(msgspec.Struct, forbid_unknown_fields=True):
    place: Short
    parties_present: Names
    mediators_present: Names
    notes: Text
    held_on: dt.date | None = None
    public: bool = False
    closed_reason: Short = ""
    others_present: Names = []
    version: Version = None

    def session(self, today: dt.date) -> Session:
        return Session(self.held_on or today, self.place, self.public, list(self.parties_present),
                       list(self.mediators_present), self.notes, list(self.others_present), self.closed_reason)


class ExtendIn(msgspec.Struct, forbid_unknown_fields=True):
    until: dt.date
    parties_consent: bool
    note: Text = ""
    version: Version = None


class FailIn(msgspec.Struct, forbid_unknown_fields=True):
    advice: Annotated[list[Code], msgspec.Meta(max_length=5)]
    note: Text
    on: dt.date | None = None
    version: Version = None


class TermIn(msgspec.Struct, forbid_unknown_fields=True):
    content: Text
    obligor: Short = ""
    manner: Short = ""
    due_on: dt.date | None = None

    def term(self) -> Term:
        return Term(self.content, self.obligor, self.manner, self.due_on)


Terms = Annotated[list[TermIn], msgspec.Meta(max_length=50)]


class AgreementIn(msgspec.Struct, forbid_unknown_fields=True):
    facts: Text
    disputes: Text
    terms: Terms
    responsibilities: Text = ""
    form: Code = "written"
    on: dt.date | None = None
    version: Version = None


class AgreementUpdate(msgspec.Struct, forbid_unknown_fields=True):
    facts: Text | None = None
    disputes: Text | None = None
    responsibilities: Text | None = None
    terms: Terms | None = None
    version: Version = None


class SignatureIn(msgspec.Struct, forbid_unknown_fields=True):
    signer: Name
    on: dt.date | None = None
    version: Version = None


class PerformanceIn(msgspec.Struct, forbid_unknown_fields=True):
    term: Annotated[int, msgspec.Meta(ge=1, le=50)]
    note: Text = ""
    on: dt.date | None = None
    version: Version = None


class FollowUpIn(msgspec.Struct, forbid_unknown_fields=True):
    visited_by: Name
    finding: Code
    note: Text = ""
    method: Annotated[str, msgspec.Meta(max_length=50)] = "上门回访"
    on: dt.date | None = None
    version: Version = None


class ConfirmationIn(msgspec.Struct, forbid_unknown_fields=True):
    applicants: Names
    court: Short
    on: dt.date | None = None
    version: Version = None


class ConfirmationResultIn(msgspec.Struct, forbid_unknown_fields=True):
    confirmed: bool
    note: Text = ""
    on: dt.date | None = None
    version: Version = None


class DisputeIn(msgspec.Struct, forbid_unknown_fields=True):
    note: Text
    on: dt.date | None = None
    version: Version = None
