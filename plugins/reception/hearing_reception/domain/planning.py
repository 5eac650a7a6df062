"""Leaders, reception rules and the reception calendar (接访计划) they produce.

:func:`plan` turns rules and the leader register into planned receptions for a
date range. Who receives is part of the rule:

* an explicit leader list (县委书记; 县长),
* every active leader of some levels (县领导和县直部门领导),
* a rota (轮值表): one leader per week, in turn from the rota start,

and where: one fixed place, or ``paired`` — one reception per paired town or unit
with the leaders paired to it (挂钩镇定点接访, 包村接访).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from hearing_core.errors import FieldError
from hearing_reception.domain.recurrence import Occurrence, Recurrence, WorkingDays, occurrences
from hearing_reception.domain.vocab import LEVEL_RANK, SESSION_TIMES, Level, PlaceMode, RuleKind, Session

__all__ = ["CODE_RE", "Leader", "PlanResult", "PlannedReception", "RuleSpec", "plan", "plan_key"]

#: Codes of leaders and rules: short handles used on the command line (``wang-sec``).
CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
UNIT_PLACEHOLDER = "{unit}"


@dataclass(frozen=True)
class Leader:
    """A receiving leader (接访领导) and the town or unit they are paired with (挂钩单位)."""

    id: int | None
    code: str
    name: str
    post: str  # 职务, e.g. 县委书记
    level: Level
    portfolio: str = ""  # 分管工作
    paired_unit: str = ""  # 挂钩镇/单位/村
    unit: str = ""  # 所在单位
    username: str = ""  # the leader's user account, if any
    active: bool = True
    version: int = 1

    def problems(self) -> list[FieldError]:
        errors = []
        if not CODE_RE.fullmatch(self.code):
            errors.append(FieldError("code", "1-40 letters, digits, '.', '_' or '-', starting with a letter or digit"))
        for name, value, limit in (("name", self.name, 100), ("post", self.post, 100)):
            if not value.strip():
                errors.append(FieldError(name, "is required"))
            elif len(value) > limit:
                errors.append(FieldError(name, f"must be at most {limit} characters"))
        for name, value in (("portfolio", self.portfolio), ("paired_unit", self.paired_unit), ("unit", self.unit)):
            if len(value) > 200:
                errors.append(FieldError(name, "must be at most 200 characters"))
        return errors


@dataclass(frozen=True)
class RuleSpec:
    """A reception rule (接访规则): when, who, where, and for which period it applies."""

    id: int | None
    code: str
    title: str
    recurrence: Recurrence
    session: Session = Session.DAY
    start_time: time | None = None
    end_time: time | None = None
    place_mode: PlaceMode = PlaceMode.FIXED
    #: Fixed place, or for ``paired`` a pattern where ``{unit}`` is the paired unit.
    place: str = ""
    leader_ids: tuple[int, ...] = ()
    levels: tuple[Level, ...] = ()
    rota: tuple[int, ...] = ()
    rota_start: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    active: bool = True
    version: int = 1

    def problems(self) -> list[FieldError]:
        errors = list(self.recurrence.problems())
        if not CODE_RE.fullmatch(self.code):
            errors.append(FieldError("code", "1-40 letters, digits, '.', '_' or '-', starting with a letter or digit"))
        if not self.title.strip() or len(self.title) > 200:
            errors.append(FieldError("title", "is required, at most 200 characters"))
        if len(self.place) > 200:
            errors.append(FieldError("place", "must be at most 200 characters"))
        if self.place_mode is PlaceMode.FIXED and not self.place.strip():
            errors.append(FieldError("place", "a fixed-place rule needs its place"))
        if self.rota and (self.leader_ids or self.levels):
            errors.append(FieldError("rota", "a rota names the leaders itself; give no leaders or levels with it"))
        if self.rota and self.recurrence.kind is not RuleKind.WEEKDAY:
            errors.append(FieldError("rota", "only weekday rules rotate (每周轮值)"))
        if self.rota and self.place_mode is PlaceMode.PAIRED:
            errors.append(FieldError("rota", "a rota receives at one fixed place"))
        if not (self.rota or self.leader_ids or self.levels):
            errors.append(FieldError("leaders", "name the leaders, their levels, or a rota"))
        if self.recurrence.kind is RuleKind.HALF_DAYS_WEEKLY and self.session is Session.DAY:
            errors.append(FieldError("session", "half-day receptions are in the morning (am) or afternoon (pm)"))
        start, end = self.times
        if end <= start:
            errors.append(FieldError("end_time", "must be after the start time"))
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            errors.append(FieldError("effective_to", "is before effective_from"))
        return errors

    @property
    def times(self) -> tuple[time, time]:
        default_start, default_end = SESSION_TIMES[self.session]
        return self.start_time or default_start, self.end_time or default_end

    def place_for(self, unit: str) -> str:
        if self.place_mode is PlaceMode.FIXED:
            return self.place
        pattern = self.place or UNIT_PLACEHOLDER
        return pattern.replace(UNIT_PLACEHOLDER, unit) if UNIT_PLACEHOLDER in pattern else f"{unit}{pattern}"


@dataclass(frozen=True)
class PlannedReception:
    """One reception the plan produces (not stored yet)."""

    rule_id: int | None
    plan_key: str
    nominal_date: date
    day: date
    moved_because: str | None
    session: Session
    start_time: time
    end_time: time
    place: str
    paired_unit: str
    #: Participating leader ids, the lead (带班领导) first.
    leader_ids: tuple[int, ...]
    lead_level: Level


@dataclass
class PlanResult:
    """Planned receptions plus what the rules could not place (shown to the planner)."""

    receptions: list[PlannedReception] = field(default_factory=list)
    #: ``(rule code, message)`` pairs: a leader without a paired unit, a rule without leaders.
    warnings: list[tuple[str, str]] = field(default_factory=list)


def plan_key(rule_id: int | None, nominal: date, unit: str) -> str:
    """Identity of a planned occurrence: replanning never creates it twice."""
    return f"rule{rule_id}/{nominal.isoformat()}/{unit or '-'}"


def _ordered(leaders: list[Leader]) -> list[Leader]:
    return sorted(leaders, key=lambda lead: (LEVEL_RANK[lead.level], lead.id or 0))


def _groups(rule: RuleSpec, occ: Occurrence, leaders: dict[int, Leader], warn: list[tuple[str, str]]) -> list[tuple[str, list[Leader]]]:
    """``(paired unit, leaders)`` groups receiving at one occurrence."""
    if rule.rota:
        on_rota = [leaders[i] for i in rule.rota if i in leaders and leaders[i].active]
        if not on_rota:
            return []
        return [("", [on_rota[occ.week % len(on_rota)]])]
    chosen = {i: leaders[i] for i in rule.leader_ids if i in leaders and leaders[i].active}
    for leader in leaders.values():
        if leader.active and leader.level in rule.levels and leader.id is not None:
            chosen[leader.id] = leader
    if rule.place_mode is PlaceMode.FIXED:
        return [("", _ordered(list(chosen.values())))] if chosen else []
    by_unit: dict[str, list[Leader]] = {}
    for leader in chosen.values():
        if not leader.paired_unit:
            warn.append((rule.code, f"{leader.name}（{leader.code}）未登记挂钩单位，未安排"))
            continue
        by_unit.setdefault(leader.paired_unit, []).append(leader)
    return [(unit, _ordered(group)) for unit, group in sorted(by_unit.items())]


def plan(rules: list[RuleSpec], leaders: list[Leader], calendar: WorkingDays, start: date, end: date) -> PlanResult:
    """Every reception the active rules produce with nominal dates in ``start``..``end``."""
    by_id = {lead.id: lead for lead in leaders if lead.id is not None}
    result = PlanResult()
    for rule in rules:
        if not rule.active:
            continue
        first = max(start, rule.effective_from) if rule.effective_from else start
        last = min(end, rule.effective_to) if rule.effective_to else end
        if last < first:
            continue
        found = 0
        for occ in occurrences(rule.recurrence, first, last, calendar, rota_start=rule.rota_start):
            begin, finish = rule.times
            for unit, group in _groups(rule, occ, by_id, result.warnings):
                found += 1
                result.receptions.append(
                    PlannedReception(
                        rule_id=rule.id,
                        plan_key=plan_key(rule.id, occ.nominal, unit),
                        nominal_date=occ.nominal,
                        day=occ.day,
                        moved_because=occ.moved_because,
                        session=rule.session,
                        start_time=begin,
                        end_time=finish,
                        place=rule.place_for(unit),
                        paired_unit=unit,
                        leader_ids=tuple(lead.id for lead in group if lead.id is not None),
                        lead_level=group[0].level,
                    )
                )
        if not found:
            result.warnings.append((rule.code, "本期无可安排的接访（无在任领导或日期）"))
    result.receptions.sort(key=lambda r: (r.day, r.start_time, r.plan_key))
    # Warnings about the same leader repeat for every occurrence: keep each once.
    result.warnings = list(dict.fromkeys(result.warnings))
    return result
