"""The state one demo build carries from step to step (演示构建上下文)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.demo.clock import BuildClock
    from hearing_core.demo.people import People
    from hearing_core.demo.register_plan import RegisterPlan

__all__ = ["Story", "demo_today"]


def demo_today(year: int) -> dt.date:
    """The demo's "today": the second Monday of January after the demo year (the year is closed)."""
    day = dt.date(year + 1, 1, 8)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


@dataclass
class Story:
    """Everything the steps share: the app, its clock, the people, and what was made (for the summary)."""

    app: HearingApp
    clock: BuildClock
    people: People
    year: int
    seed: int
    documents: Path
    plugins: set[str]
    plan: RegisterPlan | None = None
    #: Days of the county-led receptions held in the year (the leader-reception step sets them).
    reception_days: list[dt.date] = field(default_factory=list)
    #: What the summary prints and the tutorial refers to: name -> value (ids, refs, counts).
    made: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    #: Objects one step hands to a later one (e.g. the reception schedule).
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return demo_today(self.year)

    def has(self, plugin: str, what: str) -> bool:
        """Whether ``plugin`` is loaded; if not, note that ``what`` is missing from the demo."""
        if plugin in self.plugins:
            return True
        self.missing.append(f"{what} (plugin '{plugin}' not loaded)")
        return False

    def at_today(self) -> None:
        self.clock.set(self.today, 17)

    def file(self, *parts: str) -> Path:
        path = self.documents.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def note(self, key: str, value: Any) -> None:
        self.made[key] = value


def in_year(year: int, day: dt.date) -> dt.date:
    """``day`` kept inside ``year`` (acts of the year stay in its statistics)."""
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 30))


def plain(value: Any) -> Any:
    """JSON-able copy of service results (dates as ISO strings)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
