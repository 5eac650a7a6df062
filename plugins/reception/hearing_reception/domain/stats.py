"""Definitions of the reception figures (领导接访统计口径) and their Chinese summary.

The seed's year-end sentence is the target: "全县共组织125次县领导接访活动，参与接访的县各套
班子领导311人次，县直机关领导281人次，七镇领导2690人次，共接访群众295批671人次，按时答复率
达到95%，化解率51%". No source defines these figures (reference §5, §10 item 10), so every
choice below is a setting (``[reception.report]`` in the instance's ``config.toml``) with a
documented default; docs/reception.md explains each one.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_reception.domain.vocab import Level, Outcome

__all__ = ["ReplyBasis", "ReportDefinitions", "Resolved", "Scope", "rate", "render_markdown", "statistical_year"]


class Scope(StrEnum):
    """Which held receptions the participation, visitor, outcome and rate figures cover."""

    ALL = "all"  # every held reception, town leaders' village receptions included
    COUNTED = "counted"  # only those counted as receptions held (县领导接访活动)


class ReplyBasis(StrEnum):
    """Denominator of the on-time reply rate (按时答复率)."""

    DUE = "due"  # replies due: replied, or not replied although the deadline has passed
    REPLIED = "replied"  # replies given


class Resolved(StrEnum):
    """What makes a received case count as resolved (化解) for the resolution rate."""

    ON_SPOT = "on_spot"  # outcome 当场解决
    REPLY_RESOLVED = "reply_resolved"  # the department's reply says the problem was solved
    FEEDBACK_SATISFIED = "feedback_satisfied"  # the petitioner answered 满意 or 基本满意
    GUIDANCE = "guidance"  # outcome 教育疏导 (some bureaus count persuasion as 化解)


@dataclass(frozen=True)
class ReportDefinitions:
    """The 统计口径 in force; defaults reproduce the reading documented in docs/reception.md."""

    #: A held reception counts as a 县领导接访活动 when its leading leader has one of these levels.
    counted_lead_levels: tuple[Level, ...] = (Level.COUNTY, Level.DEPARTMENT)
    scope: Scope = Scope.ALL
    reply_rate_basis: ReplyBasis = ReplyBasis.DUE
    resolved_when: tuple[Resolved, ...] = (Resolved.ON_SPOT, Resolved.REPLY_RESOLVED)
    #: Decimals of the printed percentages (the seed prints whole percents).
    percent_digits: int = 0

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> ReportDefinitions:
        """From ``[reception.report]``; unknown keys and values are refused, all at once."""
        data = dict(data or {})
        errors: list[FieldError] = []
        values: dict[str, Any] = {}
        known = {"counted_lead_levels", "scope", "reply_rate_basis", "resolved_when", "percent_digits"}
        for key in sorted(set(data) - known):
            errors.append(FieldError(f"reception.report.{key}", f"unknown setting; known: {', '.join(sorted(known))}"))

        def many(key: str, enum: type[StrEnum]) -> None:
            if key not in data:
                return
            raw = data[key]
            items = raw if isinstance(raw, list | tuple) else [raw]
            try:
                values[key] = tuple(enum(str(v)) for v in items)
            except ValueError:
                choices = ", ".join(m.value for m in enum)
                errors.append(FieldError(f"reception.report.{key}", f"{raw!r}: use values from {choices}"))

        def one(key: str, enum: type[StrEnum]) -> None:
            if key in data:
                try:
                    values[key] = enum(str(data[key]))
                except ValueError:
                    choices = ", ".join(m.value for m in enum)
                    errors.append(FieldError(f"reception.report.{key}", f"{data[key]!r}: use one of {choices}"))

        many("counted_lead_levels", Level)
        many("resolved_when", Resolved)
        one("scope", Scope)
        one("reply_rate_basis", ReplyBasis)
        if "percent_digits" in data:
            digits = data["percent_digits"]
            if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 4:
                errors.append(FieldError("reception.report.percent_digits", "a whole number from 0 to 4"))
            else:
                values["percent_digits"] = digits
        if errors:
            raise ValidationFailed("invalid [reception.report] settings in config.toml", errors)
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: [str(x) for x in v] if isinstance(v, tuple) else (str(v) if isinstance(v, StrEnum) else v) for k, v in data.items()}


def statistical_year(year: int, period_end: str = "12-31") -> tuple[date, date]:
    """First and last day of statistical year ``year`` (统计年度), as the annual report counts it.

    ``period_end`` is the profile param ``statistics.period_end`` (``MM-DD``): ``12-31`` is the
    calendar year; ``12-20`` makes 2025 run from 2024-12-21 to 2025-12-20. An end on a month's
    last day stays a month end (``02-28`` is 29 February in a leap year).
    """

    def end_in(y: int) -> date:
        month, day = (int(x) for x in str(period_end).split("-"))
        last = calendar.monthrange(y, month)[1]
        return date(y, month, last if day >= calendar.monthrange(2001, month)[1] else day)

    return end_in(year - 1) + timedelta(days=1), end_in(year)


def rate(numerator: int, denominator: int, digits: int) -> dict[str, Any]:
    """A rate as numerator, denominator and percent rounded half up (None when nothing is due)."""
    if denominator == 0:
        percent: int | float | None = None
    else:
        exact = Decimal(numerator) * 100 / Decimal(denominator)
        rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        percent = int(rounded) if digits == 0 else float(rounded)
    return {"numerator": numerator, "denominator": denominator, "percent": percent}


def _pct(value: Mapping[str, Any]) -> str:
    return "—" if value["percent"] is None else f"{value['percent']}%"


def render_markdown(figures: Mapping[str, Any]) -> str:
    """The section as the bureau writes it in its year-end summary (年度工作总结)."""
    part = figures["participation"]
    visitors = figures["visitors"]
    outcomes = figures["outcomes"]
    lines = [
        f"{figures['year']}年全县共组织{figures['receptions_held']}次县领导接访活动，"
        f"参与接访的县领导{part[Level.COUNTY]}人次，县直部门领导{part[Level.DEPARTMENT]}人次，"
        f"镇领导{part[Level.TOWN]}人次，共接访群众{visitors['batches']}批{visitors['persons']}人次，"
        f"按时答复率{_pct(figures['on_time_reply_rate'])}，化解率{_pct(figures['resolution_rate'])}。",
        "",
        f"接访后分类处理：当场解决{outcomes[Outcome.ON_SPOT]}批，限期解决{outcomes[Outcome.BY_DEADLINE]}批，"
        f"教育疏导{outcomes[Outcome.GUIDANCE]}批，有待研判{outcomes[Outcome.FURTHER_STUDY]}批。"
        f"领导批示件{figures['instructions']['issued']}件，"
        f"两日内转交{figures['instructions']['transferred_on_time']}件；"
        f"责任部门已回复{figures['replies']['replied']}件，其中按时回复{figures['replies']['on_time']}件。",
    ]
    notices = figures["notices"]
    if notices["on_time"] or notices["late"] or notices["missing"]:
        lines += ["", f"接访前按时公示{notices['on_time']}次，公示晚于期限{notices['late']}次，未公示{notices['missing']}次。"]
    return "\n".join(lines) + "\n"
