"""Petition service centres (信访服务中心), their mediators and mediation committee (人民调解委员会).

A centre runs a reception desk and hosts a people's mediation committee. The
committee's size comes from the rule profile (``mediation.committee_min`` /
``mediation.committee_max``, 3 and 9 under 人民调解法 Art. 8), so it is passed in,
never assumed. Mediators who are not committee members (调解员) may still mediate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_mediation.domain.codes import CommitteeRole

__all__ = ["Centre", "CommitteeStatus", "Mediator", "committee_status", "ensure_room_on_committee"]

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_NAME_MAX = 100
_SPECIALITY_MAX = 20
COMMITTEE_SOURCE = "《人民调解法》第八条"


def _text(errors: list[FieldError], name: str, value: str, *, required: bool = True, limit: int = 200) -> None:
    if required and not value.strip():
        errors.append(FieldError(name, "is required"))
    elif len(value) > limit:
        errors.append(FieldError(name, f"must be at most {limit} characters"))


@dataclass
class Centre:
    """A petition service centre (信访服务中心) with its mediation committee."""

    code: str
    name: str
    #: Name of the people's mediation committee, printed on agreements (e.g. 临江县城关镇人民调解委员会).
    committee_name: str
    #: Prefix of agreement numbers (文号前缀), e.g. ``临城调`` gives ``临城调〔2025〕3号``.
    doc_prefix: str = ""
    address: str = ""
    phone: str = ""
    active: bool = True
    id: int | None = None
    version: int = 1

    def validate(self) -> None:
        errors: list[FieldError] = []
        if not _CODE.fullmatch(self.code or ""):
            errors.append(FieldError("code", "1-32 letters, digits, '-' or '_', starting with a letter or digit"))
        _text(errors, "name", self.name)
        _text(errors, "committee_name", self.committee_name)
        _text(errors, "doc_prefix", self.doc_prefix, required=False, limit=20)
        _text(errors, "address", self.address, required=False)
        _text(errors, "phone", self.phone, required=False, limit=32)
        if errors:
            raise ValidationFailed("invalid centre", errors)
        self.name, self.committee_name = self.name.strip(), self.committee_name.strip()
        self.doc_prefix = self.doc_prefix.strip() or self.code

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Mediator:
    """A people's mediator (人民调解员) on a centre's roster, with specialities (专长)."""

    centre_id: int
    name: str
    #: The user account, if the mediator logs in (their view is then scoped to the centre).
    username: str | None = None
    #: ``male`` / ``female``; the committee must include women (Art. 8).
    sex: str | None = None
    specialities: list[str] = field(default_factory=list)
    committee_role: CommitteeRole = CommitteeRole.NONE
    #: Work phone of the mediator (an official acting in office: not masked).
    phone: str = ""
    active: bool = True
    id: int | None = None
    version: int = 1

    def validate(self) -> None:
        errors: list[FieldError] = []
        _text(errors, "name", self.name, limit=_NAME_MAX)
        if self.sex not in (None, "male", "female"):
            errors.append(FieldError("sex", "must be 'male' or 'female'"))
        if len(self.specialities) > _SPECIALITY_MAX:
            errors.append(FieldError("specialities", f"at most {_SPECIALITY_MAX}"))
        for i, s in enumerate(self.specialities):
            _text(errors, f"specialities[{i}]", s, limit=50)
        _text(errors, "phone", self.phone, required=False, limit=32)
        if errors:
            raise ValidationFailed("invalid mediator", errors)
        self.name = self.name.strip()
        self.specialities = list(dict.fromkeys(s.strip() for s in self.specialities))

    @property
    def on_committee(self) -> bool:
        return self.active and self.committee_role is not CommitteeRole.NONE

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["committee_role"] = self.committee_role.value
        data["committee_role_label"] = self.committee_role.label
        return data


@dataclass(frozen=True)
class CommitteeStatus:
    """Whether a centre's committee is lawfully composed (委员会组成情况)."""

    members: int
    minimum: int
    maximum: int
    chairs: int
    women: int
    problems: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "members": self.members, "minimum": self.minimum, "maximum": self.maximum,
            "chairs": self.chairs, "women": self.women, "complete": self.complete,
            "problems": list(self.problems),
        }

    def require_complete(self) -> None:
        """Refuse to open a mediation while the committee is not lawfully composed."""
        if not self.problems:
            return
        if self.members < self.minimum:
            rule = "mediation.committee_min"
        elif self.members > self.maximum:
            rule = "mediation.committee_max"
        else:
            rule = "mediation.committee_composition"
        raise RuleViolation(
            "the mediation committee is not complete: " + "; ".join(self.problems), rule=rule, source=COMMITTEE_SOURCE
        )


def committee_status(mediators: Iterable[Mediator], minimum: int, maximum: int) -> CommitteeStatus:
    """Count committee members (委员) and list what the law requires and is missing."""
    seated = [m for m in mediators if m.on_committee]
    chairs = sum(1 for m in seated if m.committee_role is CommitteeRole.CHAIR)
    women = sum(1 for m in seated if m.sex == "female")
    problems = []
    if len(seated) < minimum:
        problems.append(f"{len(seated)} members, at least {minimum} required (mediation.committee_min)")
    if len(seated) > maximum:
        problems.append(f"{len(seated)} members, at most {maximum} allowed (mediation.committee_max)")
    if chairs != 1:
        problems.append(f"the committee needs exactly one chair (主任), has {chairs}")
    if seated and not women:
        problems.append("the committee must include a woman member (应当有妇女成员)")
    return CommitteeStatus(len(seated), minimum, maximum, chairs, women, tuple(problems))


def ensure_room_on_committee(mediators: Iterable[Mediator], joining: Mediator, maximum: int) -> None:
    """Refuse a seat beyond ``mediation.committee_max`` or a second chair."""
    if not joining.on_committee:
        return
    others = [m for m in mediators if m.on_committee and m.id != joining.id]
    if len(others) + 1 > maximum:
        raise RuleViolation(
            f"the committee already has {len(others)} members; at most {maximum} are allowed",
            rule="mediation.committee_max", source=COMMITTEE_SOURCE,
        )
    if joining.committee_role is CommitteeRole.CHAIR and any(m.committee_role is CommitteeRole.CHAIR for m in others):
        raise RuleViolation("the committee already has a chair (主任)", rule="mediation.committee_chair", source=COMMITTEE_SOURCE)
