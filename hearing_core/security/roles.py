"""Standard roles (角色) and the registry that resolves a user's permissions.

Roles are the ones a county bureau actually staffs; plugins may add more through
``register_roles``. Which permissions a role holds is declared by each
permission (``Permission.roles``), so a plugin that adds a route also says who
may call it, in the same place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hearing_core.contributions import Permission, Role
from hearing_core.errors import FieldError, StartupError, ValidationFailed

__all__ = ["CORE_ROLES", "AccessRegistry"]

CORE_ROLES: tuple[Role, ...] = (
    Role("administrator", "系统管理员", "installs and configures the instance; holds every permission"),
    Role("registrar", "登记员", "registers letters, visits, calls and online petitions"),
    Role("handling_officer", "承办人员", "handles accepted matters: transfers, opinions, backlog"),
    Role("presiding_officer", "听证主持人", "presides over hearings"),
    Role("hearing_officer", "听证员", "sits on hearing panels and votes"),
    Role("clerk", "记录员", "keeps the hearing record"),
    Role("mediator", "调解员", "mediates disputes at a service centre"),
    Role("centre_staff", "服务中心工作人员", "runs a petition service centre's reception desk"),
    Role("review_officer", "复查复核人员", "examines review and re-review applications"),
    Role("leader", "领导", "owns backlog cases, receives visitors, reads reports and gives instructions"),
    Role("auditor", "审计员", "reads everything and the audit log; changes nothing"),
)


@dataclass
class AccessRegistry:
    """All roles and permissions of a running app, validated once at startup."""

    roles: dict[str, Role] = field(default_factory=dict)
    permissions: dict[str, Permission] = field(default_factory=dict)
    #: Resolved permission sets by role set (every API request resolves one).
    _granted: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    def add_role(self, role: Role) -> None:
        existing = self.roles.get(role.name)
        if existing is not None:
            raise StartupError(
                f"role {role.name!r} is registered by both {existing.plugin or 'core'} and {role.plugin or 'core'}"
            )
        self.roles[role.name] = role

    def add_permission(self, permission: Permission) -> None:
        existing = self.permissions.get(permission.name)
        if existing is not None:
            raise StartupError(
                f"permission {permission.name!r} is registered by both "
                f"{existing.plugin or 'core'} and {permission.plugin or 'core'}"
            )
        self.permissions[permission.name] = permission
        self._granted.clear()

    def validate(self) -> None:
        for permission in self.permissions.values():
            for role in permission.roles:
                if role not in self.roles:
                    raise StartupError(
                        f"permission {permission.name!r} ({permission.plugin or 'core'}) grants unknown role {role!r}"
                    )

    def permissions_for(self, roles: Iterable[str]) -> frozenset[str]:
        wanted = frozenset(roles)
        granted = self._granted.get(wanted)
        if granted is None:
            if "administrator" in wanted:
                granted = frozenset(self.permissions)
            else:
                granted = frozenset(p.name for p in self.permissions.values() if wanted.intersection(p.roles))
            self._granted[wanted] = granted
        return granted

    def check_roles(self, roles: Iterable[str]) -> list[str]:
        names = list(dict.fromkeys(roles))
        unknown = [r for r in names if r not in self.roles]
        if unknown:
            known = ", ".join(sorted(self.roles))
            raise ValidationFailed(
                "unknown role", [FieldError("roles", f"unknown role(s) {', '.join(unknown)}; known: {known}")]
            )
        return names
