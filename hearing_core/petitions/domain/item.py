"""Petition item (信访件) and petitioner (信访人).

An item is one submission: a letter, one visit batch (批次, counted in persons),
a call, an online submission, a transferred mailbox or hotline record. Several
items on the same matter by the same petitioner(s) belong to one petition
matter (信访事项); see :mod:`hearing_core.petitions.domain.matter`.

The dataclasses hold plain fields (ids are ``int | None`` until stored) so the
repository can map them to rows one to one. Validation returns *every* problem
at once as :class:`~hearing_core.errors.FieldError` values, because staff fix a
whole form (or a whole import file) in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.categories import CategoryCatalog
from hearing_core.petitions.domain.codes import AbnormalReason, Channel, Purpose, Source
from hearing_core.petitions.domain.identity import (
    id_number_error,
    normalise_id_number,
    normalise_phone,
    phone_error,
)

__all__ = ["REF_MAX", "TEXT_MAX", "PetitionItem", "Petitioner", "ref_error"]

#: Longest accepted reference (件号); national numbers are opaque but short.
REF_MAX = 64
#: Longest summary/request kept on the item; a longer text is an attachment, and the
#: cap keeps one corrupt spreadsheet cell from ballooning an import in memory.
TEXT_MAX = 10_000
_NAME_MAX = 100
_REF = re.compile(r"[^\s\x00-\x1f]+")


def ref_error(ref: str) -> str | None:
    """Why ``ref`` cannot be an item or matter reference, or ``None``."""
    if not ref.strip():
        return "is required"
    if len(ref) > REF_MAX:
        return f"must be at most {REF_MAX} characters"
    if not _REF.fullmatch(ref):
        return "must not contain spaces or control characters"
    return None


@dataclass
class Petitioner:
    """A petitioner (信访人) or joint-letter signatory (联名人)."""

    name: str
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    id: int | None = None

    def problems(self, prefix: str, *, today: date | None = None) -> list[FieldError]:
        """Field errors, named ``{prefix}.name`` etc."""
        errors: list[FieldError] = []
        if not self.name.strip():
            errors.append(FieldError(f"{prefix}.name", "is required"))
        elif len(self.name) > _NAME_MAX:
            errors.append(FieldError(f"{prefix}.name", f"must be at most {_NAME_MAX} characters"))
        if self.id_number:
            problem = id_number_error(self.id_number, today=today)
            if problem:
                errors.append(FieldError(f"{prefix}.id_number", problem))
        if self.phone:
            problem = phone_error(self.phone)
            if problem:
                errors.append(FieldError(f"{prefix}.phone", problem))
        if self.address is not None and len(self.address) > TEXT_MAX:
            errors.append(FieldError(f"{prefix}.address", f"must be at most {TEXT_MAX} characters"))
        return errors

    def normalised(self) -> Petitioner:
        """A copy with canonical ID number and phone (call after :meth:`problems` is empty)."""
        return Petitioner(
            name=self.name.strip(),
            id_number=normalise_id_number(self.id_number) if self.id_number else None,
            phone=normalise_phone(self.phone) if self.phone else None,
            address=self.address.strip() if self.address else None,
            id=self.id,
        )


@dataclass
class PetitionItem:
    """One petition item (信访件): a letter, a visit batch, a call, an online submission…"""

    ref: str
    received_on: date
    channel: Channel
    summary: str
    #: Persons in a visit batch (人次); for a joint letter the number of signatories.
    persons: int = 1
    petitioners: list[Petitioner] = field(default_factory=list)
    #: Joint-letter signatories (联名人) beyond the petitioners who give contact details.
    signatories: list[Petitioner] = field(default_factory=list)
    #: Category code from the :class:`CategoryCatalog` (a top level or a sub-category).
    category: str | None = None
    purpose: Purpose | None = None
    request: str = ""
    source: Source = Source.OWN_INTAKE
    level_skipping: bool = False  # 越级访
    litigation_related: bool = False  # 涉法涉诉
    anonymous: bool = False  # 匿名
    abnormal: bool = False  # 非正常访
    abnormal_reason: AbnormalReason | None = None
    matter_ref: str | None = None
    #: Number in the national petition information system, opaque (reference §7).
    national_system_no: str | None = None
    matter_id: int | None = None
    id: int | None = None

    def is_collective(self, threshold: int) -> bool:
        """Collective petition (集体访 / 集体联名): ``persons`` reaches the profile's threshold.

        The threshold is a rule-profile parameter (``intake.collective_visit_threshold``,
        5 in practice but unconfirmed nationally), so it is passed in, never assumed.
        """
        if threshold < 2:
            raise ValueError("a collective threshold below 2 persons makes every item collective")
        return self.persons >= threshold

    def is_collective_visit(self, threshold: int) -> bool:
        """A collective visit (集访), the figure year-end summaries report in 批/人次."""
        return self.channel is Channel.VISIT and self.is_collective(threshold)

    @property
    def is_joint_letter(self) -> bool:
        """Joint letter (联名信): a written item signed by two or more people."""
        written = self.channel in (Channel.LETTER, Channel.FAX, Channel.EMAIL, Channel.ONLINE)
        return written and len(self.signatories) >= 2

    def problems(self, catalog: CategoryCatalog, *, today: date | None = None) -> list[FieldError]:
        """Every field error of the item. ``today`` (if given) forbids future dates."""
        errors: list[FieldError] = []
        problem = ref_error(self.ref)
        if problem:
            errors.append(FieldError("ref", problem))
        if self.matter_ref is not None:
            problem = ref_error(self.matter_ref)
            if problem:
                errors.append(FieldError("matter_ref", problem))
        if today is not None and self.received_on > today:
            errors.append(FieldError("received_on", f"{self.received_on.isoformat()} is in the future"))
        if self.persons < 1:
            errors.append(FieldError("persons", "must be at least 1"))
        elif self.persons < len(self.signatories):
            errors.append(FieldError("persons", f"is less than the {len(self.signatories)} signatories"))
        for name, text in (("summary", self.summary), ("request", self.request)):
            if len(text) > TEXT_MAX:
                errors.append(FieldError(name, f"must be at most {TEXT_MAX} characters"))
        if not self.summary.strip():
            errors.append(FieldError("summary", "is required"))
        if self.category is not None and self.category not in catalog:
            errors.append(FieldError("category", f"unknown category '{self.category}'"))
        if not self.anonymous and not self.petitioners:
            errors.append(FieldError("petitioners", "at least one petitioner is required unless anonymous"))
        for i, person in enumerate(self.petitioners):
            errors.extend(person.problems(f"petitioners[{i}]", today=today))
        for i, person in enumerate(self.signatories):
            errors.extend(person.problems(f"signatories[{i}]", today=today))
        if self.abnormal and self.abnormal_reason is None:
            errors.append(FieldError("abnormal_reason", "is required when the item is flagged abnormal"))
        if not self.abnormal and self.abnormal_reason is not None:
            errors.append(FieldError("abnormal_reason", "is only allowed when the item is flagged abnormal"))
        return errors

    def validate(self, catalog: CategoryCatalog, *, today: date | None = None) -> None:
        """Raise :class:`ValidationFailed` with every problem, else :meth:`normalise`."""
        errors = self.problems(catalog, today=today)
        if errors:
            raise ValidationFailed("invalid petition item", errors)
        self.normalise(catalog)

    def normalise(self, catalog: CategoryCatalog) -> None:
        """Canonical ID numbers and phones, category code instead of a Chinese name.

        Only for an item whose :meth:`problems` are empty. Stored data then compares
        equal for the repeat finder however staff typed it.
        """
        self.ref = self.ref.strip()
        if self.category is not None:
            self.category = catalog.resolve(self.category).code
        self.petitioners = [p.normalised() for p in self.petitioners]
        self.signatories = [p.normalised() for p in self.signatories]

    def petitioner_ids(self) -> set[str]:
        """Normalised ID numbers of petitioners and signatories (for repeat matching)."""
        people = [*self.petitioners, *self.signatories]
        return {normalise_id_number(p.id_number) for p in people if p.id_number}
