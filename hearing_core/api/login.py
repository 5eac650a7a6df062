"""Logging in (登录): the one path from a username and password to a signed session token.

Used by the API's ``POST /api/v1/auth/login`` and the web page's login form, so the
throttle, the constant-work password check, the log lines and the token's claims are
the same whichever door a user comes through.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Request

from hearing_core.errors import Unauthenticated
from hearing_core.security import service as users
from hearing_core.security.throttle import LoginThrottle

__all__ = ["Session", "log_in"]

logger = logging.getLogger("hearing.auth")


@dataclass(frozen=True)
class Session:
    """A successful login: the account row, its bearer token and how long the token lives."""

    user: dict[str, Any]
    token: str
    lifetime: dt.timedelta

    @property
    def expires(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.lifetime


async def log_in(request: Request[Any, Any, Any], username: str, password: str, *, via: str = "") -> Session:
    """Check the throttle, then the password; a session token, or :class:`Unauthenticated` / ``TooManyAttempts``.

    The throttle is checked before the password: a throttled guess costs no hashing and says
    nothing. ``via`` names the door in the log line (``"web"``; the API's is plain "login").
    """
    what = f"{via} login" if via else "login"
    app = request.app.state["hearing"]
    throttle: LoginThrottle = request.app.state["login_throttle"]
    address = LoginThrottle.client_address(request.scope)
    await throttle.check(username, address)
    try:
        row = await users.authenticate(app, username, password)
    except Unauthenticated:
        await throttle.failed(username, address)
        logger.warning("%s failed for user %r from %s", what, username, address)
        raise
    await throttle.succeeded(username, address)
    logger.info("%s of user %r from %s", what, row["username"], address)
    lifetime = dt.timedelta(minutes=app.settings.token_lifetime_minutes)
    token = request.app.state["jwt_auth"].create_token(
        identifier=str(row["id"]), token_expiration=lifetime, token_extras={"tv": row["token_version"]},
        token_unique_jwt_id=uuid.uuid4().hex,
    )
    return Session(row, token, lifetime)
