"""The instance's organ hierarchy (机关层级): who is the next-higher organ of whom.

Review goes to the next-higher organ of the organ that handled the matter, re-review to the
next-higher organ of the reviewing organ (reference §1.8, §3.1). Which organ that is depends
on the county's set-up, so it is configuration: a small table of organs with their level and
parent (上一级机关). Some organs have two possible reviewers — a county department may be
reviewed by the county government or by the counterpart city department (guangdong.md §3.3) —
so an organ may name one ``alt_parent`` as well.

```toml
[[organ]]
code = "county-gov"
name = "临江县人民政府"
level = "county"
parent = "city-gov"
```
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.codes import CodedEnum

__all__ = ["Level", "Organ", "OrganHierarchy", "parse_organs"]

_CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")


class Level(CodedEnum):
    """Administrative level of an organ (机关层级)."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级", "地市级"
    COUNTY = "county", "县级", "县区级"
    TOWNSHIP = "township", "乡镇级", "乡镇（街道）"


@dataclass(frozen=True)
class Organ:
    """An organ (机关) that handles, reviews or re-reviews petition matters."""

    code: str
    name: str
    level: Level
    parent: str | None = None
    alt_parent: str | None = None

    def problems(self, prefix: str = "") -> list[FieldError]:
        errors = []
        if not _CODE.match(self.code):
            errors.append(FieldError(f"{prefix}code", "1-40 lower-case letters, digits, '.', '_' or '-'"))
        if not self.name.strip() or len(self.name) > 100:
            errors.append(FieldError(f"{prefix}name", "is required (at most 100 characters)"))
        for key in ("parent", "alt_parent"):
            value = getattr(self, key)
            if value is not None and value == self.code:
                errors.append(FieldError(f"{prefix}{key}", "an organ cannot be its own superior"))
        if self.alt_parent is not None and self.parent is None:
            errors.append(FieldError(f"{prefix}alt_parent", "needs a parent first"))
        return errors

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "level": self.level.value, "level_label": self.level.label,
                "parent": self.parent, "alt_parent": self.alt_parent}


class OrganHierarchy:
    """The organ table as a tree; answers "is B the next-higher organ of A?"."""

    def __init__(self, organs: Iterable[Organ]) -> None:
        self.organs: dict[str, Organ] = {o.code: o for o in organs}

    def __contains__(self, code: object) -> bool:
        return code in self.organs

    def get(self, code: str | None) -> Organ | None:
        return self.organs.get(code) if code else None

    def name(self, code: str | None) -> str:
        organ = self.get(code)
        return organ.name if organ else (code or "")

    def by_name(self, name: str | None) -> Organ | None:
        """The organ whose name is ``name`` (the register stores handling units by name)."""
        if not name:
            return None
        return next((o for o in self.organs.values() if o.name == name.strip()), None)

    def next_higher(self, code: str) -> list[Organ]:
        """The organs that may review a decision of ``code`` (parent, then the alternative)."""
        organ = self.organs.get(code)
        if organ is None:
            return []
        return [self.organs[c] for c in (organ.parent, organ.alt_parent) if c and c in self.organs]

    def is_next_higher(self, lower: str, upper: str) -> bool:
        return any(o.code == upper for o in self.next_higher(lower))

    def problems(self) -> list[FieldError]:
        """Unknown parents and cycles (an organ above itself)."""
        errors = []
        for organ in self.organs.values():
            for key in ("parent", "alt_parent"):
                value = getattr(organ, key)
                if value and value not in self.organs:
                    errors.append(FieldError(f"{organ.code}.{key}", f"unknown organ '{value}'"))
            seen, current = {organ.code}, organ.parent
            while current and current in self.organs:
                if current in seen:
                    errors.append(FieldError(f"{organ.code}.parent", "the parents form a cycle"))
                    break
                seen.add(current)
                current = self.organs[current].parent
        return errors


def parse_organs(entries: Iterable[Mapping[str, Any]]) -> list[Organ]:
    """Organs from file entries (``[[organ]]`` tables); every problem is reported at once."""
    organs: list[Organ] = []
    errors: list[FieldError] = []
    for i, entry in enumerate(entries):
        prefix = f"organ[{i}]."
        unknown = set(entry) - {"code", "name", "level", "parent", "alt_parent"}
        errors += [FieldError(prefix + k, "unknown key") for k in sorted(unknown)]
        try:
            level = Level.parse(str(entry.get("level", "")))
        except ValueError as exc:
            errors.append(FieldError(prefix + "level", str(exc)))
            continue
        organ = Organ(str(entry.get("code", "")).strip(), str(entry.get("name", "")).strip(), level,
                      (str(entry["parent"]).strip() or None) if entry.get("parent") else None,
                      (str(entry["alt_parent"]).strip() or None) if entry.get("alt_parent") else None)
        errors += organ.problems(prefix)
        organs.append(organ)
    codes = [o.code for o in organs]
    errors += [FieldError("organ", f"code '{c}' appears twice") for c in sorted({c for c in codes if codes.count(c) > 1})]
    if errors:
        raise ValidationFailed("invalid organ table", errors)
    return organs
