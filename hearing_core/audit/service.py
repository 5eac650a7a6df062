"""Writing audit entries inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hearing_core.audit.chain import GENESIS, entry_hash
from hearing_core.audit.tables import AuditEntry

if TYPE_CHECKING:
    from hearing_core.db.database import Database
    from hearing_core.security.actor import Actor

__all__ = ["record"]

_PG_AUDIT_LOCK = 0x41554454  # "AUDT"


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    # Round-trip through JSON so what is hashed is exactly what is stored.
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


async def record(
    db: Database,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    subject_ref: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> str:
    """Append one entry; must be called inside the transaction of the change it records.

    Returns the new entry's hash. A rolled-back change therefore leaves no entry.
    """
    if not db.in_transaction():
        raise RuntimeError("audit.record must run inside the transaction of the audited change")
    if not db.is_sqlite:
        # Serialise chain appends across concurrent transactions; SQLite's IMMEDIATE
        # write transactions are already serialised.
        await db.fetch("SELECT pg_advisory_xact_lock({})", _PG_AUDIT_LOCK)
    last = await AuditEntry.select(AuditEntry.entry_hash).order_by(AuditEntry.id, ascending=False).first().run()
    prev = last["entry_hash"] if last else GENESIS
    moment = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    data = {
        "at": moment,
        "actor": actor.username,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "subject_ref": subject_ref,
        "before": _jsonable(before),
        "after": _jsonable(after),
        "note": note,
    }
    digest = entry_hash(prev, data)
    await AuditEntry.insert(AuditEntry(**data, prev_hash=prev, entry_hash=digest)).run()
    return digest
