"""Vocabulary of leader reception (领导接访): levels, rule kinds, sessions, outcomes.

Every code has a Chinese label; wherever a code is accepted (API, CLI, rule files),
its Chinese label is accepted too, so a bureau can write rules in its own words.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypeVar

from hearing_core.errors import FieldError

__all__ = [
    "FEEDBACK_LABELS",
    "LEVEL_LABELS",
    "LEVEL_RANK",
    "OUTCOME_LABELS",
    "SESSION_LABELS",
    "SESSION_TIMES",
    "WEEKDAY_LABELS",
    "Feedback",
    "HolidayPolicy",
    "Level",
    "Months",
    "Outcome",
    "PlaceMode",
    "RuleKind",
    "Session",
    "parse_choice",
    "parse_weekday",
]


class Level(StrEnum):
    """Level of a receiving leader (接访领导层级); the report counts person-times by level."""

    COUNTY = "county"  # 县领导: county party committee, government, people's congress, CPPCC leaders
    DEPARTMENT = "department"  # 县直部门领导: heads of county departments and units
    TOWN = "town"  # 镇领导: town party and government leaders (and village-paired cadres)


LEVEL_LABELS: dict[str, str] = {
    Level.COUNTY: "县领导",
    Level.DEPARTMENT: "县直部门领导",
    Level.TOWN: "镇领导",
}
_LEVEL_ALIASES = {"县各套班子领导": Level.COUNTY, "县直机关领导": Level.DEPARTMENT, "部门领导": Level.DEPARTMENT}
#: Who leads a reception where several levels sit together: the highest level.
LEVEL_RANK: dict[str, int] = {Level.COUNTY: 0, Level.DEPARTMENT: 1, Level.TOWN: 2}


class RuleKind(StrEnum):
    """Shapes of a recurring reception rule (接访规则)."""

    MONTHLY_DAY = "monthly_day"  # 每月（单月/双月）某日
    WEEKDAY = "weekday"  # 每周某日, optionally by rota (轮值)
    HALF_DAYS_WEEKLY = "half_days_weekly"  # 每周若干个半天


class Months(StrEnum):
    """Which months a monthly rule applies to."""

    ALL = "all"  # 每月
    ODD = "odd"  # 单月
    EVEN = "even"  # 双月

    def includes(self, month: int) -> bool:
        return self is Months.ALL or (month % 2 == 1) == (self is Months.ODD)


_MONTHS_ALIASES = {"每月": Months.ALL, "单月": Months.ODD, "双月": Months.EVEN}


class Session(StrEnum):
    """Part of the day a reception takes (接访时段)."""

    DAY = "day"  # 全天
    AM = "am"  # 上午
    PM = "pm"  # 下午


SESSION_LABELS: dict[str, str] = {Session.DAY: "全天", Session.AM: "上午", Session.PM: "下午"}
#: Default office hours of a session when a rule gives none (a rule's own times win).
SESSION_TIMES: dict[str, tuple[dt.time, dt.time]] = {
    Session.DAY: (dt.time(8, 30), dt.time(17, 30)),
    Session.AM: (dt.time(8, 30), dt.time(12, 0)),
    Session.PM: (dt.time(14, 30), dt.time(17, 30)),
}


class PlaceMode(StrEnum):
    """Where a rule's reception takes place."""

    FIXED = "fixed"  # one place, e.g. 县信访局接待大厅
    PAIRED = "paired"  # each leader at the town or unit they are paired with (挂钩镇/包村)


class HolidayPolicy(StrEnum):
    """What happens to an occurrence that falls on a holiday or rest day."""

    NEXT_WORKING_DAY = "next_working_day"  # 顺延至下一个工作日 (the seed county's practice)
    SKIP = "skip"  # 当期不安排


class Outcome(StrEnum):
    """Outcome category of a received case (接访后分类处理), as in the seed's 访后交办."""

    ON_SPOT = "on_spot"  # 当场解决
    BY_DEADLINE = "by_deadline"  # 限期解决
    GUIDANCE = "guidance"  # 教育疏导
    FURTHER_STUDY = "further_study"  # 有待研判 (一时难以明确)


OUTCOME_LABELS: dict[str, str] = {
    Outcome.ON_SPOT: "当场解决",
    Outcome.BY_DEADLINE: "限期解决",
    Outcome.GUIDANCE: "教育疏导",
    Outcome.FURTHER_STUDY: "有待研判",
}


class Feedback(StrEnum):
    """The petitioner's feedback on the answer (信访人反馈意见)."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


FEEDBACK_LABELS: dict[str, str] = {
    Feedback.SATISFIED: "满意",
    Feedback.BASICALLY_SATISFIED: "基本满意",
    Feedback.UNSATISFIED: "不满意",
}

WEEKDAY_LABELS: tuple[str, ...] = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAY_NAMES = {
    **{label: i for i, label in enumerate(WEEKDAY_LABELS)},
    **{"周" + label[-1]: i for i, label in enumerate(WEEKDAY_LABELS)},
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    "周天": 6,
    "星期天": 6,
}

E = TypeVar("E", bound=StrEnum)

def _inverted(labels: dict[str, str], enum: type[E]) -> dict[str, E]:
    return {label: enum(code) for code, label in labels.items()}


#: Chinese words accepted for each code, besides the code itself.
_ALIASES: dict[type[StrEnum], dict[str, StrEnum]] = {
    Level: {**_inverted(LEVEL_LABELS, Level), **_LEVEL_ALIASES},
    Months: dict(_MONTHS_ALIASES),
    Session: _inverted(SESSION_LABELS, Session),
    Outcome: _inverted(OUTCOME_LABELS, Outcome),
    Feedback: _inverted(FEEDBACK_LABELS, Feedback),
    PlaceMode: {"固定地点": PlaceMode.FIXED, "挂钩单位": PlaceMode.PAIRED},
    RuleKind: {"每月定日": RuleKind.MONTHLY_DAY, "每周定日": RuleKind.WEEKDAY, "每周半天": RuleKind.HALF_DAYS_WEEKLY},
    HolidayPolicy: {"顺延": HolidayPolicy.NEXT_WORKING_DAY, "不安排": HolidayPolicy.SKIP},
}


def parse_choice(enum: type[E], value: object, field: str, errors: list[FieldError]) -> E | None:
    """``value`` as a member of ``enum`` (by code or Chinese label); appends an error otherwise."""
    text = str(value).strip() if value is not None else ""
    for member in enum:
        if text == member.value:
            return member
    alias = _ALIASES.get(enum, {}).get(text)
    if alias is not None:
        return alias  # type: ignore[return-value]
    codes = ", ".join(m.value for m in enum)
    errors.append(FieldError(field, f"unknown value {text!r}; use one of {codes}"))
    return None


def parse_weekday(value: object, field: str, errors: list[FieldError]) -> int | None:
    """A weekday as 0 (Monday) … 6 (Sunday), from a number or a name (星期一, 周一, mon)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= 6:
            return value
    elif isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit() and 0 <= int(text) <= 6:
            return int(text)
        if text in _WEEKDAY_NAMES:
            return _WEEKDAY_NAMES[text]
    errors.append(FieldError(field, f"{value!r} is not a weekday (0 = Monday … 6 = Sunday, or 星期一 …)"))
    return None
