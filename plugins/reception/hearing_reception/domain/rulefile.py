"""Reception rules as data (接访规则数据): one mapping per rule, from TOML, JSON or options.

The same parser reads a rules file (``hearing reception rules load rules.toml``), an API
body and command-line options, so a rule means the same wherever it is written::

    [[rule]]
    code = "secretary"
    title = "县委书记接访"
    kind = "monthly_day"        # or 每月定日 / weekday 每周定日 / half_days_weekly 每周半天
    day_of_month = 15
    months = "单月"              # all 每月 / odd 单月 / even 双月
    place = "县信访局"
    leaders = ["li-sec"]        # leader codes; or levels = ["county"]; or rota = [...]

Every problem of every rule is reported at once, each under its dotted key
(``rule.2.weekday``), so a bureau fixes the whole file in one go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_reception.domain.planning import RuleSpec
from hearing_reception.domain.recurrence import Recurrence
from hearing_reception.domain.vocab import (
    HolidayPolicy,
    Level,
    Months,
    PlaceMode,
    RuleKind,
    Session,
    parse_choice,
    parse_weekday,
)

__all__ = ["RULE_KEYS", "parse_rule", "parse_rules", "rule_mapping"]

RULE_KEYS = frozenset(
    {
        "code", "title", "kind", "day_of_month", "months", "weekday", "weekdays", "on_holiday", "session",
        "start_time", "end_time", "place_mode", "place", "leaders", "levels", "rota", "rota_start",
        "effective_from", "effective_to", "active",
    }
)


def _date(value: Any, key: str, errors: list[FieldError]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.append(FieldError(key, f"{value!r} is not a date (YYYY-MM-DD)"))
        return None


def _time(value: Any, key: str, errors: list[FieldError]) -> dt.time | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        errors.append(FieldError(key, f"{value!r} is not a time (HH:MM)"))
        return None


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def parse_rule(
    data: Mapping[str, Any],
    resolve_leader: Callable[[str], int | None],
    *,
    prefix: str = "",
    rule_id: int | None = None,
    version: int = 1,
) -> tuple[RuleSpec | None, list[FieldError]]:
    """One rule and the problems found (the rule is None when any was found).

    ``resolve_leader`` maps a leader code (or id as text) to the leader's id, or None.
    """
    errors: list[FieldError] = []

    def key(name: str) -> str:
        return f"{prefix}{name}"

    for unknown in sorted(set(data) - RULE_KEYS):
        errors.append(FieldError(key(unknown), "unknown key"))
    kind = parse_choice(RuleKind, data.get("kind"), key("kind"), errors)
    months = parse_choice(Months, data.get("months", "all"), key("months"), errors)
    on_holiday = parse_choice(HolidayPolicy, data.get("on_holiday", "next_working_day"), key("on_holiday"), errors)
    default_session = "am" if kind is RuleKind.HALF_DAYS_WEEKLY else "day"
    session = parse_choice(Session, data.get("session", default_session), key("session"), errors)
    place_mode = parse_choice(PlaceMode, data.get("place_mode", "fixed"), key("place_mode"), errors)
    weekday = parse_weekday(data["weekday"], key("weekday"), errors) if data.get("weekday") not in (None, "") else None
    weekdays = [parse_weekday(v, key("weekdays"), errors) for v in _list(data.get("weekdays"))]
    day = data.get("day_of_month")
    if day is not None and (isinstance(day, bool) or not isinstance(day, int)):
        if isinstance(day, str) and day.strip().isdigit():
            day = int(day)
        else:
            errors.append(FieldError(key("day_of_month"), f"{day!r} is not a day of month"))
            day = None
    levels = [parse_choice(Level, v, key("levels"), errors) for v in _list(data.get("levels"))]

    def leader_ids(name: str) -> list[int]:
        found: list[int] = []
        for ref in _list(data.get(name)):
            leader_id = resolve_leader(str(ref))
            if leader_id is None:
                errors.append(FieldError(key(name), f"no leader {ref!r} (give a leader code or id)"))
            else:
                found.append(leader_id)
        return found

    leaders, rota = leader_ids("leaders"), leader_ids("rota")
    start, end = _time(data.get("start_time"), key("start_time"), errors), _time(data.get("end_time"), key("end_time"), errors)
    dates = {name: _date(data.get(name), key(name), errors) for name in ("rota_start", "effective_from", "effective_to")}
    active = data.get("active", True)
    if not isinstance(active, bool):
        errors.append(FieldError(key("active"), "true or false"))
    if errors or kind is None or months is None or on_holiday is None or session is None or place_mode is None:
        return None, errors
    spec = RuleSpec(
        id=rule_id,
        code=str(data.get("code", "")).strip(),
        title=str(data.get("title", "")).strip(),
        recurrence=Recurrence(
            kind=kind,
            day_of_month=day,
            months=months,
            weekday=weekday,
            weekdays=tuple(d for d in weekdays if d is not None),
            on_holiday=on_holiday,
        ),
        session=session,
        start_time=start,
        end_time=end,
        place_mode=place_mode,
        place=str(data.get("place", "")).strip(),
        leader_ids=tuple(leaders),
        levels=tuple(level for level in levels if level is not None),
        rota=tuple(rota),
        rota_start=dates["rota_start"],
        effective_from=dates["effective_from"],
        effective_to=dates["effective_to"],
        active=bool(active),
        version=version,
    )
    problems = [FieldError(key(e.field), e.message) for e in spec.problems()]
    return (None, problems) if problems else (spec, [])


def parse_rules(items: list[Mapping[str, Any]], resolve_leader: Callable[[str], int | None]) -> list[RuleSpec]:
    """Every rule of a file, or one ValidationFailed listing every problem of every rule."""
    specs: list[RuleSpec] = []
    errors: list[FieldError] = []
    codes: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            errors.append(FieldError(f"rule.{i}", "must be a table of keys"))
            continue
        spec, problems = parse_rule(item, resolve_leader, prefix=f"rule.{i}.")
        errors.extend(problems)
        if spec is not None:
            if spec.code in codes:
                errors.append(FieldError(f"rule.{i}.code", f"{spec.code!r} appears twice in the file"))
            codes.add(spec.code)
            specs.append(spec)
    if errors:
        raise ValidationFailed("invalid reception rules", errors)
    return specs


def rule_mapping(rule: RuleSpec) -> dict[str, Any]:
    """The rule as a plain mapping with leader ids (what is stored; :func:`parse_rule` reads it back)."""
    rec = rule.recurrence

    def iso(value: dt.date | dt.time | None) -> str | None:
        return value.isoformat() if value is not None else None

    data: dict[str, Any] = {
        "code": rule.code, "title": rule.title, "kind": str(rec.kind), "months": str(rec.months),
        "on_holiday": str(rec.on_holiday), "session": str(rule.session), "place_mode": str(rule.place_mode),
        "place": rule.place, "leaders": list(rule.leader_ids), "levels": [str(x) for x in rule.levels],
        "rota": list(rule.rota), "active": rule.active,
    }
    optional = {
        "day_of_month": rec.day_of_month, "weekday": rec.weekday, "weekdays": list(rec.weekdays) or None,
        "start_time": iso(rule.start_time), "end_time": iso(rule.end_time), "rota_start": iso(rule.rota_start),
        "effective_from": iso(rule.effective_from), "effective_to": iso(rule.effective_to),
    }
    data.update({k: v for k, v in optional.items() if v is not None})
    return data
