"""Rows ↔ domain objects for centres, mediators, members and the reception log.

The only module (with :mod:`.case_repository` and :mod:`.agreement_repository`) that
sees piccolo rows. Updates go through :func:`update_row`, which enforces the
optimistic-concurrency ``version`` (``UPDATE … WHERE id = ? AND version = ?``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from piccolo.table import Table

from hearing_core.errors import Conflict
from hearing_core.petitions.domain.codes import StatutoryRoute
from hearing_core.petitions.domain.item import Petitioner
from hearing_mediation.common import as_date
from hearing_mediation.domain import Centre, CommitteeRole, Mediator, ReceptionBatch
from hearing_mediation.tables import MediationCentre, MediatorRow, ReceptionRow

__all__ = [
    "centre_from_row", "centre_mediators", "centre_values", "fetch", "load_reception", "lock_centre",
    "mediator_from_row", "mediator_values", "next_number", "reception_from_row", "reception_values", "update_row",
]


async def fetch(table: type[Table], object_id: int) -> dict[str, Any] | None:
    """One row by id, JSON columns decoded."""
    return await table.select().where(table._meta.primary_key == object_id).first().output(load_json=True).run()  # type: ignore[no-any-return]


async def update_row(table: type[Table], object_id: int, version: int, values: dict[str, Any], now: dt.datetime) -> None:
    """Write ``values`` if the row still has ``version``; else Conflict (someone changed it first)."""
    data = {**values, "version": version + 1, "updated_at": now}
    query = table.update(data).where((table._meta.primary_key == object_id) & (table.version == version))  # type: ignore[attr-defined]
    changed = await query.returning(table._meta.primary_key).run()
    if not changed:
        raise Conflict(f"{table._meta.tablename} {object_id} was changed by someone else; reload it and try again")


async def lock_centre(db_is_sqlite: bool, centre_id: int) -> None:
    """Serialise numbering within a centre (PostgreSQL row lock; SQLite writes are already serialised)."""
    if not db_is_sqlite:
        await MediationCentre.select(MediationCentre.id).where(MediationCentre.id == centre_id).lock_rows().run()


async def next_number(table: type[Table], centre_id: int, date_column: Any, year: int) -> int:
    """The next sequence number of a centre's records of ``year`` (inside the write transaction)."""
    count = await table.count().where(
        (table.centre == centre_id) & (date_column >= dt.date(year, 1, 1)) & (date_column <= dt.date(year, 12, 31))  # type: ignore[attr-defined]
    ).run()
    return int(count) + 1


# ---------------------------------------------------------------- centres and mediators


def centre_from_row(row: dict[str, Any]) -> Centre:
    return Centre(
        code=row["code"], name=row["name"], committee_name=row["committee_name"], doc_prefix=row["doc_prefix"],
        address=row["address"], phone=row["phone"], active=bool(row["active"]), id=row["id"], version=row["version"],
    )


def centre_values(c: Centre) -> dict[str, Any]:
    return {
        "code": c.code, "name": c.name, "committee_name": c.committee_name, "doc_prefix": c.doc_prefix,
        "address": c.address, "phone": c.phone, "active": c.active,
    }


def mediator_from_row(row: dict[str, Any]) -> Mediator:
    return Mediator(
        centre_id=row["centre"], name=row["name"], username=row["username"], sex=row["sex"],
        specialities=list(row["specialities"] or []), committee_role=CommitteeRole(row["committee_role"]),
        phone=row["phone"], active=bool(row["active"]), id=row["id"], version=row["version"],
    )


def mediator_values(m: Mediator) -> dict[str, Any]:
    return {
        "centre": m.centre_id, "name": m.name, "username": m.username, "sex": m.sex,
        "specialities": list(m.specialities), "committee_role": m.committee_role.value,
        "phone": m.phone, "active": m.active,
    }


async def centre_mediators(centre_id: int) -> list[Mediator]:
    rows = await MediatorRow.select().where(MediatorRow.centre == centre_id).order_by(MediatorRow.id).output(load_json=True).run()
    return [mediator_from_row(r) for r in rows]


# ---------------------------------------------------------------- reception log


def _person(data: dict[str, Any]) -> Petitioner:
    return Petitioner(data.get("name", ""), data.get("id_number"), data.get("phone"), data.get("address"))


def reception_from_row(row: dict[str, Any]) -> ReceptionBatch:
    return ReceptionBatch(
        centre_id=row["centre"], received_on=as_date(row["received_on"]) or dt.date.min, persons=row["persons"],
        petitioners=[_person(p) for p in row["petitioners"] or []], matter=row["matter"], category=row["category"],
        request=row["request"], item_id=row["item_id"], item_ref=row["item_ref"], matter_ref=row["matter_ref"],
        state=row["state"], disposed_on=as_date(row["disposed_on"]), note=row["note"],
        handling_unit=row["handling_unit"], assignment_due_on=as_date(row["assignment_due_on"]),
        route=StatutoryRoute(row["route"]) if row["route"] else None, leader=row["leader"],
        joint_units=list(row["joint_units"] or []), case_id=row["case_id"], ref=row["ref"],
        recorded_by=row["recorded_by"], id=row["id"], version=row["version"],
    )


def reception_values(b: ReceptionBatch) -> dict[str, Any]:
    return {
        "centre": b.centre_id, "received_on": b.received_on, "persons": b.persons,
        "petitioners": [
            {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address} for p in b.petitioners
        ],
        "matter": b.matter, "category": b.category, "request": b.request, "item_id": b.item_id,
        "item_ref": b.item_ref, "matter_ref": b.matter_ref, "state": b.state, "disposed_on": b.disposed_on,
        "note": b.note, "handling_unit": b.handling_unit, "assignment_due_on": b.assignment_due_on,
        "route": b.route.value if b.route else None, "leader": b.leader, "joint_units": list(b.joint_units),
        "case_id": b.case_id,
    }


async def load_reception(batch_id: int) -> ReceptionBatch | None:
    row = await fetch(ReceptionRow, batch_id)
    return reception_from_row(row) if row else None
