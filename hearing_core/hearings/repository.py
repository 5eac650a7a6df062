"""Loading and saving hearing cases (听证案件存取): the only module that sees hearing rows.

:func:`load` rebuilds a :class:`StoredHearing` (the whole aggregate, ids filled in);
:func:`save` writes it back: the case row with ``UPDATE ... WHERE id = ? AND version = ?``
(a stale version raises :class:`~hearing_core.errors.Conflict`), then only the child rows that
were added, changed or removed since the load. Domain events are appended with
:func:`append_events`. Reads for lists and calendars are plain queries on the case row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from hearing_core.errors import Conflict
from hearing_core.hearings import rows as r
from hearing_core.hearings.domain import CaseData, CaseState, HearingCase
from hearing_core.hearings.domain.events import DomainEvent
from hearing_core.hearings.stored import StoredHearing
from hearing_core.hearings.tables import HearingCaseRow, HearingEvent, HearingPanelMember, HearingParticipant

__all__ = [
    "append_events", "case_ids_on_panel", "events_of", "find", "list_rows", "load", "matter_cases", "panel_rows",
    "petitioner_names", "save",
]

#: States in which a case holds its slot in the calendar.
CALENDAR_STATES = (CaseState.SCHEDULED, CaseState.IN_SESSION, CaseState.SUSPENDED)


async def find(case_id: int) -> StoredHearing | None:
    """The case with its children, or None."""
    row = await HearingCaseRow.select().where(HearingCaseRow.id == case_id).first().output(load_json=True).run()
    if row is None:
        return None
    children: dict[str, list[Any]] = {}
    for name, table in r.CHILD_TABLES.items():
        children[name] = await table.select().where(table.hearing == case_id).output(load_json=True).run()
    case, contacts = r.build(row, children)
    stored = StoredHearing(case, row["matter_ref"], row["version"], row["created_by"], row["created_at"],
                           row["updated_at"], contacts)
    stored.row_ids = {name: {r.row_key(name, c): c["id"] for c in found} for name, found in children.items()}
    _remember(stored)
    return stored


async def load(case_id: int) -> StoredHearing:
    """Like :func:`find`, raising NotFound for a missing case."""
    from hearing_core.security.scope import not_found

    stored = await find(case_id)
    if stored is None:
        raise not_found("hearing case", case_id)
    return stored


def _remember(stored: StoredHearing) -> None:
    stored.snapshot = {name: {k: v for k, (_, v) in rows.items()} for name, rows in r.child_rows(stored).items()}


async def save(stored: StoredHearing, *, by: str, now: dt.datetime) -> StoredHearing:
    """Insert a new case or update a loaded one (version-checked), then sync its children."""
    values = r.case_values(stored)
    if stored.id is None:
        row = HearingCaseRow(**values, created_by=by, created_at=now, updated_at=now, version=1)
        await row.save().run()
        stored.case.id, stored.version = row.id, 1
        stored.created_by, stored.created_at, stored.updated_at = by, now, now
    else:
        changes: dict[Any, Any] = {**values, "updated_at": now, "version": stored.version + 1}
        updated = (
            await HearingCaseRow.update(changes)
            .where((HearingCaseRow.id == stored.id) & (HearingCaseRow.version == stored.version))
            .returning(HearingCaseRow.id)
            .run()
        )
        if not updated:
            current = await HearingCaseRow.select(HearingCaseRow.version).where(HearingCaseRow.id == stored.id).first().run()
            raise Conflict(
                f"hearing case {stored.id} was changed by someone else (version "
                f"{current['version'] if current else '?'}, you had {stored.version}); reload and try again",
                current_version=current["version"] if current else None,
            )
        stored.version += 1
        stored.updated_at = now
    await _sync_children(stored)
    _remember(stored)
    return stored


async def _sync_children(stored: StoredHearing) -> None:
    assert stored.id is not None
    for name, rows in r.child_rows(stored).items():
        table = r.CHILD_TABLES[name]
        old = stored.snapshot.get(name, {})
        ids = stored.row_ids.setdefault(name, {})
        gone = [ids.pop(k) for k in old.keys() - rows.keys() if k in ids]
        if gone:
            await table.delete().where(table.id.is_in(gone)).run()
        for key, (obj, values) in rows.items():
            if key in ids and obj is not None and getattr(obj, "id", 0) is None:
                # The domain replaced the object (a changed vote): a new row keeps the list order.
                await table.delete().where(table.id == ids.pop(key)).run()
            if key in ids and old.get(key) == values:
                continue
            if key in ids:
                await table.update(values).where(table.id == ids[key]).run()
                row_id = ids[key]
            else:
                row = table(**values, hearing=stored.id)
                await row.save().run()
                row_id = ids[key] = row.id
            if obj is not None and hasattr(obj, "id"):
                obj.id = row_id


async def append_events(case_id: int, events: Sequence[DomainEvent], *, actor: str, at: dt.datetime) -> None:
    """Store events after the case's last one (append-only event log)."""
    if not events:
        return
    last = await HearingEvent.select(HearingEvent.seq).where(HearingEvent.hearing == case_id).order_by(
        HearingEvent.seq, ascending=False).first().run()
    seq = last["seq"] if last else 0
    rows = []
    for event in events:
        seq += 1
        rows.append(HearingEvent(hearing=case_id, seq=seq, kind=event.kind, data=event.as_dict(), actor=actor,
                                 recorded_at=at))
    await HearingEvent.insert(*rows).run()


async def events_of(case_id: int) -> list[dict[str, Any]]:
    rows = await HearingEvent.select().where(HearingEvent.hearing == case_id).order_by(HearingEvent.seq).output(
        load_json=True).run()
    return list(rows)


async def matter_cases(matter_id: int, *, exclude: int | None = None) -> list[CaseData]:
    """Earlier cases on a matter (state and id only), for the re-application rule."""
    rows = await HearingCaseRow.select(HearingCaseRow.id, HearingCaseRow.matter_id, HearingCaseRow.stage,
                                       HearingCaseRow.origin, HearingCaseRow.state).where(
        HearingCaseRow.matter_id == matter_id).run()
    return [HearingCase(matter_id=x["matter_id"], stage=x["stage"], origin=x["origin"], id=x["id"], state=x["state"])
            for x in rows if x["id"] != exclude]


async def case_ids_on_panel(person_id: int) -> list[int]:
    """Cases where ``person_id`` holds a seat now (recused members have left)."""
    rows = await HearingPanelMember.select(HearingPanelMember.hearing).where(
        (HearingPanelMember.person_id == person_id) & (HearingPanelMember.recused == False)  # noqa: E712
    ).run()
    return sorted({x["hearing"] for x in rows})


async def list_rows(
    *,
    state: str | None = None,
    venue: str | None = None,
    matter_ref: str | None = None,
    start_from: dt.datetime | None = None,
    start_to: dt.datetime | None = None,
    only_ids: Iterable[int] | None = None,
    states: Iterable[str] | None = None,
    page: int = 1,
    per_page: int = 50,
) -> tuple[list[dict[str, Any]], int]:
    """Case rows matching the filters (newest first) and the total count."""
    query = HearingCaseRow.select().order_by(HearingCaseRow.id, ascending=False)
    count = HearingCaseRow.count()
    clauses = []
    if state:
        clauses.append(HearingCaseRow.state == state)
    if states is not None:
        clauses.append(HearingCaseRow.state.is_in(list(states)))
    if venue:
        clauses.append(HearingCaseRow.venue == venue)
    if matter_ref:
        clauses.append(HearingCaseRow.matter_ref == matter_ref)
    if start_from is not None:
        clauses.append(HearingCaseRow.schedule_start >= start_from)
    if start_to is not None:
        clauses.append(HearingCaseRow.schedule_start < start_to)
    if only_ids is not None:
        ids = list(only_ids)
        if not ids:
            return [], 0
        clauses.append(HearingCaseRow.id.is_in(ids))
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = await query.offset((page - 1) * per_page).limit(per_page).output(load_json=True).run()
    return list(rows), int(await count.run())


async def petitioner_names(case_ids: Sequence[int]) -> dict[int, str]:
    """The first participant (the applicant or petitioner) of each case."""
    if not case_ids:
        return {}
    rows = await HearingParticipant.select(HearingParticipant.hearing, HearingParticipant.name).where(
        HearingParticipant.hearing.is_in(list(case_ids)) & (HearingParticipant.no == 1)).run()
    return {x["hearing"]: x["name"] for x in rows}


async def panel_rows(case_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Seated panel members of each case."""
    if not case_ids:
        return {}
    rows = await HearingPanelMember.select().where(
        HearingPanelMember.hearing.is_in(list(case_ids)) & (HearingPanelMember.recused == False)  # noqa: E712
    ).order_by(HearingPanelMember.seat).run()
    out: dict[int, list[dict[str, Any]]] = {}
    for x in rows:
        out.setdefault(x["hearing"], []).append(x)
    return out
