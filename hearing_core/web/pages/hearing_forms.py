"""Forms of the hearing pages (听证页面表单): fields described once, rendered and read back.

An :class:`Action` names the service call a form makes, the fields it asks for and who is
offered it (a panel seat or the organ's ``hearings.manage``). The template renders the fields
(``web/hearings/_action.html``) and :func:`read_fields` turns the submitted strings into typed
values, reporting every bad field at once. Offering is presentation only: the services check
the permission, the seat, the state and the phase, exactly as for the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.web.i18n import N_

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import Actor

__all__ = ["Action", "Field", "offered", "read_fields"]

MANAGE = "manage"
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Field:
    """One form field: ``kind`` is text, textarea, date, time, int, check or select.

    ``choices`` names an option list of the page context (``participants``, ``stances`` …);
    ``default`` is ``today`` or a literal value.
    """

    name: str
    label: str
    kind: str = "text"
    choices: str = ""
    required: bool = False
    default: str = ""
    hint: str = ""
    blank: bool = False
    #: A select whose values are numbers (participant, seat, evidence item …).
    number: bool = False


Runner = Callable[["ServiceContext", int, dict[str, Any]], Awaitable[Any]]


@dataclass(frozen=True)
class Action:
    """A form of the hearing pages and the service call it makes."""

    name: str
    label: str
    run: Runner
    fields: tuple[Field, ...] = ()
    #: Who is offered the form: ``manage`` (the organ) and/or panel seat roles.
    who: tuple[str, ...] = (MANAGE,)
    #: Codes of ``allowed_actions`` of which one must be present for the form to be offered.
    gate: tuple[str, ...] = ()
    #: Shown as a plain button (no fields) and styled as a warning when ``danger``.
    danger: bool = False
    #: The form carries the version the page read (stale → 409, "reload").
    versioned: bool = True


def offered(action: Action, allowed: list[str], actor: Actor, seats: set[str], *, can_manage: bool) -> bool:
    """Whether the page shows ``action`` to ``actor`` (``seats``: the roles they hold on this panel)."""
    if action.gate and not set(action.gate) & set(allowed):
        return False
    if actor.is_admin:
        return True
    return (MANAGE in action.who and can_manage) or bool(seats & set(action.who))


def _text(raw: Any) -> str:
    return raw.strip() if isinstance(raw, str) else ""


def _convert(field: Field, raw: Any, errors: list[FieldError]) -> Any:
    text = _text(raw)
    if field.kind == "check":
        return bool(text)
    if field.kind == "file":
        return raw if hasattr(raw, "read") and bool(getattr(raw, "filename", None)) else None
    if not text:
        if field.required:
            errors.append(FieldError(field.name, "is required"))
        return None
    if len(text) > MAX_TEXT:
        errors.append(FieldError(field.name, f"at most {MAX_TEXT} characters"))
        return None
    try:
        if field.kind == "date":
            return dt.date.fromisoformat(text)
        if field.kind == "time":
            return dt.time.fromisoformat(text)
        if field.kind == "int" or field.number:
            value = int(text)
            if not 0 <= value <= 2**31 - 1:
                raise ValueError(text)
            return value
    except ValueError:
        expected = {"date": "a date (YYYY-MM-DD)", "time": "a time (HH:MM)"}.get(field.kind, "a whole number")
        errors.append(FieldError(field.name, f"must be {expected}"))
        return None
    return text


def read_fields(action: Action, values: Mapping[str, Any]) -> dict[str, Any]:
    """The action's fields from the submitted form, typed; every bad field reported at once."""
    errors: list[FieldError] = []
    out = {f.name: _convert(f, values.get(f.name), errors) for f in action.fields}
    if errors:
        raise ValidationFailed(f"invalid {action.name.replace('_', ' ')}", errors)
    return out


def version_of(values: Mapping[str, Any]) -> int | None:
    raw = _text(values.get("version"))
    return int(raw) if raw.isdigit() else None


#: Option lists whose labels are message ids (translated in the template).
FIXED_CHOICES: dict[str, list[tuple[str, str]]] = {
    "yes_no": [("yes", N_("Yes")), ("no", N_("No"))],
    "decision": [("accept", N_("Hold the hearing")), ("refuse", N_("Do not hold the hearing"))],
    "consent": [("given", N_("The petitioner consents")), ("refused", N_("The petitioner refuses"))],
    "stances": [("accept", N_("No objection")), ("dispute", N_("Objection"))],
    "capacities": [("organ_head", N_("Head of the organ")), ("presiding_officer", N_("Presiding officer"))],
    "votes": [("reasonable", N_("Reasonable")), ("partly_reasonable", N_("Partly reasonable")),
              ("not_reasonable", N_("Not reasonable"))],
}


def at_day(day: dt.date | None, time: dt.time | None, field: str) -> dt.datetime:
    """A moment in China time from a date and a time field."""
    from hearing_core.app import CHINA_TZ

    if day is None or time is None:
        raise ValidationFailed("a date and a time are needed", [FieldError(field, "is required")])
    return dt.datetime.combine(day, time, CHINA_TZ)
