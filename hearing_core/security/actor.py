"""The acting user (操作人) of a request or command.

Services receive an :class:`Actor`, never a raw user row: every change is
attributed to a named person (the CLI acts as a named user too), and permission
checks read the permissions resolved once at login.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hearing_core.errors import PermissionDenied

__all__ = ["SYSTEM", "Actor"]


@dataclass(frozen=True)
class Actor:
    """Who is acting: user id, username, roles and the permissions they grant."""

    user_id: int | None
    username: str
    roles: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset()
    display_name: str = ""
    #: Token id (JWT ``jti``) of an API session, for logout/revocation.
    token_id: str | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_admin(self) -> bool:
        return "administrator" in self.roles

    def has(self, permission: str) -> bool:
        return self.is_admin or permission in self.permissions

    def require(self, permission: str) -> None:
        if not self.has(permission):
            raise PermissionDenied(f"permission '{permission}' is required for this action")

    def label(self) -> str:
        return self.display_name or self.username


#: The instance itself (migrations, scheduled jobs, the demo builder). Never used
#: for requests: API calls always carry a logged-in user.
SYSTEM = Actor(user_id=None, username="system", roles=frozenset({"administrator"}), display_name="系统")
