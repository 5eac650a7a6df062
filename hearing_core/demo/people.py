"""The demo's people (人员): users for every role, and the contexts the build acts with.

Each act of the demo is done by the user whose job it is — the registrar imports, the
centre staff receive visitors, the leader instructs — so the audit log of the demo reads
like a bureau's year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_core.demo.county import USERS, password_of

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["People", "create_users"]


class People:
    """Service contexts by username (``people["registrar"]``)."""

    def __init__(self, contexts: dict[str, ServiceContext]) -> None:
        self._contexts = contexts

    def __getitem__(self, username: str) -> ServiceContext:
        return self._contexts[username]

    @property
    def admin(self) -> ServiceContext:
        return self._contexts["admin"]


async def create_users(app: HearingApp) -> People:
    """The administrator (as ``hearing init`` would) and, through the user service, one user per role."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username, bootstrap_admin, create_user

    first, *others = USERS
    await bootstrap_admin(app, first.username, password_of(first.username), first.display_name)
    admin = ServiceContext(app, await actor_by_username(app, first.username))
    contexts = {first.username: admin}
    for user in others:
        await create_user(admin, user.username, password_of(user.username), [user.role], user.display_name)
        contexts[user.username] = ServiceContext(app, await actor_by_username(app, user.username))
    return People(contexts)
