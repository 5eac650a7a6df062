"""A test-only plugin with a multipart upload route, to exercise the app's upload limits.

Upload routes of the domain teams follow the same recipe: a permission, a
multipart body, and ``request_max_body_size=app.settings.max_upload_size``.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath

from hearing_core import hookimpl
from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.contributions import Permission


def make_upload_route(max_size: int) -> Any:
    @post("/api/v1/probe/upload", opt=require("probe.upload"), request_max_body_size=max_size, status_code=200)
    async def upload(
        ctx: Ctx, data: Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> dict[str, int]:
        sizes = {}
        for name, value in data.items():
            sizes[name] = len(await value.read()) if isinstance(value, UploadFile) else len(str(value))
        return sizes

    return upload


@get("/api/v1/probe/users/{user_id:int}", opt=require("probe.upload"))
async def user_by_id(ctx: Ctx, user_id: FromPath[int]) -> dict[str, str]:
    """Looks a row up by an unbounded integer, as a careless route would."""
    from hearing_core.errors import NotFound
    from hearing_core.security.tables import User

    row = await User.select(User.username).where(User.id == user_id).first().run()
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return row


class UploadProbe:
    @hookimpl
    def register_permissions(self) -> list[Permission]:
        return [Permission("probe.upload", "upload test files", roles=("registrar",))]

    @hookimpl
    def register_routes(self, app: Any) -> list[Any]:
        return [make_upload_route(app.settings.max_upload_size), user_by_id]
