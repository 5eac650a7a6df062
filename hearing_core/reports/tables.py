"""Tables of the reports (报告): frozen snapshots of the annual report.

A snapshot (报告快照) keeps the report exactly as it was sent upward: the
canonical JSON text (sorted keys, no spaces, UTF-8) and its SHA-256, so the
number reported can be shown again years later and a changed byte is detected.
The content is ``Text``, not JSON, because a JSON column may reorder keys and
the hash is over the exact text.
"""

from __future__ import annotations

from piccolo.columns import Date, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

__all__ = ["ReportSnapshot"]


class ReportSnapshot(Table, tablename="hearing_report_snapshot"):
    """A frozen annual report (年度报告快照): content, hash, who froze it and when."""

    kind = Varchar(length=32, default="annual", index=True)
    year = Integer(index=True)
    period_start = Date()
    period_end = Date()
    #: SHA-256 (hex) of ``content``; recomputed by verification.
    sha256 = Varchar(length=64, index=True)
    #: The report as canonical JSON (sorted keys, compact separators, UTF-8).
    content = Text()
    report_version = Integer(default=1)
    #: The rule profile in force and its fingerprint (period end, collective threshold).
    profile = Varchar(length=64, default="")
    profile_fingerprint = Varchar(length=64, default="")
    note = Text(default="")
    frozen_by = Varchar(length=64, default="")
    frozen_at = Timestamptz()
