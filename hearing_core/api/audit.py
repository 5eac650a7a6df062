"""The audit log over HTTP (审计日志): ``GET /api/v1/audit`` and ``GET /api/v1/audit/verify``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Controller, get
from litestar.params import QueryParameter

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.audit.query import AuditFilter, list_audit_entries
from hearing_core.audit.verify import verify_audit_log
from hearing_core.errors import FieldError, ValidationFailed

__all__ = ["AuditController"]

Text64 = Annotated[str | None, QueryParameter(max_length=64)]
Text100 = Annotated[str | None, QueryParameter(max_length=100)]
Moment = Annotated[
    str | None, QueryParameter(max_length=40, description="date (2026-01-31) or ISO date-time, UTC if no offset")
]


class AuditItem(msgspec.Struct):
    id: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str
    subject_ref: str
    before: Any
    after: Any
    note: str
    entry_hash: str


class AuditPage(msgspec.Struct):
    items: list[AuditItem]
    total: int
    page: int
    per_page: int


class ChainResult(msgspec.Struct):
    ok: bool
    checked: int
    first_broken_id: int | None
    problem: str | None
    detail: str
    last_hash: str


def parse_moment(value: str | None, field: str) -> dt.datetime | None:
    """``2026-01-31`` (midnight UTC) or an ISO date-time; a bad value is a 422 naming the field."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("invalid date", [FieldError(field, "expected YYYY-MM-DD or an ISO date-time")]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class AuditController(Controller):
    path = "/api/v1/audit"
    tags = ["audit"]

    @get("/", opt=require("audit.read"), summary="Audit entries, newest first, with filters")
    async def list_entries(
        self,
        ctx: Ctx,
        subject: Text100 = None,
        matter: Text100 = None,
        actor: Text64 = None,
        action: Text64 = None,
        object_type: Text64 = None,
        object_id: Text64 = None,
        since: Moment = None,
        until: Moment = None,
        page: Annotated[int, QueryParameter(ge=1, le=1_000_000)] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> AuditPage:
        flt = AuditFilter(
            subject_ref=subject or matter,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            since=parse_moment(since, "since"),
            until=parse_moment(until, "until"),
        )
        result = await list_audit_entries(ctx, flt, page=page, per_page=per_page)
        return AuditPage(
            [AuditItem(**item) for item in result["items"]], result["total"], result["page"], result["per_page"]
        )

    @get("/verify", opt=require("audit.read"), summary="Verify the hash chain of the audit log")
    async def verify(self, ctx: Ctx) -> ChainResult:
        report = await verify_audit_log(ctx)
        return ChainResult(**report.as_dict())
