"""A visit batch at the reception desk (接待批次) and its disposition (处理方式).

One batch is one group arriving together on one matter (批次, reference §5), counted
in persons (人次). Every batch is also a petition item (信访件, channel 来访) in the
core register: the batch keeps the item's id and ref, the register keeps the item,
so nothing is typed twice. The desk disposes of a batch exactly once (``RECEPTION``):
explained on the spot, mediation, transferred or assigned to a responsible unit,
routed to a statutory procedure, leader reception or joint reception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.codes import StatutoryRoute
from hearing_core.petitions.domain.item import TEXT_MAX, Petitioner
from hearing_mediation.domain.codes import ReceptionDisposition
from hearing_mediation.domain.machines import RECEPTION

__all__ = ["ReceptionBatch"]

_UNITS_MAX = 20


def _required(name: str, value: str | None, limit: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(f"{name} is required", [FieldError(name, "is required")])
    if len(text) > limit:
        raise ValidationFailed(f"invalid {name}", [FieldError(name, f"must be at most {limit} characters")])
    return text


@dataclass
class ReceptionBatch:
    """A visit batch received by a centre (接待登记), linked to a register item."""

    centre_id: int
    received_on: date
    persons: int
    petitioners: list[Petitioner]
    #: What the visitors came about (来访事由), also the register item's summary.
    matter: str
    category: str | None = None
    request: str = ""
    #: The register item (信访件) this batch is; set when registered or matched.
    item_id: int | None = None
    item_ref: str | None = None
    #: The register matter (信访事项) the item belongs to, if any (repeat visits).
    matter_ref: str | None = None
    #: Disposition state; changed only through the action methods.
    state: str = RECEPTION.initial
    disposed_on: date | None = None
    #: What was explained (当场疏导解释的内容), or a note on any disposition.
    note: str = ""
    #: Responsible unit (责任单位) of a transfer or assignment.
    handling_unit: str | None = None
    #: Due date of an assignment's completion report (交办期限), from the register.
    assignment_due_on: date | None = None
    route: StatutoryRoute | None = None
    #: The leader who received the visitors (接访领导).
    leader: str | None = None
    #: Units that received the visitors together (联合接访单位).
    joint_units: list[str] = field(default_factory=list)
    #: The mediation case opened for this batch.
    case_id: int | None = None
    ref: str | None = None
    recorded_by: str = ""
    id: int | None = None
    version: int = 1

    # ------------------------------------------------------------------ validation

    def validate(self, *, today: date | None = None) -> None:
        """Every problem at once (staff fix the whole form)."""
        errors: list[FieldError] = []
        if self.persons < 1:
            errors.append(FieldError("persons", "must be at least 1"))
        elif self.persons < len(self.petitioners):
            errors.append(FieldError("persons", f"is less than the {len(self.petitioners)} petitioners named"))
        if not self.petitioners:
            errors.append(FieldError("petitioners", "name at least one visitor"))
        for i, person in enumerate(self.petitioners):
            errors.extend(person.problems(f"petitioners[{i}]", today=today))
        if not self.matter.strip():
            errors.append(FieldError("matter", "is required"))
        for name, text in (("matter", self.matter), ("request", self.request)):
            if len(text) > TEXT_MAX:
                errors.append(FieldError(name, f"must be at most {TEXT_MAX} characters"))
        if today is not None and self.received_on > today:
            errors.append(FieldError("received_on", f"{self.received_on.isoformat()} is in the future"))
        if errors:
            raise ValidationFailed("invalid reception batch", errors)
        self.petitioners = [p.normalised() for p in self.petitioners]
        self.matter = self.matter.strip()

    # ------------------------------------------------------------------ disposition

    @property
    def disposition(self) -> ReceptionDisposition:
        return ReceptionDisposition(self.state)

    def allowed_actions(self) -> list[str]:
        return RECEPTION.allowed_actions(self.state)

    def _dispose(self, action: str, on: date, note: str) -> str:
        target = RECEPTION.target(self.state, action)
        if on < self.received_on:
            raise ValidationFailed(
                "dates out of order",
                [FieldError("disposed_on", f"{on.isoformat()} is before received_on {self.received_on.isoformat()}")],
            )
        self.state, self.disposed_on, self.note = target, on, note.strip()
        return target

    def explain(self, on: date, explanation: str) -> None:
        """当场疏导解释: the desk answered or explained on the spot; say what was explained."""
        RECEPTION.target(self.state, "explain")
        self._dispose("explain", on, _required("note", explanation, TEXT_MAX))

    def mediate(self, on: date, case_id: int | None = None, note: str = "") -> None:
        """进行调解: a mediation case is opened for the batch."""
        self._dispose("mediate", on, note)
        self.case_id = case_id

    def transfer(self, on: date, unit: str, note: str = "") -> None:
        """转送（转办）to the responsible unit (no report duty)."""
        RECEPTION.target(self.state, "transfer")
        unit = _required("handling_unit", unit)
        self._dispose("transfer", on, note)
        self.handling_unit = unit

    def assign(self, on: date, unit: str, due_on: date, note: str = "") -> None:
        """交办 to the responsible unit, which reports completion by ``due_on``."""
        RECEPTION.target(self.state, "assign")
        unit = _required("handling_unit", unit)
        if due_on < on:
            raise ValidationFailed("dates out of order", [FieldError("due_on", "is before the assignment date")])
        self._dispose("assign", on, note)
        self.handling_unit, self.assignment_due_on = unit, due_on

    def route_to_statutory(self, on: date, route: StatutoryRoute, note: str = "") -> None:
        """导入法定程序 (litigation, arbitration, reconsideration …)."""
        self._dispose("route", on, note)
        self.route = route

    def refer_to_leader(self, on: date, leader: str, note: str = "") -> None:
        """领导接访: a leader received the visitors."""
        RECEPTION.target(self.state, "refer_to_leader")
        leader = _required("leader", leader, 100)
        self._dispose("refer_to_leader", on, note)
        self.leader = leader

    def joint_reception(self, on: date, units: list[str], note: str = "") -> None:
        """联合接访: several units received the visitors together."""
        RECEPTION.target(self.state, "joint_reception")
        cleaned = list(dict.fromkeys(u.strip() for u in units if u.strip()))
        if len(cleaned) < 2 or len(cleaned) > _UNITS_MAX:
            raise ValidationFailed(
                "invalid joint reception", [FieldError("joint_units", f"name 2 to {_UNITS_MAX} different units")]
            )
        self._dispose("joint_reception", on, note)
        self.joint_units = cleaned

    # ------------------------------------------------------------------ views

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "ref": self.ref, "centre_id": self.centre_id,
            "received_on": self.received_on, "persons": self.persons,
            "petitioners": [
                {"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address}
                for p in self.petitioners
            ],
            "matter": self.matter, "category": self.category, "request": self.request,
            "item_id": self.item_id, "item_ref": self.item_ref, "matter_ref": self.matter_ref,
            "disposition": self.state, "disposition_label": self.disposition.label,
            "disposed_on": self.disposed_on, "note": self.note, "handling_unit": self.handling_unit,
            "assignment_due_on": self.assignment_due_on, "route": self.route.value if self.route else None,
            "leader": self.leader, "joint_units": list(self.joint_units), "case_id": self.case_id,
            "recorded_by": self.recorded_by, "allowed_actions": self.allowed_actions(), "version": self.version,
        }
