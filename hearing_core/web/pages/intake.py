"""登记来信来访 (intake): the register form for a letter or a visit batch, with repeat suggestions.

The form is converted by the register's own ``item_from_data`` and registered by
``service.register_item`` — the same path as ``POST /api/v1/petitions``. While the
registrar types, htmx posts the form to ``/register/suggestions``, which asks
``service.suggest_for_draft`` (the same as ``POST /api/v1/matters/suggestions``) and
returns the likely repeats as a fragment; choosing one joins its matter.
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Request, get, post
from litestar.response import Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, HearingError, ValidationFailed
from hearing_core.petitions import service
from hearing_core.petitions.service.inputs import item_from_data
from hearing_core.web.i18n import N_
from hearing_core.web.pages.choices import register_choices
from hearing_core.web.render import form_values, hearing_of, lang_of, page, redirect

__all__ = ["HANDLERS", "item_data"]

PERSON_ROWS = 3
PERSON_FIELDS = ("name", "id_number", "phone", "address")
FLAGS = ("level_skipping", "litigation_related", "anonymous", "abnormal")
TEXT_FIELDS = ("channel", "received_on", "category", "purpose", "source", "summary", "request",
               "abnormal_reason", "national_system_no")
_PERSON_ERROR = re.compile(r"^petitioners\[(\d+)\]\.(\w+)$")


def item_data(values: dict[str, Any]) -> tuple[dict[str, Any], bool, str]:
    """The register's input dict from the form, plus ``create_matter`` and the matter title."""
    data: dict[str, Any] = {k: values[k] for k in TEXT_FIELDS if values.get(k)}
    persons = str(values.get("persons") or "1")
    if not persons.isdigit():
        raise ValidationFailed("invalid petition item", [FieldError("persons", "must be a whole number")])
    data["persons"] = int(persons)
    for flag in FLAGS:
        data[flag] = bool(values.get(flag))
    people = []
    for i in range(PERSON_ROWS):
        person = {f: str(values.get(f"p{i}_{f}") or "") for f in PERSON_FIELDS}
        if any(person.values()):
            people.append(person)
    data["petitioners"] = people
    mode = values.get("matter_mode") or "new"
    if mode == "suggested":
        data["matter_ref"] = values.get("suggested_matter") or None
        if not data["matter_ref"]:
            raise ValidationFailed("invalid petition item",
                                   [FieldError("suggested_matter", "choose one of the suggested matters")])
        return data, False, ""
    if mode == "join":
        data["matter_ref"] = values.get("matter_ref") or None
        if not data["matter_ref"]:
            raise ValidationFailed("invalid petition item", [FieldError("matter_ref", "is required to join a matter")])
        return data, False, ""
    return data, mode == "new", str(values.get("matter_title") or "")


def _field_key(name: str) -> str:
    """``petitioners[0].id_number`` → ``p0_id_number``, the form's own field names."""
    match = _PERSON_ERROR.match(name)
    return f"p{match.group(1)}_{match.group(2)}" if match else name


def _form(request: Request[Any, Any, Any], ctx: Ctx, values: dict[str, Any], *, status: int = 200,
          error: HearingError | None = None) -> Template:
    errors = error.errors if isinstance(error, ValidationFailed) else []
    return page(request, "web/register/intake.html", status_code=status, values=values,
                field_errors={_field_key(e.field): e.message for e in errors}, error=error,
                person_rows=range(PERSON_ROWS), today=ctx.today(),
                **register_choices(hearing_of(request), lang_of(request)))


@get("/register/new", opt=require("petitions.write"), name="web.intake")
async def intake_form(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    return _form(request, ctx, {"received_on": ctx.today().isoformat(), "persons": "1", "channel": "visit",
                                "matter_mode": "new"})


@post("/register/new", opt=require("petitions.write"), status_code=303)
async def intake_submit(request: Request[Any, Any, Any], ctx: Ctx) -> Any:
    values = await form_values(request)
    try:
        data, create_matter, title = item_data(values)
        item = item_from_data(data, today=ctx.today())
        record = await service.register_item(ctx, item, create_matter=create_matter, matter_title=title)
    except HearingError as exc:
        return _form(request, ctx, values, status=exc.status, error=exc)
    return redirect(request, f"/register/items/{record.ref}", flash=N_("Registered petition item %(ref)s."),
                    ref=record.ref)


@post("/register/suggestions", opt=require("petitions.read"), status_code=200)
async def suggestions(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
    """htmx fragment: likely repeats of the draft (nothing is stored)."""
    values = await form_values(request)
    found: list[dict[str, Any]] = []
    try:
        data, _, _ = item_data({**values, "matter_mode": "none"})
        data.pop("matter_ref", None)
        found = await service.suggest_for_draft(ctx, item_from_data(data, today=ctx.today()), limit=5)
    except ValidationFailed:
        found = []  # nothing comparable typed yet: no suggestions, no error while typing
    return page(request, "web/register/_suggestions.html", suggestions=found,
                chosen=values.get("suggested_matter") or "")


HANDLERS = [intake_form, intake_submit, suggestions]
