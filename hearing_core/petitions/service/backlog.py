"""Backlog ledger (积案台账): list a matter with its owning leader (包案领导), plan, monthly progress, outcome.

The workflow is the domain's ``BACKLOG`` machine (:class:`BacklogCase`): listed →
in_progress (plan adopted) → resolved (化解) → ceased_petitioning (息诉息访).
Cases are addressed by their matter's ref (one case per matter, 一案一册).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, FieldError, NotFound
from hearing_core.petitions import repository as repo
from hearing_core.petitions.domain import BacklogCase, BacklogOrigin, ProgressEntry
from hearing_core.petitions.records import Page
from hearing_core.petitions.service.common import not_future, page_bounds, raise_if
from hearing_core.petitions.tables import BacklogCase as CaseRow
from hearing_core.petitions.tables import BacklogProgress as ProgressRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "BacklogRecord",
    "add_case",
    "adopt_plan",
    "cease",
    "extend_time_limit",
    "get_case",
    "list_cases",
    "record_progress",
    "resolve",
]

READ, WRITE = "backlog.read", "backlog.write"
_OPEN = ("listed", "in_progress")
_COLUMNS = (
    "owning_leader", "responsible_unit", "responsible_person", "time_limit", "state", "plan", "plan_adopted_on",
    "extended_on", "extension_approved_by", "extension_reason", "original_time_limit", "resolved_on", "ceased_on",
)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class BacklogRecord:
    """A stored backlog case with its matter's ref and title."""

    id: int
    case: BacklogCase
    matter_title: str
    version: int
    today: dt.date

    def as_dict(self) -> dict[str, Any]:
        c = self.case
        return {
            "id": self.id,
            "matter_ref": c.matter_ref,
            "matter_title": self.matter_title,
            "listed_on": c.listed_on.isoformat(),
            "origin": str(c.origin),
            "owning_leader": c.owning_leader,
            "responsible_unit": c.responsible_unit,
            "responsible_person": c.responsible_person,
            "time_limit": c.time_limit.isoformat(),
            "original_time_limit": _iso(c.original_time_limit),
            "state": c.state,
            "outcome": str(c.outcome) if c.outcome else None,
            "plan": c.plan,
            "plan_adopted_on": _iso(c.plan_adopted_on),
            "extended_on": _iso(c.extended_on),
            "extension_approved_by": c.extension_approved_by,
            "extension_reason": c.extension_reason,
            "resolved_on": _iso(c.resolved_on),
            "ceased_on": _iso(c.ceased_on),
            "overdue": c.is_overdue(self.today),
            "progress": [
                {"month": e.month.strftime("%Y-%m"), "text": e.text, "recorded_on": e.recorded_on.isoformat()}
                for e in c.progress
            ],
            "missing_progress_months": [m.strftime("%Y-%m") for m in c.missing_progress_months(self.today)],
            "allowed_actions": c.allowed_actions(),
            "version": self.version,
        }


def _case(row: dict[str, Any], matter_ref: str, progress: list[dict[str, Any]]) -> BacklogCase:
    case = BacklogCase(
        matter_ref=matter_ref,
        listed_on=row["listed_on"],
        owning_leader=row["owning_leader"],
        responsible_unit=row["responsible_unit"],
        responsible_person=row["responsible_person"],
        time_limit=row["time_limit"],
        origin=BacklogOrigin(row["origin"]),
        state=row["state"],  # restoring the machine's stored output, not a transition
        plan=row["plan"],
        plan_adopted_on=row["plan_adopted_on"],
        progress=[ProgressEntry(p["month"], p["text"], p["recorded_on"]) for p in progress],
        extended_on=row["extended_on"],
        extension_approved_by=row["extension_approved_by"],
        extension_reason=row["extension_reason"],
        original_time_limit=row["original_time_limit"],
        resolved_on=row["resolved_on"],
        ceased_on=row["ceased_on"],
        matter_id=row["matter"],
        id=row["id"],
    )
    case.progress.sort(key=lambda e: e.month)
    return case


async def _load(matter_ref: str, today: dt.date) -> BacklogRecord:
    matter = await repo.fetch_matter_row(matter_ref)
    row = await CaseRow.select().where(CaseRow.matter == matter["id"]).first().run()
    if row is None:
        raise NotFound(f"matter '{matter_ref}' is not on the backlog ledger")
    progress = await ProgressRow.select().where(ProgressRow.case == row["id"]).run()
    return BacklogRecord(row["id"], _case(row, matter_ref, progress), matter["title"], row["version"], today)


def _values(case: BacklogCase) -> dict[str, Any]:
    return {k: (v.value if hasattr(v, "value") else v) for k in _COLUMNS for v in [getattr(case, k)]}


async def add_case(
    ctx: ServiceContext, matter_ref: str, *, owning_leader: str, responsible_unit: str, responsible_person: str,
    time_limit: dt.date, origin: str = "county", listed_on: dt.date | None = None, plan: str = "",
) -> BacklogRecord:
    """Put a matter on the ledger (列入积案台账); with ``plan`` the plan is adopted at once."""
    ctx.require(WRITE)
    today = ctx.today()
    listed = listed_on or today
    errors = not_future("listed_on", listed, today)
    try:
        kind = BacklogOrigin(origin)
    except ValueError:
        errors.append(FieldError("origin", f"unknown origin '{origin}'; use {', '.join(o.value for o in BacklogOrigin)}"))
    raise_if(errors, "invalid backlog case")
    case = BacklogCase(matter_ref, listed, owning_leader, responsible_unit, responsible_person, time_limit, kind)
    if plan.strip():
        case.adopt_plan(listed, plan)
    async with ctx.write():
        matter = await repo.fetch_matter_row(matter_ref)
        if await CaseRow.exists().where(CaseRow.matter == matter["id"]).run():
            raise Conflict(f"matter '{matter_ref}' is already on the backlog ledger")
        now = ctx.now()
        values = {**_values(case), "matter": matter["id"], "listed_on": listed, "origin": kind.value,
                  "created_at": now, "updated_at": now, "version": 1}
        await CaseRow.insert(CaseRow(**values)).run()
        await MatterRow.update({MatterRow.on_backlog: True, MatterRow.updated_at: now}).where(
            MatterRow.id == matter["id"]).run()
        record = await _load(matter_ref, today)
        await ctx.audit("backlog.add", "backlog_case", record.id, after=record.as_dict(), subject_ref=matter_ref)
    return record


async def _change(
    ctx: ServiceContext, matter_ref: str, action: str, perform: Callable[[BacklogCase], Any],
    *, version: int | None = None,
) -> BacklogRecord:
    ctx.require(WRITE)
    today = ctx.today()
    async with ctx.write():
        record = await _load(matter_ref, today)
        if version is not None and version != record.version:
            raise Conflict(f"backlog case {matter_ref} was changed by someone else; reload it and try again",
                           current_version=record.version)
        source = record.case.state
        before = _values(record.case)
        old_entries = set(record.case.progress)
        perform(record.case)
        after = _values(record.case)
        changed = {k: after[k] for k in after if after[k] != before[k]}
        done = await CaseRow.update({**changed, "version": record.version + 1, "updated_at": ctx.now()}).where(
            (CaseRow.id == record.id) & (CaseRow.version == record.version)).returning(CaseRow.id).run()
        if not done:
            raise Conflict(f"backlog case {matter_ref} was changed by someone else; reload it and try again")
        for entry in record.case.progress:
            if entry not in old_entries:
                await ProgressRow.insert(ProgressRow(case=record.id, month=entry.month, text=entry.text,
                                                     recorded_on=entry.recorded_on,
                                                     recorded_by=ctx.actor.username)).run()
        updated = await _load(matter_ref, today)
        await ctx.audit(f"backlog.{action}", "backlog_case", record.id,
                        before={k: before[k] for k in changed}, after=changed or {"progress": len(updated.case.progress)},
                        subject_ref=matter_ref)
        await ctx.transitioned("backlog_case", updated, source, updated.case.state, action)
    return updated


async def adopt_plan(ctx: ServiceContext, matter_ref: str, plan: str, *, on: dt.date | None = None) -> BacklogRecord:
    """制定化解方案: work starts (listed → in_progress)."""
    day = on or ctx.today()
    raise_if(not_future("on", day, ctx.today()), "invalid date")
    return await _change(ctx, matter_ref, "adopt_plan", lambda c: c.adopt_plan(day, plan))


async def record_progress(
    ctx: ServiceContext, matter_ref: str, text: str, *, month: dt.date | None = None
) -> BacklogRecord:
    """月度进展 for ``month`` (any day of it; default the current month), once per month."""
    today = ctx.today()
    return await _change(ctx, matter_ref, "record_progress", lambda c: c.record_progress(month or today, text, today))


async def extend_time_limit(
    ctx: ServiceContext, matter_ref: str, new_limit: dt.date, approved_by: str, reason: str,
    *, on: dt.date | None = None,
) -> BacklogRecord:
    """延期 of the time limit, once, with the approving leader and a reason."""
    day = on or ctx.today()
    return await _change(ctx, matter_ref, "extend_time_limit",
                         lambda c: c.extend_time_limit(day, new_limit, approved_by, reason))


async def resolve(ctx: ServiceContext, matter_ref: str, *, on: dt.date | None = None) -> BacklogRecord:
    """化解: the problem is solved (counts towards 化解率)."""
    day = on or ctx.today()
    raise_if(not_future("on", day, ctx.today()), "invalid date")
    return await _change(ctx, matter_ref, "resolve", lambda c: c.resolve(day))


async def cease(ctx: ServiceContext, matter_ref: str, *, on: dt.date | None = None) -> BacklogRecord:
    """息诉息访: the petitioner stopped petitioning."""
    day = on or ctx.today()
    raise_if(not_future("on", day, ctx.today()), "invalid date")
    return await _change(ctx, matter_ref, "cease", lambda c: c.cease(day))


async def get_case(ctx: ServiceContext, matter_ref: str) -> BacklogRecord:
    ctx.require(READ)
    return await _load(matter_ref, ctx.today())


async def list_cases(
    ctx: ServiceContext, *, state: str | None = None, overdue: bool | None = None, page: int = 1, per_page: int = 50
) -> Page:
    """Ledger entries, by time limit; ``overdue`` keeps (or drops) open cases past their limit."""
    ctx.require(READ)
    page, per_page = page_bounds(page, per_page)
    today = ctx.today()
    query = CaseRow.select(*CaseRow.all_columns(), CaseRow.matter.ref.as_alias("matter_ref"),
                           CaseRow.matter.title.as_alias("matter_title")).order_by(CaseRow.time_limit)
    if state:
        query = query.where(CaseRow.state == state)
    if overdue:
        query = query.where(CaseRow.state.is_in(list(_OPEN)) & (CaseRow.time_limit < today))
    rows = await query.run()
    if overdue is False:
        rows = [r for r in rows if not (r["state"] in _OPEN and r["time_limit"] < today)]
    total = len(rows)
    rows = rows[(page - 1) * per_page : page * per_page]
    progress: dict[int, list[dict[str, Any]]] = {r["id"]: [] for r in rows}
    if rows:
        for p in await ProgressRow.select().where(ProgressRow.case.is_in(list(progress))).run():
            progress[p["case"]].append(p)
    records = [BacklogRecord(r["id"], _case(r, r["matter_ref"], progress[r["id"]]), r["matter_title"], r["version"],
                             today) for r in rows]
    return Page(records, total, page, per_page)

