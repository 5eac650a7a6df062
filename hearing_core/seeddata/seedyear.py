"""The seed-year register (样本年度登记数据): two years of items that count exactly to targets.

:func:`seed_dataset` builds the statistical year and the year before as JSON Lines
rows in the register's import format (docs/register.md §7). Matters are planned
first — category, petitioner, backlog flag, the years they appear in — then
items are dealt to matters so every count of :class:`YearTarget` holds exactly:
件 per channel, 批/人次, not accepted, 纯件数 and 积案 (a matter counts in a year's
纯件数 when it has an accepted item that year, so a matter carried over from last
year counts in both). Deterministic: the same arguments give the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.seeddata.calendar_days import YearDays
from hearing_core.seeddata.people import Person, make_person
from hearing_core.seeddata.targets import SEED_PREVIOUS_YEAR, SEED_YEAR, YearTarget
from hearing_core.seeddata.texts import fill_values, summary_for
from hearing_core.seeddata.vocab import CATEGORY_WEIGHTS, COLLECTIVE_PRONE

if TYPE_CHECKING:
    from hearing_core.deadlines import HolidayCalendar

__all__ = ["DEFAULT_SEED", "SeedDataset", "seed_dataset", "write_jsonl"]

DEFAULT_SEED = 20231231
_WAGE_BOOST = {12: 2.2, 1: 1.8, 2: 1.3}  # 农民工工资: the year-end settlement rush


@dataclass
class _Matter:
    """A planned matter (信访事项) with its items per year."""

    category: str
    person: Person
    backlog: bool
    group: bool
    template: int
    fill: dict[str, str]
    years: dict[int, int] = field(default_factory=dict)  # year -> accepted items that year
    ref: str | None = None
    first_ref: str = ""


@dataclass
class _Item:
    year: int
    channel: str
    matter: _Matter | None
    persons: int = 1
    reason: str | None = None
    category: str = ""
    person: Person | None = None
    received_on: Any = None
    ref: str = ""


@dataclass(frozen=True)
class SeedDataset:
    """Generated rows (oldest first) and the targets they reproduce, per year."""

    year: int
    rows: list[dict[str, Any]]
    targets: dict[int, YearTarget]

    def expected(self, year: int | None = None) -> dict[str, Any]:
        """Figures the report must give for ``year`` (default: the statistical year)."""
        y = self.year if year is None else year
        return {"year": y, **self.targets[y].expected()}

    def write_jsonl(self, path: str | Path) -> int:
        return write_jsonl(self.rows, path)


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write rows as JSON Lines (UTF-8, one object per line), streaming; returns the row count."""
    import json

    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            count += 1
    return count


def seed_dataset(
    year: int = 2023,
    *,
    seed: int = DEFAULT_SEED,
    current: YearTarget = SEED_YEAR,
    previous: YearTarget | None = SEED_PREVIOUS_YEAR,
    carried_over: int = 60,
    collective_threshold: int = 5,
    calendar: HolidayCalendar | None = None,
) -> SeedDataset:
    """The seed year ``year`` (and ``year − 1`` unless ``previous`` is None) as import rows.

    :param carried_over: matters with accepted items in both years (重信重访 across the year end).
    :param collective_threshold: the profile's ``intake.collective_visit_threshold``.
    :raises ValueError: a target no register can reach.
    """
    targets = {year: current} if previous is None else {year - 1: previous, year: current}
    for y, target in targets.items():
        problems = target.problems(collective_threshold)
        if problems:
            raise ValueError(f"year {y}: " + "; ".join(problems))
    rng = random.Random(seed)
    matters = _plan_matters(rng, targets, carried_over if previous is not None else 0)
    items: list[_Item] = []
    for y, target in targets.items():
        items += _year_items(
            rng, y, target, [m for m in matters if y in m.years], collective_threshold, calendar
        )
    _number(rng, items, matters)
    rows = [_row(rng, item, collective_threshold) for item in sorted(items, key=lambda i: i.ref)]
    return SeedDataset(year, rows, targets)


def _plan_matters(rng: random.Random, targets: dict[int, YearTarget], carried: int) -> list[_Matter]:
    years = sorted(targets)
    names, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())

    def new(backlog: bool, present: tuple[int, ...]) -> _Matter:
        category = rng.choices(names, weights)[0]
        group = category in COLLECTIVE_PRONE and rng.random() < 0.3
        fill = fill_values(rng)  # the petitioner lives where the matter arose
        person = make_person(rng, id_share=0.95, address=fill["town"] + fill["village"])
        m = _Matter(category, person, backlog, group, rng.randrange(8), fill)
        m.years = dict.fromkeys(present, 1)
        return m

    if len(years) == 1:
        t = targets[years[0]]
        return [new(i < t.backlog, (years[0],)) for i in range(t.distinct_matters)]
    (y0, t0), (y1, t1) = ((y, targets[y]) for y in years)
    carried = min(carried, t0.distinct_matters, t1.distinct_matters)
    both_backlog = min(carried, t0.backlog, t1.backlog, round(0.7 * min(t0.backlog, t1.backlog)))
    if (
        t0.backlog - both_backlog > t0.distinct_matters - carried
        or t1.backlog - both_backlog > t1.distinct_matters - carried
    ):
        raise ValueError("backlog targets do not fit the carried-over matters")
    matters = [new(i < both_backlog, (y0, y1)) for i in range(carried)]
    matters += [new(i < t0.backlog - both_backlog, (y0,)) for i in range(t0.distinct_matters - carried)]
    matters += [new(i < t1.backlog - both_backlog, (y1,)) for i in range(t1.distinct_matters - carried)]
    return matters


def _deal_repeats(rng: random.Random, year: int, extra: int, present: list[_Matter]) -> None:
    """Give ``extra`` repeat items (重复件) to matters; backlog and old matters draw more."""
    for _ in range(extra):
        weights = [(4.0 if m.backlog else 1.0) * (1.6 if len(m.years) > 1 else 1.0) * m.years[year] ** 0.8
                   for m in present]  # fmt: skip
        rng.choices(present, weights)[0].years[year] += 1


def _year_items(
    rng: random.Random,
    year: int,
    t: YearTarget,
    present: list[_Matter],
    threshold: int,
    calendar: HolidayCalendar | None,
) -> list[_Item]:
    _deal_repeats(rng, year, t.repeat, present)
    accepted = [m for m in present for _ in range(m.years[year])]
    rng.shuffle(accepted)
    accepted.sort(key=lambda m: not m.group)  # groups come in person: they get visits first
    na_letters = t.na_letters
    visits_accepted = t.visit_batches - (t.not_accepted - na_letters)
    items = [_Item(year, "visit" if i < visits_accepted else "letter", m) for i, m in enumerate(accepted)]
    for i in range(t.not_accepted):
        item = _Item(year, "letter" if i < na_letters else "visit", None)
        item.reason = "不属于我县管辖" if item.channel == "letter" or rng.random() < 0.3 else "当面解释"
        item.category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
        item.person = make_person(rng, id_share=0.7)
        items.append(item)
    _persons(rng, [i for i in items if i.channel == "visit"], t, threshold)
    for item in items:
        if item.channel == "letter" and rng.random() < 0.04:
            item.persons = rng.randrange(2, 9)  # a joint letter (联名信)
    days = YearDays(year, calendar)
    for item in items:
        category = item.matter.category if item.matter else item.category
        month = days.month(rng, boost=_WAGE_BOOST if category == "农民工工资" else None)
        item.received_on = days.draw(rng, month, weekend_share=0.03 if item.channel == "visit" else 0.0)
    return items


def _persons(rng: random.Random, visits: list[_Item], t: YearTarget, threshold: int) -> None:
    """Batch sizes (人次) summing exactly to ``visit_persons``, with the collective batches."""
    ranked = sorted(visits, key=lambda i: (not (i.matter and i.matter.group), rng.random()))
    collective, small = ranked[: t.collective_batches], ranked[t.collective_batches :]
    sizes = [min(threshold + int(rng.expovariate(1 / 6)), 45) for _ in collective]
    room = t.visit_persons - len(small)  # persons left after one per small batch
    while sum(sizes) > room and any(s > threshold for s in sizes):
        sizes[sizes.index(max(sizes))] -= 1
    while sum(sizes) + len(small) * (threshold - 1) < t.visit_persons:
        sizes[sizes.index(min(sizes))] += 1
    for item, size in zip(collective, sizes, strict=True):
        item.persons = size
    for item in small:
        item.persons = 1
    left = t.visit_persons - sum(sizes) - len(small)
    growable = [i for i in small if i.persons < threshold - 1]
    while left > 0:
        item = rng.choice(growable)
        item.persons += 1
        left -= 1
        if item.persons >= threshold - 1:
            growable.remove(item)


def _number(rng: random.Random, items: list[_Item], matters: list[_Matter]) -> None:
    """Refs in date order per year (XF-2023-0001); matter refs by first item (SX-2022-0001)."""
    by_matter: dict[int, list[_Item]] = {}
    for item in items:
        if item.matter is not None:
            by_matter.setdefault(id(item.matter), []).append(item)
    for year in sorted({i.year for i in items}):
        this_year = sorted((i for i in items if i.year == year), key=lambda i: (i.received_on, rng.random()))
        for n, item in enumerate(this_year, 1):
            item.ref = f"XF-{year}-{n:04d}"
    # A matter's earliest item is its first petition (初信初访); the later ones are repeats.
    firsts = sorted(((min(by_matter[id(m)], key=lambda i: i.ref), m) for m in matters if id(m) in by_matter),
                    key=lambda pair: pair[0].ref)  # fmt: skip
    counters: dict[int, int] = {}
    for first, matter in firsts:
        matter.first_ref = first.ref
        lone = sum(matter.years.values()) == 1 and not matter.backlog
        if lone and rng.random() < 0.5:
            continue  # an unlinked first petition counts as its own matter (item:<ref>)
        counters[first.year] = counters.get(first.year, 0) + 1
        matter.ref = f"SX-{first.year}-{counters[first.year]:04d}"


def _row(rng: random.Random, item: _Item, threshold: int) -> dict[str, Any]:
    m = item.matter
    person = m.person if m else item.person
    assert person is not None
    category = m.category if m else item.category
    summary, request = summary_for(
        category,
        m.template if m else rng.randrange(8),
        m.fill if m else fill_values(rng),
        persons=item.persons,
        collective=item.channel == "visit" and item.persons >= threshold,
        repeat=m is not None and item.ref != m.first_ref,
        outside=item.reason == "不属于我县管辖",
    )
    row: dict[str, Any] = {
        "ref": item.ref,
        "received_on": item.received_on.isoformat(),
        "channel": item.channel,
        "persons": item.persons,
    }
    if m is not None and m.ref is not None:
        row["matter_ref"] = m.ref
    row["accepted"] = item.reason is None
    if item.reason is not None:
        row["not_accepted_reason"] = item.reason
    row["category"] = category
    row["backlog"] = bool(m and m.backlog)
    row["petitioner"] = person.as_dict()
    row["address"] = person.address
    row["purpose"] = "揭发控告" if category == "村干部作风" else "申诉求决"
    row["summary"] = summary
    row["request"] = request
    return row
