"""Hearing documents (听证文书), the daily docket (听证日程) and hearing calendars.

Pure context builders turn a :class:`~hearing_core.hearings.domain.HearingCase` and the
issuing :class:`Organ` into the plain data each template receives:

=====================  ==============================  ===============================
kind                   template                        builder
=====================  ==============================  ===============================
``notice``             ``hearing/notice.html``         :func:`notice_context` (per party)
``announcement``       ``hearing/announcement.html``   :func:`announcement_context`
``record``             ``hearing/record.html``         :func:`record_context`
``report``             ``hearing/report.html``         :func:`report_context`
docket                 ``hearing/docket.html``         :func:`docket_context`, :func:`docket_csv`
=====================  ==============================  ===============================

The services in :mod:`.service` load the case, render through the app's renderer (so an
administrator's override template wins) and audit every document generated. Context keys
are listed in ``docs/hearing-panels.md`` (section 6, *Documents*).
"""

from __future__ import annotations

from hearing_core.hearings.documents.docket import (
    DocketCase,
    calendar_by_officer,
    calendar_by_venue,
    docket_context,
    docket_csv,
    docket_rows,
)
from hearing_core.hearings.documents.notice import announcement_context, notice_context, notice_recipients
from hearing_core.hearings.documents.organ import MatterInfo, Organ
from hearing_core.hearings.documents.record import record_context
from hearing_core.hearings.documents.report import report_context

__all__ = [
    "KINDS",
    "TEMPLATES",
    "DocketCase",
    "MatterInfo",
    "Organ",
    "announcement_context",
    "calendar_by_officer",
    "calendar_by_venue",
    "docket_context",
    "docket_csv",
    "docket_rows",
    "notice_context",
    "notice_recipients",
    "record_context",
    "report_context",
]

#: Document kinds and their templates.
TEMPLATES = {
    "notice": "hearing/notice.html",
    "announcement": "hearing/announcement.html",
    "record": "hearing/record.html",
    "report": "hearing/report.html",
}
KINDS = tuple(TEMPLATES)
