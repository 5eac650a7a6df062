"""Request bodies of the document-import API (msgspec structs, unknown fields refused, lengths bounded)."""

from __future__ import annotations

from typing import Annotated

import msgspec

__all__ = ["AttachBody", "ConfirmBody", "DiscardBody", "FixBody"]

Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Id = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]
FieldName = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
FieldValue = Annotated[str, msgspec.Meta(max_length=10_000)]


class AttachBody(msgspec.Struct, forbid_unknown_fields=True):
    """Attach to a matter (``matter_ref``) or, as ``party``'s evidence, to a hearing (``hearing_id``)."""

    matter_ref: Ref | None = None
    hearing_id: Id | None = None
    party: Id | None = None
    version: Version | None = None


class FixBody(msgspec.Struct, forbid_unknown_fields=True):
    """Corrected fields, name → text (``""`` clears an optional field)."""

    fields: Annotated[dict[FieldName, FieldValue], msgspec.Meta(min_length=1, max_length=50)]
    version: Version | None = None


class ConfirmBody(msgspec.Struct, forbid_unknown_fields=True):
    """Confirm: register the item; optionally into ``matter_ref`` or a new matter."""

    version: Version | None = None
    matter_ref: Ref | None = None
    new_matter: bool | None = None


class DiscardBody(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
    version: Version | None = None
