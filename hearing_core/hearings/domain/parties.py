"""Hearing participants (听证参加人) and the sides they belong to.

A *side* is a party with its helpers: the petitioner side (petitioner, representatives and
their agents), the handling unit (承办单位, its officers), and each third party with its
agents. Witnesses and observers belong to no side. Sides decide who cross-examines whose
evidence and who must be served a notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain.rules import (
    DomainRule,
    HearingRules,
    Param,
    domain_violation,
    param_violation,
)
from hearing_core.hearings.domain.vocab import ParticipantRole

__all__ = [
    "HANDLING_UNIT",
    "PETITIONER_SIDE",
    "NoticeTarget",
    "Participant",
    "check_new_participant",
    "notice_targets",
    "side_of",
]

PETITIONER_SIDE = "petitioner"
HANDLING_UNIT = "handling_unit"
R = ParticipantRole
_PRINCIPALS = (R.PETITIONER, R.REPRESENTATIVE, R.THIRD_PARTY)


@dataclass
class Participant:
    """A person heard or admitted at the hearing (听证参加人)."""

    no: int  # case-local number, stable before and after saving; references use it
    name: str
    role: ParticipantRole
    person_id: int | None = None
    principal_no: int | None = None  # agents: the participant they act for
    power_of_attorney: str | None = None  # agents: reference of the 授权委托书
    unit: str | None = None  # handling-unit officers: their unit
    id: int | None = None

    def __post_init__(self) -> None:
        self.role = ParticipantRole(self.role)


def side_of(participant: Participant, participants: Sequence[Participant]) -> str | None:
    """The side a participant speaks for, or None for witnesses and observers."""
    if participant.role is R.AGENT:
        principal = next(p for p in participants if p.no == participant.principal_no)
        return side_of(principal, participants)
    if participant.role in (R.PETITIONER, R.REPRESENTATIVE):
        return PETITIONER_SIDE
    if participant.role is R.HANDLING_UNIT_OFFICER:
        return HANDLING_UNIT
    if participant.role is R.THIRD_PARTY:
        return f"third_party:{participant.no}"
    return None


def check_new_participant(
    participants: Sequence[Participant],
    rules: HearingRules,
    *,
    name: str,
    role: ParticipantRole,
    person_id: int | None,
    principal_no: int | None,
    power_of_attorney: str | None,
) -> None:
    """Raise unless a participant with these details may join the hearing."""
    if not name.strip():
        raise ValidationFailed("participant needs a name", [FieldError("name", "must not be blank")])
    if person_id is not None and any(p.person_id == person_id for p in participants):
        raise domain_violation(DomainRule.ONE_SEAT_PER_PERSON, f"person {person_id} already takes part")
    if role is R.AGENT:
        _check_agent(participants, rules, principal_no, power_of_attorney)
    elif principal_no is not None:
        raise ValidationFailed("only agents act for a principal", [FieldError("principal_no", "remove it")])
    if role is R.PETITIONER and any(p.role is R.PETITIONER for p in participants):
        # Several petitioners on one matter speak through representatives (代表).
        raise ValidationFailed(
            "the case already has a petitioner; add the others' representatives instead",
            [FieldError("role", "petitioner already present")],
        )
    if role is R.REPRESENTATIVE:
        count = sum(p.role is R.REPRESENTATIVE for p in participants)
        if count >= rules.representatives_max:
            raise param_violation(
                rules,
                Param.REPRESENTATIVES_MAX,
                f"a multi-person matter sends at most {rules.representatives_max} representatives",
                limit=rules.representatives_max,
            )


def _check_agent(
    participants: Sequence[Participant],
    rules: HearingRules,
    principal_no: int | None,
    power_of_attorney: str | None,
) -> None:
    principal = next((p for p in participants if p.no == principal_no), None)
    if principal is None or principal.role not in _PRINCIPALS:
        raise ValidationFailed(
            "an agent acts for a petitioner, representative or third party",
            [FieldError("principal_no", f"no such principal: {principal_no}")],
        )
    if not (power_of_attorney or "").strip():
        raise domain_violation(DomainRule.POWER_OF_ATTORNEY, f"agent for {principal.name} has no power of attorney")
    count = sum(p.role is R.AGENT and p.principal_no == principal.no for p in participants)
    if count >= rules.agents_max:
        raise param_violation(
            rules,
            Param.AGENTS_MAX,
            f"{principal.name} may appoint at most {rules.agents_max} agents",
            limit=rules.agents_max,
        )


@dataclass(frozen=True)
class NoticeTarget:
    """Someone who must be served a notice, and the participants whose receipt counts for them."""

    label: str
    recipient_nos: tuple[int, ...]


def notice_targets(participants: Sequence[Participant]) -> list[NoticeTarget]:
    """Each petitioner, representative and third party (receipt by their agent counts), and
    the handling unit once (receipt by any of its officers counts)."""
    targets = []
    for p in participants:
        if p.role in _PRINCIPALS:
            agents = tuple(a.no for a in participants if a.role is R.AGENT and a.principal_no == p.no)
            targets.append(NoticeTarget(f"{p.role} #{p.no} {p.name}", (p.no, *agents)))
    unit = tuple(p.no for p in participants if p.role is R.HANDLING_UNIT_OFFICER)
    if unit:
        targets.append(NoticeTarget("handling unit", unit))
    return targets
