"""Login, logout, the current user, and user administration (``/api/v1/auth``, ``/api/v1/users``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.params import JSONBody, PathParameter

from hearing_core.api.auth import PUBLIC, require
from hearing_core.api.deps import Ctx
from hearing_core.errors import Unauthenticated
from hearing_core.security import service as users
from hearing_core.security.service import UserView

__all__ = ["AuthController", "UsersController"]

Username = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
RoleList = Annotated[list[Annotated[str, msgspec.Meta(max_length=64)]], msgspec.Meta(min_length=1, max_length=20)]


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    password: Password


class LoginResult(msgspec.Struct):
    access_token: str
    token_type: str
    expires_at: str
    user: dict[str, Any]


class Me(msgspec.Struct):
    username: str
    display_name: str
    roles: list[str]
    permissions: list[str]


class UserCreate(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    password: Password
    roles: RoleList
    display_name: Annotated[str, msgspec.Meta(max_length=100)] = ""


class UserUpdate(msgspec.Struct, forbid_unknown_fields=True):
    roles: RoleList | None = None
    active: bool | None = None
    password: Password | None = None


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["auth"]

    @post("/login", opt=PUBLIC, summary="Log in and receive a bearer token", status_code=200)
    async def login(self, request: Request[Any, Any, Any], data: JSONBody[LoginRequest]) -> LoginResult:
        app = request.app.state["hearing"]
        row = await users.authenticate(app, data.username, data.password)
        auth = request.app.state["jwt_auth"]
        lifetime = dt.timedelta(minutes=app.settings.token_lifetime_minutes)
        token = auth.create_token(
            identifier=str(row["id"]),
            token_expiration=lifetime,
            token_extras={"tv": row["token_version"]},
            token_unique_jwt_id=uuid.uuid4().hex,
        )
        expires = dt.datetime.now(dt.timezone.utc) + lifetime
        return LoginResult(token, "Bearer", expires.isoformat(timespec="seconds"), UserView.from_row(row).as_dict())

    @post("/logout", opt=require("session.own"), summary="Revoke the token of this request", status_code=200)
    async def logout(self, request: Request[Any, Any, Any]) -> dict[str, str]:
        actor = request.user
        token = request.auth
        if actor.token_id is None:
            raise Unauthenticated("this token cannot be revoked")
        await users.revoke_token(request.app.state["hearing"], actor.token_id, token.exp)
        return {"status": "logged out"}

    @get("/me", opt=require("session.own"), summary="The logged-in user and their permissions")
    async def me(self, ctx: Ctx) -> Me:
        actor = ctx.actor
        return Me(actor.username, actor.display_name, sorted(actor.roles), sorted(ctx.app.access.permissions_for(actor.roles)))


class UsersController(Controller):
    path = "/api/v1/users"
    tags = ["users"]

    @get("/", opt=require("users.read"), summary="List users")
    async def list_users(self, ctx: Ctx) -> list[dict[str, Any]]:
        return [u.as_dict() for u in await users.list_users(ctx)]

    @post("/", opt=require("users.manage"), summary="Create a user")
    async def create_user(self, ctx: Ctx, data: JSONBody[UserCreate]) -> dict[str, Any]:
        view = await users.create_user(ctx, data.username, data.password, data.roles, data.display_name)
        return view.as_dict()

    @get("/{username:str}", opt=require("users.read"), summary="One user")
    async def get_user(self, ctx: Ctx, username: Annotated[str, PathParameter(max_length=64)]) -> dict[str, Any]:
        return (await users.get_user(ctx, username)).as_dict()

    @patch("/{username:str}", opt=require("users.manage"), summary="Change roles, enable/disable, reset password")
    async def update_user(
        self, ctx: Ctx, username: Annotated[str, PathParameter(max_length=64)], data: JSONBody[UserUpdate]
    ) -> dict[str, Any]:
        # One transaction: either every requested change is applied or none is.
        async with ctx.write():
            view = await users.get_user(ctx, username)
            if data.roles is not None:
                view = await users.set_roles(ctx, username, data.roles)
            if data.active is not None:
                view = await users.set_active(ctx, username, data.active)
            if data.password is not None:
                view = await users.reset_password(ctx, username, data.password)
        return view.as_dict()
