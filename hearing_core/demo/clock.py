"""The demo's clock (演示时钟): every act of the demo year happens on its own day.

Services read the time from ``app.clock``; the build sets it to the day of each act
(China time) and it ticks one second per reading, so records made in one sitting
(a hearing's record, the audit log) run forward like a real morning's work.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["CST", "BuildClock", "at"]

CST = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment of ``day`` in China time."""
    return dt.datetime.combine(day, dt.time(hour, minute), CST)


class BuildClock:
    """A settable clock that moves one second forward on every reading."""

    def __init__(self, day: dt.date, hour: int = 17) -> None:
        self.now = at(day, hour)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now

    def set(self, day: dt.date, hour: int = 9, minute: int = 0) -> None:
        self.now = at(day, hour, minute)

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(CST).date()
