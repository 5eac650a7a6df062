"""Tables of the petition register (信访登记): matters, items, petitioners, backlog, ratings, imports.

Shaped for aggregate statistics: everything the annual report counts is a
column of ``hearing_petition_item`` (channel, persons, the collective flag
computed at registration, the disposition state, the category and its top
level, the matter key), so a year's figures are ``GROUP BY`` queries, never a
walk over rows.

* The disposition (受理/转送/交办/处理意见…) of an item is stored on the item
  row itself (``status`` plus one column per dated fact); the deadline engine
  rebuilds every clock from those columns, so no due date is ever stored.
* ``matter_key`` is the matter ref, or ``item:<ref>`` for an item not linked to
  a matter (it counts as its own matter): ``COUNT(DISTINCT matter_key)`` over
  accepted items is 纯件数.
* ``PetitionMatter.on_backlog`` says the matter is on the backlog ledger (积案),
  whether it came from an import file (``backlog`` column) or from
  ``hearing backlog add``; the full ledger entry (包案领导, plan, progress) is a
  ``BacklogCase``.
"""

from __future__ import annotations

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = [
    "BacklogCase",
    "BacklogProgress",
    "PetitionImport",
    "PetitionItem",
    "PetitionMatter",
    "Petitioner",
    "SatisfactionRating",
]


class PetitionMatter(Table, tablename="hearing_petition_matter"):
    """A petition matter (信访事项): the items one petitioner or group lodged on one issue."""

    ref = Varchar(length=64, unique=True, index=True)
    title = Varchar(length=200, default="")
    category = Varchar(length=64, null=True, default=None)
    #: On the backlog ledger (积案); counted as 积案 in the annual report.
    on_backlog = Boolean(default=False, index=True)
    first_received_on = Date(null=True, default=None)
    last_received_on = Date(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class PetitionImport(Table, tablename="hearing_petition_import"):
    """One imported register file (批量导入): who, when, which file (hash), how many rows."""

    file_name = Varchar(length=255, default="")
    sha256 = Varchar(length=64, index=True)
    file_format = Varchar(length=16, default="")
    created = Integer(default=0)
    skipped_existing = Integer(default=0)
    imported_by = Varchar(length=64, default="")
    imported_at = Timestamptz()


class PetitionItem(Table, tablename="hearing_petition_item"):
    """A petition item (信访件): one letter, visit batch, call, online submission … and its disposition."""

    ref = Varchar(length=64, unique=True, index=True)
    received_on = Date(index=True)
    channel = Varchar(length=32, index=True)
    #: Persons (人次): the size of a visit batch, the signatories of a joint letter.
    persons = Integer(default=1)
    #: persons >= the profile's ``intake.collective_visit_threshold`` when registered (集体访).
    collective = Boolean(default=False, index=True)
    category = Varchar(length=64, null=True, default=None, index=True)
    #: The top-level category ``category`` rolls up to (reports group by it).
    category_top = Varchar(length=64, null=True, default=None, index=True)
    purpose = Varchar(length=32, null=True, default=None)
    source = Varchar(length=32, default="own_intake")
    summary = Text(default="")
    request = Text(default="")
    level_skipping = Boolean(default=False)
    litigation_related = Boolean(default=False)
    anonymous = Boolean(default=False)
    abnormal = Boolean(default=False)
    abnormal_reason = Varchar(length=32, null=True, default=None)
    national_system_no = Varchar(length=64, null=True, default=None)
    matter = ForeignKey(PetitionMatter, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    #: The matter ref, or ``item:<ref>`` when not linked: COUNT(DISTINCT matter_key) = 纯件数.
    matter_key = Varchar(length=80, index=True)
    import_batch = ForeignKey(PetitionImport, null=True, default=None, on_delete=OnDelete.set_null)

    # Disposition (办理情况): state machine ``DISPOSITION``; dates rebuild the clocks.
    status = Varchar(length=40, default="registered", index=True)
    accepted_on = Date(null=True, default=None)
    not_accepted_on = Date(null=True, default=None)
    not_accepted_reason = Varchar(length=40, null=True, default=None)
    not_accepted_note = Text(default="")
    handover = Varchar(length=16, null=True, default=None)
    handling_unit = Varchar(length=200, null=True, default=None)
    handed_over_on = Date(null=True, default=None)
    assignment_due_on = Date(null=True, default=None)
    completion_reported_on = Date(null=True, default=None)
    completion_report = Text(default="")
    extended_on = Date(null=True, default=None)
    extension_days = Integer(null=True, default=None)
    extension_reason = Text(default="")
    opinion = Varchar(length=16, null=True, default=None)
    opinion_issued_on = Date(null=True, default=None)
    opinion_served_on = Date(null=True, default=None)
    routed_to = Varchar(length=40, null=True, default=None)
    routed_on = Date(null=True, default=None)
    concluded_on = Date(null=True, default=None)

    registered_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class Petitioner(Table, tablename="hearing_petitioner"):
    """A petitioner (信访人) or joint-letter signatory (联名人) of one item."""

    item = ForeignKey(PetitionItem, index=True, on_delete=OnDelete.cascade)
    #: ``petitioner`` or ``signatory``.
    role = Varchar(length=16, default="petitioner")
    position = Integer(default=0)
    name = Varchar(length=100, default="", index=True)
    #: Normalised 18-character resident ID number (GB 11643); matched for repeats.
    id_number = Varchar(length=18, null=True, default=None, index=True)
    phone = Varchar(length=32, null=True, default=None, index=True)
    address = Text(null=True, default=None)


class BacklogCase(Table, tablename="hearing_backlog_case"):
    """A matter's entry on the backlog ledger (积案台账), with its owning leader (包案领导)."""

    matter = ForeignKey(PetitionMatter, unique=True, index=True, on_delete=OnDelete.cascade)
    listed_on = Date()
    origin = Varchar(length=16, default="county")
    owning_leader = Varchar(length=100, default="")
    responsible_unit = Varchar(length=200, default="")
    responsible_person = Varchar(length=100, default="")
    time_limit = Date()
    state = Varchar(length=32, default="listed", index=True)
    plan = Text(default="")
    plan_adopted_on = Date(null=True, default=None)
    extended_on = Date(null=True, default=None)
    extension_approved_by = Varchar(length=100, default="")
    extension_reason = Text(default="")
    original_time_limit = Date(null=True, default=None)
    resolved_on = Date(null=True, default=None)
    ceased_on = Date(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class BacklogProgress(Table, tablename="hearing_backlog_progress"):
    """One monthly progress entry (月度进展) of a backlog case; ``month`` is the month's first day."""

    case = ForeignKey(BacklogCase, index=True, on_delete=OnDelete.cascade)
    month = Date()
    text = Text(default="")
    recorded_on = Date()
    recorded_by = Varchar(length=64, default="")


class SatisfactionRating(Table, tablename="hearing_satisfaction_rating"):
    """A petitioner's rating (满意度评价) of a handled item (one per item)."""

    item = ForeignKey(PetitionItem, unique=True, index=True, on_delete=OnDelete.cascade)
    matter = ForeignKey(PetitionMatter, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    grade = Varchar(length=32, index=True)
    evaluated_on = Date(index=True)
    comment = Text(default="")
    recorded_by = Varchar(length=64, default="")
    created_at = Timestamptz()
