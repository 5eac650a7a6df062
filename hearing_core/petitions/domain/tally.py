"""Counting a year's items in Python (年度计数): the same :class:`YearCounts` the SQL aggregates give.

Used on import files (before anything is stored), in tests, and to cross-check
the database layer's queries on a sample.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearing_core.petitions.domain.codes import Channel
from hearing_core.petitions.domain.statistics import CHANNEL_BUCKET, UNCATEGORISED, YearCounts

__all__ = ["TallyRecord", "tally"]


@dataclass(frozen=True)
class TallyRecord:
    """The facts of one item that the annual counts need."""

    channel: Channel
    persons: int
    accepted: bool
    #: Matter the item counts under (see :func:`~hearing_core.petitions.domain.matter.matter_key`).
    matter_key: str
    backlog: bool = False
    category: str | None = None


def tally(records: Iterable[TallyRecord], *, year: int, collective_threshold: int) -> YearCounts:
    """Count one year's items in one pass (memory: one key per distinct matter).

    A matter is on the backlog if any of its accepted items says so; not-accepted
    items neither add a distinct matter nor a backlog matter.
    """
    buckets = dict.fromkeys(set(CHANNEL_BUCKET.values()), 0)
    visit_persons = not_accepted = collective_batches = collective_persons = 0
    matters: set[str] = set()
    backlog: set[str] = set()
    by_category: dict[str, int] = {}
    for r in records:
        buckets[CHANNEL_BUCKET[r.channel]] += 1
        if r.channel is Channel.VISIT:
            visit_persons += r.persons
            if r.persons >= collective_threshold:
                collective_batches += 1
                collective_persons += r.persons
        if not r.accepted:
            not_accepted += 1
            continue
        matters.add(r.matter_key)
        if r.backlog:
            backlog.add(r.matter_key)
        key = r.category or UNCATEGORISED
        by_category[key] = by_category.get(key, 0) + 1
    return YearCounts(
        year=year,
        letters=buckets["letters"],
        visit_batches=buckets["visit_batches"],
        visit_persons=visit_persons,
        phone=buckets["phone"],
        online=buckets["online"],
        other_channels=buckets["other_channels"],
        collective_batches=collective_batches,
        collective_persons=collective_persons,
        not_accepted=not_accepted,
        distinct_matters=len(matters),
        backlog=len(backlog),
        by_category=by_category,
    )
