"""The organ table (机关层级表): list it, add or change organs, load a file of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from hearing_core.errors import ValidationFailed
from hearing_review import repository as repo
from hearing_review.domain import Organ, OrganHierarchy, parse_organs
from hearing_review.services.common import CONFIGURE, READ
from hearing_review.tables import ReviewOrgan

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["list_organs", "load_organs"]


async def list_organs(ctx: ServiceContext) -> list[dict[str, Any]]:
    """Every organ with its level and next-higher organ(s), parents' names resolved."""
    ctx.require(READ)
    h = await repo.hierarchy()
    return [{**o.as_dict(), "parent_name": h.name(o.parent) if o.parent else None,
             "alt_parent_name": h.name(o.alt_parent) if o.alt_parent else None} for o in h.organs.values()]


async def load_organs(ctx: ServiceContext, entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Add or update organs (by code) from file entries; the resulting tree must be valid."""
    ctx.require(CONFIGURE)
    organs = parse_organs(entries)
    async with ctx.write():
        current = await repo.hierarchy()
        merged = OrganHierarchy([*current.organs.values(), *organs])
        problems = merged.problems()
        if problems:
            raise ValidationFailed("invalid organ table", problems)
        added, changed = [], []
        now = ctx.now()
        for organ in organs:
            before = current.get(organ.code)
            values = _values(organ)
            if before is None:
                await ReviewOrgan.insert(ReviewOrgan(**values, created_at=now, updated_at=now, version=1)).run()
                added.append(organ.code)
            elif before != organ:
                await ReviewOrgan.update({**values, "updated_at": now, "version": ReviewOrgan.version + 1}).where(
                    ReviewOrgan.code == organ.code).run()
                changed.append(organ.code)
            else:
                continue
            await ctx.audit("review.organ", "review_organ", organ.code,
                            before=before.as_dict() if before else None, after=organ.as_dict())
    return {"added": added, "changed": changed, "unchanged": len(organs) - len(added) - len(changed)}


def _values(organ: Organ) -> dict[str, Any]:
    return {"code": organ.code, "name": organ.name, "level": organ.level.value, "parent": organ.parent,
            "alt_parent": organ.alt_parent}
