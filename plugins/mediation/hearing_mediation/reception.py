"""The reception log (接待登记): visit batches, their register items and their dispositions.

A batch is registered in the core register in the same transaction (or linked to the
item the registrar already made, never both), then disposed of once: explained on the
spot, mediation (a case is opened at once), transferred or assigned to a responsible
unit, routed to a statutory procedure, leader reception or joint reception. The
register records the same disposition on its item (:mod:`.register_link`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, ValidationFailed
from hearing_core.petitions.domain.codes import StatutoryRoute
from hearing_mediation import register_link
from hearing_mediation import repository as repo
from hearing_mediation.common import (
    DESK,
    READ,
    centre_scope,
    check_version,
    ensure_in_scope,
    on_or_today,
    page_bounds,
    parse_code,
    plain,
    shown_people,
)
from hearing_mediation.domain import RECEPTION, ApplicationKind, Party, ReceptionBatch
from hearing_mediation.tables import MediationCentre, ReceptionRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["Disposal", "dispose", "get_reception", "list_reception", "receive", "suggest_matches"]


@dataclass
class Disposal:
    """A disposition (处理方式) and its facts; only the ones its ``action`` needs are read."""

    action: str
    on: dt.date | None = None
    note: str = ""
    unit: str | None = None
    due_on: dt.date | None = None
    route: str | None = None
    leader: str | None = None
    units: list[str] = field(default_factory=list)
    #: For ``mediate``: the other side(s) of the dispute; the visitors are the applicants.
    respondents: list[Party] = field(default_factory=list)
    application: ApplicationKind = ApplicationKind.ONE_PARTY


def _audit(batch: ReceptionBatch) -> dict[str, Any]:
    """What the audit log keeps of a batch: no ID numbers or phones (the log is a log)."""
    data = plain(batch.as_dict())
    data["petitioners"] = [p["name"] for p in data["petitioners"]]
    for key in ("allowed_actions", "version", "recorded_by", "disposition_label"):
        data.pop(key, None)
    return data


def _subject(batch: ReceptionBatch) -> str:
    return batch.matter_ref or batch.item_ref or ""


async def _load(ctx: ServiceContext, batch_id: int) -> ReceptionBatch:
    batch = await repo.load_reception(batch_id)
    await ensure_in_scope(ctx, batch.centre_id if batch else None, "reception batch", batch_id)
    assert batch is not None
    return batch


async def receive(
    ctx: ServiceContext, batch: ReceptionBatch, *, item_ref: str | None = None, disposal: Disposal | None = None
) -> dict[str, Any]:
    """Record a visit batch (接待登记), register or link its item, and optionally dispose of it at once."""
    ctx.require(DESK)
    async with ctx.write():
        centre_row = await repo.fetch(MediationCentre, batch.centre_id)
        await ensure_in_scope(ctx, centre_row["id"] if centre_row else None, "centre", batch.centre_id)
        assert centre_row is not None
        if item_ref:
            if await ReceptionRow.exists().where(ReceptionRow.item_ref == item_ref).run():
                raise Conflict(f"register item {item_ref} is already in the reception log")
            record = await register_link.link_item(ctx, item_ref)
            i = record.item
            batch.received_on, batch.persons, batch.petitioners = i.received_on, i.persons, list(i.petitioners)
            batch.matter, batch.category, batch.request, batch.matter_ref = i.summary, i.category, i.request, i.matter_ref
        batch.validate(today=ctx.today())
        if not item_ref:
            record = await register_link.register_visit(ctx, batch)
        batch.item_id, batch.item_ref, batch.matter_ref = record.id, record.ref, record.matter_ref
        await repo.lock_centre(ctx.app.db.is_sqlite, batch.centre_id)
        n = await repo.next_number(ReceptionRow, batch.centre_id, ReceptionRow.received_on, batch.received_on.year)
        batch.ref = f"{centre_row['code']}-JD-{batch.received_on.year}-{n:04d}"
        batch.recorded_by = ctx.actor.username
        now = ctx.now()
        inserted = await ReceptionRow.insert(ReceptionRow(
            **repo.reception_values(batch), ref=batch.ref, recorded_by=batch.recorded_by,
            created_at=now, updated_at=now, version=1,
        )).returning(ReceptionRow.id).run()
        batch.id = inserted[0]["id"]
        await ctx.audit("mediation.reception.create", "mediation_reception", batch.id, after=_audit(batch),
                        subject_ref=_subject(batch))
        if disposal is not None:
            await _dispose(ctx, batch, disposal)
    return await get_reception(ctx, batch.id)


async def dispose(ctx: ServiceContext, batch_id: int, disposal: Disposal, *, version: int | None = None) -> dict[str, Any]:
    """Dispose of a received batch (处理): one of the actions of ``RECEPTION``."""
    ctx.require(DESK)
    async with ctx.write():
        batch = await _load(ctx, batch_id)
        check_version("reception batch", batch_id, batch.version, version)
        await _dispose(ctx, batch, disposal)
    return await get_reception(ctx, batch_id)


async def _dispose(ctx: ServiceContext, batch: ReceptionBatch, d: Disposal) -> None:
    from hearing_mediation import cases

    on = on_or_today(ctx, d.on)
    RECEPTION.target(batch.state, d.action)
    before = _audit(batch)
    source = batch.state
    if d.action == "explain":
        batch.explain(on, d.note)
    elif d.action == "transfer":
        batch.transfer(on, d.unit or "", d.note)
    elif d.action == "assign":
        due = d.due_on or register_link.default_assignment_due(ctx, on)
        batch.assign(on, d.unit or "", due, d.note)
    elif d.action == "route":
        batch.route_to_statutory(on, parse_code(StatutoryRoute, "route", d.route or ""), d.note)
    elif d.action == "refer_to_leader":
        batch.refer_to_leader(on, d.leader or "", d.note)
    elif d.action == "joint_reception":
        batch.joint_reception(on, list(d.units), d.note)
    elif d.action == "mediate":
        batch.mediate(on, None, d.note)
        batch.case_id = await cases.open_from_reception(ctx, batch, d.application, d.respondents, on)
    await register_link.dispose_item(ctx, batch)
    await repo.update_row(ReceptionRow, batch.id or 0, batch.version, repo.reception_values(batch), ctx.now())
    batch.version += 1
    after = _audit(batch)
    changed = [k for k in after if after[k] != before.get(k)]
    await ctx.audit(f"mediation.reception.{d.action}", "mediation_reception", batch.id,
                    before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed},
                    subject_ref=_subject(batch))
    await ctx.transitioned(RECEPTION.name, batch, source, batch.state, d.action)


async def get_reception(ctx: ServiceContext, batch_id: int, *, with_register: bool = True) -> dict[str, Any]:
    """One batch as the actor may see it; with the register item's status and clocks."""
    ctx.require(READ)
    batch = await _load(ctx, batch_id)
    data = plain(batch.as_dict())
    data["petitioners"], data["personal_data_masked"] = await shown_people(
        ctx, data["petitioners"], object_type="mediation_reception", object_id=batch_id, subject_ref=_subject(batch)
    )
    if with_register and batch.item_ref and ctx.actor.has("petitions.read"):
        data["register"] = await register_link.item_summary(ctx, batch.item_ref)
    return data


async def list_reception(
    ctx: ServiceContext, *, centre_id: int | None = None, year: int | None = None,
    date_from: dt.date | None = None, date_to: dt.date | None = None, disposition: str | None = None,
    page: int = 1, per_page: int = 50,
) -> dict[str, Any]:
    """The reception log (接待登记簿), newest first, in the actor's centres."""
    ctx.require(READ)
    page_bounds(page, per_page)
    scope = await centre_scope(ctx)
    clauses: list[Any] = []
    if centre_id is not None:
        await ensure_in_scope(ctx, centre_id, "centre", centre_id)
        clauses.append(ReceptionRow.centre == centre_id)
    elif scope is not None:
        clauses.append(ReceptionRow.centre.is_in(list(scope) or [-1]))
    if year is not None:
        clauses += [ReceptionRow.received_on >= dt.date(year, 1, 1), ReceptionRow.received_on <= dt.date(year, 12, 31)]
    if date_from is not None:
        clauses.append(ReceptionRow.received_on >= date_from)
    if date_to is not None:
        clauses.append(ReceptionRow.received_on <= date_to)
    if disposition:
        if disposition not in RECEPTION.states:
            raise ValidationFailed("invalid filter", [FieldError("disposition", f"one of {', '.join(RECEPTION.states)}")])
        clauses.append(ReceptionRow.state == disposition)
    query = ReceptionRow.select().order_by(ReceptionRow.received_on, ReceptionRow.id, ascending=False).output(load_json=True)
    count = ReceptionRow.count()
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).run()
    items = [plain(repo.reception_from_row(r).as_dict()) for r in rows]
    people = [p for item in items for p in item["petitioners"]]
    shown, masked = await shown_people(ctx, people, object_type="mediation_reception", object_id="list")
    it = iter(shown)
    for item in items:
        item["petitioners"] = [next(it) for _ in item["petitioners"]]
        item["personal_data_masked"] = masked
    return {"items": items, "total": await count.run(), "page": page, "per_page": per_page}


async def suggest_matches(ctx: ServiceContext, batch: ReceptionBatch) -> list[dict[str, Any]]:
    """Register items this visit may repeat (重复访), to link the batch to their matter."""
    ctx.require(DESK)
    await ensure_in_scope(ctx, batch.centre_id, "centre", batch.centre_id)
    return await register_link.suggest_matches(ctx, batch)
