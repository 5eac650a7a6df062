"""The reception desk's link to the core register (登记簿): the only module that calls it.

Every visit batch is a petition item (信访件, channel 来访) of the register, so the
desk never types a visit twice and the register's own figures (来访…批…人次) include
the centre's visitors. The desk either registers a new item (optionally on an existing
matter — a repeat visit, 重复访) or links an item the registrar already registered.
Its disposition is then recorded on the item through the register's own actions, so
the register's statutory clocks (15-day disposition, 60-day handling, an assignment's
report date) run on it:

===========================  ==========================================================
desk disposition             register action(s)
===========================  ==========================================================
explained on the spot        不予受理, reason ``explained_on_spot`` (当面解释不予转办)
mediation, leader, joint     受理 (the matter is handled here)
transferred (转送/转办)      受理 + 转送 to the unit
assigned (交办)              受理 + 交办 with the report date (default: ``handling.deadline``)
routed to statutory proc.    导入法定程序
===========================  ==========================================================

Centre staff do not hold the register's ``petitions.write``/``petitions.dispose``; the
desk's own permission (``mediation.desk``, checked by the caller) covers registering and
disposing *its own visit batches*, so these calls run as the same user with those two
register permissions added. The audit entries still name that user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.context import ServiceContext
from hearing_core.errors import CalendarNotCovered, Conflict, RuleViolation
from hearing_core.petitions import service as register
from hearing_core.petitions.domain import Channel, NotAcceptedReason, PetitionItem, StatutoryRoute

if TYPE_CHECKING:
    from hearing_core.petitions.records import ItemRecord
    from hearing_mediation.domain import ReceptionBatch

__all__ = ["dispose_item", "item_summary", "link_item", "register_visit", "suggest_matches"]

#: The register permissions the desk exercises for its own batches (see the module docstring).
DESK_REGISTER_PERMISSIONS = frozenset({"petitions.read", "petitions.write", "petitions.dispose"})


def desk_context(ctx: ServiceContext) -> ServiceContext:
    """The same user, allowed to register and dispose the desk's own batch in the register."""
    actor = replace(ctx.actor, permissions=ctx.actor.permissions | DESK_REGISTER_PERMISSIONS)
    return ServiceContext(ctx.app, actor)


def _draft(batch: ReceptionBatch) -> PetitionItem:
    return PetitionItem(
        ref="", received_on=batch.received_on, channel=Channel.VISIT, summary=batch.matter, persons=batch.persons,
        petitioners=list(batch.petitioners), category=batch.category, request=batch.request,
        matter_ref=batch.matter_ref,
    )


async def register_visit(ctx: ServiceContext, batch: ReceptionBatch) -> ItemRecord:
    """Register the batch as a new visit item (on ``batch.matter_ref`` if it names a matter)."""
    return await register.register_item(desk_context(ctx), _draft(batch))


async def link_item(ctx: ServiceContext, item_ref: str) -> ItemRecord:
    """An item already in the register, for a batch that must not register it again."""
    record = await register.get_item(desk_context(ctx), item_ref, with_deadlines=False)
    if record.item.channel is not Channel.VISIT:
        raise RuleViolation(
            f"item {item_ref} came by {record.item.channel.label}, not by visit; only visits are reception batches",
            rule="mediation.reception_is_visit",
        )
    return record


async def suggest_matches(ctx: ServiceContext, batch: ReceptionBatch, limit: int = 5) -> list[dict[str, Any]]:
    """Register items and matters this batch may repeat (重信重访识别), best first."""
    return await register.suggest_for_draft(desk_context(ctx), _draft(batch), limit=limit)


async def _accept(ctx: ServiceContext, ref: str, on: dt.date) -> None:
    record = await register.get_item(ctx, ref, with_deadlines=False)
    if record.status == "registered":
        await register.accept(ctx, ref, on=on)


async def dispose_item(ctx: ServiceContext, batch: ReceptionBatch) -> None:
    """Record the batch's disposition on its register item (see the table above)."""
    if not batch.item_ref or batch.disposed_on is None:
        raise Conflict("the batch has no register item or no disposition yet")
    desk, ref, on = desk_context(ctx), batch.item_ref, batch.disposed_on
    state = batch.state
    if state == "explained_on_spot":
        await register.not_accept(desk, ref, NotAcceptedReason.EXPLAINED_ON_SPOT, note=batch.note, on=on)
    elif state == "routed_to_statutory_procedure":
        await register.route_to_statutory(desk, ref, batch.route or StatutoryRoute.OTHER, on=on)
    else:
        await _accept(desk, ref, on)
        if state == "transferred":
            await register.transfer(desk, ref, batch.handling_unit or "", on=on)
        elif state == "assigned":
            assert batch.assignment_due_on is not None
            await register.assign(desk, ref, batch.handling_unit or "", batch.assignment_due_on, on=on)


def default_assignment_due(ctx: ServiceContext, on: dt.date) -> dt.date:
    """Report date of an assignment when the desk gives none: the register's handling deadline."""
    try:
        due = ctx.app.deadline("handling.deadline", on).due
    except CalendarNotCovered as exc:
        raise CalendarNotCovered(f"{exc.detail} — or give the report date yourself (--due / due_on)") from None
    assert due is not None
    return due


async def item_summary(ctx: ServiceContext, item_ref: str) -> dict[str, Any]:
    """The register's view of the item: status, disposition and statutory clocks (needs ``petitions.read``)."""
    record = await register.get_item(ctx, item_ref)
    data = record.as_dict()
    return {
        "ref": data["ref"], "status": data["status"], "matter_ref": data["matter_ref"],
        "disposition": data["disposition"], "overdue": data["overdue"], "deadlines": data.get("deadlines", []),
    }
