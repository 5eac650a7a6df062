"""From a submitted form to the API's request body (表单转换), for pages that share the API's structs.

A page whose API takes a ``msgspec.Struct`` converts the form into the same struct, so the
limits and types of the request body (lengths, dates, numbers, unknown fields) are checked
once, by the struct, for both. Blank fields are left out (the struct's default applies) and
strings become dates, numbers and booleans as the struct declares them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from hearing_core.errors import FieldError, ValidationFailed

__all__ = ["as_struct", "filled", "lines"]

T = TypeVar("T")
_PATH = re.compile(r"\s*-\s*at `\$((?:\.[A-Za-z_]\w*|\[\d+\])*)`$")


def filled(values: Mapping[str, Any], keys: Iterable[str] | None = None) -> dict[str, Any]:
    """The non-blank form values (only ``keys`` if given): a blank field means "not given"."""
    wanted = set(keys) if keys is not None else None
    return {k: v for k, v in values.items() if (wanted is None or k in wanted) and v not in ("", None, [])}


def lines(text: Any) -> list[str]:
    """The non-empty lines of a textarea (one unit, one name … per line)."""
    if isinstance(text, list):
        return [str(t).strip() for t in text if str(t).strip()]
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def as_struct(kind: type[T], data: Mapping[str, Any]) -> T:
    """``data`` converted to the API's request struct ``kind``; a bad value is a field error."""
    import msgspec

    try:
        return msgspec.convert(dict(data), kind, strict=False)
    except msgspec.ValidationError as exc:
        message = str(exc)
        match = _PATH.search(message)
        field = match.group(1).lstrip(".").replace("[", ".").replace("]", "") if match else "form"
        detail = _PATH.sub("", message) if match else message
        raise ValidationFailed("invalid form", [FieldError(field or "form", detail)]) from None
