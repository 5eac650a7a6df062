"""Account use cases (账户管理): create, list, disable, roles, passwords, login."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.db import fastread
from hearing_core.errors import Conflict, FieldError, NotFound, Unauthenticated, ValidationFailed
from hearing_core.security.passwords import check_policy, hash_password, needs_rehash, verify_password
from hearing_core.security.tables import RevokedToken, User

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import Actor

__all__ = [
    "UserView",
    "authenticate",
    "count_users",
    "create_user",
    "get_user",
    "list_users",
    "load_actor",
    "reset_password",
    "revoke_token",
    "set_active",
    "set_roles",
]

_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,64}$")
#: One message for every failed login, so responses never reveal which usernames exist.
LOGIN_FAILED = "invalid username or password"


@dataclass(frozen=True)
class UserView:
    """An account as shown to administrators (never includes the password hash)."""

    id: int
    username: str
    display_name: str
    roles: list[str]
    active: bool
    created_at: str
    #: Optimistic-concurrency version: send it back with an update (stale → 409).
    version: int = 1

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> UserView:
        created = row["created_at"]
        return cls(
            id=row["id"],
            username=row["username"],
            display_name=row["display_name"],
            roles=list(row["roles"] or []),
            active=bool(row["active"]),
            created_at=created.isoformat() if hasattr(created, "isoformat") else str(created),
            version=int(row.get("version") or 1),
        )

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _now(app: HearingApp) -> dt.datetime:
    return app.now()


async def count_users(app: HearingApp) -> int:
    return int(await User.count().run())


async def create_user(
    ctx: ServiceContext, username: str, password: str, roles: list[str], display_name: str = ""
) -> UserView:
    ctx.require("users.manage")
    return await _create_user(ctx, username, password, roles, display_name)


async def _create_user(
    ctx: ServiceContext, username: str, password: str, roles: list[str], display_name: str
) -> UserView:
    errors = []
    if not _USERNAME.match(username or ""):
        errors.append(FieldError("username", "2-64 characters: letters, digits, '.', '_' or '-'"))
    if not roles:
        errors.append(FieldError("roles", "at least one role is required"))
    try:
        check_policy(password)
    except ValidationFailed as exc:
        errors.extend(exc.errors)
    if errors:
        raise ValidationFailed("invalid user", errors)
    role_names = ctx.app.access.check_roles(roles)
    password_hash = hash_password(password)
    async with ctx.write():
        if await User.exists().where(User.username == username).run():
            raise Conflict(f"user '{username}' already exists")
        now = _now(ctx.app)
        row = User(
            username=username,
            display_name=display_name or username,
            password_hash=password_hash,
            roles=role_names,
            active=True,
            created_at=now,
            updated_at=now,
        )
        await row.save().run()
        view = UserView.from_row(row.to_dict())
        await ctx.audit("user.create", "user", row.id, after={"username": username, "roles": role_names})
    return view


async def bootstrap_admin(app: HearingApp, username: str, password: str, display_name: str = "") -> UserView:
    """Create the first administrator (``hearing init``); refuses if any user exists."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM

    ctx = ServiceContext(app, SYSTEM)
    async with ctx.write():
        if await User.count().run() > 0:
            raise Conflict("the instance already has users; use `hearing users add` instead")
        return await _create_user(ctx, username, password, ["administrator"], display_name)


async def list_users(ctx: ServiceContext) -> list[UserView]:
    ctx.require("users.read")
    rows = await User.select().order_by(User.username).output(load_json=True).run()
    return [UserView.from_row(r) for r in rows]


async def _get_row(username: str) -> dict[str, Any]:
    row = await User.select().where(User.username == username).first().output(load_json=True).run()
    if row is None:
        raise NotFound(f"no user named '{username}'")
    return row


async def get_user(ctx: ServiceContext, username: str) -> UserView:
    ctx.require("users.read")
    return UserView.from_row(await _get_row(username))


async def _update(
    ctx: ServiceContext, username: str, action: str, values: dict[str, Any], expected_version: int | None = None
) -> UserView:
    """Apply ``values`` with ``UPDATE ... WHERE id = ? AND version = ?``; a stale version raises Conflict."""
    async with ctx.write():
        row = await _get_row(username)
        version = row["version"] if expected_version is None else expected_version
        values = {**values, "updated_at": _now(ctx.app), "version": version + 1}
        updated = (
            await User.update(values)
            .where((User.id == row["id"]) & (User.version == version))
            .returning(User.id)
            .run()
        )
        if not updated:
            raise Conflict(
                f"user '{username}' was changed by someone else (version {row['version']}, you sent {version}); "
                "reload and try again",
                current_version=row["version"],
            )
        shown = {k: v for k, v in values.items() if k not in {"password_hash", "updated_at", "version"}}
        before = {k: row[k] for k in shown if k in row}
        await ctx.audit(action, "user", row["id"], before=before, after=shown)
    return UserView.from_row(await _get_row(username))


async def set_active(
    ctx: ServiceContext, username: str, active: bool, expected_version: int | None = None
) -> UserView:
    ctx.require("users.manage")
    row = await _get_row(username)
    if not active and row["id"] == ctx.actor.user_id:
        raise ValidationFailed("cannot disable yourself", [FieldError("username", "you cannot disable your own account")])
    return await _update(
        ctx,
        username,
        "user.enable" if active else "user.disable",
        {"active": active, "token_version": row["token_version"] + 1},
        expected_version,
    )


async def set_roles(
    ctx: ServiceContext, username: str, roles: list[str], expected_version: int | None = None
) -> UserView:
    ctx.require("users.manage")
    if not roles:
        raise ValidationFailed("invalid roles", [FieldError("roles", "at least one role is required")])
    names = ctx.app.access.check_roles(roles)
    row = await _get_row(username)
    return await _update(
        ctx, username, "user.set_roles", {"roles": names, "token_version": row["token_version"] + 1}, expected_version
    )


async def reset_password(
    ctx: ServiceContext, username: str, password: str, expected_version: int | None = None
) -> UserView:
    if ctx.actor.username != username:
        ctx.require("users.manage")
    row = await _get_row(username)
    return await _update(
        ctx,
        username,
        "user.reset_password",
        {"password_hash": hash_password(password), "token_version": row["token_version"] + 1},
        expected_version,
    )


async def authenticate(app: HearingApp, username: str, password: str) -> dict[str, Any]:
    """Check credentials; return the user row. Same error and same work for every failure."""
    row = await User.select().where(User.username == username).first().output(load_json=True).run()
    ok = verify_password(row["password_hash"] if row else None, password)
    if not ok or row is None or not row["active"]:
        raise Unauthenticated(LOGIN_FAILED)
    if needs_rehash(row["password_hash"]):
        async with app.db.write():
            await User.update({User.password_hash: hash_password(password)}).where(User.id == row["id"]).run()
    return row


#: The account of a token and whether the token was revoked, in one statement (the API's per-request read).
_SESSION_SQL = (
    "SELECT u.id, u.username, u.display_name, u.roles, u.active, u.token_version, "
    "(SELECT COUNT(*) FROM hearing_revoked_token r WHERE r.jti = {}) AS revoked "
    "FROM hearing_user u WHERE u.id = {}"
)


async def load_actor(app: HearingApp, user_id: int, token_version: int | None = None, token_id: str | None = None) -> Actor | None:
    """The actor for an authenticated request, or ``None`` if the account is gone, disabled or the token is stale.

    With ``token_id`` (the JWT ``jti``) a revoked token (logout) also gives ``None``: the
    account and the revocation list are read in one statement.
    """
    row = await fastread.fetch_one(User._meta.db, _SESSION_SQL, token_id or "", user_id)
    if row is None or not row["active"] or row["revoked"]:
        return None
    if token_version is not None and token_version != row["token_version"]:
        return None
    roles = row["roles"]
    roles = json.loads(roles) if isinstance(roles, (str, bytes)) else roles
    return app.actor_for(row["username"], row["id"], list(roles or []), display_name=row["display_name"], token_id=token_id)


async def actor_by_username(app: HearingApp, username: str) -> Actor:
    row = await User.select().where(User.username == username).first().output(load_json=True).run()
    if row is None or not row["active"]:
        raise NotFound(f"no active user named '{username}'")
    return app.actor_for(row["username"], row["id"], list(row["roles"] or []), display_name=row["display_name"])


async def revoke_token(app: HearingApp, jti: str, expires_at: dt.datetime) -> None:
    async with app.db.write():
        if not await RevokedToken.exists().where(RevokedToken.jti == jti).run():
            await RevokedToken.insert(RevokedToken(jti=jti, expires_at=expires_at)).run()


async def is_revoked(jti: str) -> bool:
    return bool(await RevokedToken.exists().where(RevokedToken.jti == jti).run())
