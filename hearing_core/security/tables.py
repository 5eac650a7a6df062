"""Tables for accounts (用户) and revoked API tokens."""

from __future__ import annotations

from piccolo.columns import JSONB, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

__all__ = ["RevokedToken", "StoreEntry", "User"]


class User(Table, tablename="hearing_user"):
    """A person who logs in: staff, panel members, leaders, administrators."""

    username = Varchar(length=64, unique=True, index=True)
    display_name = Varchar(length=100, default="")
    password_hash = Varchar(length=255, default="")
    #: Role names (JSON list); permissions are resolved from the role registry.
    roles = JSONB(default=[])
    active = Boolean(default=True)
    #: Bumped on password reset, disable and role change: tokens issued before are void.
    token_version = Integer(default=0)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class RevokedToken(Table, tablename="hearing_revoked_token"):
    """A logged-out token id (JWT ``jti``), kept until the token would have expired."""

    jti = Varchar(length=64, unique=True, index=True)
    expires_at = Timestamptz()


class StoreEntry(Table, tablename="hearing_store_entry"):
    """A key of the database-backed key-value store (login attempt counters, shared by all workers)."""

    key = Varchar(length=255, unique=True, index=True)
    #: Base64 of the stored bytes (portable between SQLite and PostgreSQL).
    value = Text(default="")
    #: ``None`` = never expires.
    expires_at = Timestamptz(null=True, default=None)
