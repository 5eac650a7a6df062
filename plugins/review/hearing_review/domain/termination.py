"""Termination of a matter (信访事项终结, 三级终结) and the message that refuses new petitions.

A matter is terminated (reference §3.4; guangdong.md §2.5, §6) when

1. the re-review opinion is served (复核意见送达) — recorded automatically on service (after a
   re-review remand, when the redone opinion is served);
2. the review or re-review window lapsed without an application (逾期未请求复查、复核);
3. the matter belongs to or entered a statutory procedure (导入诉讼、仲裁、行政复议);
4. it was certified as concluded or its termination was filed for record (审核认定办结、终结备案);
5. in Guangdong, the verification procedure (核查程序, 《广东省信访条例》第50条) was completed —
   only where the profile sets ``termination.verification_terminal``.

After termination the register refuses new items on the matter (``refuse_petition_item``);
the responsible unit still does persuasion and assistance, recorded as follow-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hearing_core.deadlines import Deadline
from hearing_core.errors import RuleViolation
from hearing_review.domain.text import zh_date
from hearing_review.domain.vocab import TerminationReason as R

__all__ = ["Termination", "check_lapse", "refusal_message"]

SOURCES = {
    R.REREVIEW_SERVED: "《信访工作条例》(2022) 复核条款；《信访条例》(2005) 第35条",
    R.REVIEW_WINDOW_LAPSED: "地方信访事项复查复核办法（阿坝州）第17条；reference §3.4(2)",
    R.REREVIEW_WINDOW_LAPSED: "地方信访事项复查复核办法（阿坝州）第17条；reference §3.4(2)",
    R.VERIFICATION_COMPLETED: "《广东省信访条例》(2014) 第50条",
    R.STATUTORY_ROUTE: "《信访工作条例》(2022) 第31条；reference §3.4(3)",
    R.CERTIFIED_CONCLUDED: "信访事项审核认定办结、终结备案（reference §3.4(4)）",
}

_MESSAGES = {
    R.REREVIEW_SERVED: "该事项已于{date}复核终结（三级终结），同一事实和理由不再受理",
    R.REVIEW_WINDOW_LAPSED: "该事项信访处理意见送达后未在法定期限内请求复查，已于{date}终结，同一事实和理由不再受理",
    R.REREVIEW_WINDOW_LAPSED: "该事项复查意见送达后未在法定期限内请求复核，已于{date}终结，同一事实和理由不再受理",
    R.VERIFICATION_COMPLETED: "该事项核查程序已于{date}完成，信访事项终结，同一事实和理由不再受理",
    R.STATUTORY_ROUTE: "该事项已于{date}导入诉讼、仲裁、行政复议等法定程序，信访渠道不再受理，请依法定途径解决",
    R.CERTIFIED_CONCLUDED: "该事项已于{date}审核认定办结（终结备案），同一事实和理由不再受理",
}


def refusal_message(reason: R, on: date) -> str:
    """The sentence a registrar reads when the register refuses a new item on the matter."""
    return _MESSAGES[reason].format(date=zh_date(on))


@dataclass(frozen=True)
class Termination:
    """The termination record (终结记录) of one matter."""

    matter_ref: str
    reason: R
    terminated_on: date
    basis_ref: str = ""  # the application, or the item whose opinion's window lapsed
    note: str = ""
    recorded_by: str = ""

    @property
    def message(self) -> str:
        return refusal_message(self.reason, self.terminated_on)

    @property
    def source(self) -> str:
        return SOURCES[self.reason]

    def as_dict(self) -> dict[str, Any]:
        return {"matter_ref": self.matter_ref, "reason": self.reason.value, "reason_label": self.reason.label,
                "terminated_on": self.terminated_on.isoformat(), "basis_ref": self.basis_ref, "note": self.note,
                "recorded_by": self.recorded_by, "message": self.message, "source": self.source}


def check_lapse(window: Deadline, today: date, blocking: list[str]) -> date:
    """The day a lapsed window terminates the matter (the day after it ended), or RuleViolation.

    ``blocking`` are applications on the opinion that are pending or were accepted: while one
    exists the window did not lapse "without an application".
    """
    if blocking:
        raise RuleViolation(f"the window did not lapse without an application: {', '.join(blocking)}",
                            rule=window.rule_id, source=window.source)
    if window.due is None:
        raise RuleViolation(f"the {window.rule_id} window is suspended (force majeure); it has not lapsed",
                            rule=window.rule_id, source=window.source)
    if today <= window.due:
        raise RuleViolation(f"the {window.rule_id} window runs until {window.due}; it has not lapsed",
                            rule=window.rule_id, source=window.source, due=window.due.isoformat())
    return date.fromordinal(window.due.toordinal() + 1)
