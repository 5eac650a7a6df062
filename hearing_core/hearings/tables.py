"""Tables of hearing cases (听证案件) and their calendar: one case row, child rows, the event log.

The case row holds the one-to-one parts of :class:`~hearing_core.hearings.domain.CaseData`
(application, consent, decision, schedule, announcement, termination, deliberation) as flat
columns, so lists and calendars filter in SQL. Child rows are keyed by the case-local numbers
the domain uses (participant ``no``, panel ``seat``, evidence ``no`` ...), which exist before
anything is saved. Only the case row is versioned: children change through the aggregate, so
``UPDATE hearing_case ... WHERE version = ?`` guards them all (optimistic concurrency).
Attachments are stored content-addressed under ``files_dir``; rows carry their SHA-256. The
expert pool, venue bookings, unavailability and stored files are in :mod:`.pool_tables`.
"""

from __future__ import annotations

from piccolo.columns import JSONB, Boolean, Date, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = [
    "HearingAttachment", "HearingCaseRow", "HearingConclusionRow", "HearingCrossExamination",
    "HearingDissent", "HearingEvent", "HearingEvidence", "HearingInterruption", "HearingIssue",
    "HearingIssueResult", "HearingPanelMember", "HearingParticipant", "HearingPhaseVisit", "HearingRecordEntry",
    "HearingRecusal", "HearingService", "HearingSession", "HearingSignature", "HearingVote",
]


class HearingCaseRow(Table, tablename="hearing_case"):
    """A hearing case (听证案件) with its one-to-one parts."""

    id: Serial

    matter_ref = Varchar(length=64, index=True)
    matter_id = Integer(null=True, default=None, index=True)
    stage = Varchar(length=16)
    origin = Varchar(length=32)
    grounds = Text(default="")
    state = Varchar(length=32, index=True)
    #: Phase of the current (last) session; ``None`` before any session.
    phase = Varchar(length=32, null=True, default=None)
    applied_on = Date(null=True, default=None)
    told_of_right_on = Date(null=True, default=None)
    application_late = Boolean(default=False)
    initiated_on = Date(null=True, default=None)
    consent_reply = Varchar(length=16, null=True, default=None)
    consent_on = Date(null=True, default=None)
    consent_deemed = Boolean(default=False)
    decision_accepted = Boolean(null=True, default=None)
    decided_on = Date(null=True, default=None)
    decided_by = Varchar(length=200, default="")
    decision_effective_on = Date(null=True, default=None)
    decision_reasons = Text(default="")
    decision_deemed = Boolean(default=False)
    withdrawn_on = Date(null=True, default=None)
    withdrawal_reason = Text(default="")
    schedule_no = Integer(null=True, default=None)
    schedule_start = Timestamptz(null=True, default=None, index=True)
    schedule_end = Timestamptz(null=True, default=None)
    venue = Varchar(length=200, null=True, default=None, index=True)
    video_link = Varchar(length=500, null=True, default=None)
    public = Boolean(null=True, default=None)
    closed_reason = Varchar(length=32, null=True, default=None)
    schedule_set_on = Date(null=True, default=None)
    announced_on = Date(null=True, default=None)
    announcement_channel = Varchar(length=200, default="")
    announcement_reference = Varchar(length=200, default="")
    termination_reason = Varchar(length=32, null=True, default=None)
    terminated_on = Date(null=True, default=None)
    termination_session_no = Integer(null=True, default=None)
    deliberation_opened_at = Timestamptz(null=True, default=None)
    deliberation_closed_at = Timestamptz(null=True, default=None)
    #: The frozen voting roster: ``[{"person_id": 3, "name": "王某"}]``.
    deliberation_voters = JSONB(default=[])
    report_served_on = Date(null=True, default=None)
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


def _case() -> ForeignKey:
    return ForeignKey(HearingCaseRow, index=True, on_delete=OnDelete.cascade)


class HearingParticipant(Table, tablename="hearing_participant"):
    """A participant (听证参加人); contact data is personal and masked for most readers."""

    id: Serial

    hearing = _case()
    no = Integer()
    name = Varchar(length=100)
    role = Varchar(length=32)
    person_id = Integer(null=True, default=None, index=True)
    principal_no = Integer(null=True, default=None)
    power_of_attorney = Varchar(length=200, null=True, default=None)
    unit = Varchar(length=200, null=True, default=None)
    phone = Varchar(length=32, null=True, default=None)
    id_number = Varchar(length=32, null=True, default=None)


class HearingPanelMember(Table, tablename="hearing_panel_member"):
    """A seat holder, past or present (主持人、听证员、记录员); ``person_id`` is the user's id."""

    id: Serial

    hearing = _case()
    seat = Integer()
    person_id = Integer(index=True)
    name = Varchar(length=100)
    role = Varchar(length=32)
    affiliation = Varchar(length=32, null=True, default=None)
    pool_entry_id = Integer(null=True, default=None)
    recused = Boolean(default=False)


class HearingRecusal(Table, tablename="hearing_recusal"):
    """A recusal request (回避申请) and its decision."""

    id: Serial

    hearing = _case()
    no = Integer()
    seat = Integer()
    member_person_id = Integer()
    requested_by = Varchar(length=100)
    grounds = Text()
    requested_at = Timestamptz()
    status = Varchar(length=16)
    decided_by = Varchar(length=100, null=True, default=None)
    capacity = Varchar(length=32, null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    decision_reason = Text(default="")


class HearingEvidence(Table, tablename="hearing_evidence"):
    """An evidence item (证据) and the panel's finding (认证)."""

    id: Serial

    hearing = _case()
    no = Integer()
    submitted_by_no = Integer()
    side = Varchar(length=64)
    kind = Varchar(length=32)
    title = Varchar(length=200)
    submitted_at = Timestamptz()
    description = Text(default="")
    finding_admitted = Boolean(null=True, default=None)
    finding_reason = Text(default="")
    finding_at = Timestamptz(null=True, default=None)


class HearingAttachment(Table, tablename="hearing_attachment"):
    """A file attached to an evidence item, by SHA-256 (the file is in the content store)."""

    id: Serial

    hearing = _case()
    evidence_no = Integer()
    position = Integer()
    sha256 = Varchar(length=64, index=True)


class HearingCrossExamination(Table, tablename="hearing_cross_examination"):
    """A side's opinion on an item (质证意见: 真实性、关联性、合法性)."""

    id: Serial

    hearing = _case()
    evidence_no = Integer()
    side = Varchar(length=64)
    by_no = Integer()
    authenticity = Varchar(length=16)
    authenticity_comment = Text(default="")
    relevance = Varchar(length=16)
    relevance_comment = Text(default="")
    legality = Varchar(length=16)
    legality_comment = Text(default="")
    recorded_at = Timestamptz()


class HearingService(Table, tablename="hearing_service"):
    """A document served on a participant (送达记录: method, date, proof)."""

    id: Serial

    hearing = _case()
    seq = Integer()
    document = Varchar(length=32)
    recipient_no = Integer()
    method = Varchar(length=32)
    served_on = Date()
    proof_ref = Varchar(length=200)
    subject_no = Integer(null=True, default=None)


class HearingSession(Table, tablename="hearing_session"):
    """A sitting (听证会); attendance is ``{"<participant no>": present}``."""

    id: Serial

    hearing = _case()
    no = Integer()
    opened_at = Timestamptz()
    phase = Varchar(length=32)
    ended_at = Timestamptz(null=True, default=None)
    attendance = JSONB(default={})


class HearingPhaseVisit(Table, tablename="hearing_phase_visit"):
    """A phase as it happened, and why it was closed unheld if it was."""

    id: Serial

    hearing = _case()
    session_no = Integer()
    seq = Integer()
    phase = Varchar(length=32)
    entered_at = Timestamptz()
    skipped_reason = Text(null=True, default=None)


class HearingRecordEntry(Table, tablename="hearing_record_entry"):
    """One statement in the clerk's record (笔录): time, speaker, role, text."""

    id: Serial

    hearing = _case()
    session_no = Integer()
    seq = Integer()
    phase = Varchar(length=32)
    at = Timestamptz()
    speaker_name = Varchar(length=100)
    speaker_role = Varchar(length=32)
    text = Text()


class HearingInterruption(Table, tablename="hearing_interruption"):
    """A postponement (延期) or suspension (中止) and, for a suspension, its resumption."""

    id: Serial

    hearing = _case()
    seq = Integer()
    kind = Varchar(length=16)
    reason = Varchar(length=32)
    detail = Text(default="")
    at = Timestamptz()
    session_no = Integer(null=True, default=None)
    resumption_start = Timestamptz(null=True, default=None)
    resumption_end = Timestamptz(null=True, default=None)
    resumption_venue = Varchar(length=200, null=True, default=None)
    resumption_video_link = Varchar(length=500, null=True, default=None)
    resumption_no = Integer(null=True, default=None)
    resumed_at = Timestamptz(null=True, default=None)


class HearingIssue(Table, tablename="hearing_issue"):
    """A disputed issue (争议焦点)."""

    id: Serial

    hearing = _case()
    no = Integer()
    title = Text()


class HearingVote(Table, tablename="hearing_vote"):
    """An officer's secret vote on an issue (评议意见); never shown before deliberation closes."""

    id: Serial

    hearing = _case()
    issue_no = Integer()
    voter_person_id = Integer()
    value = Varchar(length=32)
    opinion = Text()
    cast_at = Timestamptz()


class HearingConclusionRow(Table, tablename="hearing_conclusion"):
    """The hearing conclusion (听证结论)."""

    id: Serial

    hearing = ForeignKey(HearingCaseRow, unique=True, on_delete=OnDelete.cascade)
    facts_found = Text()
    basis = Text()
    recommendation = Text()
    reached_at = Timestamptz()
    on_spot = Boolean(default=False)
    announced_at = Timestamptz(null=True, default=None)


class HearingIssueResult(Table, tablename="hearing_issue_result"):
    """The panel's answer on one issue: result, tally, majority opinions."""

    id: Serial

    hearing = _case()
    issue_no = Integer()
    title = Text()
    result = Varchar(length=32)
    tally = JSONB(default={})
    strict_majority = Boolean(default=False)
    majority_opinions = JSONB(default=[])


class HearingDissent(Table, tablename="hearing_dissent"):
    """A dissenting view kept in the conclusion (少数意见)."""

    id: Serial

    hearing = _case()
    issue_no = Integer()
    voter_person_id = Integer()
    voter_name = Varchar(length=100)
    value = Varchar(length=32)
    opinion = Text()


class HearingSignature(Table, tablename="hearing_signature"):
    """A signature on the record, or the clerk's note of a refusal (笔录签字)."""

    id: Serial

    hearing = _case()
    signatory_key = Varchar(length=32)
    name = Varchar(length=100)
    role = Varchar(length=32)
    signed = Boolean()
    note = Text(default="")
    at = Timestamptz()


class HearingEvent(Table, tablename="hearing_event"):
    """The domain events of a case, in order (append-only)."""

    id: Serial

    hearing = _case()
    seq = Integer()
    kind = Varchar(length=64)
    data = JSONB(default={})
    actor = Varchar(length=64, default="")
    recorded_at = Timestamptz()
