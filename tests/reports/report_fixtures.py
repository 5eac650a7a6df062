"""Helpers of the annual-report tests: the seed dataset, expected sentences and figures, importing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hearing_core.seeddata import SeedDataset, seed_dataset

#: The seed summary's part 一(一), as the report must write it (one decimal for percentages).
SEED_SENTENCES = (
    "2023年群众来信来访共632件，其中来信199件；来访433批1134人次",
    "扣除不属于我县管辖或当面解释不予转办的信访件66件，全年实际受理群众来信来访566件，"
    "与去年受理的总件数534件相比上升6.0%。",
    "重复来信来访件218件，信访纯件数348件（积案52件占信访纯件数的14.9%），"
    "与去年受理的信访纯件数311件相比上升11.9%。",
)
#: The figures of the seed year (the JSON report's ``figures``).
SEED_FIGURES = {
    "total": 632, "letters": 199, "visit_batches": 433, "visit_persons": 1134, "not_accepted": 66,
    "accepted": 566, "repeat": 218, "distinct_matters": 348, "backlog": 52, "backlog_share_pct": "14.9",
    "previous_accepted": 534, "previous_distinct_matters": 311, "accepted_yoy_pct": "6.0",
    "distinct_yoy_pct": "11.9",
}  # fmt: skip
CST = dt.timezone(dt.timedelta(hours=8))

_SEED: list[SeedDataset] = []


def seed() -> SeedDataset:
    """The seed dataset (generated once per test session: it is deterministic)."""
    if not _SEED:
        _SEED.append(seed_dataset(2023))
    return _SEED[0]


def set_today(app: Any, day: dt.date) -> None:
    moment = dt.datetime.combine(day, dt.time(10, 0), CST)
    app.clock = lambda: moment


def write_profile(settings: Any, name: str, period_end: str) -> None:
    """An instance profile extending national with another statistical year end."""
    profiles = Path(settings.data_dir) / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    text = (
        f'name = "{name}"\ntitle = "测试县统计口径"\nextends = "national"\n\n'
        f'[params.statistics.period_end]\nvalue = "{period_end}"\nsource = "测试县信访局统计制度"\n'
        'confidence = "D"\n'
    )
    (profiles / f"{name}.toml").write_text(text, encoding="utf-8")


async def admin_of(app: Any) -> Any:
    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    return ServiceContext(app, await actor_by_username(app, "admin"))


async def import_rows(app: Any, rows: Any, path: Path) -> Any:
    """Import JSON Lines rows through the register's import service, as the administrator."""
    from hearing_core.petitions.service.importer import import_file
    from hearing_core.seeddata import write_jsonl

    write_jsonl(rows, path)
    return await import_file(await admin_of(app), path)


def python_year_data(rows: Any, period: Any, *, threshold: int = 5) -> Any:
    """The counts of one statistical year computed in Python from import rows (the cross-check of the SQL)."""
    from collections import Counter, defaultdict

    from hearing_core.petitions.domain import default_catalog, tally
    from hearing_core.petitions.domain.statistics import CHANNEL_BUCKET
    from hearing_core.reports.assemble import YearData

    catalog = default_catalog()
    inside = [r for r in rows if period.start <= r.item.received_on <= period.end]
    counts = tally((r.tally_record() for r in inside), year=period.year, collective_threshold=threshold)
    monthly: dict[str, list[int]] = defaultdict(lambda: [0] * 12)
    reasons: Counter[str] = Counter()
    matters: dict[str, set[str]] = defaultdict(set)
    for r in inside:
        bucket, month = CHANNEL_BUCKET[r.item.channel], period.month_index(r.item.received_on)
        monthly[bucket][month] += 1
        if bucket == "visit_batches":
            monthly["visit_persons"][month] += r.item.persons
        if not r.accepted:
            reasons[r.not_accepted_reason.value if r.not_accepted_reason else ""] += 1
        else:
            top = catalog.top_level(r.item.category).code if r.item.category else "other"
            matters[top].add(r.tally_record().matter_key)
    by_top: Counter[str] = Counter()
    for code, n in counts.by_category.items():
        by_top[catalog.top_level(code).code] += n
    counts = type(counts)(**{**counts.__dict__, "by_category": dict(by_top)})
    return YearData(counts, dict(monthly), dict(reasons), {k: len(v) for k, v in matters.items()})


def parsed_seed_rows(tmp_path: Path) -> list[Any]:
    from hearing_core.petitions.domain import ImportFormat, ImportParser, default_catalog

    path = tmp_path / "seed.jsonl"
    seed().write_jsonl(path)
    parser = ImportParser(ImportFormat.JSONL, catalog=default_catalog(), today=dt.date(2024, 1, 15))
    rows = list(parser.rows(path))
    parser.raise_if_failed()
    return rows


def python_report(
    rows: list[Any], year: int = 2023, *, period_end: str = "12-31", sections: Any = ()
) -> dict[str, Any]:
    """The seed report assembled from Python counts (no database)."""
    from hearing_core.petitions.domain import default_catalog
    from hearing_core.reports.assemble import build_report
    from hearing_core.reports.period import stat_period

    current, before = stat_period(year, period_end), stat_period(year - 1, period_end)
    return build_report(
        current, python_year_data(rows, current), python_year_data(rows, before),
        organ_name="县信访局", catalog=default_catalog(), collective_threshold=5, sections=sections,
    )  # fmt: skip


def seed_instance(settings: Any, path: Path) -> None:
    """Import the seed year into the (initialised) instance of ``settings``, outside any event loop."""
    import asyncio

    from hearing_core.app import HearingApp
    from hearing_core.db.migrations import upgrade
    from hearing_core.plugins import get_plugin_manager

    async def work() -> None:
        app = HearingApp(settings, pm=get_plugin_manager(only=()))
        async with app.running():
            await upgrade(app.db, app.app_configs)
            await import_rows(app, seed().rows, path)

    asyncio.run(work())
