"""The shape of every state-changing use case on an application (申请操作).

:func:`act`: check the permission, open the write transaction, load the application with the
version the caller read, run the domain action, write the changed columns (optimistic
concurrency), record the audit entry (personal data masked, ``subject_ref`` = the matter) and
fire ``case_transitioned(kind="review_application")`` — all in one transaction.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from hearing_review import repository as repo
from hearing_review.domain import ReviewApplication
from hearing_review.services.applications import load_for_update, present

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["KIND", "act", "audit_view"]

#: ``kind`` of ``case_transitioned`` for applications.
KIND = "review_application"

Perform = Callable[[ReviewApplication, dict[str, Any]], "dict[str, Any] | None | Awaitable[dict[str, Any] | None]"]


def audit_view(values: dict[str, Any]) -> dict[str, Any]:
    """Column values as the audit log keeps them: ID number and phone masked (the log is a log)."""
    from hearing_core.documents import mask_id, mask_phone

    out = dict(values)
    if out.get("applicant_id_number"):
        out["applicant_id_number"] = mask_id(out["applicant_id_number"])
    if out.get("applicant_phone"):
        out["applicant_phone"] = mask_phone(out["applicant_phone"])
    return out


async def act(ctx: ServiceContext, ref: str, action: str, perform: Perform, *, permission: str,
              version: int | None = None, note: str = "") -> dict[str, Any]:
    """Run ``perform(application, row)`` as one audited change; it may return extra columns to write."""
    ctx.require(permission)
    async with ctx.write():
        a, row = await load_for_update(ref, version)
        source = a.state
        before = repo.application_values(a)
        result = perform(a, row)
        extra = (await result if inspect.isawaitable(result) else result) or {}
        after = {**repo.application_values(a), **extra}
        changed = [k for k in after if k not in before or after[k] != before[k]]
        if changed:
            await repo.update_row(row["id"], row["version"], {k: after[k] for k in changed}, ctx.now())
        await ctx.audit(f"{a.kind.value}.{action}", KIND, a.id,
                        before=audit_view({k: before.get(k) for k in changed}),
                        after=audit_view({k: after[k] for k in changed}), subject_ref=a.matter_ref, note=note)
        if a.state != source or action in ("record_redo",):
            await ctx.transitioned(KIND, a, source, a.state, action)
        row = await repo.fetch_row(a.ref)
    return await present(ctx, a, row)
