"""Rules and parameters of a rule profile (规则配置): the typed objects and their validation.

A *rule* is a clock: N calendar days / working days / months after (or before) an event.
A *param* is any other configurable value (numbers of persons, yes/no switches, enums,
lists). Both carry where the value comes from (``source``) and how sure we are of it
(``confidence``, the A–D scale of the domain reference), so a printed deadline can always
say which article it rests on. Loading and inheritance live in
:mod:`hearing_core.deadlines.profiles`; this module only checks one table at a time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hearing_core.errors import FieldError

__all__ = [
    "CLOCK_KEYS",
    "Direction",
    "Param",
    "ParamValue",
    "Rule",
    "Unit",
    "check_param_table",
    "check_rule_table",
    "describe_length",
]

ParamValue = int | float | bool | str | list[Any]

RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
EVENT_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
CONFIDENCE = ("A", "B", "C", "D")


class Unit(StrEnum):
    """How a rule's length is counted."""

    CALENDAR_DAYS = "calendar_days"  # 日: every day counts; an end on a rest day rolls forward
    WORKING_DAYS = "working_days"    # 工作日: only working days count (make-up weekends included)
    MONTHS = "months"                # 月: the corresponding day N months later (民法典第二百零二条)


class Direction(StrEnum):
    """Whether the clock runs after its event or back from it."""

    AFTER = "after"    # e.g. decide within 30 days after receiving the request
    BEFORE = "before"  # e.g. serve the notice at least 7 days before the hearing


#: Keys that change what a clock computes; a profile that sets any of them must also
#: state its own ``source`` and ``confidence`` (otherwise the parent's citation would be
#: printed next to a value the parent never had).
CLOCK_KEYS = frozenset({"length", "unit", "direction", "start_event", "inclusive", "pauses", "extension_rule"})

_RULE_TYPES: dict[str, tuple[type, ...]] = {
    "title_zh": (str,), "length": (int,), "unit": (str,), "direction": (str,),
    "start_event": (str,), "inclusive": (bool,), "source": (str,), "confidence": (str,),
    "note": (str,), "pauses": (list,), "extension_rule": (str,), "requires_config": (bool,),
}
_PARAM_TYPES: dict[str, tuple[type, ...]] = {
    "value": (int, float, bool, str, list), "title_zh": (str,), "unit": (str,), "source": (str,),
    "confidence": (str,), "note": (str,), "choices": (list,),
}
RULE_REQUIRED = ("title_zh", "unit", "start_event", "source", "confidence")
PARAM_REQUIRED = ("value", "title_zh", "source", "confidence")


@dataclass(frozen=True)
class Rule:
    """One statutory or configured clock (期限规则)."""

    id: str
    title_zh: str
    #: None only while the profile marks the rule ``requires_config`` (no source gives a value).
    length: int | None
    unit: Unit
    direction: Direction
    start_event: str
    start_event_title: str
    inclusive: bool
    source: str
    confidence: str
    note: str
    #: Kinds of paused intervals (hearing, appraisal, survey …) this clock excludes.
    pauses: tuple[str, ...]
    #: The rule bounding extensions of this clock (e.g. handling.extension_max), if any.
    extension: Rule | None
    #: Name of the profile that was loaded, and of the profile that last set the clock.
    profile: str
    origin: str

    @property
    def configured(self) -> bool:
        return self.length is not None

    def describe_length(self, lang: str = "zh") -> str:
        """``60日`` / ``5个工作日`` / ``1个月`` (or the English equivalent)."""
        if self.length is None:
            return "未配置" if lang == "zh" else "not configured"
        return describe_length(self.length, self.unit, lang)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title_zh": self.title_zh, "length": self.length, "unit": str(self.unit),
            "direction": str(self.direction), "start_event": self.start_event,
            "start_event_title": self.start_event_title, "inclusive": self.inclusive,
            "source": self.source, "confidence": self.confidence, "note": self.note,
            "pauses": list(self.pauses), "extension_rule": self.extension.id if self.extension else None,
            "profile": self.profile, "origin": self.origin,
        }


@dataclass(frozen=True)
class Param:
    """One non-clock setting (参数): a number, switch, enum or list, with its source."""

    id: str
    value: ParamValue
    title_zh: str
    unit: str
    source: str
    confidence: str
    note: str
    choices: tuple[str, ...]
    origin: str
    #: True for params computed from rules (e.g. review.extension_allowed).
    derived: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "value": self.value, "title_zh": self.title_zh, "unit": self.unit,
            "source": self.source, "confidence": self.confidence, "note": self.note,
            "choices": list(self.choices), "origin": self.origin, "derived": self.derived,
        }


def describe_length(n: int, unit: Unit, lang: str = "zh") -> str:
    """A length with its unit: ``30日``, ``5个工作日``, ``1个月`` / ``30 days`` …"""
    if lang == "zh":
        return f"{n}" + {Unit.CALENDAR_DAYS: "日", Unit.WORKING_DAYS: "个工作日", Unit.MONTHS: "个月"}[unit]
    word = {Unit.CALENDAR_DAYS: "day", Unit.WORKING_DAYS: "working day", Unit.MONTHS: "month"}[unit]
    return f"{n} {word}" + ("" if n == 1 else "s")


def check_rule_table(where: str, table: Mapping[str, Any]) -> list[FieldError]:
    """Shape of one ``[rules.<id>]`` table as written in one file (before inheritance)."""
    errors = _check_types(where, table, _RULE_TYPES)
    if isinstance(table.get("length"), int) and not isinstance(table["length"], bool) and table["length"] < 1:
        errors.append(FieldError(f"{where}.length", "must be a positive whole number"))
    if isinstance(table.get("unit"), str) and table["unit"] not in Unit.__members__.values():
        errors.append(FieldError(f"{where}.unit", f"unknown unit {table['unit']!r}; use one of "
                                 f"{', '.join(u.value for u in Unit)}"))
    if isinstance(table.get("direction"), str) and table["direction"] not in Direction.__members__.values():
        errors.append(FieldError(f"{where}.direction", f"unknown direction {table['direction']!r}; use after or before"))
    if isinstance(table.get("start_event"), str) and not EVENT_CODE.match(table["start_event"]):
        errors.append(FieldError(f"{where}.start_event", "must be a lower-case code such as received or accepted"))
    if isinstance(table.get("pauses"), list) and not all(
        isinstance(p, str) and EVENT_CODE.match(p) for p in table["pauses"]
    ):
        errors.append(FieldError(f"{where}.pauses", "must be a list of lower-case kinds such as hearing"))
    if table.get("requires_config") is True and "length" in table:
        errors.append(FieldError(f"{where}.requires_config", "contradicts the length given; remove one"))
    errors += _check_provenance(where, table, CLOCK_KEYS, "clock")
    return errors


def check_param_table(where: str, table: Mapping[str, Any]) -> list[FieldError]:
    """Shape of one ``[params.<id>]`` table as written in one file (before inheritance)."""
    errors = _check_types(where, table, _PARAM_TYPES)
    value = table.get("value")
    if isinstance(value, list) and not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        errors.append(FieldError(f"{where}.value", "a list may hold only strings or whole numbers"))
    if isinstance(table.get("choices"), list) and not all(isinstance(c, str) for c in table["choices"]):
        errors.append(FieldError(f"{where}.choices", "must be a list of strings"))
    errors += _check_provenance(where, table, frozenset({"value"}), "value")
    return errors


def check_choices(where: str, value: ParamValue, choices: tuple[str, ...]) -> list[FieldError]:
    """A param with ``choices`` must keep its value (or each list item) among them."""
    if not choices:
        return []
    items = value if isinstance(value, list) else [value]
    bad = [v for v in items if v not in choices]
    if bad:
        return [FieldError(f"{where}.value", f"{', '.join(map(repr, bad))} not allowed; choose from {', '.join(choices)}")]
    return []


def same_kind(old: ParamValue, new: ParamValue) -> bool:
    """An override keeps the parent's type (bool stays bool; int and float are both numbers)."""
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return True
    return type(old) is type(new)


def _check_types(where: str, table: Mapping[str, Any], types: Mapping[str, tuple[type, ...]]) -> list[FieldError]:
    errors: list[FieldError] = []
    for key, value in table.items():
        if key not in types:
            errors.append(FieldError(f"{where}.{key}", f"unknown key; allowed: {', '.join(sorted(types))}"))
        # bool is a subclass of int in Python: `length = true` must not pass as 1.
        elif not isinstance(value, types[key]) or (isinstance(value, bool) and bool not in types[key]):
            names = " or ".join(t.__name__ for t in types[key])
            errors.append(FieldError(f"{where}.{key}", f"must be {names}, not {type(value).__name__}"))
    conf = table.get("confidence")
    if isinstance(conf, str) and conf not in CONFIDENCE:
        errors.append(FieldError(f"{where}.confidence", "must be one of A, B, C, D (see docs/rule-profiles.md)"))
    return errors


def _check_provenance(where: str, table: Mapping[str, Any], keys: frozenset[str], what: str) -> list[FieldError]:
    if any(k in table for k in keys) and not ("source" in table and "confidence" in table):
        return [FieldError(where, f"sets the {what} ({', '.join(sorted(k for k in keys if k in table))}) "
                           "and must also state its own source and confidence")]
    return []
