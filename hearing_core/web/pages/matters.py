"""信访事项 (matters): the list and one matter's timeline.

The list calls ``service.list_matters``; the timeline page gathers, through each
owning service, everything about the matter (:mod:`.timeline`).
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.params import PathParameter
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.petitions import service
from hearing_core.web.pages.timeline import matter_timeline
from hearing_core.web.render import lang_of, page

__all__ = ["HANDLERS"]

PER_PAGE = 25


@get("/register/matters", opt=require("petitions.read"), name="web.matters")
async def matter_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    q = request.query_params.get("q", "").strip()[:100]
    backlog = request.query_params.get("backlog") == "1"
    raw = request.query_params.get("page", "1")
    page_no = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    found = await service.list_matters(ctx, q=q or None, on_backlog=True if backlog else None, page=page_no,
                                       per_page=PER_PAGE)
    return page(request, "web/register/matters.html", found=found,
                rows=[m.as_dict(with_items=False) for m in found.items], filters={"q": q, "backlog": backlog},
                pages=max(1, -(-found.total // PER_PAGE)))


@get("/register/matters/{ref:str}", opt=require("petitions.read"), name="web.matter")
async def matter_page(request: Request[Any, Any, Any], ctx: Ctx,
                      ref: Annotated[str, PathParameter(min_length=1, max_length=100)]) -> Template:
    return page(request, "web/register/matter.html", **await matter_timeline(ctx, ref, lang_of(request)))


HANDLERS = [matter_list, matter_page]
