"""Registration-form fields ↔ the register (登记表字段与信访件).

Fields read from a form are kept as plain records (value, raw text, label, page, box,
source), so staff can see where each came from. Registering turns the valid ones into
a petition item through the register's own service (:func:`register_item`): the
register applies its rules, asks its vetoes, audits and fires its event. Its field
errors are reported under the form's field names (``petitioners[0].id_number`` →
``id_number``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, HearingError, NotFound, ValidationFailed
from hearing_core.security.masking import mask_id_number, mask_phone
from hearing_pdf_import.forms import ExtractedField, FormExtraction

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.petitions.records import ItemRecord

__all__ = [
    "field_records",
    "form_errors",
    "masked_fields",
    "register_errors",
    "register_form",
]

PERSON_FIELDS = ("name", "id_number", "phone", "address")
ITEM_FIELDS = ("received_on", "channel", "persons", "summary", "request", "category")
_PERSON = re.compile(r"^petitioners\[\d+\]\.(\w+)$")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _record(found: ExtractedField, valid: bool) -> dict[str, Any]:
    return {"value": _plain(found.value), "raw": found.raw, "label": found.label, "page": found.page,
            "bbox": [round(v, 2) for v in found.bbox], "source": found.source, "valid": valid}


def field_records(extraction: FormExtraction) -> dict[str, dict[str, Any]]:
    """Every field found — valid or rejected — with where it was found."""
    records = {name: _record(f, True) for name, f in extraction.fields.items()}
    records.update({name: _record(f, False) for name, f in extraction.rejected.items()})
    return records


def form_errors(extraction: FormExtraction) -> list[dict[str, Any]]:
    return [{"field": e.field, "message": e.message, "by": "form"} for e in extraction.errors]


def register_errors(exc: HearingError) -> list[dict[str, Any]]:
    """The register's refusal as errors named by form field."""
    if isinstance(exc, ValidationFailed) and exc.errors:
        found = []
        for error in exc.errors:
            match = _PERSON.match(error.field)
            name = match.group(1) if match else ("name" if error.field == "petitioners" else error.field)
            found.append({"field": name, "message": error.message, "by": "register"})
        return found
    field = "matter_ref" if isinstance(exc, NotFound) else "item"
    return [{"field": field, "message": str(exc), "by": "register"}]


def masked_fields(fields: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Fields with ID and phone numbers masked (for callers without ``personal_data.read`` and for the audit log)."""
    maskers = {"id_number": mask_id_number, "phone": mask_phone}
    shown: dict[str, dict[str, Any]] = {}
    for name, record in fields.items():
        copy = dict(record)
        if name in maskers:
            for key in ("value", "raw"):
                if copy.get(key):
                    copy[key] = maskers[name](copy[key])
        shown[name] = copy
    return shown


def item_data(fields: Mapping[str, Mapping[str, Any]], matter_ref: str | None) -> dict[str, Any]:
    """The register's input (as its API takes it) from the valid fields."""
    values = {name: f["value"] for name, f in fields.items() if f.get("valid")}
    person = {k: values[k] for k in PERSON_FIELDS if values.get(k) not in (None, "")}
    data: dict[str, Any] = {k: values[k] for k in ITEM_FIELDS if values.get(k) not in (None, "")}
    data["petitioners"] = [person] if person else []
    if matter_ref:
        data["matter_ref"] = matter_ref
    return data


async def register_form(ctx: ServiceContext, fields: Mapping[str, Mapping[str, Any]], *, matter_ref: str | None,
                        new_matter: bool) -> ItemRecord:
    """Register the petition item of a form (call inside the caller's write transaction)."""
    from hearing_core.petitions.service import register_item
    from hearing_core.petitions.service.inputs import item_from_data

    data = item_data(fields, matter_ref)
    for required in ("received_on", "channel", "summary"):
        if required not in data:
            raise ValidationFailed("invalid petition item", [FieldError(required, "is required")])
    item = item_from_data(data, today=ctx.today())
    return await register_item(ctx, item, create_matter=new_matter)
