"""Registering, reading, listing and correcting petition items (信访件登记).

``register_item`` is the entry point every intake path uses — the register
form, the reception desk, the mediation centre, the PDF form import — so the
same validation, veto hook, audit entry and event apply to all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, NotFound, ValidationFailed
from hearing_core.petitions import repository as repo
from hearing_core.petitions.clocks import is_overdue, item_clocks
from hearing_core.petitions.domain import PetitionItem
from hearing_core.petitions.records import ItemRecord, mask_people
from hearing_core.petitions.service import matter_rows
from hearing_core.petitions.service.common import (
    READ,
    WRITE,
    catalog,
    check_refusal,
    collective_threshold,
    raise_if,
    shown,
)
from hearing_core.petitions.tables import Petitioner as PersonRow
from hearing_core.petitions.tables import PetitionItem as ItemRow

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["get_item", "register_item", "update_item", "with_clocks"]

#: Fields a PATCH may change (the disposition changes only through actions).
EDITABLE = (
    "received_on", "channel", "persons", "category", "purpose", "source", "summary", "request",
    "level_skipping", "litigation_related", "anonymous", "abnormal", "abnormal_reason",
    "national_system_no", "petitioners", "signatories",
)


def with_clocks(app: HearingApp, records: list[ItemRecord], today: dt.date | None = None) -> list[ItemRecord]:
    """Attach computed clocks and the ``overdue`` flag (nothing is stored)."""
    for record in records:
        clocks = item_clocks(app, record.disposition, today=today)
        record.deadlines = [c.as_dict() for c in clocks]
        record.overdue = is_overdue(clocks)
    return records


def _audit_view(item: PetitionItem) -> dict[str, Any]:
    """What an audit entry records of an item; personal data goes in masked (the log is a log)."""

    def people(persons: list[Any]) -> list[dict[str, Any]]:
        return [{"name": p.name, "id_number": p.id_number, "phone": p.phone} for p in mask_people(persons)]

    return {
        "ref": item.ref,
        "received_on": item.received_on.isoformat(),
        "channel": item.channel.value,
        "persons": item.persons,
        "category": item.category,
        "purpose": item.purpose.value if item.purpose else None,
        "source": item.source.value,
        "summary": item.summary,
        "request": item.request,
        "flags": [f for f in ("level_skipping", "litigation_related", "anonymous", "abnormal") if getattr(item, f)],
        "matter_ref": item.matter_ref,
        "petitioners": people(item.petitioners),
        "signatories": people(item.signatories),
    }


async def _next_ref(received_on: dt.date) -> str:
    """``XF-<year>-<nnnnn>``: the next free number of the year (inside the write transaction)."""
    prefix = f"XF-{received_on.year}-"
    count = await ItemRow.count().where(ItemRow.ref.like(prefix + "%")).run()
    n = count + 1
    while await ItemRow.exists().where(ItemRow.ref == f"{prefix}{n:05d}").run():
        n += 1
    return f"{prefix}{n:05d}"


async def register_item(
    ctx: ServiceContext, item: PetitionItem, *, create_matter: bool = False, matter_title: str = ""
) -> ItemRecord:
    """Register a new item (登记); link it to ``item.matter_ref`` or open a new matter.

    * ``item.ref`` empty: the next ``XF-<year>-<nnnnn>`` number is given.
    * ``item.matter_ref`` names an existing matter: the item joins it (a repeat, 重复件).
    * ``item.matter_ref`` unknown: refused unless ``create_matter`` (then the matter is opened).
    * no ``matter_ref`` and ``create_matter``: a matter ``M-<item ref>`` is opened.

    Every registered plugin's ``refuse_petition_item`` is asked first; the item is
    stored, audited and announced (``petition_item_registered``) in one transaction.
    """
    ctx.require(WRITE)
    cat = catalog(ctx.app)
    today = ctx.today()
    errors = item.problems(cat, today=today)
    if item.ref == "":
        errors = [e for e in errors if e.field != "ref"]
    if item.matter_ref and item.matter_ref.startswith(repo.ITEM_PREFIX):
        errors.append(FieldError("matter_ref", f"must not start with '{repo.ITEM_PREFIX}'"))
    raise_if(errors, "invalid petition item")
    async with ctx.write():
        if not item.ref:
            item.ref = await _next_ref(item.received_on)
        item.normalise(cat)
        if await ItemRow.exists().where(ItemRow.ref == item.ref).run():
            raise Conflict(f"petition item '{item.ref}' already exists")
        matter_row = None
        if item.matter_ref is None and create_matter:
            item.matter_ref = f"M-{item.ref}"
        if item.matter_ref is not None:
            matter_row = await matter_rows.find(item.matter_ref)
            if matter_row is None and not create_matter:
                raise NotFound(f"no petition matter '{item.matter_ref}'; create it first or ask to open it")
        matter = matter_rows.domain(matter_row) if matter_row else None
        await check_refusal(ctx, item, matter)
        if matter_row is None and item.matter_ref is not None:
            matter_row = await matter_rows.create(
                ctx, item.matter_ref, matter_title or item.summary[:100], item.category, audit=True
            )
        now = ctx.now()
        threshold = collective_threshold(ctx.app)
        values = {
            **repo.item_values(item),
            "collective": item.is_collective(threshold),
            "category_top": cat.top_level(item.category).code if item.category else None,
            "matter": matter_row["id"] if matter_row else None,
            "status": "registered",
            "registered_by": ctx.actor.username,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        inserted = await ItemRow.insert(ItemRow(**values)).returning(ItemRow.id).run()
        item.id = inserted[0]["id"]
        people = repo.people_rows(item.id, item)
        if people:
            await PersonRow.insert(*(PersonRow(**p) for p in people)).run()
        if matter_row is not None:
            await matter_rows.widen(matter_row["id"], item.received_on)
        record = await repo.load_item(item.ref)
        await ctx.audit("petition.register", "petition_item", record.id, after=_audit_view(record.item),
                        subject_ref=record.matter_ref or record.ref)
        await ctx.emit("petition_item_registered", item=record)
    with_clocks(ctx.app, [record], today)
    # The result of a change shows personal data masked: reading it in full is a separate, audited read.
    return record.masked_copy()


async def get_item(ctx: ServiceContext, ref: str, *, with_deadlines: bool = True) -> ItemRecord:
    """One item by ref, as the actor may see it (masked, or audited when unmasked)."""
    ctx.require(READ)
    record = await repo.load_item(ref)
    if with_deadlines:
        with_clocks(ctx.app, [record], ctx.today())
    return (await shown(ctx, [record], what=f"item {ref}"))[0]


async def update_item(ctx: ServiceContext, ref: str, version: int, changes: Mapping[str, Any]) -> ItemRecord:
    """Correct an item's registration data (PATCH); ``version`` must be the one read."""
    ctx.require(WRITE)
    unknown = [k for k in changes if k not in EDITABLE]
    raise_if([FieldError(k, "cannot be changed here") for k in unknown], "invalid change")
    cat = catalog(ctx.app)
    async with ctx.write():
        record = await repo.load_item(ref)
        if record.version != version:
            raise Conflict(
                f"petition item {ref} was changed by someone else (version {record.version}, you sent {version}); "
                "reload it and try again",
                current_version=record.version,
            )
        before = _audit_view(record.item)
        item = replace(record.item, **dict(changes))
        errors = item.problems(cat, today=ctx.today())
        if "received_on" in changes and record.disposition.accepted_on and item.received_on > record.disposition.accepted_on:
            errors.append(FieldError("received_on", "is after the acceptance date"))
        if errors:
            raise ValidationFailed("invalid petition item", errors)
        item.normalise(cat)
        values = repo.item_values(item)
        values.pop("ref")
        values.pop("matter_key")
        values["collective"] = item.is_collective(collective_threshold(ctx.app))
        values["category_top"] = cat.top_level(item.category).code if item.category else None
        await repo.update_item_row(record.id, version, values, ctx.now())
        if "petitioners" in changes or "signatories" in changes:
            await repo.replace_people(record.id, item)
        if "received_on" in changes and record.item.matter_id is not None:
            await matter_rows.recompute(record.item.matter_id)
        updated = await repo.load_item(ref)
        after = _audit_view(updated.item)
        changed = [k for k in after if after[k] != before[k]]
        await ctx.audit("petition.update", "petition_item", record.id,
                        before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
                        subject_ref=updated.matter_ref or ref)
    with_clocks(ctx.app, [updated], ctx.today())
    return updated.masked_copy()

