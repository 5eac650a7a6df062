"""Explanation of a computed deadline (期限计算说明), in Chinese and English.

A petitioner, a reviewing organ or an auditor must be able to check a deadline by hand,
so the engine records every decision it took as a :class:`Step` (the rule and its article,
the start day not counted, each holiday skipped or counted, each make-up working day,
each pause, the roll-forward off a holiday). Steps hold data, not prose: the text is
rendered per language on demand, so the same record serves a Chinese notice and an
English log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PAUSE_KINDS_ZH", "Explanation", "Step", "format_date"]

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: Chinese names of the usual paused-interval kinds; other kinds print as their code.
PAUSE_KINDS_ZH = {"hearing": "听证", "appraisal": "鉴定", "survey": "勘验"}

_TEMPLATES: dict[str, tuple[str, str]] = {
    "rule": ("规则 {rule_id}「{title}」：{length_zh}（{direction_zh}）；依据：{source}（可信度 {confidence}，规则配置 {profile}）",
             "Rule {rule_id} ({title}): {length_en} {direction_en}; source: {source} (confidence {confidence}, profile {profile})"),
    "start": ("起算事件：{event_title}（{event}），{date}",
              "Start event: {event} on {date}"),
    "start_not_counted": ("开始的当日不计入，自{until}起计算（民法典第二百零一条）",
                          "The start day is not counted; counting begins on {until} (Civil Code Art. 201)"),
    "start_counted": ("本规则开始的当日计入（含本数），自{date}起计算",
                      "This rule counts the start day itself; counting begins on {date}"),
    "before_start": ("事件当日不计入，自{until}起向前倒数",
                     "The event day is not counted; counting backwards from {until}"),
    "before_start_counted": ("本规则事件当日计入，自{date}起向前倒数",
                             "This rule counts the event day itself; counting backwards from {date}"),
    "months_target": ("{n}个月{dir_zh}的对应日为{date}（民法典第二百零二条）{clamp_zh}",
                      "The corresponding day {n} month(s) {dir_en} is {date} (Civil Code Art. 202){clamp_en}"),
    "holiday_counted": ("期间内的{name}假期 {span}（{days}日）照常计入：本规则按自然日计算",
                        "The {name} holiday {span} ({days} days) is counted: this rule runs in calendar days"),
    "holiday_skipped": ("跳过{name}假期 {span}（{days}日，非工作日）",
                        "Skipped the {name} holiday {span} ({days} days, not working days)"),
    "weekend_skipped": ("跳过休息日 {span}",
                        "Skipped rest days {span}"),
    "makeup_counted": ("{date}为{name}调休上班日，计为工作日",
                       "{date} is a make-up working day ({name}) and counts as a working day"),
    "pause": ("{kind_zh}期间 {span}不计入期限（{days}日）",
              "{kind} time {span} is excluded ({days} days)"),
    "pause_open": ("自{date}起{kind_zh}，期限中止计算，{kind_zh}结束后继续计算",
                   "Suspended from {date} ({kind}); the clock resumes when it ends"),
    "count_end": ("{prefix_zh}第{n}{unit_zh}为{date}",
                  "{prefix_en}{unit_en} {n} is {date}"),
    "roll_forward": ("{date}为{why_zh}，期间顺延至其后第一个工作日{until}（民法典第二百零三条）{makeup_zh}",
                     "{date} is {why_en}; the period ends on the next working day, {until} (Civil Code Art. 203){makeup_en}"),
    "before_rest_day": ("{date}为{why_zh}；向前倒数的期限不顺延，如该日不办公，应在此前最后一个工作日{until}完成",
                        "{date} is {why_en}; periods counted backwards are not rolled forward — if the office is closed "
                        "that day, act by the last working day before it, {until}"),
    "extension": ("延长{length_zh}（{rule_id}，最长{max_zh}；依据：{source}），自原届满日{date}的次日起算",
                  "Extended by {length_en} ({rule_id}, at most {max_en}; source: {source}), counted from the day after "
                  "the original due date {date}"),
    "due": ("期限届满日：{date}", "Due date: {date}"),
    "due_before": ("最迟应于{date}完成", "Latest date to act: {date}"),
    "due_paused": ("期限中止中，届满日待中止结束后确定", "The clock is suspended; the due date is set when the pause ends"),
}


def format_date(d: dt.date, lang: str = "zh") -> str:
    """``2025年1月28日（星期二）`` or ``2025-01-28 (Tue)``."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日（{_WEEKDAYS_ZH[d.weekday()]}）"
    return f"{d.isoformat()} ({_WEEKDAYS_EN[d.weekday()]})"


@dataclass(frozen=True)
class Step:
    """One decision in a computation: a code, the date(s) it concerns, and its data."""

    code: str
    # ``dt.date`` because the field named ``date`` would shadow the type inside the class.
    date: dt.date | None = None
    until: dt.date | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        if lang not in ("zh", "en"):
            raise ValueError(f"unsupported language {lang!r}; use 'zh' or 'en'")
        template = _TEMPLATES[self.code][0 if lang == "zh" else 1]
        values: dict[str, Any] = {k: format_date(v, lang) if isinstance(v, dt.date) else v for k, v in self.data.items()}
        if self.date is not None:
            values["date"] = format_date(self.date, lang)
        if self.until is not None:
            values["until"] = format_date(self.until, lang)
        if self.date is not None:
            # A run of days: "A至B", or just "A" for a single day.
            same = self.until is None or self.until == self.date
            values["span"] = values["date"] if same else values["date"] + ("至" if lang == "zh" else " to ") + values["until"]
        return template.format(**values)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in self.data.items()}
        return {
            "code": self.code,
            "date": self.date.isoformat() if self.date else None,
            "until": self.until.isoformat() if self.until else None,
            "data": data,
            "text_zh": self.text("zh"),
            "text_en": self.text("en"),
        }


@dataclass(frozen=True)
class Explanation:
    """The ordered steps that led to a due date."""

    steps: tuple[Step, ...]

    def to_text(self, lang: str = "zh") -> str:
        """Numbered lines, one per step, in ``zh`` or ``en``."""
        return "\n".join(f"{i}. {step.text(lang)}" for i, step in enumerate(self.steps, 1))

    def codes(self) -> list[str]:
        return [s.code for s in self.steps]

    def as_dict(self) -> dict[str, Any]:
        return {"steps": [s.as_dict() for s in self.steps]}


def rest_day_reason(name: str | None) -> tuple[str, str]:
    """Why a date is not a working day, in zh and en (holiday name or ordinary rest day)."""
    if name:
        return f"{name}假期", f"a public holiday ({name})"
    return "休息日", "a rest day"
