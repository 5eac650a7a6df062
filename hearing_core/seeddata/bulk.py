"""Bulk synthetic registers (大批量模拟数据) for benchmarks: 100 000 or 1 000 000 items, streamed.

:func:`bulk_records` yields items one at a time, in date order, over the statistical
year and the year before, with the seed year's proportions (letters 199/632, 2.6
persons per visit batch, 66/632 not accepted, 348 distinct matters per 566
accepted items, 52 of 348 matters on the backlog). Nothing is held per matter:
a matter's category, petitioner and backlog flag are functions of its number,
so memory stays flat whatever ``n`` is. Counts are proportional, not exact — use
:func:`~hearing_core.seeddata.seedyear.seed_dataset` when exact figures matter.
"""

from __future__ import annotations

import bisect
import math
import operator
import random
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, NamedTuple

from hearing_core.petitions.domain.identity import CHECK_CODES, ID_WEIGHTS
from hearing_core.seeddata.texts import summary_for
from hearing_core.seeddata.vocab import (
    CATEGORY_WEIGHTS,
    COMPANIES,
    FEMALE_GIVEN,
    MALE_GIVEN,
    MONTH_WEIGHTS,
    PROJECTS,
    REGION_CODES,
    SURNAMES,
    TOWNS,
    VILLAGES,
)

__all__ = ["BulkRecord", "bulk_records", "bulk_rows"]

_LETTER_SHARE = 199 / 632
_NOT_ACCEPTED_SHARE = 66 / 632
_DISTINCT_PER_ACCEPTED = 348 / 566
_BACKLOG_PER_MATTER = 52 / 348
_PREVIOUS_SHARE = 595 / (595 + 632)
# Visit batch sizes and their weights (mean ≈ 2.6 persons, about 3% collective).
_SIZES = (1, 2, 3, 4, 5, 6, 8, 12, 20)
_SIZE_WEIGHTS = tuple(accumulate((34, 25, 16, 22, 0.9, 0.8, 0.6, 0.4, 0.3)))
_CATEGORIES = tuple(CATEGORY_WEIGHTS)
_CATEGORY_CUM = tuple(accumulate(CATEGORY_WEIGHTS.values()))
_GIVEN = MALE_GIVEN + FEMALE_GIVEN


class BulkRecord(NamedTuple):
    """One generated item, flat (for ``executemany`` inserts and for :func:`bulk_rows`)."""

    ref: str
    received_on: date
    channel: str
    persons: int
    accepted: bool
    not_accepted_reason: str | None
    matter_ref: str | None
    category: str  # sub-category name, e.g. 土地征收
    backlog: bool
    petitioner_name: str
    petitioner_id_number: str
    summary: str


def _day_table(year: int) -> tuple[list[date], list[float]]:
    """Working days of ``year − 1`` and ``year`` with cumulative month weights."""
    days: list[date] = []
    weights: list[float] = []
    day = date(year - 1, 1, 1)
    while day.year <= year:
        if day.weekday() < 5:
            days.append(day)
            weights.append(MONTH_WEIGHTS[day.month - 1])
        day += timedelta(days=1)
    return days, list(accumulate(weights))


def _matter_facts(m: int) -> tuple[str, bool, str, str]:
    """Category, backlog flag, petitioner name and ID number of matter number ``m``."""
    mix = (m * 2654435761) % 4294967296  # Knuth's multiplicative hash: spread without state
    category = _CATEGORIES[bisect.bisect(_CATEGORY_CUM, (mix % 10007) / 10007 * _CATEGORY_CUM[-1])]
    backlog = math.floor((m + 1) * _BACKLOG_PER_MATTER) > math.floor(m * _BACKLOG_PER_MATTER)
    name = SURNAMES[mix % len(SURNAMES)] + _GIVEN[(mix >> 8) % len(_GIVEN)]
    born = f"{1945 + (mix >> 4) % 54}{1 + (mix >> 10) % 12:02d}{1 + (mix >> 14) % 28:02d}"
    first17 = f"{REGION_CODES[m % len(REGION_CODES)]}{born}{(mix >> 12) % 1000:03d}"
    # GB 11643 check character, as identity.id_check_code computes it (inlined: a million calls).
    return (
        category,
        backlog,
        name,
        first17 + CHECK_CODES[sum(map(operator.mul, map(int, first17), ID_WEIGHTS)) % 11],
    )


def bulk_records(n: int, *, year: int = 2023, seed: int = 0) -> Iterator[BulkRecord]:
    """``n`` items over ``year − 1`` and ``year`` (about 48% / 52%), in date order.

    Deterministic for ``(n, year, seed)``; constant memory.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    days, cumulative = _day_table(year)
    previous_n = round(n * _PREVIOUS_SHARE)
    previous_end = bisect.bisect(days, date(year - 1, 12, 31))
    accepted_seen = matters = 0
    for i in range(n):
        # Spread item i over its year's days by the weighted calendar (inverse of the cumulative weight).
        if i < previous_n:
            low, high, k, count = 0, previous_end, i, previous_n
        else:
            low, high, k, count = previous_end, len(days), i - previous_n, n - previous_n
        base = cumulative[low - 1] if low else 0.0
        target = base + (k + 0.5) / count * (cumulative[high - 1] - base)
        day = days[min(bisect.bisect(cumulative, target, low, high), high - 1)]
        letter = rng.random() < _LETTER_SHARE
        persons = 1 if letter else _SIZES[bisect.bisect(_SIZE_WEIGHTS, rng.random() * _SIZE_WEIGHTS[-1])]
        accepted = rng.random() >= _NOT_ACCEPTED_SHARE
        reason = None
        if accepted:
            new = math.ceil((accepted_seen + 1) * _DISTINCT_PER_ACCEPTED) > math.ceil(
                accepted_seen * _DISTINCT_PER_ACCEPTED
            )
            accepted_seen += 1
            if new or matters == 0:
                m, matters = matters, matters + 1
            else:  # a repeat of a recent matter (重信重访 come within months)
                m = matters - 1 - min(int(rng.expovariate(1 / 400)), matters - 1)
            category, backlog, name, id_number = _matter_facts(m)
            matter_ref: str | None = f"BX-{m:07d}"
        else:
            category, _, name, id_number = _matter_facts(10**9 + i)
            backlog, matter_ref = False, None
            reason = "不属于我县管辖" if letter else "当面解释"
            m = i
        fill = {"town": TOWNS[m % 9], "village": VILLAGES[m % 18], "company": COMPANIES[m % 10],
                "project": PROJECTS[m % 10], "n": str(3 + m % 50), "amount": str(4000 + m % 80 * 500), "year": "2019"}  # fmt: skip
        summary, _ = summary_for(category, m, fill, persons=persons, collective=not letter and persons >= 5)
        yield BulkRecord(
            f"BK-{day.year}-{i:07d}", day, "letter" if letter else "visit", persons, accepted, reason,
            matter_ref, category, backlog, name, id_number, summary,
        )  # fmt: skip


def bulk_rows(n: int, *, year: int = 2023, seed: int = 0) -> Iterator[dict[str, Any]]:
    """:func:`bulk_records` as import rows (JSON Lines shape), for :func:`write_jsonl`."""
    for r in bulk_records(n, year=year, seed=seed):
        row: dict[str, Any] = {
            "ref": r.ref,
            "received_on": r.received_on.isoformat(),
            "channel": r.channel,
            "persons": r.persons,
            "accepted": r.accepted,
        }
        if r.matter_ref:
            row["matter_ref"] = r.matter_ref
        if r.not_accepted_reason:
            row["not_accepted_reason"] = r.not_accepted_reason
        row.update(category=r.category, backlog=r.backlog,
                   petitioner={"name": r.petitioner_name, "id_number": r.petitioner_id_number}, summary=r.summary)  # fmt: skip
        yield row
