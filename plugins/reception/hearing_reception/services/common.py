"""Shared pieces of the reception services: permissions, versions, paging, deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = [
    "DESK",
    "INSTRUCT",
    "MAX_PER_PAGE",
    "PLAN",
    "READ",
    "REPLY",
    "Page",
    "check_version",
    "deadline_basis",
    "due_on",
    "page_bounds",
]

READ = "reception.read"
PLAN = "reception.plan"
DESK = "reception.desk"
INSTRUCT = "reception.instruct"
REPLY = "reception.reply"
MAX_PER_PAGE = 200

#: Machine names used in ``case_transitioned`` events.
RECEPTION_KIND = "leader_reception"
CASE_KIND = "reception_case"


@dataclass
class Page:
    """One page of a list: ``{"items": [...], "total": N, "page": P, "per_page": K}``."""

    items: list[Any]
    total: int
    page: int
    per_page: int
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, items: list[Any] | None = None) -> dict[str, Any]:
        return {"items": self.items if items is None else items, "total": self.total, "page": self.page,
                "per_page": self.per_page, **self.extra}


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    errors = []
    if page < 1:
        errors.append(FieldError("page", "must be at least 1"))
    if not 1 <= per_page <= MAX_PER_PAGE:
        errors.append(FieldError("per_page", f"must be 1 to {MAX_PER_PAGE}"))
    if errors:
        raise ValidationFailed("invalid page", errors)
    return page, per_page


def check_version(what: str, current: int, sent: int | None) -> None:
    """A caller that read version N may only change version N (None: the caller read nothing)."""
    if sent is not None and sent != current:
        raise Conflict(
            f"{what} was changed by someone else (version {current}, you sent {sent}); reload it and try again",
            current_version=current,
        )


def due_on(app: HearingApp, rule_id: str, start: dt.date) -> dt.date:
    """The due date of a profile rule counted from ``start`` (raises if the rule needs configuring)."""
    due = app.deadline(rule_id, start).due
    assert due is not None  # only pausable rules have no due date, and these rules never pause
    return due


def deadline_basis(app: HearingApp, rule_id: str) -> str:
    """What a stored due date rests on: the rule, the profile's and the calendar's fingerprints."""
    return f"{rule_id} · profile {app.profile.name} {app.profile.fingerprint()} · calendar {app.calendar.fingerprint()}"


def not_future(name: str, on: dt.date, ctx: ServiceContext) -> None:
    if on > ctx.today():
        raise ValidationFailed("date in the future", [FieldError(name, f"{on.isoformat()} is in the future")])
