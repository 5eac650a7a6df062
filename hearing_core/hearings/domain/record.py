"""Signing the hearing record (听证笔录签字).

After the session the record is read back; each participant who attended and each panel
member signs it, or the clerk notes that they refused (拒绝签字的，由记录员注明). The record is
final once nobody is left who has neither signed nor refused. Observers do not sign.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain.panel import PanelMember
from hearing_core.hearings.domain.parties import Participant
from hearing_core.hearings.domain.vocab import ParticipantRole

__all__ = ["Signatory", "Signature", "new_signature", "pending_signatories", "record_signatories"]


@dataclass(frozen=True)
class Signatory:
    """Someone who must sign. ``key`` is ``participant:<no>`` or ``panel:<seat>``."""

    key: str
    name: str
    role: str


@dataclass
class Signature:
    """A signature on the record, or the clerk's note that the person refused to sign."""

    signatory_key: str
    name: str
    role: str
    signed: bool
    note: str
    at: datetime
    id: int | None = None


def record_signatories(
    participants: Sequence[Participant], present: set[int], panel: Sequence[PanelMember]
) -> list[Signatory]:
    """Participants present at the closing session (observers excepted), then the seated panel."""
    people = [
        Signatory(f"participant:{p.no}", p.name, str(p.role))
        for p in participants
        if p.no in present and p.role is not ParticipantRole.OBSERVER
    ]
    members = [Signatory(f"panel:{m.seat}", m.name, str(m.role)) for m in panel]
    return people + members


def pending_signatories(signatories: Sequence[Signatory], signatures: Sequence[Signature]) -> list[Signatory]:
    done = {s.signatory_key for s in signatures}
    return [s for s in signatories if s.key not in done]


def new_signature(
    signatories: Sequence[Signatory],
    signatures: Sequence[Signature],
    *,
    key: str,
    signed: bool,
    note: str,
    at: datetime,
) -> Signature:
    """Validate and build one signature or refusal note."""
    who = next((s for s in signatories if s.key == key), None)
    if who is None:
        raise ValidationFailed("not a signatory of this record", [FieldError("signatory_key", key)])
    if any(s.signatory_key == key for s in signatures):
        raise ValidationFailed(f"{who.name} has already signed or refused", [FieldError("signatory_key", key)])
    if not signed and not note.strip():
        raise ValidationFailed("the clerk notes how the refusal happened", [FieldError("note", "must not be blank")])
    return Signature(key, who.name, who.role, signed, note.strip(), at)
