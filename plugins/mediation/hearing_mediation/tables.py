"""Tables of the mediation plugin (调解): centres, members, mediators, reception log, cases, agreements.

Owned by the plugin's own piccolo app (``hearing_mediation.piccolo_app``), never by
the core. Links to the core register are stored as plain values (``item_id``,
``item_ref``, ``matter_ref``), not foreign keys: disabling the plugin leaves the
register untouched, and the register never needs to know these tables exist.
Everything the service centre's tally counts is a column here (``state`` and
``persons`` of a reception batch, ``state``/dates of a case and an agreement), so
a year's figures are ``GROUP BY`` queries over these tables alone.
"""

from __future__ import annotations

from piccolo.columns import JSONB, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = [
    "AgreementTerm",
    "CaseHelper",
    "CaseMediatorRow",
    "CaseParty",
    "CaseSession",
    "CentreMember",
    "FollowUpRow",
    "MediationAgreement",
    "MediationCase",
    "MediationCentre",
    "MediatorRow",
    "ReceptionRow",
    "SignatureRow",
]


class MediationCentre(Table, tablename="mediation_centre"):
    """A petition service centre (信访服务中心) and its mediation committee."""

    code = Varchar(length=32, unique=True, index=True)
    name = Varchar(length=200)
    committee_name = Varchar(length=200)
    doc_prefix = Varchar(length=20, default="")
    address = Varchar(length=200, default="")
    phone = Varchar(length=32, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class CentreMember(Table, tablename="mediation_centre_member"):
    """A user's membership of a centre (中心成员); scopes what centre staff and mediators see."""

    centre = ForeignKey(MediationCentre, index=True, on_delete=OnDelete.cascade)
    username = Varchar(length=64, index=True)
    role = Varchar(length=16, default="staff")
    added_by = Varchar(length=64, default="")
    added_at = Timestamptz()


class MediatorRow(Table, tablename="mediation_mediator"):
    """A people's mediator (人民调解员) on a centre's roster."""

    centre = ForeignKey(MediationCentre, index=True, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    username = Varchar(length=64, null=True, default=None, index=True)
    sex = Varchar(length=8, null=True, default=None)
    specialities = JSONB(default=[])
    committee_role = Varchar(length=16, default="none")
    phone = Varchar(length=32, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class ReceptionRow(Table, tablename="mediation_reception"):
    """A visit batch received at the desk (接待登记) and its disposition (处理方式)."""

    ref = Varchar(length=64, unique=True, index=True)
    centre = ForeignKey(MediationCentre, index=True, on_delete=OnDelete.cascade)
    received_on = Date(index=True)
    persons = Integer(default=1)
    #: The visitors as recorded at the desk: name, ID number, phone, address.
    petitioners = JSONB(default=[])
    matter = Text(default="")
    category = Varchar(length=64, null=True, default=None)
    request = Text(default="")
    #: The register item (信访件) this batch is — unique, so no item is counted twice.
    item_id = Integer(null=True, default=None, index=True)
    item_ref = Varchar(length=64, null=True, default=None, unique=True)
    matter_ref = Varchar(length=64, null=True, default=None, index=True)
    state = Varchar(length=40, default="received", index=True)
    disposed_on = Date(null=True, default=None)
    note = Text(default="")
    handling_unit = Varchar(length=200, null=True, default=None)
    assignment_due_on = Date(null=True, default=None)
    route = Varchar(length=40, null=True, default=None)
    leader = Varchar(length=100, null=True, default=None)
    joint_units = JSONB(default=[])
    case_id = Integer(null=True, default=None)
    recorded_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class MediationCase(Table, tablename="mediation_case"):
    """A people's mediation case (人民调解案件)."""

    ref = Varchar(length=64, unique=True, index=True)
    centre = ForeignKey(MediationCentre, index=True, on_delete=OnDelete.cascade)
    reception = ForeignKey(ReceptionRow, null=True, default=None, on_delete=OnDelete.set_null)
    item_ref = Varchar(length=64, null=True, default=None)
    matter_ref = Varchar(length=64, null=True, default=None, index=True)
    application = Varchar(length=16)
    applied_on = Date(index=True)
    dispute = Text(default="")
    category = Varchar(length=64, null=True, default=None)
    state = Varchar(length=20, default="applied", index=True)
    started_on = Date(null=True, default=None, index=True)
    escalation = Boolean(default=False)
    escalation_note = Text(default="")
    reported_to_police = Boolean(default=False)
    extended_until = Date(null=True, default=None)
    extension_note = Text(default="")
    outcome_note = Text(default="")
    advice = JSONB(default=[])
    closed_on = Date(null=True, default=None, index=True)
    session_count = Integer(default=0)
    created_by = Varchar(length=64, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class CaseParty(Table, tablename="mediation_party"):
    """A party (当事人) of a case."""

    case = ForeignKey(MediationCase, index=True, on_delete=OnDelete.cascade)
    position = Integer(default=0)
    name = Varchar(length=100)
    role = Varchar(length=16)
    id_number = Varchar(length=18, null=True, default=None)
    phone = Varchar(length=32, null=True, default=None)
    address = Text(null=True, default=None)
    consent = Varchar(length=16, default="pending")
    responded_on = Date(null=True, default=None)


class CaseMediatorRow(Table, tablename="mediation_case_mediator"):
    """A mediator assigned to a case (承办调解员)."""

    case = ForeignKey(MediationCase, index=True, on_delete=OnDelete.cascade)
    mediator = ForeignKey(MediatorRow, index=True, on_delete=OnDelete.restrict)
    position = Integer(default=0)
    name = Varchar(length=100)
    chosen_by = Varchar(length=16)
    lead = Boolean(default=False)


class CaseHelper(Table, tablename="mediation_helper"):
    """A person invited to help mediate (邀请参与调解人员)."""

    case = ForeignKey(MediationCase, index=True, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    relation = Varchar(length=100)
    invited_on = Date()
    parties_consent = Boolean(default=False)
    note = Text(default="")


class CaseSession(Table, tablename="mediation_session"):
    """A mediation session (调解会议) with attendance and notes (调解记录)."""

    case = ForeignKey(MediationCase, index=True, on_delete=OnDelete.cascade)
    number = Integer()
    held_on = Date()
    place = Varchar(length=200)
    public = Boolean(default=False)
    closed_reason = Text(default="")
    parties_present = JSONB(default=[])
    mediators_present = JSONB(default=[])
    others_present = JSONB(default=[])
    notes = Text(default="")
    recorded_by = Varchar(length=64, default="")
    created_at = Timestamptz()


class MediationAgreement(Table, tablename="mediation_agreement"):
    """A mediation agreement (调解协议书) and its judicial confirmation (司法确认)."""

    case = ForeignKey(MediationCase, unique=True, index=True, on_delete=OnDelete.cascade)
    centre = ForeignKey(MediationCentre, index=True, on_delete=OnDelete.cascade)
    number = Varchar(length=64, default="")
    form = Varchar(length=16, default="written")
    concluded_on = Date()
    parties = JSONB(default=[])
    mediators = JSONB(default=[])
    facts = Text(default="")
    disputes = Text(default="")
    responsibilities = Text(default="")
    state = Varchar(length=20, default="draft", index=True)
    effective_on = Date(null=True, default=None, index=True)
    performed_on = Date(null=True, default=None)
    confirmation = Varchar(length=16, default="not_applied", index=True)
    confirmation_applied_on = Date(null=True, default=None)
    court = Varchar(length=200, default="")
    confirmation_decided_on = Date(null=True, default=None)
    confirmation_note = Text(default="")
    dispute_note = Text(default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    version = Integer(default=1)


class AgreementTerm(Table, tablename="mediation_agreement_term"):
    """An agreed term (协议条款) with its performance (履行情况)."""

    agreement = ForeignKey(MediationAgreement, index=True, on_delete=OnDelete.cascade)
    position = Integer(default=0)
    content = Text()
    obligor = Varchar(length=100, default="")
    manner = Varchar(length=200, default="")
    due_on = Date(null=True, default=None)
    performed_on = Date(null=True, default=None)
    performance_note = Text(default="")


class SignatureRow(Table, tablename="mediation_signature"):
    """A signature on an agreement (签名)."""

    agreement = ForeignKey(MediationAgreement, index=True, on_delete=OnDelete.cascade)
    signer = Varchar(length=100)
    role = Varchar(length=16)
    signed_on = Date()


class FollowUpRow(Table, tablename="mediation_follow_up"):
    """A follow-up visit on performance (回访)."""

    agreement = ForeignKey(MediationAgreement, index=True, on_delete=OnDelete.cascade)
    visited_on = Date()
    visited_by = Varchar(length=100)
    finding = Varchar(length=16)
    method = Varchar(length=50, default="")
    note = Text(default="")
    recorded_by = Varchar(length=64, default="")
