"""Reading the audit log (审计日志查询): filters and pages for the CLI and the API.

Entries are shown with personal data masked for readers without
``personal_data.read`` (an auditor reads everything but does not need ID
numbers): before/after values are passed through :func:`redact_for` and every
free-text value through :func:`scrub_text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.audit.chain import canonical_time
from hearing_core.audit.tables import AuditEntry
from hearing_core.security.masking import PERSONAL_DATA_PERMISSION, redact_for, scrub_text

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["AuditFilter", "list_audit_entries"]

MAX_PER_PAGE = 200


@dataclass(frozen=True)
class AuditFilter:
    """What to look for; every field is optional and they combine with AND."""

    subject_ref: str | None = None
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


def _where(flt: AuditFilter) -> list[Any]:
    conditions: list[Any] = []
    if flt.subject_ref:
        conditions.append(AuditEntry.subject_ref == flt.subject_ref)
    if flt.actor:
        conditions.append(AuditEntry.actor == flt.actor)
    if flt.action:
        conditions.append(AuditEntry.action == flt.action)
    if flt.object_type:
        conditions.append(AuditEntry.object_type == flt.object_type)
    if flt.object_id:
        conditions.append(AuditEntry.object_id == flt.object_id)
    if flt.since:
        conditions.append(AuditEntry.at >= _utc(flt.since))
    if flt.until:
        conditions.append(AuditEntry.at < _utc(flt.until))
    return conditions


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _shown(row: dict[str, Any], reveal: bool) -> dict[str, Any]:
    def clean(value: Any) -> Any:
        if value is None or reveal:
            return value
        if isinstance(value, dict):
            return {k: clean(v) for k, v in redact_for(None, value).items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str):
            return scrub_text(value)
        return value

    return {
        "id": row["id"],
        "at": canonical_time(row["at"]),
        "actor": row["actor"],
        "action": row["action"],
        "object_type": row["object_type"],
        "object_id": row["object_id"],
        "subject_ref": row["subject_ref"],
        "before": clean(row["before"]),
        "after": clean(row["after"]),
        "note": clean(row["note"]),
        "entry_hash": row["entry_hash"],
    }


async def list_audit_entries(
    ctx: ServiceContext, flt: AuditFilter | None = None, *, page: int = 1, per_page: int = 50, newest_first: bool = True
) -> dict[str, Any]:
    """One page of entries matching ``flt``: ``{"items", "total", "page", "per_page"}``."""
    ctx.require("audit.read")
    flt = flt or AuditFilter()
    page = max(1, page)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    conditions = _where(flt)
    query = AuditEntry.select()
    count = AuditEntry.count()
    if conditions:
        query = query.where(*conditions)
        count = count.where(*conditions)
    rows = await (
        query.order_by(AuditEntry.id, ascending=not newest_first)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .output(load_json=True)
        .run()
    )
    reveal = ctx.actor.has(PERSONAL_DATA_PERMISSION)
    return {
        "items": [_shown(r, reveal) for r in rows],
        "total": int(await count.run()),
        "page": page,
        "per_page": per_page,
    }
