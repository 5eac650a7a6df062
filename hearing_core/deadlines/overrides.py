"""Holiday overrides (节假日安排补录): the years the chinese_calendar package lacks.

Each December the State Council General Office publishes the next year's schedule
(国务院办公厅关于××××年部分节假日安排的通知): which days are holidays (放假) and
which weekend days become make-up working days (调休上班). The ``chinese-calendar``
package is updated some time after that; until then a bureau enters the new year in
a small TOML file so that deadlines running into January keep working::

    [years.2027]
    source = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"

    [[years.2027.holidays]]
    name = "元旦"
    start = 2027-01-01
    end = 2027-01-03          # optional, defaults to start

    [[years.2027.makeup_workdays]]
    name = "春节"             # the holiday the make-up day belongs to
    date = 2027-02-07

A year written here is the whole year: days not listed are working days Monday to
Friday and rest days at weekends. Overriding a year the package already covers needs
``replace_package = true`` so that a typo (2026 for 2027) cannot silently replace the
official data.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed

__all__ = ["YearSchedule", "load_overrides", "parse_overrides"]

_YEAR_KEYS = {"source", "replace_package", "holidays", "makeup_workdays"}
_HOLIDAY_KEYS = {"name", "start", "end"}
_MAKEUP_KEYS = {"name", "date"}


@dataclass(frozen=True)
class YearSchedule:
    """One year's holiday schedule (某年节假日安排) entered by the instance."""

    year: int
    #: date -> holiday name (春节, 国庆节 ...); includes weekend days inside a holiday block.
    holidays: Mapping[date, str]
    #: date -> name of the holiday the make-up working day (调休上班日) belongs to.
    makeup_workdays: Mapping[date, str]
    source: str
    replace_package: bool = False
    origin: str = field(default="", compare=False)

    def canonical(self) -> dict[str, Any]:
        """Plain, ordered data for fingerprints (dates as ISO strings)."""
        return {
            "year": self.year,
            "holidays": sorted((d.isoformat(), n) for d, n in self.holidays.items()),
            "makeup_workdays": sorted((d.isoformat(), n) for d, n in self.makeup_workdays.items()),
            "replace_package": self.replace_package,
        }


def load_overrides(path: str | Path, *, package_years: range) -> list[YearSchedule]:
    """Read and validate an override file; every problem is reported at once."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationFailed(f"holiday override file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationFailed(
            f"invalid holiday override file {path}", [FieldError("(toml)", str(exc))]
        ) from None
    return parse_overrides(data, origin=str(path), package_years=package_years)


def parse_overrides(
    data: Mapping[str, Any], *, origin: str, package_years: range
) -> list[YearSchedule]:
    """Validate already-parsed override data (also used by tests and the API)."""
    errors: list[FieldError] = []
    schedules: list[YearSchedule] = []
    for key in data:
        if key != "years":
            errors.append(FieldError(key, "unknown key; the file holds only [years.<year>] tables"))
    years = data.get("years", {})
    if not isinstance(years, Mapping):
        errors.append(FieldError("years", "must be a table of [years.<year>] tables"))
        years = {}
    for year_key, body in years.items():
        schedule = _parse_year(str(year_key), body, origin, package_years, errors)
        if schedule is not None:
            schedules.append(schedule)
    if errors:
        raise ValidationFailed(f"invalid holiday override file {origin}", errors)
    return sorted(schedules, key=lambda s: s.year)


def _parse_year(
    year_key: str, body: Any, origin: str, package_years: range, errors: list[FieldError]
) -> YearSchedule | None:
    where = f"years.{year_key}"
    if not year_key.isdigit() or not 1900 <= int(year_key) <= 2199:
        errors.append(FieldError(where, "the table name must be a four-digit year, e.g. [years.2027]"))
        return None
    if not isinstance(body, Mapping):
        errors.append(FieldError(where, "must be a table"))
        return None
    year = int(year_key)
    before = len(errors)
    for key in body:
        if key not in _YEAR_KEYS:
            errors.append(FieldError(f"{where}.{key}", f"unknown key; allowed: {', '.join(sorted(_YEAR_KEYS))}"))
    source = body.get("source")
    if not isinstance(source, str) or not source.strip():
        errors.append(FieldError(f"{where}.source", "required: the State Council notice this schedule comes from"))
    replace = body.get("replace_package", False)
    if not isinstance(replace, bool):
        errors.append(FieldError(f"{where}.replace_package", "must be true or false"))
    elif year in package_years and not replace:
        errors.append(FieldError(
            where,
            f"the chinese-calendar package already covers {year}; set replace_package = true "
            "only if you mean to replace the official data for that year",
        ))
    holidays: dict[date, str] = {}
    for i, item in enumerate(_entries(body, "holidays", where, errors)):
        at = f"{where}.holidays[{i}]"
        name = _name(item, at, _HOLIDAY_KEYS, errors)
        start = _date(item.get("start"), f"{at}.start", year, errors)
        end = _date(item.get("end", item.get("start")), f"{at}.end", year, errors)
        if name is None or start is None or end is None:
            continue
        if end < start:
            errors.append(FieldError(f"{at}.end", "must not be before start"))
            continue
        day = start
        while day <= end:
            if day in holidays:
                errors.append(FieldError(at, f"{day.isoformat()} is listed twice"))
            holidays[day] = name
            day += timedelta(days=1)
    makeup: dict[date, str] = {}
    for i, item in enumerate(_entries(body, "makeup_workdays", where, errors)):
        at = f"{where}.makeup_workdays[{i}]"
        name = _name(item, at, _MAKEUP_KEYS, errors)
        day_or_none = _date(item.get("date"), f"{at}.date", year, errors)
        if name is None or day_or_none is None:
            continue
        if day_or_none.weekday() < 5:
            errors.append(FieldError(f"{at}.date", f"{day_or_none.isoformat()} is a weekday; a make-up "
                                     "working day (调休上班) is always a Saturday or Sunday"))
        elif day_or_none in holidays:
            errors.append(FieldError(f"{at}.date", f"{day_or_none.isoformat()} is also listed as a holiday"))
        makeup[day_or_none] = name
    if len(errors) > before:
        return None
    return YearSchedule(year, holidays, makeup, str(source), bool(replace), origin)


def _entries(body: Mapping[str, Any], key: str, where: str, errors: list[FieldError]) -> list[Mapping[str, Any]]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        errors.append(FieldError(f"{where}.{key}", f"must be an array of tables ([[{where}.{key}]])"))
        return []
    return value


def _name(item: Mapping[str, Any], at: str, allowed: set[str], errors: list[FieldError]) -> str | None:
    for key in item:
        if key not in allowed:
            errors.append(FieldError(f"{at}.{key}", f"unknown key; allowed: {', '.join(sorted(allowed))}"))
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(FieldError(f"{at}.name", "required: the holiday's Chinese name, e.g. 春节"))
        return None
    return name.strip()


def _date(value: Any, at: str, year: int, errors: list[FieldError]) -> date | None:
    # TOML has native dates (2027-01-01); a quoted ISO string is accepted as well
    # because people copy dates from documents and quote them out of habit.
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            errors.append(FieldError(at, f"{value!r} is not a date (write 2027-01-01)"))
            return None
    if not isinstance(value, date):
        errors.append(FieldError(at, "required: a date such as 2027-01-01"))
        return None
    if value.year != year:
        errors.append(FieldError(at, f"{value.isoformat()} is not in {year}; list each day under its own year"))
        return None
    return value
