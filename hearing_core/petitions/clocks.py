"""The statutory clocks of a petition item (信访件期限), computed on read.

Nothing here is stored: every clock is rebuilt from the item's dated events
(:meth:`Disposition.clock_events`) and the active rule profile through
``app.deadline``, so a change of the holiday calendar or of the profile shows
at once. Computations are memoised per (profile fingerprint, calendar
fingerprint, today, rule, start date, extension): a year's register has a few
hundred distinct start dates, so listing tens of thousands of open items
computes a few hundred deadlines.

Which clock starts at which event, and what completes it:

============================  ==============  ====================================  =====
clock                         start event     completed by                          duty
============================  ==============  ====================================  =====
``intake.disposition``        received        accepted, not accepted or routed      yes
``handling.deadline`` (+延期) accepted        opinion issued, routed or concluded   yes
``assignment.report_due``     assigned        completion report (its own due date)  yes
``review.request_window``     opinion served  — (the petitioner's window)           no
``satisfaction.window``       opinion served  — (the rating window, if configured)  no
============================  ==============  ====================================  =====

"Duty" clocks are acts the bureau owes; only they make an item overdue or
appear in ``hearing deadlines due``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.deadlines import Deadline, Extension, Status
from hearing_core.deadlines.model import DEFAULT_DUE_SOON_DAYS, status_on
from hearing_core.errors import HearingError
from hearing_core.petitions.domain import ClockEvent, Disposition, EventKind

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["ASSIGNMENT_RULE", "CLOCKS", "Clock", "ClockSpec", "item_clocks"]

ASSIGNMENT_RULE = "assignment.report_due"
_CACHE_KEY = "petitions.clock_cache"
_CACHE_MAX = 50_000


@dataclass(frozen=True)
class ClockSpec:
    rule_id: str
    start: EventKind
    completed_by: tuple[EventKind, ...]
    duty: bool


CLOCKS: tuple[ClockSpec, ...] = (
    ClockSpec("intake.disposition", EventKind.RECEIVED,
              (EventKind.ACCEPTED, EventKind.NOT_ACCEPTED, EventKind.ROUTED), True),
    ClockSpec("handling.deadline", EventKind.ACCEPTED,
              (EventKind.OPINION_ISSUED, EventKind.ROUTED, EventKind.CONCLUDED), True),
    ClockSpec(ASSIGNMENT_RULE, EventKind.ASSIGNED, (EventKind.COMPLETION_REPORTED,), True),
    ClockSpec("review.request_window", EventKind.OPINION_SERVED, (), False),
    ClockSpec("satisfaction.window", EventKind.OPINION_SERVED, (), False),
)


@dataclass(frozen=True)
class Clock:
    """One clock of one item: the engine's :class:`Deadline` (if computed) and its standing."""

    rule_id: str
    title: str
    duty: bool
    start_event: str
    start_date: dt.date
    due: dt.date | None
    status: str
    days_remaining: int | None
    completed_on: dt.date | None
    source: str
    deadline: Deadline | None = None
    note: str = ""

    @property
    def open_and_overdue(self) -> bool:
        return self.duty and self.completed_on is None and self.status == Status.OVERDUE

    def as_dict(self, *, explain: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "title": self.title,
            "duty": self.duty,
            "start_event": self.start_event,
            "start_date": self.start_date.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "days_remaining": self.days_remaining,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "source": self.source,
            "extended_by": self.deadline.extended_by if self.deadline else 0,
            "note": self.note,
        }
        if explain:
            data["explanation"] = self.deadline.explanation.as_dict() if self.deadline else None
            data["explanation_text"] = self.deadline.explanation.to_text("zh") if self.deadline else self.note
        return data


def _cache(app: HearingApp) -> dict[tuple[Any, ...], Deadline]:
    cache: dict[tuple[Any, ...], Deadline] = app.state.setdefault(_CACHE_KEY, {})
    if len(cache) > _CACHE_MAX:
        cache.clear()
    return cache


def _deadline(app: HearingApp, rule_id: str, start: dt.date, ext_days: int | None) -> Deadline:
    """``app.deadline`` memoised; the key holds both fingerprints, so stale entries are never hit.

    The cached deadline's status is for the day it was computed: callers re-evaluate it.
    """
    key = (app.profile.fingerprint(), app.calendar.fingerprint(), rule_id, start, ext_days)
    cache = _cache(app)
    found = cache.get(key)
    if found is None:
        extensions = [Extension(ext_days)] if ext_days else []
        found = app.deadline(rule_id, start, extensions=extensions)
        cache[key] = found
    return found


def _first(events: list[ClockEvent], kinds: tuple[EventKind, ...], start: dt.date) -> dt.date | None:
    dates = [e.on for e in events if e.kind in kinds and e.on >= start]
    return min(dates) if dates else None


def item_clocks(
    app: HearingApp, disposition: Disposition, *, today: dt.date | None = None, duty_only: bool = False
) -> list[Clock]:
    """Every clock the item's events have started, evaluated for ``today`` (default: app today)."""
    today = today or app.today()
    events = disposition.clock_events()
    by_kind = {e.kind: e for e in events}
    extension = by_kind.get(EventKind.EXTENDED)
    clocks: list[Clock] = []
    for spec in CLOCKS:
        if duty_only and not spec.duty:
            continue
        start = by_kind.get(spec.start)
        if start is None:
            continue
        completed = _first(events, spec.completed_by, start.on) if spec.completed_by else None
        if spec.rule_id == ASSIGNMENT_RULE:
            clocks.append(_assignment_clock(start, completed, today))
            continue
        ext_days = extension.days if extension is not None and spec.rule_id == "handling.deadline" else None
        try:
            deadline = _deadline(app, spec.rule_id, start.on, ext_days)
        except HearingError as exc:
            # An unconfigured window (requires_config) or a year without holiday data:
            # show why instead of hiding the item or failing the whole list.
            rule = app.profile.rules.get(spec.rule_id)
            clocks.append(Clock(spec.rule_id, rule.title_zh if rule else spec.rule_id, spec.duty,
                                str(spec.start), start.on, None, "unavailable", None, completed,
                                rule.source if rule else "", None, exc.detail))
            continue
        # The cached deadline's dates and explanation hold; its standing is for today and this item.
        status, remaining = status_on(deadline.due, today, completed, deadline.due_soon_days)
        clocks.append(Clock(
            spec.rule_id, deadline.rule_title, spec.duty, str(spec.start), start.on, deadline.due,
            str(status), remaining, completed, deadline.source, deadline,
        ))
    return clocks


def _assignment_clock(start: ClockEvent, completed: dt.date | None, today: dt.date) -> Clock:
    """交办 report: the bureau sets the date in the assignment; no profile rule applies."""
    due = start.due_on
    status, remaining = status_on(due, today, completed, DEFAULT_DUE_SOON_DAYS)
    return Clock(ASSIGNMENT_RULE, "交办件办结报告期限", True, str(start.kind), start.on, due, str(status),
                 remaining, completed, "交办通知（本局确定的报告期限）")


def is_overdue(clocks: list[Clock]) -> bool:
    return any(c.open_and_overdue for c in clocks)
