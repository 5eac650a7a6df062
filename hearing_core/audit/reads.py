"""Auditing reads of personal data and exports (查阅与导出留痕).

Every time a service returns personal data *unmasked* (the actor holds
``personal_data.read``), or produces an export, it records who saw what:

    from hearing_core.audit.reads import audit_read, audit_export

    view = redact_for(ctx.actor, item.as_dict())
    await audit_read(ctx, "petition_item", item.id, fields=["id_number", "phone"], subject_ref=item.matter_ref)

:func:`audit_read` writes nothing when the actor would see masked values only
(nothing personal was disclosed), so callers may call it unconditionally.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hearing_core.security.masking import PERSONAL_DATA_PERMISSION

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["audit_export", "audit_read"]


async def audit_read(
    ctx: ServiceContext,
    object_type: str,
    object_id: object,
    *,
    fields: Iterable[str] = (),
    subject_ref: str = "",
    note: str = "",
) -> bool:
    """Record ``personal_data.view`` if the actor saw personal data unmasked; return whether it did.

    Runs in the caller's transaction when there is one (so a failed request
    that never returned the data leaves no entry), else in its own.
    """
    if not ctx.actor.has(PERSONAL_DATA_PERMISSION):
        return False
    await ctx.audit(
        "personal_data.view",
        object_type,
        object_id,
        after={"fields": sorted(set(fields))} if fields else None,
        subject_ref=subject_ref,
        note=note,
    )
    return True


async def audit_export(
    ctx: ServiceContext, export_kind: str, *, rows: int, masked: bool, filters: dict[str, object] | None = None, note: str = ""
) -> None:
    """Record ``export`` of ``rows`` records of ``export_kind`` (always, masked or not)."""
    await ctx.audit(
        "export",
        export_kind,
        "-",
        after={"rows": rows, "masked": masked, "filters": filters or {}},
        note=note,
    )
