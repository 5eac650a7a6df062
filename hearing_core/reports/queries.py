"""Aggregate SQL of the annual report (年度统计查询): counts computed in the database.

The statistical year and the year before are counted together, in two aggregate
statements over the register's item table (``hearing_petition_item``), restricted
to the two years by the indexed ``received_on`` column; no item row is ever
loaded into Python:

1. per day, channel and not-accepted reason: items, persons, collective visits,
   pending — a few thousand groups at most, summed here into channel totals,
   statistical months and reasons (不予受理理由) of each year;
2. per year, matter and top-level category of the accepted items, then per year
   and category (accepted items, distinct matters) and per year (accepted items,
   纯件数, 积案) — one pass over the items, whatever the number of categories.

Statement 2 counts the accepted items independently of statement 1, so the
identity ``accepted + not_accepted = total`` cross-checks the two.
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

__all__ = ["ITEM", "MATTER", "NOT_ACCEPTED", "count_years", "date_param", "to_date"]

ITEM = "hearing_petition_item"
MATTER = "hearing_petition_matter"
NOT_ACCEPTED = "not_accepted"
_SPAN = "i.received_on >= {} AND i.received_on <= {}"
_REASON = f"CASE WHEN i.status = '{NOT_ACCEPTED}' THEN COALESCE(i.not_accepted_reason, '') END"
_TOP = f"COALESCE(i.category_top, '{UNCATEGORISED}')"

_BY_DAY = f"""
SELECT i.received_on AS day, i.channel AS channel, {_REASON} AS reason,
       COUNT(*) AS items, SUM(i.persons) AS persons,
       SUM(CASE WHEN i.status = 'registered' THEN 1 ELSE 0 END) AS pending,
       SUM(CASE WHEN i.persons >= {{}} THEN 1 ELSE 0 END) AS collective_items,
       SUM(CASE WHEN i.persons >= {{}} THEN i.persons ELSE 0 END) AS collective_persons
FROM {ITEM} i WHERE {_SPAN}
GROUP BY i.received_on, i.channel, {_REASON}
"""
# Per year, matter and category of the accepted items (backlog matters found through the small
# set of matters on the ledger), then per year and category, and per year (``code`` NULL).
_MATTERS = f"""
WITH per_matter AS (
  SELECT CASE WHEN i.received_on >= {{}} THEN 1 ELSE 0 END AS this_year, i.matter_key AS matter_key,
         {_TOP} AS code, COUNT(*) AS items, MAX(CASE WHEN b.id IS NULL THEN 0 ELSE 1 END) AS backlog
  FROM {ITEM} i LEFT JOIN (SELECT id FROM {MATTER} WHERE on_backlog) b ON b.id = i.matter
  WHERE {_SPAN} AND i.status <> '{NOT_ACCEPTED}'
  GROUP BY 1, 2, 3
)
SELECT this_year, code, SUM(items) AS items, COUNT(*) AS matters, 0 AS backlog
FROM per_matter GROUP BY this_year, code
UNION ALL
SELECT this_year, NULL AS code, SUM(items) AS items, COUNT(DISTINCT matter_key) AS matters,
       COUNT(DISTINCT CASE WHEN backlog = 1 THEN matter_key END) AS backlog
FROM per_matter GROUP BY this_year
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


class _Year:
    """Counts of one statistical year, filled from the grouped rows."""

    def __init__(self, period: StatPeriod) -> None:
        self.period = period
        self.buckets: dict[str, int] = defaultdict(int)
        self.monthly: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
        self.reasons: dict[str, int] = defaultdict(int)
        self.by_category: dict[str, int] = {}
        self.matters_by_category: dict[str, int] = {}
        self.accepted = self.distinct = self.backlog = 0

    def add_day(self, row: dict[str, Any], day: date) -> None:
        bucket, month, items = _bucket(row["channel"]), self.period.month_index(day), int(row["items"])
        b = self.buckets
        b[bucket] += items
        self.monthly[bucket][month] += items
        b["pending"] += int(row["pending"])
        if row["reason"] is not None:
            b["not_accepted"] += items
            self.reasons[str(row["reason"])] += items
        if bucket == "visit_batches":
            persons = int(row["persons"])
            b["visit_persons"] += persons
            self.monthly["visit_persons"][month] += persons
            b["collective_batches"] += int(row["collective_items"])
            b["collective_persons"] += int(row["collective_persons"])

    def add_matters(self, row: dict[str, Any]) -> None:
        if row["code"] is None:  # the year's row: distinct over all categories
            self.accepted, self.distinct = int(row["items"]), int(row["matters"])
            self.backlog = int(row["backlog"])
        else:
            self.by_category[str(row["code"])] = int(row["items"])
            self.matters_by_category[str(row["code"])] = int(row["matters"])

    def data(self) -> YearData:
        b = self.buckets
        counts = YearCounts(
            year=self.period.year,
            letters=b["letters"],
            visit_batches=b["visit_batches"],
            visit_persons=b["visit_persons"],
            phone=b["phone"],
            online=b["online"],
            other_channels=b["other_channels"],
            collective_batches=b["collective_batches"],
            collective_persons=b["collective_persons"],
            not_accepted=b["not_accepted"],
            distinct_matters=self.distinct,
            backlog=self.backlog,
            total=sum(b[key] for key in set(CHANNEL_BUCKET.values())),
            accepted=self.accepted,  # from the other statement: the identities cross-check the two
            by_category=self.by_category,
        )
        return YearData(
            counts, dict(self.monthly), dict(self.reasons), self.matters_by_category, b["pending"]
        )


async def count_years(
    db: Database, current: StatPeriod, previous: StatPeriod, threshold: int
) -> tuple[YearData, YearData]:
    """Every count of statistical year ``current`` and of the year before (see the module docstring)."""
    if previous.end >= current.start:
        raise ValueError("the previous statistical year must end before the current one starts")
    start, split, end = (date_param(db, d) for d in (previous.start, current.start, current.end))
    years = {1: _Year(current), 0: _Year(previous)}
    for row in await db.fetch(_BY_DAY, threshold, threshold, start, end):
        day = to_date(row["day"])
        years[1 if day >= current.start else 0].add_day(row, day)
    for row in await db.fetch(_MATTERS, split, start, end):
        years[int(row["this_year"])].add_matters(row)
    return years[1].data(), years[0].data()
