"""Hash chaining of audit entries (pure functions, shared by writer and verifier)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["GENESIS", "canonical", "entry_hash"]

GENESIS = "0" * 64


def canonical(entry: Mapping[str, Any]) -> str:
    """Stable JSON of the chained fields: sorted keys, no whitespace, ISO timestamps."""
    fields = {
        "at": entry["at"] if isinstance(entry["at"], str) else entry["at"].isoformat(),
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
