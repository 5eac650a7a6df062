"""Password hashing with Argon2id (argon2-cffi's maintained defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

import functools
import os

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hearing_core.errors import FieldError, ValidationFailed

__all__ = ["MIN_PASSWORD_LENGTH", "check_policy", "hash_password", "needs_rehash", "verify_password"]

MIN_PASSWORD_LENGTH = 8
#: Set only by test suites (hearing_core.testing does): thousands of logins with
#: production Argon2 parameters (64 MiB, t=3) would dominate the suite's run time.
INSECURE_TEST_HASH_ENV = "HEARING_INSECURE_FAST_PASSWORD_HASH"


def production_hasher() -> PasswordHasher:
    """Argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile)."""
    return PasswordHasher()


def _make_hasher() -> PasswordHasher:
    if os.environ.get(INSECURE_TEST_HASH_ENV) == "1":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return production_hasher()


_hasher = _make_hasher()


@functools.cache
def _dummy_hash_of(hasher: PasswordHasher) -> str:
    return hasher.hash("not-a-real-password")


def _dummy_hash() -> str:
    """A hash made with the current parameters, verified against when a username does not exist.

    That keeps the timing of a failed login the same whether or not the user exists (no
    username enumeration). Made on first use, not at import: hashing with production
    parameters takes about half a second, which every CLI command would pay.
    """
    return _dummy_hash_of(_hasher)


def check_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            "password too short",
            [FieldError("password", f"must be at least {MIN_PASSWORD_LENGTH} characters")],
        )
    if len(password) > 1024:
        raise ValidationFailed("password too long", [FieldError("password", "must be at most 1024 characters")])


def hash_password(password: str) -> str:
    check_policy(password)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-work verification; ``password_hash=None`` still spends the same time."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
