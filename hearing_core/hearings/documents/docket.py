"""The daily hearing docket (听证日程表) and hearing calendars (听证日历).

A *sitting* is a slot a case occupies: its current schedule, and the resumption slot of
each suspension (恢复听证). The docket lists the sittings of one day (optionally at one
venue) for print (PDF) and for Excel (CSV, UTF-8 with BOM so Excel reads the Chinese);
calendars group the sittings of a date range by venue or by panel member, as plain data.

Petitioners are private persons: their names are masked unless the caller may see
personal data. Everything here is pure; the service loads the cases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hearing_core.documents.filters import cn_date, cn_weekday
from hearing_core.documents.masking import mask_name
from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.documents import labels as L
from hearing_core.hearings.documents.common import case_number, local_date, panel_context, petitioner
from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.domain import CaseData, Slot

__all__ = [
    "CSV_COLUMNS",
    "MAX_CALENDAR_DAYS",
    "DocketCase",
    "calendar_by_officer",
    "calendar_by_venue",
    "docket_context",
    "docket_csv",
    "docket_rows",
]

MAX_CALENDAR_DAYS = 366
#: CSV header (Chinese, as the bureau's staff read it) and the row key of each column.
CSV_COLUMNS = (
    ("时间", "time"), ("地点", "venue"), ("案号", "case_number"), ("信访事项", "matter"), ("信访人", "petitioner"),
    ("主持人", "presiding_officer"), ("是否公开", "openness"), ("状态", "status_label"),
)


@dataclass(frozen=True)
class DocketCase:
    """A case with the matter it is about, as the service loads them."""

    case: CaseData
    matter: MatterInfo


def _sittings(case: CaseData) -> list[tuple[Slot, str]]:
    found: list[tuple[Slot, str]] = []
    if case.schedule is not None:
        found.append((case.schedule.slot, "hearing"))
    found += [(i.resumption, "resumption") for i in case.interruptions if i.resumption is not None]
    return found


def _same_venue(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def _hhmm(value: dt.datetime) -> str:
    local = value.astimezone(dt.timezone(dt.timedelta(hours=8))) if value.tzinfo else value
    return f"{local:%H:%M}"


def _row(item: DocketCase, organ: Organ, slot: Slot, kind: str, personal_data: bool) -> dict[str, Any]:
    case = item.case
    first = petitioner(case)
    name = first.name if first else ""
    public = case.schedule.public if case.schedule else True
    return {
        "case_id": case.id,
        "date": local_date(slot.start).isoformat(),
        "start": _hhmm(slot.start),
        "end": _hhmm(slot.end),
        "time": f"{_hhmm(slot.start)}-{_hhmm(slot.end)}",
        "starts_at": slot.start,
        "venue": slot.venue or "",
        "video_link": slot.video_link or "",
        "case_number": case_number(case, organ),
        "matter_ref": item.matter.ref,
        "matter": item.matter.title,
        "petitioner": name if personal_data else mask_name(name),
        "presiding_officer": panel_context(case)["presiding_officer"],
        "public": public,
        "openness": "公开" if public else "不公开",
        "status": str(case.state),
        "status_label": L.label(L.CASE_STATE, case.state) + ("（恢复听证）" if kind == "resumption" else ""),
        "kind": kind,
    }


def _rows_between(
    cases: Iterable[DocketCase], organ: Organ, start: dt.date, end: dt.date, *, venue: str | None,
    personal_data: bool,
) -> list[dict[str, Any]]:
    rows = [
        _row(item, organ, slot, kind, personal_data)
        for item in cases
        for slot, kind in _sittings(item.case)
        if start <= local_date(slot.start) <= end and (venue is None or _same_venue(slot.venue, venue))
    ]
    rows.sort(key=lambda r: (r["date"], r["start"], r["venue"], r["case_number"]))
    return rows


def docket_rows(
    cases: Iterable[DocketCase], organ: Organ, day: dt.date, *, venue: str | None = None, personal_data: bool = False
) -> list[dict[str, Any]]:
    """The sittings of ``day`` (at ``venue``), in time order."""
    return _rows_between(cases, organ, day, day, venue=venue, personal_data=personal_data)


def docket_context(
    rows: list[dict[str, Any]], organ: Organ, day: dt.date, *, venue: str | None, generated_on: dt.date
) -> dict[str, Any]:
    """Context of ``hearing/docket.html``. Rows carry the petitioner's name already masked or not,
    so the template prints it as given."""
    return {
        "report_title": "听证日程表",
        "organ_name": organ.name,
        "period": f"{cn_date(day)}　{cn_weekday(day)}" + (f"　{venue}" if venue else ""),
        "day": day,
        "venue": venue or "",
        "generated_on": generated_on,
        "rows": rows,
    }


def docket_csv(rows: list[dict[str, Any]]) -> bytes:
    """The docket as CSV: UTF-8 with a byte-order mark (Excel needs it for Chinese), CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([title for title, _ in CSV_COLUMNS])
    for row in rows:
        writer.writerow([row[key] for _, key in CSV_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationFailed("the range ends before it starts", [FieldError("to", "before 'from'")])
    if (end - start).days >= MAX_CALENDAR_DAYS:
        raise ValidationFailed("calendar range too long", [FieldError("to", f"at most {MAX_CALENDAR_DAYS} days")])


def _days(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows grouped by date (only days with sittings), with the weekday in Chinese."""
    days: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        days.setdefault(row["date"], []).append({k: v for k, v in row.items() if k != "starts_at"})
    return [{"date": d, "weekday": cn_weekday(d), "sittings": s} for d, s in days.items()]


def calendar_by_venue(
    cases: Iterable[DocketCase], organ: Organ, start: dt.date, end: dt.date, *,
    venue: str | None = None, personal_data: bool = False,
) -> dict[str, Any]:
    """``{"from", "to", "venues": [{"venue", "days": [{"date", "weekday", "sittings"}]}]}``."""
    _check_range(start, end)
    rows = _rows_between(cases, organ, start, end, venue=venue, personal_data=personal_data)
    venues = sorted({r["venue"] or "视频听证" for r in rows})
    return {
        "from": start.isoformat(), "to": end.isoformat(),
        "venues": [{"venue": v, "days": _days([r for r in rows if (r["venue"] or "视频听证") == v])} for v in venues],
    }


def calendar_by_officer(
    cases: Iterable[DocketCase], organ: Organ, start: dt.date, end: dt.date, *,
    officer: str | None = None, personal_data: bool = False,
) -> dict[str, Any]:
    """``{"from", "to", "officers": [{"person_id", "name", "days": [...]}]}``: each seated panel
    member's sittings with their ``role``. ``officer`` filters by name or person id."""
    _check_range(start, end)
    cases = list(cases)
    people: dict[int, dict[str, Any]] = {}
    for item in cases:
        rows = _rows_between([item], organ, start, end, venue=None, personal_data=personal_data)
        for member in item.case.panel.seated():
            if officer is not None and officer.strip() not in (member.name, str(member.person_id)):
                continue
            entry = people.setdefault(member.person_id, {"person_id": member.person_id, "name": member.name, "rows": []})
            entry["rows"] += [{**r, "role": str(member.role), "role_label": L.label(L.PANEL_ROLE, member.role)}
                              for r in rows]
    officers = []
    for entry in sorted(people.values(), key=lambda e: (e["name"], e["person_id"])):
        rows = sorted(entry.pop("rows"), key=lambda r: (r["date"], r["start"], r["case_number"]))
        officers.append({**entry, "days": _days(rows)})
    return {"from": start.isoformat(), "to": end.isoformat(), "officers": officers}
