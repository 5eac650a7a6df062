"""Aggregate SQL of the annual report (年度统计查询): counts computed in the database.

Each statistical year costs four aggregate statements over the register's item
table (``hearing_petition_item``), restricted to the year by the indexed
``received_on`` column; no item row is ever loaded into Python:

1. per day and channel: items, persons, not accepted, collective visits, pending —
   a few hundred groups, summed here into channel totals and statistical months;
2. not-accepted items per reason (不予受理理由);
3. distinct matters (纯件数) and backlog matters (积案) among accepted items;
4. accepted items and distinct matters per top-level category (内容分类).

"Accepted" is every item not explicitly not accepted, the summary's own
arithmetic (实际受理 = 信访总量 − 不予受理); items still awaiting the decision are
counted there and reported separately as ``pending``. The SQL is the same on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from hearing_core.petitions.domain.statistics import CHANNEL_BUCKET, UNCATEGORISED, YearCounts
from hearing_core.reports.assemble import YearData
from hearing_core.reports.period import StatPeriod

if TYPE_CHECKING:
    from hearing_core.db.database import Database

__all__ = ["ITEM", "MATTER", "NOT_ACCEPTED", "count_year", "date_param", "to_date"]

ITEM = "hearing_petition_item"
MATTER = "hearing_petition_matter"
NOT_ACCEPTED = "not_accepted"
_IN_YEAR = "i.received_on >= {} AND i.received_on <= {}"

_BY_DAY = f"""
SELECT i.received_on AS day, i.channel AS channel, COUNT(*) AS items, SUM(i.persons) AS persons,
       SUM(CASE WHEN i.status = '{NOT_ACCEPTED}' THEN 1 ELSE 0 END) AS not_accepted,
       SUM(CASE WHEN i.status = 'registered' THEN 1 ELSE 0 END) AS pending,
       SUM(CASE WHEN i.persons >= {{}} THEN 1 ELSE 0 END) AS collective_items,
       SUM(CASE WHEN i.persons >= {{}} THEN i.persons ELSE 0 END) AS collective_persons
FROM {ITEM} i WHERE {_IN_YEAR}
GROUP BY i.received_on, i.channel
"""
_REASONS = f"""
SELECT i.not_accepted_reason AS reason, COUNT(*) AS items
FROM {ITEM} i WHERE {_IN_YEAR} AND i.status = '{NOT_ACCEPTED}'
GROUP BY i.not_accepted_reason
"""
_MATTERS = f"""
SELECT COUNT(*) AS accepted, COUNT(DISTINCT i.matter_key) AS distinct_matters,
       COUNT(DISTINCT CASE WHEN m.on_backlog THEN i.matter_key END) AS backlog
FROM {ITEM} i LEFT JOIN {MATTER} m ON m.id = i.matter
WHERE {_IN_YEAR} AND i.status <> '{NOT_ACCEPTED}'
"""
_CATEGORIES = f"""
SELECT COALESCE(i.category_top, '{UNCATEGORISED}') AS code, COUNT(*) AS items,
       COUNT(DISTINCT i.matter_key) AS matters
FROM {ITEM} i WHERE {_IN_YEAR} AND i.status <> '{NOT_ACCEPTED}'
GROUP BY COALESCE(i.category_top, '{UNCATEGORISED}')
"""


def date_param(db: Database, day: date) -> Any:
    """A date as the driver binds it: ISO text on SQLite (stored as text), ``date`` on PostgreSQL."""
    return day.isoformat() if db.is_sqlite else day


def to_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


_BUCKETS = {channel.value: bucket for channel, bucket in CHANNEL_BUCKET.items()}


def _bucket(channel: str) -> str:
    # A channel code a newer version added is still counted, among the other channels.
    return _BUCKETS.get(channel, "other_channels")


async def count_year(db: Database, period: StatPeriod, threshold: int) -> YearData:
    """Every count of statistical year ``period`` (see the module docstring)."""
    span = (date_param(db, period.start), date_param(db, period.end))
    buckets: dict[str, int] = defaultdict(int)
    monthly: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    for row in await db.fetch(_BY_DAY, threshold, threshold, *span):
        bucket, month, items = (
            _bucket(row["channel"]),
            period.month_index(to_date(row["day"])),
            int(row["items"]),
        )
        buckets[bucket] += items
        monthly[bucket][month] += items
        for key in ("not_accepted", "pending"):
            buckets[key] += int(row[key])
        if bucket == "visit_batches":
            persons = int(row["persons"])
            buckets["visit_persons"] += persons
            monthly["visit_persons"][month] += persons
            buckets["collective_batches"] += int(row["collective_items"])
            buckets["collective_persons"] += int(row["collective_persons"])
    reasons = {str(r["reason"] or ""): int(r["items"]) for r in await db.fetch(_REASONS, *span)}
    matters = (await db.fetch(_MATTERS, *span))[0]
    categories = await db.fetch(_CATEGORIES, *span)
    total = sum(buckets[b] for b in set(CHANNEL_BUCKET.values()))
    counts = YearCounts(
        year=period.year,
        letters=buckets["letters"],
        visit_batches=buckets["visit_batches"],
        visit_persons=buckets["visit_persons"],
        phone=buckets["phone"],
        online=buckets["online"],
        other_channels=buckets["other_channels"],
        collective_batches=buckets["collective_batches"],
        collective_persons=buckets["collective_persons"],
        not_accepted=buckets["not_accepted"],
        distinct_matters=int(matters["distinct_matters"] or 0),
        backlog=int(matters["backlog"] or 0),
        # Counted by another statement than the channels: the identities cross-check the two.
        total=total,
        accepted=int(matters["accepted"] or 0),
        by_category={str(r["code"]): int(r["items"]) for r in categories},
    )
    return YearData(
        counts,
        monthly=dict(monthly),
        not_accepted_by_reason=reasons,
        matters_by_category={str(r["code"]): int(r["matters"]) for r in categories},
        pending=buckets["pending"],
    )
