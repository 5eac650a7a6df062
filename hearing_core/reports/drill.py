"""Drill-down (数据下钻): the items or matters behind one figure of the annual report.

Every count of the report can be opened: ``total``, ``letters``, ``visit_batches``
(also ``visit_persons``, whose ``persons`` sum is the figure), ``phone``,
``online``, ``other_channels``, ``collective_batches``/``collective_persons``,
``not_accepted``, ``accepted``, ``pending``, ``repeat`` (accepted items after the
first of their matter in the year), ``distinct_matters`` and ``backlog``
(matters), and the keyed ones ``by_category:<code>`` (accepted items),
``matters_by_category:<code>``, ``not_accepted:<reason>`` and ``month:<1-12>``
(the statistical month). ``total`` of the answer equals the report's figure
(for the persons figures: ``persons``). Filtering and paging happen in SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.statistics import UNCATEGORISED
from hearing_core.reports.queries import ITEM, MATTER, NOT_ACCEPTED, date_param, to_date
from hearing_core.reports.service import READ, _threshold, period_of

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["ITEM_FIGURES", "MATTER_FIGURES", "drill"]

_ACCEPTED = f"i.status <> '{NOT_ACCEPTED}'"
_MAIN = ("'letter'", "'visit'", "'phone'", "'online'")
#: Item figures and their condition (``{thr}`` is the collective threshold parameter).
ITEM_FIGURES: dict[str, str] = {
    "total": "1 = 1",
    "letters": "i.channel = 'letter'",
    "visit_batches": "i.channel = 'visit'",
    "visit_persons": "i.channel = 'visit'",
    "phone": "i.channel = 'phone'",
    "online": "i.channel = 'online'",
    "other_channels": f"i.channel NOT IN ({', '.join(_MAIN)})",
    "collective_batches": "i.channel = 'visit' AND i.persons >= {thr}",
    "collective_persons": "i.channel = 'visit' AND i.persons >= {thr}",
    "not_accepted": f"i.status = '{NOT_ACCEPTED}'",
    "accepted": _ACCEPTED,
    "pending": "i.status = 'registered'",
    "repeat": _ACCEPTED + " AND EXISTS (SELECT 1 FROM " + ITEM + " j WHERE j.matter_key = i.matter_key"
    f" AND j.status <> '{NOT_ACCEPTED}' AND j.received_on >= {{start}} AND j.received_on <= {{end}}"
    " AND (j.received_on < i.received_on OR (j.received_on = i.received_on AND j.ref < i.ref)))",
}
#: Matter figures (纯件数 and 积案) and their condition on accepted items.
MATTER_FIGURES: dict[str, str] = {
    "distinct_matters": _ACCEPTED,
    "backlog": _ACCEPTED + " AND m.on_backlog",
}
_KEYED = {
    "by_category": _ACCEPTED + f" AND COALESCE(i.category_top, '{UNCATEGORISED}') = {{key}}",
    "matters_by_category": _ACCEPTED + f" AND COALESCE(i.category_top, '{UNCATEGORISED}') = {{key}}",
    "not_accepted": f"i.status = '{NOT_ACCEPTED}' AND COALESCE(i.not_accepted_reason, '') = {{key}}",
    "month": "i.received_on >= {key} AND i.received_on <= {key2}",
}
_ITEM_COLUMNS = ("i.ref, i.received_on, i.channel, i.persons, i.status, i.not_accepted_reason, "
                 "i.matter_key, i.category, i.category_top")  # fmt: skip


def _bad(figure: str, why: str) -> ValidationFailed:
    known = ", ".join([*ITEM_FIGURES, *MATTER_FIGURES, *(f"{k}:<key>" for k in _KEYED)])
    return ValidationFailed(
        "unknown figure", [FieldError("figure", f"{why} '{figure}'; figures are: {known}")]
    )


def _condition(figure: str, ctx: ServiceContext, year: int) -> tuple[str, bool, list[Any]]:
    """SQL condition (``{}`` placeholders), whether it selects matters, and its parameters."""
    period = period_of(ctx.app, year)
    db = ctx.app.db
    start, end = date_param(db, period.start), date_param(db, period.end)
    name, _, key = figure.partition(":")
    if key or name in ("by_category", "matters_by_category", "month"):
        if name not in _KEYED or not key:
            raise _bad(figure, "unknown figure")
        template, matters = _KEYED[name], name == "matters_by_category"
        params: list[Any] = [key]
        if name == "month":
            if not key.isdigit() or not 1 <= int(key) <= 12:
                raise _bad(figure, "month must be 1-12 in")
            days = [d for d in _days(period) if period.month_index(d) == int(key) - 1]
            params = [date_param(db, days[0]), date_param(db, days[-1])]
        sql = template.replace("{key2}", "{}").replace("{key}", "{}")
        return sql, matters, params
    if name in MATTER_FIGURES:
        return MATTER_FIGURES[name], True, []
    if name not in ITEM_FIGURES:
        raise _bad(figure, "unknown figure")
    sql, params = ITEM_FIGURES[name], []
    if "{thr}" in sql:
        sql, params = sql.replace("{thr}", "{}"), [_threshold(ctx.app)]
    if "{start}" in sql:
        sql, params = sql.replace("{start}", "{}").replace("{end}", "{}"), [start, end]
    return sql, False, params


def _days(period: Any) -> list[Any]:
    from datetime import timedelta

    span = (period.end - period.start).days
    return [period.start + timedelta(days=n) for n in range(span + 1)]


async def drill(
    ctx: ServiceContext, year: int, figure: str, *, page: int = 1, per_page: int = 50
) -> dict[str, Any]:
    """The items (or matters) behind ``figure`` of statistical year ``year``, one page of them.

    Returns ``{"year", "figure", "unit": "items"|"matters", "total", "persons", "page",
    "per_page", "items"}``; ``total`` (for persons figures ``persons``) equals the figure.
    Summaries are included only for actors who may read the register (``petitions.read``).
    """
    ctx.require(READ)
    if page < 1 or not 1 <= per_page <= 200:
        raise ValidationFailed("invalid page", [FieldError("per_page", "page >= 1 and per_page 1..200")])
    condition, matters, params = _condition(figure, ctx, year)
    period = period_of(ctx.app, year)
    db = ctx.app.db
    where = f"i.received_on >= {{}} AND i.received_on <= {{}} AND {condition}"
    args = [date_param(db, period.start), date_param(db, period.end), *params]
    offset = (page - 1) * per_page
    source = f"{ITEM} i LEFT JOIN {MATTER} m ON m.id = i.matter"
    if matters:
        head = (
            await db.fetch(f"SELECT COUNT(DISTINCT i.matter_key) AS n FROM {source} WHERE {where}", *args)
        )[0]
        rows = await db.fetch(
            f"SELECT i.matter_key AS matter_key, MIN(m.ref) AS matter_ref, MIN(m.title) AS title, "
            f"COUNT(*) AS items, MIN(i.received_on) AS first_received_on, MAX(i.received_on) AS last_received_on, "
            f"MIN(COALESCE(i.category_top, '{UNCATEGORISED}')) AS category_top, "
            f"MAX(CASE WHEN m.on_backlog THEN 1 ELSE 0 END) AS backlog "
            f"FROM {source} WHERE {where} GROUP BY i.matter_key "
            f"ORDER BY MIN(i.received_on), i.matter_key LIMIT {per_page} OFFSET {offset}",
            *args,
        )
        items = [_matter(r) for r in rows]
        total, persons = int(head["n"]), None
    else:
        head = (
            await db.fetch(f"SELECT COUNT(*) AS n, SUM(i.persons) AS p FROM {source} WHERE {where}", *args)
        )[0]
        extra = ", i.summary" if "petitions.read" in ctx.actor.permissions else ""
        rows = await db.fetch(
            f"SELECT {_ITEM_COLUMNS}{extra} FROM {source} WHERE {where} "
            f"ORDER BY i.received_on, i.ref LIMIT {per_page} OFFSET {offset}",
            *args,
        )
        items = [_item(r) for r in rows]
        total, persons = int(head["n"]), int(head["p"] or 0)
    return {"year": year, "figure": figure, "unit": "matters" if matters else "items", "total": total,
            "persons": persons, "page": page, "per_page": per_page, "items": items}  # fmt: skip


def _item(row: dict[str, Any]) -> dict[str, Any]:
    data = dict(row)
    data["received_on"] = to_date(row["received_on"]).isoformat()
    key = data.pop("matter_key")
    data["matter_ref"] = None if key.startswith("item:") else key
    return data


def _matter(row: dict[str, Any]) -> dict[str, Any]:
    data = dict(row)
    data["matter_ref"] = data["matter_ref"] or (
        None if row["matter_key"].startswith("item:") else row["matter_key"]
    )
    for key in ("first_received_on", "last_received_on"):
        data[key] = to_date(row[key]).isoformat()
    data["backlog"] = bool(row["backlog"])
    data["items"] = int(row["items"])
    return data
