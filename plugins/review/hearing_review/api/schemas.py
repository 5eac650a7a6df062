"""Request bodies of the review API (msgspec structs, unknown fields refused, lengths bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

__all__ = [
    "AcceptRequest", "ApplicantIn", "ApplicationCreate", "DeclareRequest", "DecideRequest", "EvidenceIn",
    "FollowUpCreate", "ForceMajeureRequest", "HearingLink", "HearingOpen", "OrganIn", "OrgansLoad", "PauseEnd",
    "PauseCreate", "RedoRequest", "ServeRequest", "TerminateRequest", "WithdrawRequest",
]

Code = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Short = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000)]
Note = Annotated[str, msgspec.Meta(max_length=2_000)]
Version = Annotated[int, msgspec.Meta(ge=1)]


class ApplicantIn(msgspec.Struct, forbid_unknown_fields=True):
    """The applicant (申请人): the petitioner, or a lawful agent with an authorisation."""

    name: Name
    capacity: Short = "petitioner"
    agent_of: Annotated[str, msgspec.Meta(max_length=100)] = ""
    authorisation: Note = ""
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None


class EvidenceIn(msgspec.Struct, forbid_unknown_fields=True):
    """One piece of evidence handed in (证据材料)."""

    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    pages: Annotated[int, msgspec.Meta(ge=1, le=10_000)] | None = None
    note: Annotated[str, msgspec.Meta(max_length=500)] = ""


class ApplicationCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A review (``item_ref`` or ``redo_of``) or re-review (``review_ref``) application."""

    kind: Short
    applicant: ApplicantIn
    request: Text
    reasons: Text
    item_ref: Ref | None = None
    review_ref: Ref | None = None
    redo_of: Ref | None = None
    received_on: dt.date | None = None
    receiving_organ: Code | None = None
    original_organ: Code | None = None
    evidence: Annotated[list[EvidenceIn], msgspec.Meta(max_length=200)] = []


class VersionOnly(msgspec.Struct, forbid_unknown_fields=True):
    version: Version | None = None


class AcceptRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Accept (受理) or refuse (不予受理) on ``on`` (default today)."""

    on: dt.date | None = None
    version: Version | None = None


class DeclareRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Facts the register cannot know: accepted by another organ; a statutory procedure."""

    accepted_elsewhere: Note | None = None
    declared_route: Note | None = None
    version: Version | None = None


class ForceMajeureRequest(msgspec.Struct, forbid_unknown_fields=True):
    start: dt.date
    end: dt.date
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
    version: Version | None = None


class DecideRequest(msgspec.Struct, forbid_unknown_fields=True):
    """The opinion: ``uphold``, ``revoke_remand`` (with ``redo_due_on``) or ``modify`` (with ``new_conclusion``)."""

    outcome: Short
    findings: Text
    on: dt.date | None = None
    decided_by: Annotated[str, msgspec.Meta(max_length=100)] = ""
    redo_due_on: dt.date | None = None
    new_conclusion: Note = ""
    version: Version | None = None


class ServeRequest(msgspec.Struct, forbid_unknown_fields=True):
    on: dt.date | None = None
    version: Version | None = None


class RedoRequest(msgspec.Struct, forbid_unknown_fields=True):
    """The lower organ's new opinion after a remand."""

    conclusion: Short
    issued_on: dt.date
    same_facts: bool
    served_on: dt.date | None = None
    approved_by: Annotated[str, msgspec.Meta(max_length=100)] = ""
    version: Version | None = None


class WithdrawRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: Note = ""
    on: dt.date | None = None
    version: Version | None = None


class PauseCreate(msgspec.Struct, forbid_unknown_fields=True):
    """Time not counted in the decision clock: ``appraisal``, ``survey`` or ``hearing``."""

    kind: Short
    start: dt.date
    end: dt.date | None = None
    note: Note = ""
    version: Version | None = None


class PauseEnd(msgspec.Struct, forbid_unknown_fields=True):
    end: dt.date
    version: Version | None = None


class HearingOpen(msgspec.Struct, forbid_unknown_fields=True):
    grounds: Text
    on_application: bool = False
    on: dt.date | None = None
    version: Version | None = None


class HearingLink(msgspec.Struct, forbid_unknown_fields=True):
    case_id: Annotated[int, msgspec.Meta(ge=1)]
    version: Version | None = None


class TerminateRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: Short
    on: dt.date | None = None
    basis_ref: Ref | None = None
    note: Note = ""


class FollowUpCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A follow-up record (教育疏导、帮扶、回访) on a matter."""

    kind: Short
    staff: Name
    note: Text
    on: dt.date | None = None
    contact: Annotated[str, msgspec.Meta(max_length=100)] = ""


class OrganIn(msgspec.Struct, forbid_unknown_fields=True):
    code: Code
    name: Name
    level: Short
    parent: Code | None = None
    alt_parent: Code | None = None


class OrgansLoad(msgspec.Struct, forbid_unknown_fields=True):
    organs: Annotated[list[OrganIn], msgspec.Meta(min_length=1, max_length=1_000)]
