"""Statutory deadlines (法定期限): holiday calendar, rule profiles and the deadline engine.

Pure Python, no database. Typical use::

    from hearing_core.deadlines import HolidayCalendar, compute, load_profile

    profile = load_profile("guangdong")
    calendar = HolidayCalendar.from_file(settings.holiday_overrides)  # or HolidayCalendar()
    deadline = compute(profile.rule("handling.deadline"), accepted_on, calendar)
    deadline.due, deadline.status, deadline.explanation.to_text("zh")
"""

from __future__ import annotations

from hearing_core.deadlines.calendar import DayInfo, DayKind, HolidayCalendar
from hearing_core.deadlines.engine import check_window, compute
from hearing_core.deadlines.explain import Explanation, Step
from hearing_core.deadlines.model import Deadline, Extension, Pause, Status, WindowCheck
from hearing_core.deadlines.overrides import YearSchedule
from hearing_core.deadlines.profiles import (
    DEFAULT_PROFILE,
    Profile,
    ProfileInfo,
    available_profiles,
    load_profile,
)
from hearing_core.deadlines.rules import Direction, Param, Rule, Unit

__all__ = [
    "DEFAULT_PROFILE", "DayInfo", "DayKind", "Deadline", "Direction", "Explanation", "Extension",
    "HolidayCalendar", "Param", "Pause", "Profile", "ProfileInfo", "Rule", "Status", "Step", "Unit",
    "WindowCheck", "YearSchedule", "available_profiles", "check_window", "compute", "load_profile",
]
