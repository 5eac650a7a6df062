"""Centres, their members and the mediator roster (信访服务中心、工作人员、人民调解员名册).

Administrators (``mediation.admin``) create centres, appoint users to them and keep the
roster; everyone with ``mediation.read`` sees the centres in their scope, with the
committee's composition checked against the profile (``mediation.committee_min`` /
``committee_max``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, NotFound, ValidationFailed
from hearing_mediation import repository as repo
from hearing_mediation.common import ADMIN, READ, centre_scope, check_version, ensure_in_scope, parse_code
from hearing_mediation.domain import (
    Centre,
    CommitteeRole,
    CommitteeStatus,
    Mediator,
    MemberRole,
    committee_status,
    ensure_room_on_committee,
)
from hearing_mediation.tables import CentreMember, MediationCentre, MediatorRow

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = [
    "add_mediator", "add_member", "centre_id_of", "committee_of", "create_centre", "get_centre", "get_mediator", "list_centres",
    "list_mediators", "remove_member", "update_centre", "update_mediator",
]

CENTRE_FIELDS = ("name", "committee_name", "doc_prefix", "address", "phone", "active")
MEDIATOR_FIELDS = ("name", "username", "sex", "specialities", "committee_role", "phone", "active")


def committee_of(app: HearingApp, mediators: list[Mediator]) -> CommitteeStatus:
    """The committee's composition under the active profile's 3-9 member rule."""
    return committee_status(
        mediators, int(app.param("mediation.committee_min")), int(app.param("mediation.committee_max"))
    )


async def _centre(ctx: ServiceContext, centre_id: int) -> Centre:
    row = await repo.fetch(MediationCentre, centre_id)
    await ensure_in_scope(ctx, row["id"] if row else None, "centre", centre_id)
    assert row is not None
    return repo.centre_from_row(row)


async def _members(centre_id: int) -> list[dict[str, Any]]:
    rows = await CentreMember.select(CentreMember.username, CentreMember.role).where(
        CentreMember.centre == centre_id
    ).order_by(CentreMember.username).run()
    return [{"username": r["username"], "role": r["role"], "role_label": MemberRole(r["role"]).label} for r in rows]


async def create_centre(ctx: ServiceContext, centre: Centre) -> dict[str, Any]:
    """Open a centre (设立信访服务中心) with its mediation committee's name."""
    ctx.require(ADMIN)
    centre.validate()
    async with ctx.write():
        if await MediationCentre.exists().where(MediationCentre.code == centre.code).run():
            raise Conflict(f"centre '{centre.code}' already exists")
        now = ctx.now()
        inserted = await MediationCentre.insert(
            MediationCentre(**repo.centre_values(centre), created_at=now, updated_at=now, version=1)
        ).returning(MediationCentre.id).run()
        centre.id = inserted[0]["id"]
        await ctx.audit("mediation.centre.create", "mediation_centre", centre.id, after=repo.centre_values(centre))
    return await get_centre(ctx, centre.id)


async def list_centres(ctx: ServiceContext) -> list[dict[str, Any]]:
    ctx.require(READ)
    scope = await centre_scope(ctx)
    query = MediationCentre.select().order_by(MediationCentre.code)
    if scope is not None:
        query = query.where(MediationCentre.id.is_in(list(scope) or [-1]))
    return [repo.centre_from_row(r).as_dict() for r in await query.run()]


async def get_centre(ctx: ServiceContext, centre_id: int) -> dict[str, Any]:
    """A centre with its committee status, mediators and members."""
    ctx.require(READ)
    centre = await _centre(ctx, centre_id)
    mediators = await repo.centre_mediators(centre_id)
    return {
        **centre.as_dict(),
        "committee": committee_of(ctx.app, mediators).as_dict(),
        "mediators": [m.as_dict() for m in mediators],
        "members": await _members(centre_id),
    }


async def update_centre(ctx: ServiceContext, centre_id: int, changes: dict[str, Any], *, version: int | None = None) -> dict[str, Any]:
    ctx.require(ADMIN)
    unknown = [k for k in changes if k not in CENTRE_FIELDS]
    if unknown:
        raise ValidationFailed("invalid change", [FieldError(k, "cannot be changed") for k in unknown])
    async with ctx.write():
        centre = await _centre(ctx, centre_id)
        check_version("centre", centre_id, centre.version, version)
        updated = replace(centre, **changes)
        updated.validate()
        before, after = repo.centre_values(centre), repo.centre_values(updated)
        changed = [k for k in after if after[k] != before[k]]
        await repo.update_row(MediationCentre, centre_id, centre.version, {k: after[k] for k in changed}, ctx.now())
        await ctx.audit("mediation.centre.update", "mediation_centre", centre_id,
                        before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return await get_centre(ctx, centre_id)


async def add_member(ctx: ServiceContext, centre_id: int, username: str, role: str | MemberRole = MemberRole.STAFF) -> dict[str, Any]:
    """Appoint a user to a centre: from now on they see its records (and only its records)."""
    ctx.require(ADMIN)
    member_role = parse_code(MemberRole, "role", role)
    from hearing_core.security.service import actor_by_username

    async with ctx.write():
        await _centre(ctx, centre_id)
        await actor_by_username(ctx.app, username)
        await _add_member(ctx, centre_id, username, member_role)
    return await get_centre(ctx, centre_id)


async def _add_member(ctx: ServiceContext, centre_id: int, username: str, role: MemberRole) -> None:
    exists = await CentreMember.exists().where(
        (CentreMember.centre == centre_id) & (CentreMember.username == username)
    ).run()
    if exists:
        raise Conflict(f"user '{username}' is already a member of centre {centre_id}")
    await CentreMember.insert(
        CentreMember(centre=centre_id, username=username, role=role.value, added_by=ctx.actor.username, added_at=ctx.now())
    ).run()
    await ctx.audit("mediation.member.add", "mediation_centre", centre_id, after={"username": username, "role": role.value})


async def remove_member(ctx: ServiceContext, centre_id: int, username: str) -> dict[str, Any]:
    ctx.require(ADMIN)
    async with ctx.write():
        await _centre(ctx, centre_id)
        where = (CentreMember.centre == centre_id) & (CentreMember.username == username)
        if not await CentreMember.exists().where(where).run():
            raise NotFound(f"user '{username}' is not a member of centre {centre_id}")
        await CentreMember.delete().where(where).run()
        await ctx.audit("mediation.member.remove", "mediation_centre", centre_id, before={"username": username})
    return await get_centre(ctx, centre_id)


async def add_mediator(ctx: ServiceContext, mediator: Mediator) -> dict[str, Any]:
    """Put a mediator on the roster (and on the committee if a seat is given, up to the maximum)."""
    ctx.require(ADMIN)
    mediator.committee_role = parse_code(CommitteeRole, "committee_role", mediator.committee_role)
    mediator.validate()
    async with ctx.write():
        await _centre(ctx, mediator.centre_id)
        roster = await repo.centre_mediators(mediator.centre_id)
        ensure_room_on_committee(roster, mediator, int(ctx.app.param("mediation.committee_max")))
        now = ctx.now()
        inserted = await MediatorRow.insert(
            MediatorRow(**repo.mediator_values(mediator), created_at=now, updated_at=now, version=1)
        ).returning(MediatorRow.id).run()
        mediator.id = inserted[0]["id"]
        await ctx.audit("mediation.mediator.add", "mediation_mediator", mediator.id, after=repo.mediator_values(mediator))
        await _ensure_member(ctx, mediator)
    return mediator.as_dict()


async def _ensure_member(ctx: ServiceContext, mediator: Mediator) -> None:
    """A mediator with an account is a member of the centre (sees its records)."""
    if not mediator.username:
        return
    from hearing_core.security.service import actor_by_username

    await actor_by_username(ctx.app, mediator.username)
    member = await CentreMember.exists().where(
        (CentreMember.centre == mediator.centre_id) & (CentreMember.username == mediator.username)
    ).run()
    if not member:
        await _add_member(ctx, mediator.centre_id, mediator.username, MemberRole.MEDIATOR)


async def get_mediator(ctx: ServiceContext, mediator_id: int) -> Mediator:
    ctx.require(READ)
    row = await repo.fetch(MediatorRow, mediator_id)
    await ensure_in_scope(ctx, row["centre"] if row else None, "mediator", mediator_id)
    assert row is not None
    return repo.mediator_from_row(row)


async def update_mediator(ctx: ServiceContext, mediator_id: int, changes: dict[str, Any], *, version: int | None = None) -> dict[str, Any]:
    """Change a mediator's seat, specialities, account or activity (委员任免、专长)."""
    ctx.require(ADMIN)
    unknown = [k for k in changes if k not in MEDIATOR_FIELDS]
    if unknown:
        raise ValidationFailed("invalid change", [FieldError(k, "cannot be changed") for k in unknown])
    if "committee_role" in changes:
        changes = {**changes, "committee_role": parse_code(CommitteeRole, "committee_role", changes["committee_role"])}
    async with ctx.write():
        current = await get_mediator(ctx, mediator_id)
        check_version("mediator", mediator_id, current.version, version)
        updated = replace(current, **changes)
        updated.validate()
        roster = await repo.centre_mediators(current.centre_id)
        ensure_room_on_committee(roster, updated, int(ctx.app.param("mediation.committee_max")))
        before, after = repo.mediator_values(current), repo.mediator_values(updated)
        changed = [k for k in after if after[k] != before[k]]
        await repo.update_row(MediatorRow, mediator_id, current.version, {k: after[k] for k in changed}, ctx.now())
        await ctx.audit("mediation.mediator.update", "mediation_mediator", mediator_id,
                        before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
        await _ensure_member(ctx, updated)
    return (await get_mediator(ctx, mediator_id)).as_dict()


async def list_mediators(
    ctx: ServiceContext, centre_id: int | None = None, *, speciality: str | None = None, active_only: bool = True
) -> list[dict[str, Any]]:
    """The roster (调解员名册), optionally one centre's, optionally by speciality (专长)."""
    ctx.require(READ)
    scope = await centre_scope(ctx)
    if centre_id is not None:
        await _centre(ctx, centre_id)
    query = MediatorRow.select().order_by(MediatorRow.centre, MediatorRow.id).output(load_json=True)
    if centre_id is not None:
        query = query.where(MediatorRow.centre == centre_id)
    elif scope is not None:
        query = query.where(MediatorRow.centre.is_in(list(scope) or [-1]))
    if active_only:
        query = query.where(MediatorRow.active == True)  # noqa: E712 - piccolo column comparison
    mediators = [repo.mediator_from_row(r) for r in await query.run()]
    if speciality:
        mediators = [m for m in mediators if any(speciality in s for s in m.specialities)]
    return [m.as_dict() for m in mediators]


async def centre_id_of(ctx: ServiceContext, key: str) -> int:
    """A centre's id from its code or its id (as typed on the command line)."""
    ctx.require(READ)
    row = await MediationCentre.select(MediationCentre.id).where(MediationCentre.code == key.strip()).first().run()
    if row is None and key.strip().isdigit():
        row = {"id": int(key.strip())}
    centre_id = row["id"] if row else None
    if centre_id is not None and not await MediationCentre.exists().where(MediationCentre.id == centre_id).run():
        centre_id = None
    await ensure_in_scope(ctx, centre_id, "centre", key)
    assert centre_id is not None
    return int(centre_id)
