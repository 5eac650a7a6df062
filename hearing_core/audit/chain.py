"""Hash chaining of audit entries (pure functions, shared by writer and verifier)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["GENESIS", "canonical", "canonical_time", "entry_hash"]

GENESIS = "0" * 64


def canonical_time(value: dt.datetime | str) -> str:
    """The chained form of a timestamp: UTC, ISO 8601, ``+00:00`` offset.

    SQLite and PostgreSQL return the stored moment in different shapes (text vs.
    ``timestamptz``, possibly another session time zone); normalising here makes
    the hash of an entry identical whichever database wrote or reads it.
    """
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        # Naive values come only from SQLite text written in UTC.
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def canonical(entry: Mapping[str, Any]) -> str:
    """Stable JSON of the chained fields: sorted keys, no whitespace, ISO timestamps."""
    fields = {
        "at": canonical_time(entry["at"]),
        "actor": entry["actor"],
        "action": entry["action"],
        "object_type": entry["object_type"],
        "object_id": str(entry["object_id"]),
        "subject_ref": entry.get("subject_ref", ""),
        "before": entry.get("before"),
        "after": entry.get("after"),
        "note": entry.get("note", ""),
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()
