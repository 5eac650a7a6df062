"""The register of the demo year (登记簿): the seed register imported, and the backlog ledger.

The registrar imports the register file through the register's import service (the same
call as ``hearing petitions import``); the seed's backlog matters arrive flagged, and the
handling officer puts fourteen of them on the ledger with their owning leaders — six
assigned by the provincial and eight by the municipal joint-conference office, as in the
seed summary's part (四) — with plans, monthly progress and outcomes.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from hearing_core.demo.county import DEPARTMENTS
from hearing_core.demo.story import Story, in_year

if TYPE_CHECKING:
    from hearing_core.demo.register_plan import RegisterPlan

__all__ = ["import_register", "keep_backlog_ledger"]

_LEADERS = ("周平（县委副书记）", "吴刚（常务副县长）", "郑华（县委常委、政法委书记）", "冯军（副县长）", "杨帆（副县长）")


async def import_register(story: Story, plan: RegisterPlan) -> None:
    """Write the register file (JSON Lines) and import it as the registrar."""
    from hearing_core.petitions.service.importer import import_file
    from hearing_core.seeddata import write_jsonl

    path = story.file("import", f"登记簿-{story.year - 1}-{story.year}.jsonl")
    write_jsonl(plan.imported, path)
    story.at_today()
    result = await import_file(story.people["registrar"], path)
    story.note("register_file", str(path))
    story.note("imported_items", result.created)


def _backlog_matters(plan: RegisterPlan, year: int) -> list[str]:
    """Backlog matters with items in the year, in order of their first item."""
    seen: dict[str, None] = {}
    for row in plan.imported:
        if row["backlog"] and row.get("matter_ref") and row["received_on"].startswith(str(year)):
            seen.setdefault(row["matter_ref"], None)
    return list(seen)


async def keep_backlog_ledger(story: Story, plan: RegisterPlan) -> None:
    """Fourteen matters on the ledger: listed in March, plans, monthly progress, most resolved by December."""
    from hearing_core.petitions.service import backlog

    officer = story.people["handling_officer"]
    matters = _backlog_matters(plan, story.year)
    rng = random.Random(story.seed + 4)
    chosen = sorted(rng.sample(matters, 14), key=matters.index)
    y = story.year
    story.at_today()
    async with officer.write():
        for n, ref in enumerate(chosen):
            origin = "provincial" if n < 6 else "municipal"
            unit = DEPARTMENTS[n % len(DEPARTMENTS)][1]
            listed = dt.date(y, 3, 8) if n < 10 else dt.date(y, 6, 21)
            await backlog.add_case(
                officer, ref, owning_leader=_LEADERS[n % len(_LEADERS)], responsible_unit=unit,
                responsible_person=DEPARTMENTS[n % len(DEPARTMENTS)][3], time_limit=dt.date(y, 11, 30),
                origin=origin, listed_on=listed,
                plan="一案一册，包案领导牵头，责任单位核实诉求，依法依规提出化解方案，每月报告进展。")
            for month in range(listed.month + 1, 12):
                if month % 3 == 0 or month == listed.month + 1:
                    story.clock.set(dt.date(y, month, 28))
                    await backlog.record_progress(officer, ref, f"{month}月：已约谈信访人，责任单位正在核实相关情况。",
                                                  month=dt.date(y, month, 1))
            story.at_today()
            # Province: five of six ceased petitioning; city: four ceased, two resolved (seed, part 四).
            if (n < 6 and n != 5) or 6 <= n < 10:
                await backlog.cease(officer, ref, on=in_year(y, dt.date(y, 10 + n % 3, 10 + n)))
            elif n in (10, 11):
                await backlog.resolve(officer, ref, on=dt.date(y, 12, 5 + n))
    story.note("backlog_ledger", chosen)
