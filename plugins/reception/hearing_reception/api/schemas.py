"""Request bodies of the reception API (msgspec structs, unknown fields refused, lengths bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

__all__ = [
    "CancelRequest", "CaseClose", "FeedbackRequest", "HearRequest", "InstructRequest", "LeaderCreate",
    "LeadersLoad", "LeaderUpdate", "ParticipantsRequest", "PlanRequest", "PublishRequest", "ReceptionCreate", "ReplyRequest",
    "RescheduleRequest", "RuleBody", "RulesLoad", "SwapRequest", "TransferRequest", "VersionOnly",
    "VisitorsRequest", "present",
]

Code = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Text200 = Annotated[str, msgspec.Meta(max_length=200)]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000)]
Short = Annotated[str, msgspec.Meta(max_length=32)]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
Version = Annotated[int, msgspec.Meta(ge=1)]
LeaderRefs = Annotated[list[Code], msgspec.Meta(min_length=1, max_length=200)]
Day = int | Short


def present(struct: msgspec.Struct, *, drop: tuple[str, ...] = ("version",)) -> dict[str, Any]:
    """The fields a client sent (not None), as a plain mapping for the services."""
    return {k: v for k, v in msgspec.structs.asdict(struct).items() if v is not None and k not in drop}


class LeaderCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A receiving leader (接访领导)."""

    code: Code
    name: Name
    post: Name
    level: Short
    portfolio: Text200 = ""
    paired_unit: Text200 = ""
    unit: Text200 = ""
    username: Annotated[str, msgspec.Meta(max_length=64)] = ""
    active: bool = True


class LeadersLoad(msgspec.Struct, forbid_unknown_fields=True):
    leaders: Annotated[list[LeaderCreate], msgspec.Meta(min_length=1, max_length=500)]


class LeaderUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name | None = None
    post: Name | None = None
    level: Short | None = None
    portfolio: Text200 | None = None
    paired_unit: Text200 | None = None
    unit: Text200 | None = None
    username: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    active: bool | None = None
    version: Version | None = None


class RuleBody(msgspec.Struct, forbid_unknown_fields=True):
    """A reception rule as data (see docs/reception.md, "Rules")."""

    code: Code | None = None
    title: Text200 | None = None
    kind: Short | None = None
    day_of_month: Annotated[int, msgspec.Meta(ge=1, le=31)] | None = None
    months: Short | None = None
    weekday: Day | None = None
    weekdays: Annotated[list[Day], msgspec.Meta(max_length=7)] | None = None
    on_holiday: Short | None = None
    session: Short | None = None
    start_time: Short | None = None
    end_time: Short | None = None
    place_mode: Short | None = None
    place: Text200 | None = None
    leaders: Annotated[list[Code], msgspec.Meta(max_length=200)] | None = None
    levels: Annotated[list[Short], msgspec.Meta(max_length=3)] | None = None
    rota: Annotated[list[Code], msgspec.Meta(max_length=200)] | None = None
    rota_start: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    active: bool | None = None
    version: Version | None = None


class RulesLoad(msgspec.Struct, forbid_unknown_fields=True):
    rules: Annotated[list[RuleBody], msgspec.Meta(min_length=1, max_length=200)]


class PlanRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Plan the calendar for ``from``..``to`` from the active rules."""

    start: dt.date = msgspec.field(name="from")
    to: dt.date
    dry_run: bool = False


class ReceptionCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A reception outside the rules (约访、带案下访, or one being recorded afterwards)."""

    date: dt.date
    place: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    leaders: LeaderRefs
    session: Short = "day"
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    title: Text200 = ""


class VersionOnly(msgspec.Struct, forbid_unknown_fields=True):
    version: Version | None = None


class SwapRequest(msgspec.Struct, forbid_unknown_fields=True):
    leaving: Code
    coming: Code
    reason: Reason
    version: Version | None = None


class RescheduleRequest(msgspec.Struct, forbid_unknown_fields=True):
    date: dt.date
    reason: Reason
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: Text200 | None = None
    version: Version | None = None


class CancelRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason
    version: Version | None = None


class ParticipantsRequest(msgspec.Struct, forbid_unknown_fields=True):
    leaders: LeaderRefs
    version: Version | None = None


class PublishRequest(msgspec.Struct, forbid_unknown_fields=True):
    receptions: Annotated[list[Annotated[int, msgspec.Meta(ge=1)]], msgspec.Meta(min_length=1, max_length=200)]
    published_on: dt.date | None = None
    channels: Annotated[list[Annotated[str, msgspec.Meta(min_length=1, max_length=100)]], msgspec.Meta(max_length=20)] | None = None
    doc_number: Annotated[str, msgspec.Meta(max_length=100)] = ""
    version: Version | None = None


class Petitioner(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    phone: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    address: Annotated[str, msgspec.Meta(max_length=500)] | None = None


class VisitorsRequest(msgspec.Struct, forbid_unknown_fields=True):
    """A visitor batch at the registration desk (来访登记)."""

    persons: Annotated[int, msgspec.Meta(ge=1, le=10_000)]
    petitioners: Annotated[list[Petitioner], msgspec.Meta(min_length=1, max_length=100)]
    summary: Text
    request: Annotated[str, msgspec.Meta(max_length=10_000)] = ""
    category: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    item_ref: Ref | None = None
    matter_ref: Ref | None = None
    new_matter: bool = False


class HearRequest(msgspec.Struct, forbid_unknown_fields=True):
    note: Text
    outcome: Short
    heard_on: dt.date | None = None
    version: Version | None = None


class InstructRequest(msgspec.Struct, forbid_unknown_fields=True):
    text: Text
    leader: Name | None = None
    on: dt.date | None = None
    version: Version | None = None


class TransferRequest(msgspec.Struct, forbid_unknown_fields=True):
    department: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    on: dt.date | None = None
    reply_due: dt.date | None = None
    version: Version | None = None


class ReplyRequest(msgspec.Struct, forbid_unknown_fields=True):
    text: Text
    resolved: bool
    on: dt.date | None = None
    version: Version | None = None


class FeedbackRequest(msgspec.Struct, forbid_unknown_fields=True):
    grade: Short
    note: Annotated[str, msgspec.Meta(max_length=10_000)] = ""
    on: dt.date | None = None
    version: Version | None = None


class CaseClose(msgspec.Struct, forbid_unknown_fields=True):
    on: dt.date | None = None
    version: Version | None = None
