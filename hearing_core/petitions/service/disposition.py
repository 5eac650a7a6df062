"""Disposition actions on an item (受理、不予受理、转送、交办、延期、办结报告、处理意见、送达、导入法定程序、办结).

Each action loads the item, lets the domain's :class:`Disposition` (the
``DISPOSITION`` state machine) check and perform it, writes the changed columns
with the version it read, records an audit entry with before/after and fires
``case_transitioned`` — all in one transaction. An action the current state
does not allow raises :class:`InvalidTransition` (409, naming the state and the
allowed actions) before anything changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from hearing_core.errors import Conflict, FieldError, RuleViolation, ValidationFailed
from hearing_core.petitions import repository as repo
from hearing_core.petitions.domain import (
    ClockEvent,
    Disposition,
    NotAcceptedReason,
    OpinionOutcome,
    StatutoryRoute,
)
from hearing_core.petitions.domain.codes import CodedEnum
from hearing_core.petitions.records import ItemRecord
from hearing_core.petitions.service.common import DISPOSE, not_future, raise_if
from hearing_core.petitions.service.items import with_clocks

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "ACTIONS",
    "accept",
    "assign",
    "conclude",
    "extend",
    "issue_opinion",
    "not_accept",
    "record_service",
    "report_completion",
    "route_to_statutory",
    "transfer",
]

E = TypeVar("E", bound=CodedEnum)


def _code(kind: type[E], field: str, value: str | E) -> E:
    if isinstance(value, kind):
        return value
    try:
        return kind.parse(str(value))
    except ValueError as exc:
        raise ValidationFailed(f"invalid {field}", [FieldError(field, str(exc))]) from None


async def _act(
    ctx: ServiceContext,
    ref: str,
    action: str,
    perform: Callable[[Disposition], list[ClockEvent]],
    *,
    version: int | None,
    dates: dict[str, dt.date | None],
) -> ItemRecord:
    ctx.require(DISPOSE)
    today = ctx.today()
    raise_if([e for name, on in dates.items() for e in not_future(name, on, today)], "invalid date")
    async with ctx.write():
        record = await repo.load_item(ref)
        if version is not None and version != record.version:
            raise Conflict(
                f"petition item {record.ref} was changed by someone else (version {record.version}, "
                f"you sent {version}); reload it and try again",
                current_version=record.version,
            )
        disposition = record.disposition
        source = disposition.state
        before = repo.disposition_values(disposition)
        perform(disposition)
        after = repo.disposition_values(disposition)
        changed = [k for k in after if after[k] != before[k]]
        await repo.update_item_row(record.id, record.version, {k: after[k] for k in changed}, ctx.now())
        updated = await repo.load_item(record.ref)
        await ctx.audit(
            f"petition.{action}",
            "petition_item",
            record.id,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
            subject_ref=record.matter_ref or record.ref,
        )
        await ctx.transitioned("petition_item", updated, source, disposition.state, action)
    with_clocks(ctx.app, [updated], today)
    # The result of a change shows personal data masked: reading it in full is a separate, audited read.
    return updated.masked_copy()


async def accept(ctx: ServiceContext, ref: str, *, on: dt.date | None = None, version: int | None = None) -> ItemRecord:
    """受理: the handling clock (``handling.deadline``) starts on ``on`` (default today)."""
    day = on or ctx.today()
    return await _act(ctx, ref, "accept", lambda d: d.accept(day), version=version, dates={"on": day})


async def not_accept(
    ctx: ServiceContext, ref: str, reason: str | NotAcceptedReason, *, note: str = "",
    on: dt.date | None = None, version: int | None = None,
) -> ItemRecord:
    """不予受理 with a reason code (``other`` needs a note)."""
    day, code = on or ctx.today(), _code(NotAcceptedReason, "reason", reason)
    return await _act(ctx, ref, "not_accept", lambda d: d.not_accept(day, code, note), version=version,
                      dates={"on": day})


async def transfer(
    ctx: ServiceContext, ref: str, unit: str, *, on: dt.date | None = None, version: int | None = None
) -> ItemRecord:
    """转送 to the competent unit (no report owed)."""
    day = on or ctx.today()
    return await _act(ctx, ref, "transfer", lambda d: d.transfer(day, unit), version=version, dates={"on": day})


async def assign(
    ctx: ServiceContext, ref: str, unit: str, due_on: dt.date, *, on: dt.date | None = None,
    version: int | None = None,
) -> ItemRecord:
    """交办 to a unit, which owes a completion report (办结报告) by ``due_on``."""
    day = on or ctx.today()
    return await _act(ctx, ref, "assign", lambda d: d.assign(day, unit, due_on), version=version,
                      dates={"on": day})


async def extend(
    ctx: ServiceContext, ref: str, days: int, reason: str, *, on: dt.date | None = None,
    version: int | None = None,
) -> ItemRecord:
    """延期 of the handling period: once, at most the profile rule ``handling.extension_max``."""
    bound = ctx.app.profile.rule("handling.extension_max")
    if bound.length is None:
        raise RuleViolation("handling.extension_max has no length in the rule profile", rule=bound.id,
                            source=bound.source)
    day = on or ctx.today()

    def perform(d: Disposition) -> list[ClockEvent]:
        try:
            return d.extend(day, days, reason, max_days=bound.length or 0)
        except RuleViolation as exc:
            if exc.rule == "handling.extension_max":
                raise RuleViolation(
                    f"an extension must be 1 to {bound.length} days, got {days} ({bound.id}: {bound.source})",
                    rule=bound.id, source=bound.source, requested=days, maximum=bound.length,
                ) from None
            raise

    return await _act(ctx, ref, "extend", perform, version=version, dates={"on": day})


async def report_completion(
    ctx: ServiceContext, ref: str, report: str, *, on: dt.date | None = None, version: int | None = None
) -> ItemRecord:
    """办结报告 received from the unit the item was assigned (交办) to."""
    day = on or ctx.today()
    return await _act(ctx, ref, "report_completion", lambda d: d.report_completion(day, report),
                      version=version, dates={"on": day})


async def issue_opinion(
    ctx: ServiceContext, ref: str, outcome: str | OpinionOutcome, *, on: dt.date | None = None,
    served_on: dt.date | None = None, version: int | None = None,
) -> ItemRecord:
    """出具处理意见 (support / explain / not_support); service may be recorded at once."""
    day, code = on or ctx.today(), _code(OpinionOutcome, "outcome", outcome)
    return await _act(ctx, ref, "issue_opinion", lambda d: d.issue_opinion(day, code, served_on),
                      version=version, dates={"on": day, "served_on": served_on})


async def record_service(
    ctx: ServiceContext, ref: str, *, served_on: dt.date | None = None, version: int | None = None
) -> ItemRecord:
    """送达: the petitioner received the opinion (the review window and rating window open)."""
    day = served_on or ctx.today()
    return await _act(ctx, ref, "record_service", lambda d: d.record_service(day), version=version,
                      dates={"served_on": day})


async def route_to_statutory(
    ctx: ServiceContext, ref: str, route: str | StatutoryRoute, *, on: dt.date | None = None,
    version: int | None = None,
) -> ItemRecord:
    """导入法定程序 (litigation, arbitration, reconsideration …): the item leaves the petition track."""
    day, code = on or ctx.today(), _code(StatutoryRoute, "route", route)
    return await _act(ctx, ref, "route_to_statutory", lambda d: d.route_to_statutory(day, code),
                      version=version, dates={"on": day})


async def conclude(
    ctx: ServiceContext, ref: str, *, on: dt.date | None = None, version: int | None = None
) -> ItemRecord:
    """办结: needs the opinion served (and the completion report of an assigned item)."""
    day = on or ctx.today()
    return await _act(ctx, ref, "conclude", lambda d: d.conclude(day), version=version, dates={"on": day})


#: Action name → service function, for edges that dispatch by name.
ACTIONS: dict[str, Any] = {
    "accept": accept,
    "not_accept": not_accept,
    "transfer": transfer,
    "assign": assign,
    "extend": extend,
    "report_completion": report_completion,
    "issue_opinion": issue_opinion,
    "record_service": record_service,
    "route_to_statutory": route_to_statutory,
    "conclude": conclude,
}
