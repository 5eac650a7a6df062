"""The leader-reception year (领导接访): planned from the county's scheme, announced, who took part.

The registrar plans the year from the rules in December (the scheme gives 124 county-led
receptions in 2025 and 357 weekly village half-days), arranges two receptions outside the
rules (带案下访), cancels one Monday for flood duty (防汛), and publishes each month's
notice six days ahead. 125 county-led receptions are then held, as the seed counts them.

Who took part is recorded per reception (参与接访): the planned leaders, accompanying county
leaders and department heads (陪同接访), and at a town the town's cadres, in numbers that give
the seed's person-times (county 311, departments 281, towns 2690 with the village half-days).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from hearing_core.demo import county
from hearing_core.demo.story import Story

__all__ = ["HELD_COUNTY_LED", "PARTICIPATION", "Schedule", "participants_for", "plan_year"]

HELD_COUNTY_LED = 125
PARTICIPATION = {"county": 311, "department": 281, "town": 2690}


class Schedule:
    """The year's receptions after planning: county-led and village ones, by id."""

    def __init__(self, receptions: list[Any], levels: dict[int, str]) -> None:
        self.receptions = sorted(receptions, key=lambda r: (r.day, r.id))
        self.levels = levels  # leader id -> level

    def county_led(self, r: Any) -> bool:
        return any(str(p.level) in ("county", "department") for p in r.participants)

    @property
    def held_county(self) -> list[Any]:
        return [r for r in self.receptions if self.county_led(r)]

    @property
    def villages(self) -> list[Any]:
        return [r for r in self.receptions if not self.county_led(r)]


def _adhoc_days(year: int, taken: set[dt.date], calendar: Any, count: int) -> list[dt.date]:
    """Working Thursdays in spring and autumn for the receptions outside the rules."""
    days: list[dt.date] = []
    for month in (3, 9, 6, 11, 4, 10):
        day = dt.date(year, month, 8)
        while day.weekday() != 3 or day in taken or not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        days.append(day)
        if len(days) == count:
            break
    return sorted(days)


async def plan_year(story: Story) -> Schedule:
    """Plan, adjust and announce the year; sets ``story.reception_days`` (county-led, held)."""
    from hearing_reception.services import leaders, planning

    desk = story.people["registrar"]
    y = story.year
    story.clock.set(dt.date(y - 1, 12, 18), 10)
    async with desk.write():
        outcome = await planning.plan_receptions(desk, dt.date(y, 1, 1), dt.date(y, 12, 31))
    levels = {lead.id: str(lead.level) for lead in await leaders.list_leaders(desk)}
    schedule = Schedule(list(outcome.created), levels)
    county_led = schedule.held_county
    mondays = [r for r in county_led if r.day.weekday() == 0 and r.day.month in (7, 8) and len(r.participants) == 1]
    cancel = 1 + max(0, len(county_led) - HELD_COUNTY_LED)
    cancelled = mondays[:cancel]
    for r in cancelled:
        story.clock.set(r.day - dt.timedelta(days=3), 16)
        await planning.cancel(desk, r.id, "防汛：县领导带队检查水库除险加固工程，本次接访取消")
    story.clock.set(dt.date(y - 1, 12, 18), 11)
    extra = HELD_COUNTY_LED - (len(county_led) - len(cancelled))
    added = []
    for n, day in enumerate(_adhoc_days(y, {r.day for r in county_led}, story.app.calendar, extra)):
        town = county.TOWNS[5 + n % 2]
        code = ("yang-vice", "chen-vice")[n % 2]
        added.append(await planning.create_reception(
            desk, day=day, place=f"{town}综治信访维稳中心", leaders=[code, county.DEPARTMENTS[5 + n % 3][2]],
            title=f"县领导带案下访（{town}）"))
    ids = {r.id for r in cancelled}
    schedule = Schedule([r for r in schedule.receptions if r.id not in ids] + added, levels)
    await _announce(story, schedule)
    story.reception_days = sorted({r.day for r in schedule.held_county})
    story.note("receptions_planned", len(outcome.created) + len(added))
    story.note("receptions_cancelled", len(cancelled))
    story.shared["schedule"] = schedule
    return schedule


async def _announce(story: Story, schedule: Schedule) -> None:
    """Each month's receptions announced six days before the month's first one (接访公示)."""
    from hearing_reception.services import notices

    desk = story.people["registrar"]
    by_month: dict[int, list[Any]] = defaultdict(list)
    for r in schedule.receptions:
        by_month[r.day.month].append(r)
    async with desk.write():
        for month, receptions in sorted(by_month.items()):
            published = min(r.day for r in receptions) - dt.timedelta(days=6)
            story.clock.set(published, 9)
            await notices.publish_notice(desk, [r.id for r in receptions], published_on=published,
                                         doc_number=f"临信访公〔{story.year}〕{month}号")


def participants_for(schedule: Schedule, leader_rows: list[dict[str, Any]], village_count: int) -> dict[int, list[str]]:
    """Leader codes taking part in each county-led reception, giving :data:`PARTICIPATION` exactly."""
    codes = {lvl: [row["code"] for row in leader_rows if row["level"] == lvl] for lvl in ("county", "department")}
    by_id = {row["code"]: row for row in leader_rows}
    receptions = schedule.held_county
    chosen: dict[int, list[str]] = {}
    code_of = {i: c for c, i in ((row["code"], row.get("id")) for row in leader_rows) if i is not None}
    for r in receptions:
        chosen[r.id] = [code_of[p.leader_id] for p in r.participants]
    n = len(receptions)
    for level in ("county", "department"):
        present = sum(1 for codes_ in chosen.values() for c in codes_ if by_id[c]["level"] == level)
        extra = PARTICIPATION[level] - present
        for i, r in enumerate(receptions):
            want = extra // n + (1 if i < extra % n else 0)
            pool = [c for c in codes[level] if c not in chosen[r.id]]
            start = (i * 5) % len(pool)
            chosen[r.id] += (pool[start:] + pool[:start])[:want]
    town_total = PARTICIPATION["town"] - county.TOWN_CADRES * village_count
    assert town_total >= 0, "more village half-days than the seed's town person-times"
    hosts = [r for r in receptions if r.place.endswith("综治信访维稳中心")]
    for i, r in enumerate(hosts):
        want = town_total // len(hosts) + (1 if i < town_total % len(hosts) else 0)
        town_no = county.TOWNS.index(r.place.removesuffix("综治信访维稳中心")) + 1
        chosen[r.id] += [f"t{town_no}-{p + 1}" for p in range(min(want, county.TOWN_CADRES))]
    return chosen
