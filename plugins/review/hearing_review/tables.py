"""Tables of review and re-review (复查、复核), owned by the plugin's piccolo app ``review``.

Matters and items of the core register are referred to by their references
(``matter_ref``, ``challenged_ref``), never by foreign keys into the core's tables: a plugin
does not alter or depend on their layout. An application row carries its state, dates,
outcome and first failed ground, so every figure of the annual section is one aggregate query.
"""

from __future__ import annotations

from piccolo.columns import JSONB, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = ["ReviewApplicationRow", "ReviewFollowUp", "ReviewOrgan", "ReviewPause", "ReviewTermination"]


class ReviewOrgan(Table, tablename="hearing_review_organ"):
    """An organ of the instance's hierarchy (机关): level and next-higher organ(s)."""

    code = Varchar(length=40, unique=True, index=True)
    name = Varchar(length=100)
    level = Varchar(length=16)
    parent = Varchar(length=40, null=True, default=None)
    alt_parent = Varchar(length=40, null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReviewApplicationRow(Table, tablename="hearing_review_application"):
    """A review (复查) or re-review (复核) application and everything decided on it."""

    ref = Varchar(length=32, unique=True, index=True)
    kind = Varchar(length=16, index=True)
    matter_ref = Varchar(length=64, index=True)
    challenged_kind = Varchar(length=24)
    challenged_ref = Varchar(length=64, index=True)
    challenged_organ = Varchar(length=40, null=True, default=None)
    challenged_served_on = Date(null=True, default=None)
    challenged_conclusion = Varchar(length=40, null=True, default=None)
    applicant_name = Varchar(length=100)
    applicant_capacity = Varchar(length=16)
    agent_of = Varchar(length=100, default="")
    authorisation = Text(default="")
    applicant_id_number = Varchar(length=32, null=True, default=None)
    applicant_phone = Varchar(length=32, null=True, default=None)
    receiving_organ = Varchar(length=40)
    request = Text()
    reasons = Text()
    evidence = JSONB(default=[])
    received_on = Date(index=True)
    state = Varchar(length=16, index=True)
    obstacles = JSONB(default=[])
    accepted_elsewhere = Text(default="")
    declared_route = Text(default="")
    checklist = JSONB(null=True, default=None)
    checked_on = Date(null=True, default=None)
    accepted_on = Date(null=True, default=None)
    not_accepted_on = Date(null=True, default=None)
    refused_ground = Varchar(length=24, null=True, default=None, index=True)
    outcome = Varchar(length=16, null=True, default=None, index=True)
    decided_on = Date(null=True, default=None)
    findings = Text(default="")
    decided_by = Varchar(length=100, default="")
    redo_due_on = Date(null=True, default=None)
    new_conclusion = Text(default="")
    served_on = Date(null=True, default=None)
    redo_conclusion = Varchar(length=16, null=True, default=None)
    redo_issued_on = Date(null=True, default=None)
    redo_served_on = Date(null=True, default=None)
    redo_same_facts = Boolean(default=False)
    redo_approved_by = Varchar(length=100, default="")
    redo_late = Boolean(default=False)
    withdrawn_on = Date(null=True, default=None)
    withdraw_reason = Text(default="")
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReviewPause(Table, tablename="hearing_review_pause"):
    """Time not counted in the decision clock (扣除期间): a hearing, an appraisal or a survey.

    A hearing pause names its hearing case; its days follow the hearing's recorded start and
    end (kept up to date by the hearing event listeners).
    """

    application = ForeignKey(ReviewApplicationRow, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16)
    start = Date(null=True, default=None)
    end = Date(null=True, default=None)
    note = Text(default="")
    hearing_case = Integer(null=True, default=None, index=True)
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ReviewTermination(Table, tablename="hearing_review_termination"):
    """A terminated matter (终结事项): the register refuses new items on it."""

    matter_ref = Varchar(length=64, unique=True, index=True)
    reason = Varchar(length=32, index=True)
    terminated_on = Date(index=True)
    basis_ref = Varchar(length=64, default="")
    note = Text(default="")
    recorded_by = Varchar(length=64, default="")
    created_at = Timestamptz()


class ReviewFollowUp(Table, tablename="hearing_review_followup"):
    """Follow-up work on a terminated matter (教育疏导、帮扶): a record, not a petition item."""

    matter_ref = Varchar(length=64, index=True)
    on = Date()
    kind = Varchar(length=16)
    staff = Varchar(length=100)
    contact = Varchar(length=100, default="")
    note = Text()
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()
