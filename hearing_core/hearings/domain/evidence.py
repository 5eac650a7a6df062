"""Evidence (证据): submission (举证), cross-examination (质证) and the panel's finding (认证).

Files live in document storage; an item only carries the SHA-256 digests of its
attachments, so the record proves which exact files were examined.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.domain.rules import DomainRule, domain_violation
from hearing_core.hearings.domain.vocab import EvidenceKind, Stance

__all__ = ["Assessment", "CrossExamination", "EvidenceItem", "Finding", "check_digests"]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def check_digests(attachments: Sequence[str]) -> tuple[str, ...]:
    """Lower-cased SHA-256 hex digests, or ValidationFailed naming each bad one."""
    digests = tuple(a.strip().lower() for a in attachments)
    errors = [
        FieldError(f"attachments.{i}", "not a SHA-256 hex digest") for i, d in enumerate(digests) if not _SHA256.match(d)
    ]
    if len(set(digests)) != len(digests):
        errors.append(FieldError("attachments", "the same file is attached twice"))
    if errors:
        raise ValidationFailed("invalid attachment digests", errors)
    return digests


@dataclass(frozen=True)
class Assessment:
    """One aspect of a cross-examination opinion: accept, or dispute with a comment."""

    stance: Stance
    comment: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "stance", Stance(self.stance))
        if self.stance is Stance.DISPUTE and not self.comment.strip():
            # A bare "disputed" gives the panel nothing to weigh.
            raise ValidationFailed("a dispute says why", [FieldError("comment", "must not be blank")])


@dataclass
class CrossExamination:
    """A side's opinion on an item's authenticity, relevance and legality (真实性、关联性、合法性)."""

    side: str
    by_no: int
    authenticity: Assessment
    relevance: Assessment
    legality: Assessment
    recorded_at: datetime
    id: int | None = None

    @property
    def disputed(self) -> bool:
        return any(a.stance is Stance.DISPUTE for a in (self.authenticity, self.relevance, self.legality))


@dataclass
class Finding:
    """The panel's finding on an item: admitted (采信) or not, with the reason when not."""

    admitted: bool
    reason: str
    at: datetime


@dataclass
class EvidenceItem:
    """One piece of evidence submitted by a named participant on behalf of a side."""

    no: int
    submitted_by_no: int
    side: str
    kind: EvidenceKind
    title: str
    submitted_at: datetime
    description: str = ""
    attachments: tuple[str, ...] = ()
    opinions: list[CrossExamination] = field(default_factory=list)
    finding: Finding | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.kind = EvidenceKind(self.kind)

    def missing_opinions(self, sides: Collection[str]) -> list[str]:
        """Sides, other than the submitter's, whose opinion is not on file yet."""
        given = {o.side for o in self.opinions}
        return sorted(s for s in sides if s != self.side and s not in given)

    def add_opinion(self, opinion: CrossExamination) -> None:
        if opinion.side == self.side:
            raise domain_violation(
                DomainRule.CROSS_EXAMINATION, f"evidence #{self.no} is cross-examined by the other parties, not its own"
            )
        if any(o.side == opinion.side for o in self.opinions):
            raise ValidationFailed(
                f"{opinion.side} already gave its opinion on evidence #{self.no}", [FieldError("side", "duplicate")]
            )
        self.opinions.append(opinion)

    def find(self, *, admitted: bool, reason: str, at: datetime, sides: Collection[str]) -> Finding:
        """Record the panel's finding once every other present side has cross-examined the item."""
        if missing := self.missing_opinions(sides):
            raise domain_violation(
                DomainRule.CROSS_EXAMINATION,
                f"evidence #{self.no} has not been cross-examined by {', '.join(missing)}",
                missing_sides=missing,
            )
        if not admitted and not reason.strip():
            raise domain_violation(DomainRule.EVIDENCE_FINDING, f"evidence #{self.no}: say why it is not admitted")
        self.finding = Finding(admitted, reason.strip(), at)
        return self.finding
