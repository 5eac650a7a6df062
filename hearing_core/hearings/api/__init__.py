"""HTTP API of hearings (``/api/v1/hearings``)."""

from __future__ import annotations

from typing import Any

__all__ = ["controllers"]


def controllers() -> list[Any]:
    return []
