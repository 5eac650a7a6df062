"""The synthetic register: the seed year counts exactly to the seed summary, deterministically."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from report_fixtures import seed

from hearing_core.deadlines import HolidayCalendar
from hearing_core.petitions.domain import (
    ImportFormat,
    ImportParser,
    PreviousYear,
    annual_figures,
    default_catalog,
    id_number_error,
    phone_error,
    tally,
)
from hearing_core.seeddata import SEED_YEAR, YearTarget, bulk_records, bulk_rows, seed_dataset, write_jsonl

SEED_CATEGORIES = {
    "土地征收",
    "房屋拆迁",
    "企业改制",
    "农民工工资",
    "涉法涉诉",
    "山林矿山滩涂权属",
    "环境污染",
    "村干部作风",
}


def parsed(path: Path) -> list:
    parser = ImportParser(ImportFormat.JSONL, catalog=default_catalog(), today=date(2024, 1, 15))
    rows = list(parser.rows(path))
    parser.raise_if_failed()
    return rows


def test_seed_year_gives_the_seed_figures_through_the_import_parser(tmp_path: Path) -> None:
    data = seed()
    path = tmp_path / "seed.jsonl"
    assert data.write_jsonl(path) == len(data.rows) == 632 + 595
    rows = parsed(path)
    catalog = default_catalog()
    years = {}
    for year in (2022, 2023):
        records = (r.tally_record() for r in rows if r.item.received_on.year == year)
        years[year] = tally(records, year=year, collective_threshold=5)
    before = annual_figures(years[2022], catalog=catalog, collective_threshold=5)
    assert (before.accepted, before.distinct_matters) == (534, 311)
    f = annual_figures(years[2023], PreviousYear(before.accepted, before.distinct_matters), catalog=catalog,
                       collective_threshold=5)  # fmt: skip
    assert (f.total, f.letters, f.visit_batches, f.visit_persons) == (632, 199, 433, 1134)
    assert (f.not_accepted, f.accepted, f.repeat, f.distinct_matters, f.backlog) == (66, 566, 218, 348, 52)
    assert (f.backlog_share_pct, f.accepted_yoy_pct, f.distinct_yoy_pct) == (
        Decimal("14.9"),
        Decimal("6.0"),
        Decimal("11.9"),
    )
    assert f.phone == f.online == f.other_channels == 0
    assert (
        f.collective_batches == SEED_YEAR.collective_batches
        and f.collective_persons >= 5 * f.collective_batches
    )
    assert data.expected()["distinct_matters"] == 348 and data.expected(2022)["accepted"] == 534


def test_rows_look_like_a_county_register() -> None:
    rows = seed().rows
    ids = [r["petitioner"]["id_number"] for r in rows if "id_number" in r["petitioner"]]
    assert len(ids) > 0.8 * len(rows) and all(
        id_number_error(n, today=date(2024, 1, 15)) is None for n in ids
    )
    phones = [r["petitioner"]["phone"] for r in rows if "phone" in r["petitioner"]]
    assert phones and all(phone_error(p) is None for p in phones)
    names = {r["petitioner"]["name"] for r in rows}
    assert len(names) > 300 and all(2 <= len(n) <= 3 for n in names)
    assert SEED_CATEGORIES <= {r["category"] for r in rows}
    assert {r["not_accepted_reason"] for r in rows if not r["accepted"]} == {"不属于我县管辖", "当面解释"}
    collective = [r for r in rows if r["channel"] == "visit" and r["persons"] >= 5]
    assert collective and all(r["summary"].startswith(f"{r['persons']}人集体来访") for r in collective)
    repeats = [r for r in rows if "再次" in r["summary"]]
    assert len(repeats) > 300
    # A matter keeps its category and petitioner; its first item comes first.
    by_matter: dict[str, list[dict]] = {}
    for r in rows:
        if "matter_ref" in r:
            by_matter.setdefault(r["matter_ref"], []).append(r)
    for items in by_matter.values():
        assert len({(i["category"], i["petitioner"]["name"], i["backlog"]) for i in items}) == 1
        assert "再次" not in min(items, key=lambda i: (i["received_on"], i["ref"]))["summary"]
    assert sum(1 for r in rows if r["accepted"] and "matter_ref" not in r) > 20  # unlinked first petitions


def test_dates_spread_over_the_year_mostly_on_working_days() -> None:
    calendar = HolidayCalendar()
    rows = [r for r in seed_dataset(2023, calendar=calendar).rows if r["received_on"].startswith("2023")]
    days = [date.fromisoformat(r["received_on"]) for r in rows]
    months = Counter(d.month for d in days)
    assert len(months) == 12 and max(months.values()) > 1.6 * min(months.values())
    working = [calendar.is_working_day(d) for d in days]
    assert sum(working) / len(days) > 0.97
    letters_off = [
        d
        for d, r in zip(days, rows, strict=True)
        if r["channel"] == "letter" and not calendar.is_working_day(d)
    ]
    assert letters_off == []


def test_deterministic_for_a_seed_and_different_for_another() -> None:
    assert seed_dataset(2023).rows == seed().rows
    other = seed_dataset(2023, seed=7).rows
    assert other != seed().rows and len(other) == len(seed().rows)


def test_other_targets_and_impossible_ones() -> None:
    small = YearTarget(letters=20, visit_batches=30, visit_persons=70, not_accepted=5, distinct_matters=30,
                       backlog=4, collective_batches=2)  # fmt: skip
    data = seed_dataset(2030, current=small, previous=None)
    assert len(data.rows) == 50 and {r["received_on"][:4] for r in data.rows} == {"2030"}
    with pytest.raises(ValueError, match="backlog exceeds distinct_matters"):
        seed_dataset(2030, current=YearTarget(10, 10, 10, 0, 5, backlog=6), previous=None)
    with pytest.raises(ValueError, match="visit_persons must lie in"):
        seed_dataset(2030, current=YearTarget(10, 10, 9, 0, 5), previous=None)


def test_bulk_records_stream_with_the_seed_proportions(tmp_path: Path) -> None:
    n = 20_000
    records = list(bulk_records(n, year=2023))
    assert len(records) == n and records == list(bulk_records(n, year=2023))
    assert [r.received_on for r in records] == sorted(r.received_on for r in records)
    assert {r.received_on.year for r in records} == {2022, 2023}
    accepted = [r for r in records if r.accepted]
    distinct = {r.matter_ref for r in accepted}
    assert abs(len(distinct) / len(accepted) - 348 / 566) < 0.01
    assert abs(sum(1 for r in records if r.channel == "letter") / n - 199 / 632) < 0.02
    backlog = {r.matter_ref for r in accepted if r.backlog}
    assert abs(len(backlog) / len(distinct) - 52 / 348) < 0.02
    assert all(id_number_error(r.petitioner_id_number) is None for r in records[:2000])
    path = tmp_path / "bulk.jsonl"
    assert write_jsonl(bulk_rows(3000), path) == 3000
    assert len(parsed(path)) == 3000
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert first["category"] in {"土地征收", "房屋拆迁"} | SEED_CATEGORIES | {r.category for r in records}
