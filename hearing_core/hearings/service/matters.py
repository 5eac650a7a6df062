"""The petition matter a hearing is about (信访事项), looked up through the register's services.

Hearings never read the register's tables: the matter is found with
:func:`hearing_core.petitions.service.list_matters` / ``get_matter``, as a reader who holds
``petitions.read`` only (so no personal data is disclosed or audited by a mere existence check).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from hearing_core.errors import FieldError, NotFound, ValidationFailed

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["resolve_matter", "vocab"]

E = TypeVar("E", bound=StrEnum)


def vocab(enum: type[E], value: Any, field: str) -> E:
    """``value`` as a member of ``enum``, or ValidationFailed listing the choices."""
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise ValidationFailed(f"invalid {field}", [FieldError(field, f"'{value}' is not one of {choices}")]) from None


async def resolve_matter(ctx: ServiceContext, ref: str) -> tuple[str, int]:
    """``(ref, id)`` of the register's matter ``ref``; NotFound if the register has none."""
    from hearing_core.context import ServiceContext as Context
    from hearing_core.petitions.service import get_matter, list_matters
    from hearing_core.security.actor import Actor

    ref = (ref or "").strip()
    if not ref:
        raise ValidationFailed("a hearing is about a petition matter", [FieldError("matter_ref", "must not be blank")])
    reader = Context(ctx.app, Actor(user_id=ctx.actor.user_id, username=ctx.actor.username,
                                    permissions=frozenset({"petitions.read"})))
    page = await list_matters(reader, q=ref, per_page=200)
    for record in page.items:
        if record.ref == ref:
            return record.ref, record.id
    try:
        found = await get_matter(reader, ref)  # refs the search pattern cannot express ('_', '%')
    except NotFound:
        raise NotFound(f"no petition matter '{ref}' in the register") from None
    return found.ref, found.id
