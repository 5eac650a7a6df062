"""HTTP API of the register (``/api/v1/petitions``, ``/matters``, ``/backlog``, ``/deadlines``)."""

from __future__ import annotations

from typing import Any

__all__ = ["controllers"]


def controllers() -> list[Any]:
    """The register's controllers (imported here so annotations resolve at startup)."""
    return []
