"""The audit table: append-only, hash-chained."""

from __future__ import annotations

from piccolo.columns import JSONB, Text, Timestamptz, Varchar
from piccolo.table import Table

__all__ = ["AuditEntry"]


class AuditEntry(Table, tablename="hearing_audit_entry"):
    """One audited event: who did what to which object, with before/after data.

    ``entry_hash`` = sha256(previous entry's hash + canonical JSON of this entry),
    so altering, deleting or reordering any entry breaks every hash after it.
    """

    at = Timestamptz()
    actor = Varchar(length=64, index=True)
    action = Varchar(length=64, index=True)
    object_type = Varchar(length=64, index=True)
    object_id = Varchar(length=64, index=True)
    #: A business reference to find a case's history by (e.g. the matter ref).
    subject_ref = Varchar(length=100, default="", index=True)
    before = JSONB(null=True, default=None)
    after = JSONB(null=True, default=None)
    prev_hash = Varchar(length=64, default="")
    entry_hash = Varchar(length=64, default="", unique=True)
    note = Text(default="")
