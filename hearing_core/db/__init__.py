"""Persistence (持久化): engines, transactions, migrations, table binding."""

from __future__ import annotations

from hearing_core.db.database import Database

__all__ = ["Database"]
