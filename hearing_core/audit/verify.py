"""Verifying the audit chain (审计日志校验): ``hearing audit verify``, ``GET /api/v1/audit/verify``.

Each entry stores the previous entry's hash and its own hash over the previous
hash plus its canonical content. Walking the table in id order:

* an **altered** entry no longer hashes to its stored ``entry_hash``;
* a **deleted** or **reordered** entry breaks the link: an entry's stored
  ``prev_hash`` differs from the hash of the entry before it (for the first
  entry, from the genesis value).

The walk reads in pages so a large log verifies in constant memory. Removing
the *last* entries leaves a shorter valid chain; the database triggers of
migration m0002 (append-only table) and backups are what protect the tail.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.audit.chain import GENESIS, entry_hash
from hearing_core.audit.tables import AuditEntry

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.db.database import Database

__all__ = ["ChainReport", "verify_chain", "verify_audit_log"]

_PAGE = 1000


@dataclass(frozen=True)
class ChainReport:
    """The outcome of one verification run."""

    ok: bool
    checked: int
    #: Id of the first entry that fails, ``None`` when the chain is intact.
    first_broken_id: int | None = None
    #: ``altered`` or ``broken link`` (an entry deleted or reordered before this one).
    problem: str | None = None
    detail: str = ""
    last_hash: str = GENESIS

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def verify_chain(db: Database) -> ChainReport:
    """Walk the whole audit log and report the first broken entry, if any."""
    expected_prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = await (
            AuditEntry.select()
            .where(AuditEntry.id > last_id)
            .order_by(AuditEntry.id)
            .limit(_PAGE)
            .output(load_json=True)
            .run()
        )
        if not rows:
            break
        for row in rows:
            checked += 1
            if row["prev_hash"] != expected_prev:
                return ChainReport(
                    False,
                    checked,
                    row["id"],
                    "broken link",
                    f"entry {row['id']} follows a hash that is not the previous entry's: "
                    "an entry before it was deleted, inserted or reordered",
                    expected_prev,
                )
            if entry_hash(row["prev_hash"], row) != row["entry_hash"]:
                return ChainReport(
                    False,
                    checked,
                    row["id"],
                    "altered",
                    f"entry {row['id']} does not match its hash: its content was changed",
                    expected_prev,
                )
            expected_prev = row["entry_hash"]
            last_id = row["id"]
    return ChainReport(True, checked, None, None, f"{checked} entries verified", expected_prev)


async def verify_audit_log(ctx: ServiceContext) -> ChainReport:
    """Use case: verify the chain (needs ``audit.read``)."""
    ctx.require("audit.read")
    return await verify_chain(ctx.app.db)
