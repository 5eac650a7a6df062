"""Who may take a seat (人员): users and expert-pool entries as panel nominees.

A panel member's ``person_id`` is their user id: they log in to run the session, keep the
record or vote, and object-level access follows the seat. A hearing officer comes from the
expert pool (听证员库) through an entry linked to their user account.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_core.hearings import pool_repository as pool_repo
from hearing_core.hearings.domain import Affiliation, Nominee, PanelRole, ParticipantRole
from hearing_core.hearings.service.common import CONDUCT, VOTE

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.hearings.stored import StoredHearing
    from hearing_core.security.actor import Actor

__all__ = ["investigators", "nominee", "user"]


async def user(ctx: ServiceContext, username: str, field: str = "username") -> Actor:
    """The active user ``username`` (ValidationFailed naming ``field`` if there is none)."""
    from hearing_core.security.service import actor_by_username

    try:
        return await actor_by_username(ctx.app, username.strip())
    except NotFound:
        raise ValidationFailed("unknown user", [FieldError(field, f"no active user named '{username}'")]) from None


async def nominee(
    ctx: ServiceContext, role: PanelRole, *, username: str | None = None, pool_entry_id: int | None = None
) -> Nominee:
    """Resolve a seat nominee from a user or a pool entry, checking their roles fit the seat."""
    if (username is None) == (pool_entry_id is None):
        raise ValidationFailed("name the nominee", [FieldError("username", "give a username or a pool_entry_id")])
    entry = None
    if pool_entry_id is not None:
        entry = await pool_repo.entry(pool_entry_id)
        if entry is None or not entry["active"]:
            raise ValidationFailed("no such active pool entry", [FieldError("pool_entry_id", str(pool_entry_id))])
        if not entry["username"]:
            raise ValidationFailed(
                f"pool entry {pool_entry_id} ({entry['name']}) has no user account; link one before seating them",
                [FieldError("pool_entry_id", "not linked to a user")])
        username = entry["username"]
    assert username is not None
    actor = await user(ctx, username)
    if entry is None and role is PanelRole.HEARING_OFFICER:
        entry = await pool_repo.entry_for_user(actor.user_id)  # type: ignore[arg-type]
    needed = VOTE if role is PanelRole.HEARING_OFFICER else CONDUCT
    if not actor.has(needed):
        raise ValidationFailed(
            f"{actor.username} cannot sit as {role}: their roles do not grant '{needed}'",
            [FieldError("username", f"roles: {', '.join(sorted(actor.roles))}")])
    assert actor.user_id is not None
    return Nominee(
        actor.user_id,
        entry["name"] if entry else actor.label(),
        Affiliation(entry["affiliation"]) if entry else None,
        entry["id"] if entry else None,
    )


async def investigators(ctx: ServiceContext, stored: StoredHearing, usernames: Iterable[str]) -> set[int]:
    """Who investigated the matter: the handling unit's officers on the case, and anyone named."""
    found = {p.person_id for p in stored.case.participants
             if p.role is ParticipantRole.HANDLING_UNIT_OFFICER and p.person_id is not None}
    for name in usernames:
        actor = await user(ctx, name, "investigators")
        assert actor.user_id is not None
        found.add(actor.user_id)
    return found
