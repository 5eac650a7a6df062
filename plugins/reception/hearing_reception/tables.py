"""Tables of leader reception (领导接访), owned by the plugin's own piccolo app ``reception``.

Shaped for the annual figures: a reception row carries its date, state and the
level of its leading leader; a participant row carries the leader's level as it
was on the day; a case row carries persons, outcome, dates and deadlines — so
every figure of the report section is one aggregate query. Visitor batches are
linked to the core register by item reference (``item_ref``), never by a foreign
key into the core's tables (a plugin does not alter or depend on their layout).
"""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Time,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = [
    "ReceptionCase",
    "ReceptionChange",
    "ReceptionLeader",
    "ReceptionNotice",
    "ReceptionParticipant",
    "ReceptionRow",
    "ReceptionRule",
    "ReceptionVisitor",
]


class ReceptionLeader(Table, tablename="hearing_reception_leader"):
    """A receiving leader (接访领导) with level and pairing (挂钩镇/单位)."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    code = Varchar(length=40, unique=True, index=True)
    name = Varchar(length=100)
    post = Varchar(length=100)
    portfolio = Varchar(length=200, default="")
    level = Varchar(length=16, index=True)
    paired_unit = Varchar(length=200, default="")
    unit = Varchar(length=200, default="")
    username = Varchar(length=64, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReceptionRule(Table, tablename="hearing_reception_rule"):
    """A recurring reception rule (接访规则) as data; ``spec`` holds the parsed rule mapping."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    code = Varchar(length=40, unique=True, index=True)
    title = Varchar(length=200)
    #: The rule as written (codes of leaders replaced by ids), re-parsed on load.
    spec = JSONB(default={})
    active = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReceptionRow(Table, tablename="hearing_reception_session"):
    """One reception (接访活动): planned from a rule or arranged on its own."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    rule = ForeignKey(ReceptionRule, null=True, default=None, index=True, on_delete=OnDelete.set_null)
    #: ``rule<id>/<nominal date>/<unit>``: planning never creates an occurrence twice.
    plan_key = Varchar(length=300, null=True, default=None, unique=True)
    title = Varchar(length=200, default="")
    nominal_date = Date(null=True, default=None)
    day = Date(index=True)
    original_day = Date(null=True, default=None)
    moved_because = Varchar(length=40, null=True, default=None)
    session = Varchar(length=8)
    start_time = Time()
    end_time = Time()
    place = Varchar(length=200)
    paired_unit = Varchar(length=200, default="")
    state = Varchar(length=16, index=True)
    #: Level of the leading leader; the report counts 县领导接访活动 by it.
    lead_level = Varchar(length=16, index=True)
    cancel_reason = Text(default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReceptionParticipant(Table, tablename="hearing_reception_participant"):
    """A leader taking part in a reception (参与接访); one row = one person-time (人次)."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    reception = ForeignKey(ReceptionRow, index=True, on_delete=OnDelete.cascade)
    leader = ForeignKey(ReceptionLeader, index=True, on_delete=OnDelete.restrict)
    level = Varchar(length=16, index=True)
    position = Integer(default=0)


class ReceptionChange(Table, tablename="hearing_reception_change"):
    """A recorded swap, move or cancellation (换班、改期、取消) of a reception."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    reception = ForeignKey(ReceptionRow, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=16)
    reason = Text(default="")
    before = JSONB(default={})
    after = JSONB(default={})
    changed_by = Varchar(length=64, default="")
    changed_at = Timestamptz()


class ReceptionNotice(Table, tablename="hearing_reception_notice"):
    """A public notice (接访公示) of a reception; a later notice supersedes an earlier one."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    reception = ForeignKey(ReceptionRow, index=True, on_delete=OnDelete.cascade)
    published_on = Date()
    #: Latest publication day under the profile rule ``reception.notice`` at publication.
    due_on = Date()
    late = Boolean(default=False, index=True)
    channels = JSONB(default=[])
    doc_number = Varchar(length=100, default="")
    superseded = Boolean(default=False, index=True)
    profile_fingerprint = Varchar(length=32, default="")
    published_by = Varchar(length=64, default="")
    created_at = Timestamptz()


class ReceptionCase(Table, tablename="hearing_reception_case"):
    """A visitor batch (一批来访) received at a reception, and its follow-up (访后交办、督办)."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    reception = ForeignKey(ReceptionRow, index=True, on_delete=OnDelete.restrict)
    batch_no = Integer(default=0)
    received_on = Date(index=True)
    persons = Integer(default=1)
    summary = Text(default="")
    request = Text(default="")
    category = Varchar(length=64, null=True, default=None)
    item_ref = Varchar(length=64, null=True, default=None, index=True)
    state = Varchar(length=16, index=True)
    handling_note = Text(default="")
    outcome = Varchar(length=16, null=True, default=None, index=True)
    heard_on = Date(null=True, default=None)
    instruction = Text(default="")
    instructed_by = Varchar(length=100, default="")
    instructed_on = Date(null=True, default=None)
    transfer_due = Date(null=True, default=None)
    department = Varchar(length=200, default="")
    transferred_on = Date(null=True, default=None)
    reply_due = Date(null=True, default=None)
    reply_due_basis = Varchar(length=200, default="")
    reply_text = Text(default="")
    replied_on = Date(null=True, default=None)
    reply_resolved = Boolean(null=True, default=None)
    feedback = Varchar(length=24, null=True, default=None)
    feedback_note = Text(default="")
    closed_on = Date(null=True, default=None)
    registered_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReceptionVisitor(Table, tablename="hearing_reception_visitor"):
    """A petitioner of a visitor batch (来访人). Personal data: masked for viewers without the right."""

    #: Declared for type checkers; piccolo adds the serial primary key itself.
    id: Serial

    case = ForeignKey(ReceptionCase, index=True, on_delete=OnDelete.cascade)
    position = Integer(default=0)
    name = Varchar(length=100)
    id_number = Varchar(length=18, null=True, default=None, index=True)
    phone = Varchar(length=32, null=True, default=None)
    address = Text(null=True, default=None)
