"""Shared pieces of the mediation services: permissions, centre scope, versions, dates, masking.

Centre scope (对象级权限): centre staff and mediators see only the centres they are
members of (``mediation_centre_member``); a record of another centre is reported
exactly like a missing one (404 "no … with id …"), so ids cannot be probed.
Administrators and holders of ``mediation.read_all`` (leaders, auditors) see all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_core.petitions.domain.identity import mask_id_number, mask_phone
from hearing_core.security.scope import not_found

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "ADMIN", "CASES", "DESK", "PERSONAL", "READ", "READ_ALL", "as_date", "centre_scope", "check_version",
    "ensure_in_scope", "has_personal", "mask_people", "on_or_today", "page_bounds", "parse_code", "plain",
    "shown_people",
]

C = TypeVar("C")

READ = "mediation.read"
READ_ALL = "mediation.read_all"
DESK = "mediation.desk"
CASES = "mediation.cases"
ADMIN = "mediation.admin"
PERSONAL = "personal_data.read"
MAX_PER_PAGE = 200


def as_date(value: Any) -> dt.date | None:
    """A ``date`` from what the driver returns (date, datetime or ISO text)."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value))


def plain(value: Any) -> Any:
    """JSON-ready: ISO dates, nested dicts and lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


async def centre_scope(ctx: ServiceContext) -> frozenset[int] | None:
    """Centres the actor may see: ``None`` for all, else the ids of their memberships."""
    if ctx.actor.is_admin or ctx.actor.has(READ_ALL) or ctx.actor.has(ADMIN):
        return None
    from hearing_mediation.tables import CentreMember

    rows = await CentreMember.select(CentreMember.centre).where(CentreMember.username == ctx.actor.username).run()
    return frozenset(int(r["centre"]) for r in rows)


async def ensure_in_scope(ctx: ServiceContext, centre_id: int | None, kind: str, object_id: object) -> None:
    """NotFound unless the object exists (``centre_id`` not None) and its centre is in scope."""
    if centre_id is None:
        raise not_found(kind, object_id)
    scope = await centre_scope(ctx)
    if scope is not None and centre_id not in scope:
        raise not_found(kind, object_id)


def parse_code(kind: type[C], field: str, value: object) -> C:
    """A code list member from its code or Chinese label, or ValidationFailed naming ``field``."""
    if isinstance(value, kind):
        return value
    try:
        return kind.parse(str(value))  # type: ignore[attr-defined, no-any-return]
    except ValueError as exc:
        raise ValidationFailed(f"invalid {field}", [FieldError(field, str(exc))]) from None


def on_or_today(ctx: ServiceContext, on: dt.date | None, field: str = "on") -> dt.date:
    """The date of an act: ``on`` or today, never in the future."""
    day = on or ctx.today()
    if day > ctx.today():
        raise ValidationFailed("invalid date", [FieldError(field, f"{day.isoformat()} is in the future")])
    return day


def check_version(kind: str, object_id: object, current: int, sent: int | None) -> None:
    if sent is not None and sent != current:
        raise Conflict(
            f"{kind} {object_id} was changed by someone else (version {current}, you sent {sent}); reload it and try again",
            current_version=current,
        )


def page_bounds(page: int, per_page: int) -> None:
    errors = []
    if page < 1:
        errors.append(FieldError("page", "must be at least 1"))
    if not 1 <= per_page <= MAX_PER_PAGE:
        errors.append(FieldError("per_page", f"must be 1 to {MAX_PER_PAGE}"))
    if errors:
        raise ValidationFailed("invalid page", errors)


def mask_people(people: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Copies of person dicts with ``id_number`` and ``phone`` masked (``440106********1234``, ``138****5678``)."""
    out = []
    for p in people:
        q = dict(p)
        if q.get("id_number"):
            q["id_number"] = mask_id_number(q["id_number"])
        if q.get("phone"):
            q["phone"] = mask_phone(q["phone"])
        out.append(q)
    return out


def has_personal(people: Iterable[Mapping[str, Any]]) -> bool:
    return any(p.get("id_number") or p.get("phone") for p in people)


async def shown_people(
    ctx: ServiceContext, people: list[dict[str, Any]], *, object_type: str, object_id: object, subject_ref: str = ""
) -> tuple[list[dict[str, Any]], bool]:
    """People as the actor may see them, and whether they were masked.

    Without ``personal_data.read`` ID numbers and phones are masked; with it they are
    shown and the read is audited, as the register does, so unmasked personal data
    leaving the system is traceable.
    """
    if not ctx.actor.has(PERSONAL):
        return mask_people(people), True
    if has_personal(people):
        await ctx.audit("mediation.read_personal", object_type, object_id, subject_ref=subject_ref)
    return people, False
