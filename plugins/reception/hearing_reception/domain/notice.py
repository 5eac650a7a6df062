"""Public notice of receptions (接访公示): whether it is on time, and what it says.

The notice names who receives (name, post, portfolio — 姓名、职务、分管工作), when and
where. It must be published at least N days before the reception, N being the
profile rule ``reception.notice`` (5 days in the seed county, calendar days, counted
backwards: a reception on the 15th is announced by the 10th). The latest publication
day is not moved off a holiday (see docs/deadlines.md, "Why ``before`` is not rolled").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from hearing_reception.domain.reception import Reception
from hearing_reception.domain.vocab import SESSION_LABELS

__all__ = ["NOTICE_STATUS_LABELS", "NoticeStatus", "notice_context", "notice_status"]


class NoticeStatus(StrEnum):
    """Where a reception's notice stands (公示情况)."""

    ON_TIME = "on_time"  # 按时公示
    LATE = "late"  # 公示晚于期限
    PENDING = "pending"  # 尚未公示，未到期限
    OVERDUE = "overdue"  # 尚未公示，已过期限


NOTICE_STATUS_LABELS: dict[str, str] = {
    NoticeStatus.ON_TIME: "按时公示",
    NoticeStatus.LATE: "公示晚于期限",
    NoticeStatus.PENDING: "待公示",
    NoticeStatus.OVERDUE: "逾期未公示",
}


def notice_status(due: date, published_on: date | None, today: date) -> NoticeStatus:
    """On time / late for a published notice; pending / overdue for one not yet published."""
    if published_on is not None:
        return NoticeStatus.ON_TIME if published_on <= due else NoticeStatus.LATE
    return NoticeStatus.OVERDUE if today > due else NoticeStatus.PENDING


def _hours(r: Reception) -> str:
    def hm(t: Any) -> str:
        return f"{t.hour}时" if t.minute == 0 else f"{t.hour}时{t.minute:02d}分"

    return f"{hm(r.start_time)}至{hm(r.end_time)}"


def notice_context(
    receptions: Sequence[Reception],
    *,
    organ_name: str,
    issue_date: date,
    doc_number: str = "",
    channels: Sequence[str] = (),
    contact_name: str = "",
    contact_phone: str = "",
) -> dict[str, Any]:
    """The context of ``reception/notice.html``: plain data, one row per reception."""
    rows = []
    for r in sorted(receptions, key=lambda x: (x.day, x.start_time, x.id or 0)):
        rows.append(
            {
                "date": r.day,
                "session": SESSION_LABELS[r.session],
                "hours": _hours(r),
                "place": r.place,
                "leaders": [{"name": p.name, "post": p.post, "portfolio": p.portfolio} for p in r.participants],
            }
        )
    return {
        "organ_name": organ_name,
        "doc_number": doc_number,
        "issue_date": issue_date,
        "date_style": "arabic",
        "receptions": rows,
        "channels": list(channels),
        "contact_name": contact_name,
        "contact_phone": contact_phone,
    }
