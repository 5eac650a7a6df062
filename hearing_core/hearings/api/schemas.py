"""Request bodies of the hearing API (msgspec structs, unknown fields refused, lengths limited).

Every action body carries the ``version`` of the case the client read: a stale one is a 409
and changes nothing. Times without an offset are China time.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

__all__ = [
    "Advance", "Announce", "Apply", "Assessment", "Attendance", "Conclude", "Consent", "CrossExamine", "Decide",
    "DecideRecusal", "Evidence", "ExpertIn", "ExpertUpdate", "Finding", "Initiate", "Issue", "Participant",
    "Postpone", "RecordEntry", "Replace", "RequestRecusal", "Resumption", "Schedule", "Seat", "Serve", "Sign",
    "Skip", "Suspend", "Terminate", "Unavailability", "Booking", "VersionOnly", "Vote", "Withdraw", "RefuseSign",
]

Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Short = Annotated[str, msgspec.Meta(max_length=200)]
Text = Annotated[str, msgspec.Meta(max_length=20_000)]
Code = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
No = Annotated[int, msgspec.Meta(ge=1, le=100_000)]
Username = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Digest = Annotated[str, msgspec.Meta(min_length=64, max_length=64)]


class _Body(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class Apply(_Body):
    matter_ref: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    applicant_name: Name
    grounds: Text
    stage: Code = "handling"
    applied_on: dt.date | None = None
    told_of_right_on: dt.date | None = None
    applicant_role: Code = "petitioner"
    new_facts: Text = ""
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None


class Initiate(_Body):
    matter_ref: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    petitioner_name: Name
    grounds: Text
    stage: Code = "handling"
    initiated_on: dt.date | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None


class VersionOnly(_Body):
    version: Version


class Consent(_Body):
    version: Version
    reply: Literal["given", "refused", "lapsed"]
    on: dt.date | None = None


class Decide(_Body):
    version: Version
    outcome: Literal["accept", "refuse", "deemed"]
    decided_by: Short = ""
    reasons: Text = ""
    on: dt.date | None = None


class Withdraw(_Body):
    version: Version
    reason: Text = ""
    on: dt.date | None = None


class Schedule(_Body):
    version: Version
    start: dt.datetime
    end: dt.datetime
    venue: Short | None = None
    video_link: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    public: bool = True
    closed_reason: Code | None = None


class Announce(_Body):
    version: Version
    channel: Short
    reference: Short = ""
    published_on: dt.date | None = None


class Serve(_Body):
    version: Version
    document: Code
    method: Code
    proof_ref: Short
    recipients: Annotated[list[No], msgspec.Meta(max_length=100)] = []
    all_targets: bool = False
    served_on: dt.date | None = None


class Seat(_Body):
    version: Version
    role: Code
    username: Username | None = None
    pool_entry_id: No | None = None
    investigators: Annotated[list[Username], msgspec.Meta(max_length=20)] = []


class Replace(_Body):
    version: Version
    seat: No
    username: Username | None = None
    pool_entry_id: No | None = None
    investigators: Annotated[list[Username], msgspec.Meta(max_length=20)] = []


class Participant(_Body):
    version: Version
    name: Name
    role: Code
    principal_no: No | None = None
    power_of_attorney: Short | None = None
    unit: Short | None = None
    username: Username | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None


class RequestRecusal(_Body):
    version: Version
    seat: No
    requested_by: Name
    grounds: Text
    at: dt.datetime | None = None


class DecideRecusal(_Body):
    version: Version
    request_no: No
    granted: bool
    capacity: Code
    reason: Text = ""
    decided_by: Short = ""
    at: dt.datetime | None = None


class Evidence(_Body):
    version: Version
    submitted_by_no: No
    title: Short
    kind: Code = "document"
    attachments: Annotated[list[Digest], msgspec.Meta(max_length=50)] = []
    description: Text = ""
    at: dt.datetime | None = None


class Assessment(_Body):
    stance: Literal["accept", "dispute"]
    comment: Text = ""


class CrossExamine(_Body):
    version: Version
    evidence_no: No
    by_no: No
    authenticity: Assessment
    relevance: Assessment
    legality: Assessment
    at: dt.datetime | None = None


class Finding(_Body):
    version: Version
    evidence_no: No
    admitted: bool
    reason: Text = ""
    at: dt.datetime | None = None


class Advance(_Body):
    version: Version
    at: dt.datetime | None = None


class Attendance(_Body):
    version: Version
    participant_no: No
    present: bool = True


class Skip(_Body):
    version: Version
    reason: Text
    at: dt.datetime | None = None


class RecordEntry(_Body):
    version: Version
    speaker: Short
    text: Text
    speaker_role: Code | None = None
    at: dt.datetime | None = None


class Postpone(_Body):
    version: Version
    reason: Code
    detail: Text
    at: dt.datetime | None = None


class Suspend(Postpone):
    pass


class Resumption(_Body):
    version: Version
    start: dt.datetime
    end: dt.datetime
    venue: Short | None = None
    video_link: Annotated[str, msgspec.Meta(max_length=500)] | None = None


class Terminate(_Body):
    version: Version
    reason: Code
    at: dt.datetime | None = None


class Issue(_Body):
    version: Version
    title: Text


class Vote(_Body):
    version: Version
    issue_no: No
    value: Code
    opinion: Text
    at: dt.datetime | None = None


class Conclude(_Body):
    version: Version
    facts_found: Text
    basis: Text
    recommendation: Text
    at: dt.datetime | None = None


class Sign(_Body):
    version: Version
    signatory_key: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
    at: dt.datetime | None = None


class RefuseSign(Sign):
    note: Text = ""


class ExpertIn(_Body):
    name: Name
    affiliation: Code
    organisation: Short = ""
    username: Username | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    note: Text = ""


class ExpertUpdate(_Body):
    version: Version
    active: bool | None = None
    username: Username | None = None
    organisation: Short | None = None
    note: Text | None = None


class Booking(_Body):
    venue: Short
    start: dt.datetime
    end: dt.datetime
    reference: Short = ""


class Unavailability(_Body):
    start: dt.datetime
    end: dt.datetime
    reason: Short = ""
    username: Username | None = None
