"""Object-level access (对象级权限): hide what the actor may not see as "not found".

Route permissions say *which kind* of object a role may touch; object rules say
*which ones*: a hearing officer sees only hearings on their panel, centre staff
only their centre's records, votes stay hidden until deliberation closes. A
service loads the object, then calls :func:`ensure_visible` (or filters a
query with :func:`visible_only`) before returning or changing anything.

Out-of-scope objects raise :class:`~hearing_core.errors.NotFound` with exactly
the message a missing object gets, never ``PermissionDenied``: a 403 would tell
a prober that the id exists (ASVS V8 / OWASP "IDOR").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from hearing_core.errors import NotFound

if TYPE_CHECKING:
    from hearing_core.security.actor import Actor

__all__ = ["ScopeRule", "ensure_visible", "not_found", "visible_only"]

T = TypeVar("T")

#: ``rule(actor, obj) -> bool``: may this actor see this object?
ScopeRule = Callable[["Actor", T], bool]


def not_found(kind: str, object_id: object) -> NotFound:
    """The one error for "missing" and "not yours": same status, same words."""
    return NotFound(f"no {kind} with id {object_id}")


def ensure_visible(
    actor: Actor,
    obj: T | None,
    rule: ScopeRule[T],
    *,
    kind: str,
    object_id: object,
    bypass_permission: str | None = None,
) -> T:
    """Return ``obj`` if it exists and ``rule(actor, obj)`` holds; else raise NotFound.

    ``bypass_permission`` names a permission that sees every object of the kind
    (e.g. the leader's ``hearings.read_all``); administrators always bypass.

    Usage in a service::

        case = await repo.get(case_id)              # None when missing
        case = ensure_visible(ctx.actor, case, on_panel, kind="hearing case", object_id=case_id,
                              bypass_permission="hearings.read_all")
    """
    if obj is None:
        raise not_found(kind, object_id)
    if actor.is_admin or (bypass_permission is not None and actor.has(bypass_permission)):
        return obj
    if not rule(actor, obj):
        raise not_found(kind, object_id)
    return obj


def visible_only(
    actor: Actor, objects: Iterable[T], rule: ScopeRule[T], *, bypass_permission: str | None = None
) -> list[T]:
    """The objects of a list the actor may see (prefer filtering in SQL for large tables)."""
    if actor.is_admin or (bypass_permission is not None and actor.has(bypass_permission)):
        return list(objects)
    return [o for o in objects if rule(actor, o)]
