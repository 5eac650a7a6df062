"""Login, logout, the current user, and user administration (``/api/v1/auth``, ``/api/v1/users``)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.datastructures import Cookie
from litestar.params import JSONBody, PathParameter, QueryParameter

from hearing_core.api.auth import AUTH_COOKIE, PUBLIC, require
from hearing_core.api.deps import Ctx
from hearing_core.api.login import log_in
from hearing_core.errors import Conflict, Unauthenticated
from hearing_core.security import service as users
from hearing_core.security.service import UserView

__all__ = ["AuthController", "UsersController"]


Username = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
RoleName = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
RoleList = Annotated[list[RoleName], msgspec.Meta(min_length=1, max_length=20)]
Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    password: Password
    #: Also set an HttpOnly session cookie (web pages); state-changing requests
    #: authenticated by that cookie then need the CSRF header (docs/security.md).
    cookie: bool = False


class UserOut(msgspec.Struct):
    """An account as the API shows it (never the password hash)."""

    id: int
    username: str
    display_name: str
    roles: list[str]
    active: bool
    created_at: str
    version: int

    @classmethod
    def of(cls, view: UserView) -> UserOut:
        return cls(view.id, view.username, view.display_name, list(view.roles), view.active, view.created_at, view.version)


class LoginResult(msgspec.Struct):
    access_token: str
    token_type: str
    expires_at: str
    user: UserOut


class Status(msgspec.Struct):
    status: str


class Me(msgspec.Struct):
    username: str
    display_name: str
    roles: list[str]
    permissions: list[str]


class UserPage(msgspec.Struct):
    items: list[UserOut]
    total: int
    page: int
    per_page: int


class UserCreate(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    password: Password
    roles: RoleList
    display_name: Annotated[str, msgspec.Meta(max_length=100)] = ""


class UserUpdate(msgspec.Struct, forbid_unknown_fields=True):
    #: The ``version`` the client read; a stale one gets 409 and changes nothing.
    version: Version
    roles: RoleList | None = None
    active: bool | None = None
    password: Password | None = None


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["auth"]

    @post("/login", opt=PUBLIC, summary="Log in and receive a bearer token", status_code=200)
    async def login(self, request: Request[Any, Any, Any], data: JSONBody[LoginRequest]) -> Response[LoginResult]:
        session = await log_in(request, data.username, data.password)
        token, lifetime, row = session.token, session.lifetime, session.user
        expires = session.expires
        body = LoginResult(token, "Bearer", expires.isoformat(timespec="seconds"), UserOut.of(UserView.from_row(row)))
        cookies = []
        if data.cookie:
            cookies.append(
                Cookie(
                    key=AUTH_COOKIE,
                    value=f"Bearer {token}",
                    httponly=True,
                    samesite="strict",
                    # Behind a TLS-terminating proxy the scheme looks like http: secure_cookies forces it.
                    secure=request.url.scheme == "https" or bool(request.app.state["hearing"].settings.extra.get("secure_cookies", False)),
                    max_age=int(lifetime.total_seconds()),
                    path="/",
                )
            )
        return Response(body, cookies=cookies)

    @post("/logout", opt=require("session.own"), summary="Revoke the token of this request", status_code=200)
    async def logout(self, request: Request[Any, Any, Any]) -> Response[Status]:
        actor = request.user
        token = request.auth
        if actor.token_id is None:
            raise Unauthenticated("this token cannot be revoked")
        await users.revoke_token(request.app.state["hearing"], actor.token_id, token.exp)
        response = Response(Status("logged out"))
        if AUTH_COOKIE in request.cookies and not request.headers.get("authorization"):
            # The cookie carried the revoked token: drop it (a bearer logout leaves the browser's session alone).
            response.delete_cookie(AUTH_COOKIE, path="/")
        return response

    @get("/me", opt=require("session.own"), summary="The logged-in user and their permissions")
    async def me(self, ctx: Ctx) -> Me:
        actor = ctx.actor
        return Me(actor.username, actor.display_name, sorted(actor.roles), sorted(ctx.app.access.permissions_for(actor.roles)))


class UsersController(Controller):
    path = "/api/v1/users"
    tags = ["users"]

    @get("/", opt=require("users.read"), summary="List users")
    async def list_users(
        self,
        ctx: Ctx,
        page: Annotated[int, QueryParameter(ge=1, le=1_000_000)] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> UserPage:
        views = await users.list_users(ctx)
        chunk = views[(page - 1) * per_page : page * per_page]
        return UserPage([UserOut.of(v) for v in chunk], len(views), page, per_page)

    @post("/", opt=require("users.manage"), summary="Create a user")
    async def create_user(self, ctx: Ctx, data: JSONBody[UserCreate]) -> UserOut:
        view = await users.create_user(ctx, data.username, data.password, data.roles, data.display_name)
        return UserOut.of(view)

    @get("/{username:str}", opt=require("users.read"), summary="One user")
    async def get_user(self, ctx: Ctx, username: Annotated[str, PathParameter(max_length=64)]) -> UserOut:
        return UserOut.of(await users.get_user(ctx, username))

    @patch("/{username:str}", opt=require("users.manage"), summary="Change roles, enable/disable, reset password")
    async def update_user(
        self, ctx: Ctx, username: Annotated[str, PathParameter(max_length=64)], data: JSONBody[UserUpdate]
    ) -> UserOut:
        # One transaction: either every requested change is applied or none is. The
        # first change checks the version the client read; later ones follow it.
        async with ctx.write():
            view = await users.get_user(ctx, username)
            expected: int | None = data.version
            if data.roles is not None:
                view = await users.set_roles(ctx, username, data.roles, expected)
                expected = None
            if data.active is not None:
                view = await users.set_active(ctx, username, data.active, expected)
                expected = None
            if data.password is not None:
                view = await users.reset_password(ctx, username, data.password, expected)
                expected = None
            if expected is not None and expected != view.version:
                # Nothing to change, but a stale version is still reported as one.
                raise Conflict(
                    f"user '{username}' was changed by someone else (version {view.version}, you sent {expected}); "
                    "reload and try again",
                    current_version=view.version,
                )
        return UserOut.of(view)
