"""Verified API tokens remembered per process (令牌校验缓存), so a token's signature is checked once.

Decoding a JWT (base64, JSON, HMAC, claim checks, the token object) costs more per request
than the database read that follows it. A token is immutable: once its signature and claims
were verified, the same string verifies the same way until it expires. :class:`CachedToken`
(litestar's :class:`~litestar.security.jwt.Token`, used as the auth backend's ``token_cls``)
keeps verified tokens in a bounded per-process dict keyed by the token string and the
secret, and checks the expiry again on every use. Nothing else is cached here: the account,
its ``token_version`` and the revocation list are read for every request
(:func:`hearing_core.security.service.load_actor`), so logout, disable, password reset and
role changes take effect at once in every worker.

Only valid tokens enter the cache (a forged or expired token raises before), and only
tokens without ``nbf`` and without audience/issuer checks (hearing issues none of them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from litestar.exceptions import NotAuthorizedException
from litestar.security.jwt import Token

__all__ = ["CachedToken", "clear_token_cache"]

#: Most verified tokens kept; the dict is emptied when full (a burst of logins only costs re-verification).
MAX_TOKENS = 4096
_verified: dict[tuple[str, str, str], Token] = {}


def clear_token_cache() -> None:
    _verified.clear()


@dataclass
class CachedToken(Token):
    """A JWT whose verification is remembered until it expires (treat instances as read-only)."""

    @classmethod
    def decode(  # type: ignore[override]
        cls,
        encoded_token: str,
        secret: str,
        algorithm: str,
        audience: str | Sequence[str] | None = None,
        issuer: str | Sequence[str] | None = None,
        require_claims: Sequence[str] | None = None,
        verify_exp: bool = True,
        verify_nbf: bool = True,
        strict_audience: bool = False,
    ) -> Any:
        plain = audience is None and issuer is None and not require_claims and verify_exp and not strict_audience
        key = (encoded_token, secret, algorithm)
        if plain:
            token = _verified.get(key)
            if token is not None:
                if token.exp.timestamp() > dt.datetime.now(dt.UTC).timestamp():
                    return token
                _verified.pop(key, None)
                raise NotAuthorizedException("Invalid token")
        token = super().decode(encoded_token, secret, algorithm, audience=audience, issuer=issuer,
                               require_claims=require_claims, verify_exp=verify_exp, verify_nbf=verify_nbf,
                               strict_audience=strict_audience)
        if plain and "nbf" not in token.extras:
            if len(_verified) >= MAX_TOKENS:
                _verified.clear()
            _verified[key] = token
        return token
