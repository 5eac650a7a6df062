"""What every review use case shares: permissions, the register reader, paging, masking."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "CONFIGURE", "DECIDE", "PERSONAL", "READ", "WRITE", "mask_applicant", "page_bounds", "raise_future", "reader", "shown",
]

READ = "reviews.read"
WRITE = "reviews.write"
DECIDE = "reviews.decide"
CONFIGURE = "reviews.configure"
PERSONAL = "personal_data.read"
MAX_PER_PAGE = 200


def reader(ctx: ServiceContext) -> ServiceContext:
    """A context that may only read the register, for lookups: names and dates, never personal
    data (so a mere lookup neither discloses nor audits an ID number)."""
    from hearing_core.context import ServiceContext as Context
    from hearing_core.security.actor import Actor

    actor = Actor(user_id=ctx.actor.user_id, username=ctx.actor.username, roles=frozenset(),
                  permissions=frozenset({"petitions.read"}))
    return Context(ctx.app, actor)


def raise_future(today: dt.date, **dates: dt.date | None) -> None:
    errors = [FieldError(k, f"{v} is in the future") for k, v in dates.items() if v is not None and v > today]
    if errors:
        raise ValidationFailed("invalid date", errors)


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    errors = []
    if page < 1:
        errors.append(FieldError("page", "must be at least 1"))
    if not 1 <= per_page <= MAX_PER_PAGE:
        errors.append(FieldError("per_page", f"must be 1 to {MAX_PER_PAGE}"))
    if errors:
        raise ValidationFailed("invalid page", errors)
    return page, per_page


def mask_applicant(view: dict[str, Any]) -> dict[str, Any]:
    """The view with the applicant's ID number and phone masked (``440106********1234``, ``138****5678``)."""
    from hearing_core.documents import mask_id, mask_phone

    applicant = dict(view["applicant"])
    applicant["id_number"] = mask_id(applicant["id_number"]) if applicant.get("id_number") else None
    applicant["phone"] = mask_phone(applicant["phone"]) if applicant.get("phone") else None
    return {**view, "applicant": applicant, "personal_data_masked": True}


async def shown(ctx: ServiceContext, views: list[dict[str, Any]], *, what: str) -> list[dict[str, Any]]:
    """Views as the actor may see them: masked without ``personal_data.read``; else in full, audited."""
    if not ctx.actor.has(PERSONAL):
        return [mask_applicant(v) for v in views]
    personal = [v for v in views if v["applicant"].get("id_number") or v["applicant"].get("phone")]
    if personal:
        one = len(personal) == 1
        await ctx.audit("review.read_personal", "review_application", personal[0]["id"] if one else "many",
                        after={"applications": [v["ref"] for v in personal][:200], "count": len(personal)},
                        subject_ref=personal[0]["matter_ref"] if one else "", note=what)
    return [{**v, "personal_data_masked": False} for v in views]
