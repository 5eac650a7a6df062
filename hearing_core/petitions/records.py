"""What register services return (登记记录): a stored item or matter with its bookkeeping.

An :class:`ItemRecord` wraps the ORM-free domain objects (:class:`PetitionItem`
and its :class:`Disposition`) with what only storage knows (id, version, who
registered it, the collective flag fixed at registration). ``as_dict`` is the
one serialisation the API and the CLI share, so both show the same fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from hearing_core.petitions.domain import Disposition, Petitioner, PetitionItem
from hearing_core.petitions.domain.identity import mask_id_number, mask_phone

__all__ = ["ItemRecord", "MatterRecord", "Page", "mask_people"]


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _plain(value: Any) -> Any:
    """JSON-ready: ISO dates, enum codes as plain strings."""
    if isinstance(value, Enum):
        return value.value
    return _iso(value)


def _person(p: Petitioner) -> dict[str, Any]:
    return {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address}


def mask_people(people: list[Petitioner]) -> list[Petitioner]:
    """Copies with ID numbers and phones masked (``440106********1234``, ``138****5678``)."""
    return [
        replace(
            p,
            id_number=mask_id_number(p.id_number) if p.id_number else None,
            phone=mask_phone(p.phone) if p.phone else None,
        )
        for p in people
    ]


@dataclass
class ItemRecord:
    """A stored petition item (信访件) and its disposition (办理情况)."""

    id: int
    item: PetitionItem
    disposition: Disposition
    collective: bool
    category_top: str | None
    version: int
    registered_by: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    import_batch: int | None = None
    #: True when ID numbers and phones were masked for the acting user.
    masked: bool = False
    #: Computed on read (see ``petitions.clocks``): clocks and the overdue flag.
    deadlines: list[dict[str, Any]] | None = None
    overdue: bool | None = None

    @property
    def ref(self) -> str:
        return self.item.ref

    @property
    def status(self) -> str:
        return self.disposition.state

    @property
    def matter_ref(self) -> str | None:
        return self.item.matter_ref

    def has_personal_data(self) -> bool:
        people = [*self.item.petitioners, *self.item.signatories]
        return any(p.id_number or p.phone for p in people)

    def masked_copy(self) -> ItemRecord:
        item = replace(
            self.item,
            petitioners=mask_people(self.item.petitioners),
            signatories=mask_people(self.item.signatories),
        )
        return replace(self, item=item, masked=True)

    def disposition_dict(self) -> dict[str, Any]:
        d = self.disposition
        keys = (
            "accepted_on", "not_accepted_on", "not_accepted_reason", "not_accepted_note", "handover",
            "handling_unit", "handed_over_on", "assignment_due_on", "completion_reported_on",
            "completion_report", "extended_on", "extension_days", "extension_reason", "opinion",
            "opinion_issued_on", "opinion_served_on", "routed_to", "routed_on", "concluded_on",
        )
        return {k: _plain(getattr(d, k)) for k in keys}

    def as_dict(self) -> dict[str, Any]:
        i = self.item
        data: dict[str, Any] = {
            "id": self.id,
            "ref": i.ref,
            "received_on": i.received_on.isoformat(),
            "channel": str(i.channel),
            "channel_label": i.channel.label,
            "persons": i.persons,
            "collective": self.collective,
            "category": i.category,
            "category_top": self.category_top,
            "purpose": str(i.purpose) if i.purpose else None,
            "source": str(i.source),
            "summary": i.summary,
            "request": i.request,
            "level_skipping": i.level_skipping,
            "litigation_related": i.litigation_related,
            "anonymous": i.anonymous,
            "abnormal": i.abnormal,
            "abnormal_reason": str(i.abnormal_reason) if i.abnormal_reason else None,
            "national_system_no": i.national_system_no,
            "matter_ref": i.matter_ref,
            "petitioners": [_person(p) for p in i.petitioners],
            "signatories": [_person(p) for p in i.signatories],
            "status": self.status,
            "disposition": self.disposition_dict(),
            "allowed_actions": self.disposition.allowed_actions(),
            "overdue": self.overdue,
            "version": self.version,
            "registered_by": self.registered_by,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "personal_data_masked": self.masked,
        }
        if self.deadlines is not None:
            data["deadlines"] = self.deadlines
        return data

    def row(self) -> dict[str, Any]:
        """The short form for tables: one line per item."""
        first = self.item.petitioners[0] if self.item.petitioners else None
        summary = self.item.summary
        return {
            "ref": self.ref,
            "received_on": self.item.received_on.isoformat(),
            "channel": str(self.item.channel),
            "persons": self.item.persons,
            "category": self.item.category,
            "status": self.status,
            "matter_ref": self.matter_ref,
            "petitioner": first.name if first else "",
            "id_number": first.id_number if first else None,
            "overdue": self.overdue,
            "summary": summary if len(summary) <= 30 else summary[:29] + "…",
        }


@dataclass
class MatterRecord:
    """A stored petition matter (信访事项) with its items (oldest first)."""

    id: int
    ref: str
    title: str
    category: str | None
    on_backlog: bool
    first_received_on: dt.date | None
    last_received_on: dt.date | None
    version: int
    created_at: dt.datetime | None = None
    items: list[ItemRecord] = field(default_factory=list)
    item_count: int = 0

    def as_dict(self, *, with_items: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "ref": self.ref,
            "title": self.title,
            "category": self.category,
            "on_backlog": self.on_backlog,
            "first_received_on": _iso(self.first_received_on),
            "last_received_on": _iso(self.last_received_on),
            "item_count": self.item_count,
            # Every item after the first of a matter is a repeat (重复件).
            "repeat_count": max(self.item_count - 1, 0),
            "version": self.version,
            "created_at": _iso(self.created_at),
        }
        if with_items:
            data["items"] = [r.as_dict() for r in self.items]
        return data


@dataclass
class Page:
    """One page of a collection: ``{"items", "total", "page", "per_page"}``."""

    items: list[Any]
    total: int
    page: int
    per_page: int

    def as_dict(self) -> dict[str, Any]:
        items = [i.as_dict() if hasattr(i, "as_dict") else i for i in self.items]
        return {"items": items, "total": self.total, "page": self.page, "per_page": self.per_page}
