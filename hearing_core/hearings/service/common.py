"""What every hearing use case shares (听证服务公共部分): permissions, scope, the action runner.

:func:`act` is the shape of every state-changing use case: check the permission, open the
write transaction, load the case (out of scope = not found), check the seat the actor must
hold and the version they read, run the domain command, save, append the events, audit, and
fire the hooks (``hearing_case_opened``, ``hearing_scheduled``, ``hearing_concluded``,
``case_transitioned(kind="hearing_case")``) inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from hearing_core.app import CHINA_TZ
from hearing_core.errors import Conflict, InvalidTransition, PermissionDenied
from hearing_core.hearings import repository as repo
from hearing_core.hearings.adapters import ProfileDeadlines, profile_rules
from hearing_core.hearings.domain import (
    CaseTransitioned,
    DomainEvent,
    HearingApplied,
    HearingInitiated,
    HearingRuleSet,
    HearingScheduled,
)
from hearing_core.hearings.stored import StoredHearing, local
from hearing_core.security.scope import ensure_visible

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import Actor

__all__ = [
    "CONDUCT", "KIND", "MANAGE", "POOL", "READ", "READ_ALL", "VOTE", "act", "calc", "can_see", "check_version",
    "fetch", "finish", "moment", "require_seat", "rules", "today",
]

READ = "hearings.read"
READ_ALL = "hearings.read_all"
MANAGE = "hearings.manage"
CONDUCT = "hearings.conduct"
VOTE = "hearings.vote"
POOL = "hearings.pool"
#: ``kind`` of ``case_transitioned`` for hearing cases.
KIND = "hearing_case"

Command = Callable[[StoredHearing], "list[DomainEvent] | Awaitable[list[DomainEvent]]"]


def rules(ctx: ServiceContext) -> HearingRuleSet:
    return profile_rules(ctx.app)


def calc(ctx: ServiceContext) -> ProfileDeadlines:
    return ProfileDeadlines(ctx.app)


def today(ctx: ServiceContext, day: dt.date | None = None) -> dt.date:
    return day if day is not None else ctx.today()


def moment(ctx: ServiceContext, at: dt.datetime | None = None) -> dt.datetime:
    """``at`` in China time (a naive time is read as China time), or now."""
    return local(at) if at is not None else ctx.now().astimezone(CHINA_TZ)  # type: ignore[return-value]


def can_see(actor: Actor, stored: StoredHearing) -> bool:
    """Object scope: panel members see the hearings they sit on; ``hearings.read_all`` sees all."""
    return actor.is_admin or actor.has(READ_ALL) or stored.on_panel(actor.user_id)


async def fetch(ctx: ServiceContext, case_id: int) -> StoredHearing:
    """The case if the actor may see it; otherwise NotFound, exactly as for a missing id."""
    stored = await repo.find(case_id)
    return ensure_visible(ctx.actor, stored, can_see, kind="hearing case", object_id=case_id,
                          bypass_permission=READ_ALL)


def require_seat(ctx: ServiceContext, stored: StoredHearing, *roles: str, what: str) -> None:
    """Only the holder of one of ``roles`` on this panel may do ``what`` (administrators excepted)."""
    if ctx.actor.is_admin or stored.on_panel(ctx.actor.user_id, *roles):
        return
    raise PermissionDenied(f"only the {' or '.join(r.replace('_', ' ') for r in roles)} of this hearing may {what}")


def check_version(stored: StoredHearing, version: int | None) -> None:
    if version is not None and version != stored.version:
        raise Conflict(
            f"hearing case {stored.id} was changed by someone else (version {stored.version}, you sent {version}); "
            "reload and try again",
            current_version=stored.version,
        )


def summary(stored: StoredHearing) -> dict[str, Any]:
    """What the audit log keeps of a case before and after a change (no personal data, no votes)."""
    case = stored.case
    data: dict[str, Any] = {"state": str(case.state), "version": stored.version}
    if stored.phase is not None:
        data["phase"] = str(stored.phase)
    if case.schedule is not None:
        data["schedule"] = {"no": case.schedule.no, "start": case.schedule.slot.start.isoformat(),
                            "venue": case.schedule.slot.venue}
    return data


async def act(
    ctx: ServiceContext,
    case_id: int,
    action: str,
    command: Command,
    *,
    permission: str,
    version: int | None = None,
    seat: tuple[str, ...] = (),
    what: str = "",
) -> StoredHearing:
    """Run one state-changing use case on a stored case (see the module docstring)."""
    ctx.require(permission)
    async with ctx.write():
        stored = await fetch(ctx, case_id)
        if seat:
            require_seat(ctx, stored, *seat, what=what or action.replace("_", " "))
        check_version(stored, version)
        before = summary(stored)
        try:
            result = command(stored)
            events = await result if inspect.isawaitable(result) else result
        except InvalidTransition as exc:
            exc.extra.update(case_state=str(stored.state), phase=stored.phase and str(stored.phase),
                             case_allowed_actions=stored.case.allowed_actions())
            raise
        await finish(ctx, stored, action, events, before)  # type: ignore[arg-type]
    return stored


async def finish(
    ctx: ServiceContext, stored: StoredHearing, action: str, events: list[DomainEvent], before: dict[str, Any] | None
) -> None:
    """Save, log the events, audit and publish (inside the caller's transaction)."""
    await repo.save(stored, by=ctx.actor.username, now=ctx.now())
    assert stored.id is not None
    await repo.append_events(stored.id, events, actor=ctx.actor.username, at=ctx.now())
    after = {**summary(stored), "events": [e.kind for e in events]}
    await ctx.audit(f"hearing.{action}", KIND, stored.id, before=before, after=after, subject_ref=stored.matter_ref)
    await publish(ctx, stored, events)


async def publish(ctx: ServiceContext, stored: StoredHearing, events: list[DomainEvent]) -> None:
    """Fire the hooks for ``events``, in order (a new case is announced as opened first)."""
    if any(isinstance(e, HearingApplied | HearingInitiated) for e in events):
        await ctx.emit("hearing_case_opened", case=stored)
    for event in events:
        if isinstance(event, HearingScheduled):
            await ctx.emit("hearing_scheduled", case=stored)
        elif isinstance(event, CaseTransitioned):
            await ctx.transitioned(KIND, stored, event.source, event.target, event.action)
            if event.target == "concluded":
                await ctx.emit("hearing_concluded", case=stored)
