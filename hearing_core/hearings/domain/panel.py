"""The hearing panel (听证组成人员) and recusal (回避).

Seats are numbered as members are assigned and keep their role. A granted recusal vacates
the seat (the member stays on file, marked ``recused``) until a replacement takes it, and a
panel with a vacant seat, a pending recusal request, or a voting body that is too small or
even cannot sit or deliberate, so a vote can never tie.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain import events as ev
from hearing_core.hearings.domain.rules import (
    DomainRule,
    HearingRules,
    Param,
    domain_violation,
    param_violation,
)
from hearing_core.hearings.domain.vocab import Affiliation, DeciderCapacity, PanelRole, RecusalStatus

__all__ = ["Panel", "PanelMember", "RecusalRequest"]


@dataclass
class PanelMember:
    """One seat holder: presiding officer (主持人), hearing officer (听证员) or clerk (记录员)."""

    seat: int
    person_id: int
    name: str
    role: PanelRole
    affiliation: Affiliation | None = None
    pool_entry_id: int | None = None
    recused: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        self.role = PanelRole(self.role)
        self.affiliation = Affiliation(self.affiliation) if self.affiliation else None


@dataclass
class RecusalRequest:
    """A request that a panel member step aside (回避申请) and its decision."""

    no: int
    seat: int
    member_person_id: int
    requested_by: str
    grounds: str
    requested_at: datetime
    status: RecusalStatus = RecusalStatus.PENDING
    decided_by: str | None = None
    capacity: DeciderCapacity | None = None
    decided_at: datetime | None = None
    decision_reason: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        self.status = RecusalStatus(self.status)
        self.capacity = DeciderCapacity(self.capacity) if self.capacity else None


@dataclass
class Panel:
    """Members (past and present) and recusal requests of one hearing."""

    members: list[PanelMember] = field(default_factory=list)
    recusals: list[RecusalRequest] = field(default_factory=list)

    # -- views ------------------------------------------------------------------------------
    def seated(self) -> list[PanelMember]:
        return [m for m in self.members if not m.recused]

    def holder(self, seat: int) -> PanelMember | None:
        return next((m for m in self.seated() if m.seat == seat), None)

    def presiding(self) -> PanelMember | None:
        return next((m for m in self.seated() if m.role is PanelRole.PRESIDING_OFFICER), None)

    def vacant_seats(self) -> list[int]:
        seats = sorted({m.seat for m in self.members})
        return [s for s in seats if self.holder(s) is None]

    def pending(self) -> list[RecusalRequest]:
        return [r for r in self.recusals if r.status is RecusalStatus.PENDING]

    def voters(self, rules: HearingRules) -> list[PanelMember]:
        """Who deliberates and votes: hearing officers, and the presiding officer if the profile says so."""
        roles = {PanelRole.HEARING_OFFICER}
        if rules.presiding_officer_votes:
            roles.add(PanelRole.PRESIDING_OFFICER)
        return [m for m in self.seated() if m.role in roles]

    def person_ids(self) -> set[int]:
        return {m.person_id for m in self.members}

    # -- commands ---------------------------------------------------------------------------
    def assign(
        self,
        *,
        role: PanelRole,
        person_id: int,
        name: str,
        affiliation: Affiliation | None,
        pool_entry_id: int | None,
        investigators: Collection[int],
        taken: Collection[int],
        seat: int | None = None,
    ) -> PanelMember:
        """Seat a new member (``seat`` given: fill that vacated seat). Raises if not allowed."""
        if not name.strip():
            raise ValidationFailed("panel member needs a name", [FieldError("name", "must not be blank")])
        if person_id in self.person_ids() or person_id in taken:
            # Also bars a recused member from coming back to the same case.
            raise domain_violation(DomainRule.ONE_SEAT_PER_PERSON, f"{name} (person {person_id}) already takes part")
        if role is PanelRole.PRESIDING_OFFICER and person_id in investigators:
            raise domain_violation(
                DomainRule.PRESIDING_NOT_INVESTIGATOR,
                f"{name} investigated this matter and cannot preside",
                person_id=person_id,
            )
        if role is PanelRole.HEARING_OFFICER and (affiliation is None or pool_entry_id is None):
            raise ValidationFailed(
                "hearing officers are drawn from the expert pool",
                [FieldError("pool_entry_id", "give the pool entry and its affiliation")],
            )
        if seat is None and role is not PanelRole.HEARING_OFFICER and any(m.role is role for m in self.members):
            raise ValidationFailed(
                f"the panel already has a {role}; replace through recusal",
                [FieldError("role", f"{role} already seated")],
            )
        member = PanelMember(
            seat=seat if seat is not None else max((m.seat for m in self.members), default=0) + 1,
            person_id=person_id,
            name=name.strip(),
            role=role,
            affiliation=affiliation,
            pool_entry_id=pool_entry_id,
        )
        self.members.append(member)
        return member

    def request_recusal(self, *, seat: int, requested_by: str, grounds: str, at: datetime) -> ev.RecusalRequested:
        member = self.holder(seat)
        if member is None:
            raise ValidationFailed("no one sits in that seat", [FieldError("seat", f"seat {seat} is empty")])
        errors = [FieldError(f, "must not be blank") for f, v in (("requested_by", requested_by), ("grounds", grounds))
                  if not v.strip()]
        if errors:
            raise ValidationFailed("a recusal request names who asks and why", errors)
        if any(r.seat == seat and r.status is RecusalStatus.PENDING for r in self.recusals):
            raise ValidationFailed("a request against this seat is already pending", [FieldError("seat", "pending")])
        request = RecusalRequest(len(self.recusals) + 1, seat, member.person_id, requested_by.strip(),
                                 grounds.strip(), at)
        self.recusals.append(request)
        return ev.RecusalRequested(request.no, seat, member.person_id, request.requested_by, request.grounds)

    def decide_recusal(
        self,
        *,
        request_no: int,
        granted: bool,
        decided_by: str,
        capacity: DeciderCapacity,
        decider_person_id: int | None,
        reason: str,
        at: datetime,
    ) -> ev.DomainEvent:
        request = next((r for r in self.recusals if r.no == request_no), None)
        if request is None or request.status is not RecusalStatus.PENDING:
            raise ValidationFailed("no such pending recusal request", [FieldError("request_no", str(request_no))])
        member = next(m for m in self.members if m.seat == request.seat and m.person_id == request.member_person_id)
        self._check_decider(member, capacity, decider_person_id, decided_by)
        if not granted and not reason.strip():
            raise ValidationFailed("a refusal gives reasons", [FieldError("reason", "must not be blank")])
        request.status = RecusalStatus.GRANTED if granted else RecusalStatus.REFUSED
        request.decided_by, request.capacity, request.decided_at = decided_by, capacity, at
        request.decision_reason = reason.strip()
        if not granted:
            return ev.RecusalRefused(request.no, decided_by, str(capacity), request.decision_reason)
        member.recused = True
        return ev.PanelMemberRecused(request.no, member.seat, member.person_id, decided_by, str(capacity))

    def _check_decider(
        self, member: PanelMember, capacity: DeciderCapacity, decider_person_id: int | None, decided_by: str
    ) -> None:
        needed = DeciderCapacity.PRESIDING_OFFICER if member.role is PanelRole.CLERK else DeciderCapacity.ORGAN_HEAD
        if capacity is not needed:
            raise domain_violation(
                DomainRule.RECUSAL_DECIDER,
                f"a request against the {member.role} is decided by the {needed}, not the {capacity}",
            )
        presiding = self.presiding()
        if needed is DeciderCapacity.PRESIDING_OFFICER and (
            presiding is None or presiding.person_id != decider_person_id
        ):
            raise domain_violation(
                DomainRule.RECUSAL_DECIDER, f"{decided_by} is not the presiding officer of this hearing"
            )

    def check_ready(self, rules: HearingRules) -> None:
        """Raise unless the panel can sit and vote: complete, no pending recusal, odd and large enough."""
        missing = [r for r in (PanelRole.PRESIDING_OFFICER, PanelRole.CLERK)
                   if not any(m.role is r for m in self.seated())]
        if missing:
            raise domain_violation(DomainRule.PANEL_COMPLETE, f"the panel has no {' and no '.join(missing)}")
        if vacant := self.vacant_seats():
            raise domain_violation(
                DomainRule.PANEL_COMPLETE, f"seat(s) {vacant} vacated by recusal are not filled", vacant_seats=vacant
            )
        if pending := self.pending():
            raise domain_violation(
                DomainRule.PANEL_COMPLETE, f"recusal request #{pending[0].no} is not decided"
            )
        voters = len(self.voters(rules))
        if voters < rules.panel_min:
            raise param_violation(
                rules, Param.PANEL_MIN, f"the panel has {voters} voting members; at least {rules.panel_min} needed",
                voters=voters,
            )
        if voters % 2 == 0:
            # Deliberation decides by majority, so an even body is refused even where the
            # profile does not ask for oddness: ties are impossible by construction.
            detail = f"the panel has {voters} voting members; an odd number is needed"
            if rules.panel_odd:
                raise param_violation(rules, Param.PANEL_ODD, detail, voters=voters)
            raise domain_violation(DomainRule.ODD_VOTING_BODY, detail, voters=voters)
