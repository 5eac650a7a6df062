"""Label → field mapping of registration forms (登记表字段映射), as configuration.

Forms differ between bureaus (one prints 来访日期, another 信访日期), so which printed
labels fill which field, how each value is validated and which fields are
required is data: ``default_form_mapping.toml`` in this package, overridable by a
TOML file or a dict from the settings.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from hearing_pdf_import.validators import (
    parse_channel,
    parse_date,
    parse_gender,
    parse_persons,
    parse_phone,
    parse_text,
    validate_id_number,
)

__all__ = ["FIELD_TYPES", "FieldSpec", "FormMapping", "normalize_label"]

FieldValue = str | int | date

#: Validators by the ``type`` named in the mapping.
FIELD_TYPES: dict[str, Callable[[str], FieldValue]] = {
    "text": parse_text,
    "gender": parse_gender,
    "id_number": validate_id_number,
    "phone": parse_phone,
    "date": parse_date,
    "channel": parse_channel,
    "persons": parse_persons,
}

_LABEL_NOISE = re.compile(r"[\s*＊:：]")


def normalize_label(text: str) -> str:
    """A label as compared: NFKC, without whitespace (姓　　名), ``*`` marks and colons."""
    return _LABEL_NOISE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: its printed labels, value type and whether it is required."""

    name: str
    labels: tuple[str, ...]
    type: str = "text"
    required: bool = False

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(
                f"field {self.name!r}: unknown type {self.type!r}; known: {', '.join(FIELD_TYPES)}"
            )
        if not self.labels or not all(normalize_label(label) for label in self.labels):
            raise ValueError(f"field {self.name!r} needs at least one non-empty label")

    def parse(self, raw: str) -> FieldValue:
        """Validate and normalise ``raw``; raises ``InvalidValue``."""
        return FIELD_TYPES[self.type](raw)

    @classmethod
    def from_mapping(cls, name: str, data: Mapping[str, Any]) -> FieldSpec:
        unknown = set(data) - {"labels", "type", "required"}
        if unknown:
            raise ValueError(f"field {name!r}: unknown keys {', '.join(sorted(unknown))}")
        labels = data.get("labels")
        if isinstance(labels, str) or not isinstance(labels, list | tuple):
            raise ValueError(f"field {name!r}: labels must be a list of strings")
        return cls(
            name,
            tuple(str(x) for x in labels),
            str(data.get("type", "text")),
            bool(data.get("required", False)),
        )


@dataclass(frozen=True)
class FormMapping:
    """The fields of a form in order. Labels must not be shared between fields."""

    fields: tuple[FieldSpec, ...]

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for spec in self.fields:
            for label in spec.labels:
                key = normalize_label(label)
                if key in seen and seen[key] != spec.name:
                    raise ValueError(f"label {label!r} is mapped to both {seen[key]!r} and {spec.name!r}")
                seen[key] = spec.name

    @functools.cached_property
    def by_label(self) -> dict[str, FieldSpec]:
        """Normalised label → field."""
        return {normalize_label(label): spec for spec in self.fields for label in spec.labels}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FormMapping:
        """From ``{"fields": {name: {"labels": [...], "type": ..., "required": ...}}}``."""
        fields = data.get("fields")
        if not isinstance(fields, Mapping) or not fields:
            raise ValueError("a form mapping needs a non-empty 'fields' table")
        return cls(tuple(FieldSpec.from_mapping(name, spec) for name, spec in fields.items()))

    @classmethod
    def from_toml(cls, source: str | Path) -> FormMapping:
        """From a TOML file path, or TOML text when ``source`` is a ``str`` containing a newline."""
        text = source if isinstance(source, str) and "\n" in source else Path(source).read_text("utf-8")
        return cls.from_dict(tomllib.loads(text))

    @classmethod
    def default(cls) -> FormMapping:
        """The mapping of the common 信访登记表 shipped with the package."""
        return _default_mapping()

    def merged(self, overrides: Mapping[str, Any]) -> FormMapping:
        """This mapping with fields replaced, extended or removed.

        ``{"fields": {"name": {"labels": [...]}}}`` changes only the keys given;
        a new name adds a field (``labels`` required); ``false`` removes a field.
        """
        changes = overrides.get("fields", {})
        if not isinstance(changes, Mapping):
            raise ValueError("'fields' must be a table")
        current = {spec.name: spec for spec in self.fields}
        for name, change in changes.items():
            if change is False:
                current.pop(name, None)
                continue
            if not isinstance(change, Mapping):
                raise ValueError(f"field {name!r}: override must be a table or false")
            base = current.get(name)
            merged: dict[str, Any] = (
                {"labels": list(base.labels), "type": base.type, "required": base.required} if base else {}
            )
            merged.update(change)
            current[name] = FieldSpec.from_mapping(name, merged)
        return FormMapping(tuple(current.values()))


@functools.lru_cache(maxsize=1)
def _default_mapping() -> FormMapping:
    text = resources.files("hearing_pdf_import").joinpath("default_form_mapping.toml").read_text("utf-8")
    return FormMapping.from_dict(tomllib.loads(text))
