"""The issuing organ (发文机关) and the matter a hearing is about, as documents need them.

:class:`Organ` is built once from the instance settings (``organ_name`` and the optional
``[documents]`` table of ``config.toml``); :class:`MatterInfo` from the register. Both are
small and plain so the context builders stay pure.

Document numbers (文号) follow one scheme for the whole bureau::

    number_format = "{abbr}信听{code}〔{year}〕{no}号"   # 临信听通〔2025〕12号

``abbr`` is the organ's short name (机关代字, default: the first character of its name),
``code`` the document's code (empty for the case number, 通 notice, 公 announcement,
报 report), ``year`` the year the case was opened and ``no`` the case's number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.hearings.documents.wording import DEFAULT_LEGAL_BASIS, DEFAULT_MATERIALS, DEFAULT_RIGHTS

__all__ = ["DOCUMENT_CODES", "MatterInfo", "Organ"]

#: Code of each document in its number (文号中的文书代字).
DOCUMENT_CODES = {"case": "", "notice": "通", "announcement": "公", "report": "报"}

_CONFIG_KEYS = (
    "abbreviation", "number_format", "contact_name", "contact_phone", "address", "date_style", "legal_basis",
)


@dataclass(frozen=True)
class MatterInfo:
    """The petition matter (信访事项) a hearing is about, as the register knows it."""

    ref: str
    title: str
    received_on: date | None = None


@dataclass(frozen=True)
class Organ:
    """The bureau that issues the hearing documents and how it numbers them."""

    name: str
    abbreviation: str = ""
    number_format: str = "{abbr}信听{code}〔{year}〕{no}号"
    contact_name: str = ""
    contact_phone: str = ""
    address: str = ""
    date_style: str = "chinese"  # or "arabic" (2025年3月8日, as GB/T 9704-2012 prefers)
    legal_basis: str = DEFAULT_LEGAL_BASIS
    rights_and_duties: tuple[str, ...] = DEFAULT_RIGHTS
    materials: tuple[str, ...] = DEFAULT_MATERIALS
    copy_to: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationFailed("the organ needs a name", [FieldError("organ_name", "must not be blank")])
        if self.date_style not in ("chinese", "arabic"):
            raise ValidationFailed("unknown date style", [FieldError("date_style", "chinese or arabic")])
        try:
            self.number_format.format(abbr="", code="", year=2025, no=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValidationFailed(
                "invalid document number format",
                [FieldError("number_format", f"use {{abbr}}, {{code}}, {{year}}, {{no}} only ({exc})")],
            ) from exc

    @property
    def abbr(self) -> str:
        return self.abbreviation or self.name.strip()[0]

    def number(self, kind: str, year: int, no: int | str | None) -> str:
        """The number of document ``kind`` (a key of :data:`DOCUMENT_CODES`) for case ``no``."""
        shown = "　" if no is None else no  # an unsaved case: leave room to write the number in
        return self.number_format.format(abbr=self.abbr, code=DOCUMENT_CODES[kind], year=year, no=shown)

    @classmethod
    def from_settings(cls, settings: Any) -> Organ:
        """From ``settings.organ_name`` and the ``[documents]`` table of the instance config."""
        table = settings.extra.get("documents", {}) if isinstance(settings.extra, Mapping) else {}
        return cls.from_mapping(settings.organ_name, table if isinstance(table, Mapping) else {})

    @classmethod
    def from_mapping(cls, name: str, table: Mapping[str, Any]) -> Organ:
        values: dict[str, Any] = {k: str(table[k]) for k in _CONFIG_KEYS if k in table}
        values.update({k: _texts(table[k], k) for k in ("rights_and_duties", "materials", "copy_to") if k in table})
        return cls(name=name, **values)


def _texts(value: object, key: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValidationFailed("expected a list of texts", [FieldError(f"documents.{key}", "a list of strings")])
    return tuple(str(v) for v in value)
