"""Building the demo instance (构建演示实例): one step per part of the bureau's year.

Each step drives the services of its domain as the user whose job it is; nothing writes a
table directly. Steps whose plugin is not loaded are skipped and named in the summary. The
clock is the demo's own (:mod:`hearing_core.demo.clock`): the same year and seed give the
same instance, the same annual report JSON.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hearing_core.demo.clock import BuildClock
from hearing_core.demo.instance import loaded_plugins, open_app
from hearing_core.demo.story import Story, demo_today

if TYPE_CHECKING:
    from hearing_core.demo.instance import DemoInstance

__all__ = ["BuildResult", "build_demo"]

Echo = Callable[[str], None]


@dataclass
class BuildResult:
    year: int
    seed: int
    seconds: float
    steps: list[tuple[str, float]] = field(default_factory=list)
    made: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


async def _setup(story: Story) -> None:
    from hearing_core.demo import setup

    await setup.configure(story)


async def _register(story: Story) -> None:
    from hearing_core.demo import register_plan, register_year

    story.plan = register_plan.plan_register(story.year, story.seed, story.reception_days)
    await register_year.import_register(story, story.plan)
    await register_year.keep_backlog_ledger(story, story.plan)


async def _centre(story: Story) -> None:
    if story.has("mediation", "service centre and mediation"):
        from hearing_core.demo import centre

        await centre.run_centre(story)


async def _receptions(story: Story) -> None:
    if story.has("reception", "leader reception"):
        from hearing_core.demo import receptions

        await receptions.hold_year(story)
        await receptions.plan_next_quarter(story)


async def _reviews(story: Story) -> None:
    if story.has("review", "review and re-review"):
        from hearing_core.demo import reviews

        await reviews.run_reviews(story)


async def _hearings(story: Story) -> None:
    from hearing_core.demo import hearings

    await hearings.run_hearings(story)


async def _documents(story: Story) -> None:
    from hearing_core.demo import documents

    await documents.make_documents(story)


async def _plan_receptions(story: Story) -> None:
    if story.has("reception", "leader reception"):
        from hearing_core.demo import receptions

        await receptions.plan_year(story)


#: The steps, in order. Receptions are planned before the register is dealt (visits are dated
#: on reception days) and held after it is imported (visits are linked to their items).
STEPS: tuple[tuple[str, Callable[[Story], Awaitable[None]]], ...] = (
    ("county, users, centre, organs, leaders", _setup),
    ("reception plan of the year", _plan_receptions),
    ("register import and backlog ledger", _register),
    ("service centre and mediation", _centre),
    ("leader receptions held", _receptions),
    ("review and re-review", _reviews),
    ("hearings", _hearings),
    ("documents and PDF import", _documents),
)


async def build_demo(instance: DemoInstance, year: int, seed: int, echo: Echo) -> BuildResult:
    """Build the demo year into ``instance`` (already prepared: config and profile written)."""
    from hearing_core.db.migrations import upgrade
    from hearing_core.demo.people import create_users

    began = time.perf_counter()
    app = open_app(instance.settings)
    clock = BuildClock(demo_today(year))
    app.clock = clock
    result = BuildResult(year, seed, 0.0)
    async with app.running():
        await upgrade(app.db, app.app_configs)
        t = time.perf_counter()
        people = await create_users(app)
        result.steps.append(("users", time.perf_counter() - t))
        story = Story(app, clock, people, year, seed, instance.documents_dir, loaded_plugins(app))
        for name, step in STEPS:
            t = time.perf_counter()
            echo(f"  {name} …")
            await step(story)
            result.steps.append((name, time.perf_counter() - t))
        result.made, result.missing = story.made, story.missing
    result.seconds = time.perf_counter() - began
    return result
