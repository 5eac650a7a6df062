"""Request bodies of the register's API (msgspec structs, unknown fields refused, lengths bounded)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

__all__ = [
    "AcceptIn", "AssignIn", "BacklogIn", "ConcludeIn", "DateIn", "EvaluateIn", "ExtendIn", "ExtendLimitIn",
    "ItemIn", "ItemPatch", "LinkIn", "MatterIn", "NotAcceptIn", "OpinionIn", "PersonIn", "PlanIn",
    "ProgressIn", "ReportIn", "RouteIn", "ServiceIn", "TransferIn", "struct_data",
]

Ref = Annotated[str, msgspec.Meta(max_length=64)]
Code = Annotated[str, msgspec.Meta(max_length=64)]
Name = Annotated[str, msgspec.Meta(max_length=100)]
Unit = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Text = Annotated[str, msgspec.Meta(max_length=10_000)]
Persons = Annotated[int, msgspec.Meta(ge=0, le=100_000)]
Version = Annotated[int, msgspec.Meta(ge=1)]
Days = Annotated[int, msgspec.Meta(ge=0, le=3650)]


class PersonIn(msgspec.Struct, forbid_unknown_fields=True):
    """A petitioner (信访人) or signatory (联名人)."""

    name: Name
    id_number: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    phone: Annotated[str, msgspec.Meta(max_length=40)] | None = None
    address: Annotated[str, msgspec.Meta(max_length=1000)] | None = None


People = Annotated[list[PersonIn], msgspec.Meta(max_length=500)]


class ItemIn(msgspec.Struct, forbid_unknown_fields=True):
    """A new petition item (信访件); ``ref`` empty = next number of the year."""

    channel: Code
    summary: Text
    ref: Ref = ""
    received_on: dt.date | None = None
    persons: Persons = 1
    petitioners: People = []
    signatories: People = []
    category: Code | None = None
    purpose: Code | None = None
    source: Code | None = None
    request: Text = ""
    level_skipping: bool = False
    litigation_related: bool = False
    anonymous: bool = False
    abnormal: bool = False
    abnormal_reason: Code | None = None
    national_system_no: Ref | None = None
    matter_ref: Ref | None = None
    #: Open a new matter (``matter_ref``, or ``M-<item ref>``) instead of joining an existing one.
    create_matter: bool = False
    matter_title: Annotated[str, msgspec.Meta(max_length=200)] = ""


class ItemPatch(msgspec.Struct, forbid_unknown_fields=True):
    """Corrections to an item's registration data; ``version`` is the version read."""

    version: Version
    received_on: dt.date | msgspec.UnsetType = msgspec.UNSET
    channel: Code | msgspec.UnsetType = msgspec.UNSET
    persons: Persons | msgspec.UnsetType = msgspec.UNSET
    petitioners: People | msgspec.UnsetType = msgspec.UNSET
    signatories: People | msgspec.UnsetType = msgspec.UNSET
    category: Code | None | msgspec.UnsetType = msgspec.UNSET
    purpose: Code | None | msgspec.UnsetType = msgspec.UNSET
    source: Code | msgspec.UnsetType = msgspec.UNSET
    summary: Text | msgspec.UnsetType = msgspec.UNSET
    request: Text | msgspec.UnsetType = msgspec.UNSET
    level_skipping: bool | msgspec.UnsetType = msgspec.UNSET
    litigation_related: bool | msgspec.UnsetType = msgspec.UNSET
    anonymous: bool | msgspec.UnsetType = msgspec.UNSET
    abnormal: bool | msgspec.UnsetType = msgspec.UNSET
    abnormal_reason: Code | None | msgspec.UnsetType = msgspec.UNSET
    national_system_no: Ref | None | msgspec.UnsetType = msgspec.UNSET


class AcceptIn(msgspec.Struct, forbid_unknown_fields=True):
    on: dt.date | None = None
    version: Version | None = None


ConcludeIn = AcceptIn


class NotAcceptIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Code
    note: Text = ""
    on: dt.date | None = None
    version: Version | None = None


class TransferIn(msgspec.Struct, forbid_unknown_fields=True):
    unit: Unit
    on: dt.date | None = None
    version: Version | None = None


class AssignIn(msgspec.Struct, forbid_unknown_fields=True):
    unit: Unit
    due_on: dt.date
    on: dt.date | None = None
    version: Version | None = None


class ExtendIn(msgspec.Struct, forbid_unknown_fields=True):
    days: Days
    reason: Text
    on: dt.date | None = None
    version: Version | None = None


class ReportIn(msgspec.Struct, forbid_unknown_fields=True):
    report: Text
    on: dt.date | None = None
    version: Version | None = None


class OpinionIn(msgspec.Struct, forbid_unknown_fields=True):
    outcome: Code
    on: dt.date | None = None
    served_on: dt.date | None = None
    version: Version | None = None


class ServiceIn(msgspec.Struct, forbid_unknown_fields=True):
    served_on: dt.date | None = None
    version: Version | None = None


class RouteIn(msgspec.Struct, forbid_unknown_fields=True):
    route: Code
    on: dt.date | None = None
    version: Version | None = None


class EvaluateIn(msgspec.Struct, forbid_unknown_fields=True):
    grade: Code
    on: dt.date | None = None
    comment: Text = ""


class MatterIn(msgspec.Struct, forbid_unknown_fields=True):
    ref: Ref
    title: Annotated[str, msgspec.Meta(max_length=200)] = ""
    category: Code | None = None


class LinkIn(msgspec.Struct, forbid_unknown_fields=True):
    item_ref: Ref
    version: Version | None = None


class BacklogIn(msgspec.Struct, forbid_unknown_fields=True):
    matter_ref: Ref
    owning_leader: Name
    responsible_unit: Unit
    responsible_person: Name
    time_limit: dt.date
    origin: Code = "county"
    listed_on: dt.date | None = None
    plan: Text = ""


class PlanIn(msgspec.Struct, forbid_unknown_fields=True):
    plan: Text
    on: dt.date | None = None


class ProgressIn(msgspec.Struct, forbid_unknown_fields=True):
    text: Text
    #: The month reported, ``YYYY-MM`` (default: the current month).
    month: Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}$")] | None = None


class ExtendLimitIn(msgspec.Struct, forbid_unknown_fields=True):
    time_limit: dt.date
    approved_by: Name
    reason: Text
    on: dt.date | None = None


class DateIn(msgspec.Struct, forbid_unknown_fields=True):
    on: dt.date | None = None


def struct_data(struct: msgspec.Struct, *, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """The struct's set fields as plain data (nested structs to dicts), minus ``drop``."""
    data = msgspec.to_builtins(struct)
    return {k: v for k, v in data.items() if k not in drop}
