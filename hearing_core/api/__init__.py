"""The ASGI API (litestar). Only this package imports litestar."""

from __future__ import annotations

from hearing_core.api.factory import create_app

__all__ = ["create_app"]
