"""Turning edge input (API bodies, CLI options) into domain objects, reporting every bad field.

Codes are accepted as codes or Chinese labels (``visit`` or ``来访``), as everywhere
in the register. Both edges call these, so a bad value reads the same in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain import AbnormalReason, Channel, Petitioner, PetitionItem, Purpose, Source
from hearing_core.petitions.domain.codes import CodedEnum

__all__ = ["ITEM_FIELDS", "changes_from_data", "item_from_data"]

ITEM_FIELDS = (
    "ref", "received_on", "channel", "persons", "petitioners", "signatories", "category", "purpose", "source",
    "summary", "request", "level_skipping", "litigation_related", "anonymous", "abnormal", "abnormal_reason",
    "national_system_no", "matter_ref",
)
_CODES: dict[str, type[CodedEnum]] = {
    "channel": Channel,
    "purpose": Purpose,
    "source": Source,
    "abnormal_reason": AbnormalReason,
}


def _people(field: str, value: Any, errors: list[FieldError]) -> list[Petitioner]:
    people = []
    for i, person in enumerate(value or []):
        if isinstance(person, Petitioner):
            people.append(person)
        elif isinstance(person, Mapping):
            unknown = set(person) - {"name", "id_number", "phone", "address"}
            for key in sorted(unknown):
                errors.append(FieldError(f"{field}[{i}].{key}", "unknown field"))
            people.append(Petitioner(str(person.get("name") or ""), person.get("id_number") or None,
                                     person.get("phone") or None, person.get("address") or None))
        else:
            errors.append(FieldError(f"{field}[{i}]", "must be an object {name, id_number, phone, address}"))
    return people


def _convert(data: Mapping[str, Any], errors: list[FieldError]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _CODES:
            if value is None or value == "":
                values[key] = None
                continue
            try:
                values[key] = _CODES[key].parse(str(value))
            except ValueError as exc:
                errors.append(FieldError(key, str(exc)))
        elif key in ("petitioners", "signatories"):
            values[key] = _people(key, value, errors)
        elif key == "received_on" and isinstance(value, str):
            try:
                values[key] = dt.date.fromisoformat(value)
            except ValueError:
                errors.append(FieldError(key, f"'{value}' is not an ISO date (YYYY-MM-DD)"))
        elif key in ("category", "matter_ref", "national_system_no"):
            values[key] = (str(value).strip() or None) if value is not None else None
        else:
            values[key] = value
    return values


def item_from_data(data: Mapping[str, Any], *, today: dt.date) -> PetitionItem:
    """A draft item from plain data (defaults: received today, one person, own intake)."""
    errors = [FieldError(k, "unknown field") for k in data if k not in ITEM_FIELDS]
    values = _convert(data, errors)
    for required in ("channel",):
        if values.get(required) is None and not any(e.field == required for e in errors):
            errors.append(FieldError(required, "is required"))
    if errors:
        raise ValidationFailed("invalid petition item", errors)
    for key in ("received_on", "summary", "ref", "request", "persons", "petitioners", "signatories"):
        if values.get(key) is None:
            values.pop(key, None)
    values.setdefault("received_on", today)
    values.setdefault("summary", "")
    values.setdefault("ref", "")
    if values.get("source") is None:
        values["source"] = Source.OWN_INTAKE
    if values.get("persons") is None:
        values["persons"] = 1
    return PetitionItem(**values)


def changes_from_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Field changes for ``update_item`` (codes parsed, people built), every bad field reported."""
    errors: list[FieldError] = []
    values = _convert(data, errors)
    if "channel" in values and values["channel"] is None:
        errors.append(FieldError("channel", "is required"))
    if "source" in values and values["source"] is None:
        values["source"] = Source.OWN_INTAKE
    if errors:
        raise ValidationFailed("invalid change", errors)
    return values
