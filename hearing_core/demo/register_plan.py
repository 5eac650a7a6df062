"""Dealing the seed register's visits to the desks that receive them (来访分流). No database here.

The seed year (:func:`hearing_core.seeddata.seed_dataset`) has 433 visit batches of 1134
persons. The seed summary's service centre received 135 of them (44 explained on the spot,
108 persons; 12 mediated, 96; 79 handed to responsible units, 97) and its leaders 295
(671 persons); 135 + 295 + 3 = 433. So every visit of the demo register is a batch of one
desk, and each desk's tally is a part of the register's own figures, never extra items:

* **explained** (44): the seed's not-accepted visits (the 66 not accepted are split 22 letters
  out of jurisdiction / 44 visits, ``not_accepted_letters=22``). Not imported: the centre's desk
  registers each one itself and disposes of it on the spot (不予受理, 当面解释疏导).
* **mediated** (12) and **handed over** (79): imported visits the desk links by item number.
* **leader reception** (295): imported visits, dated on the day of a held county-led
  reception of the same month (the one nearest the seed's date) and linked there.
* **other** (3): imported visits of large groups the bureau received itself.

Batch sizes are re-dealt inside each part so the parts have the seed's persons; the
register's totals (433 batches, 1134 persons) and every other column stay the seed's, so the
annual report still gives 632 / 566 / 348 / 52.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from hearing_core.seeddata import SEED_YEAR, seed_dataset

__all__ = ["CENTRE_PARTS", "RECEPTION_PART", "RegisterPlan", "plan_register"]

#: (part, batches, persons) of the seed summary's service centre.
CENTRE_PARTS = (("explained", 44, 108), ("mediated", 12, 96), ("handed_over", 79, 97))
#: Batches and persons the seed's leaders received (295批671人次).
RECEPTION_PART = (295, 671)
#: Of the 79 handed over: 转送 (transferred) and 交办 (assigned with a report date).
TRANSFERRED = 61
_COLLECTIVE = re.compile(r"^\d+人集体来访，")


@dataclass
class RegisterPlan:
    """The seed register dealt to the desks (rows are import rows, docs/register.md §7)."""

    year: int
    imported: list[dict[str, Any]]
    explained: list[dict[str, Any]]
    mediated: list[dict[str, Any]]
    handed_over: list[dict[str, Any]]
    reception: list[dict[str, Any]]
    other: list[dict[str, Any]]
    moved: int = 0
    expected: dict[str, Any] = field(default_factory=dict)

    def rows_by_ref(self) -> dict[str, dict[str, Any]]:
        return {r["ref"]: r for r in self.imported}


def _fit(rows: list[dict[str, Any]], target: int, threshold: int) -> None:
    """Change batch sizes so ``rows`` carry ``target`` persons, largest first (each keeps at least 1)."""
    ranked = sorted(rows, key=lambda r: (-r["persons"], r["ref"]))
    total = sum(r["persons"] for r in rows)
    i = 0
    while total != target:
        row = ranked[i % len(ranked)]
        if total < target:
            row["persons"] += 1
            total += 1
        elif row["persons"] > 1:
            row["persons"] -= 1
            total -= 1
        elif all(r["persons"] == 1 for r in ranked):
            raise ValueError(f"{len(rows)} batches cannot carry only {target} persons")
        i += 1
    for row in rows:
        summary = _COLLECTIVE.sub("", row["summary"])
        row["summary"] = f"{row['persons']}人集体来访，{summary}" if row["persons"] >= threshold else summary


def _nearest(day: dt.date, days: Sequence[dt.date]) -> dt.date:
    same_month = [d for d in days if (d.year, d.month) == (day.year, day.month)] or list(days)
    return min(same_month, key=lambda d: (abs((d - day).days), d))


def plan_register(year: int, seed: int, reception_days: Sequence[dt.date], *, threshold: int = 5) -> RegisterPlan:
    """Deal the seed register of ``year`` (and the year before) to the desks; deterministic per seed.

    :param reception_days: days of the county-led receptions that will be held in ``year``.
    """
    data = seed_dataset(year, seed=seed, current=replace(SEED_YEAR, not_accepted_letters=22),
                        collective_threshold=threshold)
    rows = [dict(r) for r in data.rows]
    rng = random.Random(seed)
    visits = [r for r in rows if r["received_on"].startswith(str(year)) and r["channel"] == "visit"]
    explained = [r for r in visits if not r["accepted"]]
    accepted = sorted((r for r in visits if r["accepted"]), key=lambda r: (-r["persons"], r["ref"]))
    other, mediated, rest = accepted[:3], accepted[3:15], accepted[15:]
    rng.shuffle(rest)
    rest.sort(key=lambda r: r["persons"])  # the desk hands over the small batches; stable: shuffled within a size
    handed_over, reception = rest[: CENTRE_PARTS[2][1]], rest[CENTRE_PARTS[2][1] :]
    assert len(explained) == CENTRE_PARTS[0][1] and len(reception) == RECEPTION_PART[0], "seed visits changed"
    for part, target in ((explained, CENTRE_PARTS[0][2]), (mediated, CENTRE_PARTS[1][2]),
                         (handed_over, CENTRE_PARTS[2][2]), (reception, RECEPTION_PART[1])):
        _fit(part, target, threshold)
    _fit(other, SEED_YEAR.visit_persons - sum(p for _, _, p in CENTRE_PARTS) - RECEPTION_PART[1], threshold)
    for row in explained:
        row["not_accepted_reason"] = "当面解释"
    moved = 0
    days = sorted(set(reception_days))
    for row in reception:
        day = dt.date.fromisoformat(row["received_on"])
        target_day = _nearest(day, days)
        if target_day != day:
            row["received_on"], moved = target_day.isoformat(), moved + 1
    refs = {r["ref"] for r in explained}
    imported = [r for r in rows if r["ref"] not in refs]
    # Import order is by date, as a register file is kept (moved visits keep their numbers).
    imported.sort(key=lambda r: (r["received_on"], r["ref"]))
    return RegisterPlan(year, imported, explained, mediated, handed_over, reception, other, moved,
                        data.expected())
