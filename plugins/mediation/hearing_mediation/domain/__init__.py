"""Mediation domain (调解): ORM-free centres, reception batches, cases, agreements and the tally.

* :mod:`.codes` — code lists (dispositions, roles, consent, outcomes)
* :mod:`.machines` — the four state machines
* :mod:`.centre` — centres, mediators, committee composition (3-9 members)
* :mod:`.reception` — a visit batch and its disposition
* :mod:`.parties`, :mod:`.case` — mediation cases
* :mod:`.agreement` — mediation agreements, performance, judicial confirmation
* :mod:`.tally` — the year's figures and the report paragraph
"""

from __future__ import annotations

from hearing_mediation.domain.agreement import Agreement, FollowUp, Signature, Term
from hearing_mediation.domain.case import MediationCase
from hearing_mediation.domain.centre import (
    Centre,
    CommitteeStatus,
    Mediator,
    committee_status,
    ensure_room_on_committee,
)
from hearing_mediation.domain.codes import (
    AdviceRoute,
    AgreementForm,
    ApplicationKind,
    CommitteeRole,
    ConfirmationState,
    Consent,
    FollowUpFinding,
    MediatorChoice,
    MemberRole,
    PartyRole,
    ReceptionDisposition,
    SignerRole,
)
from hearing_mediation.domain.machines import (
    AGREEMENT,
    CASE,
    CONFIRMATION,
    RECEPTION,
    AgreementState,
    CaseState,
)
from hearing_mediation.domain.parties import CaseMediator, Helper, Party, Session
from hearing_mediation.domain.reception import ReceptionBatch
from hearing_mediation.domain.tally import (
    CaseFigures,
    Count,
    ReceptionTally,
    render_markdown,
    tally_reception,
)

__all__ = [
    "AGREEMENT", "CASE", "CONFIRMATION", "RECEPTION", "AdviceRoute", "Agreement", "AgreementForm",
    "AgreementState", "ApplicationKind", "CaseFigures", "CaseMediator", "CaseState", "Centre", "CommitteeRole",
    "CommitteeStatus", "ConfirmationState", "Consent", "Count", "FollowUp", "FollowUpFinding", "Helper",
    "MediationCase", "Mediator", "MediatorChoice", "MemberRole", "Party", "PartyRole", "ReceptionBatch",
    "ReceptionDisposition", "ReceptionTally", "Session", "Signature", "SignerRole", "Term", "committee_status",
    "ensure_room_on_committee", "render_markdown", "tally_reception",
]
