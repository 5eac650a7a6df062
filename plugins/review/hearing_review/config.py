"""Plugin settings (复查复核设置): the ``[review]`` table of the instance's ``config.toml``.

```toml
[review]
organ = "county-gov"            # the organ applications are lodged with by default (受理机关)
handling_organ = "county-xfj"   # the organ of a handling opinion whose item names no handling unit
doc_prefix = "临"               # document numbers: 临复查〔2025〕3号
contact = "县信访局复查复核科，电话0000-1234567"   # printed on notices
legal_basis = "《信访工作条例》"  # cited in opinions (default); article numbers only once verified
```

Time limits are not here: they are rules of the rule profile (``review.request_window``,
``review.decision``, ``review.nonacceptance_notice``, ``rereview.*``). Organs and their
hierarchy are a table (``hearing reviews organs load organs.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["ReviewSettings", "settings_of"]

_KEYS = ("organ", "handling_organ", "doc_prefix", "contact", "legal_basis")


@dataclass(frozen=True)
class ReviewSettings:
    """What the bureau configures for review and re-review."""

    organ: str = ""
    handling_organ: str = ""
    doc_prefix: str = ""
    contact: str = ""
    #: Cited as 根据……的规定 in opinions. The 2022 article numbers are unconfirmed (reference §10.1),
    #: so the default names the regulation only; a bureau that verified them may add them.
    legal_basis: str = "《信访工作条例》"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> ReviewSettings:
        data = dict(data or {})
        errors = [FieldError(f"review.{k}", f"unknown setting; known: {', '.join(_KEYS)}") for k in sorted(set(data) - set(_KEYS))]
        errors += [FieldError(f"review.{k}", "a text") for k in _KEYS if not isinstance(data.get(k, ""), str)]
        if errors:
            raise ValidationFailed("invalid [review] settings in config.toml", errors)
        values = {k: str(data[k]).strip() for k in _KEYS if k in data}
        return cls(**{k: v for k, v in values.items() if v or k != "legal_basis"})


def settings_of(app: HearingApp) -> ReviewSettings:
    """The instance's review settings, read once per app."""
    cached = app.state.get("review.settings")
    if cached is None:
        cached = ReviewSettings.from_mapping(app.settings.extra.get("review"))
        app.state["review.settings"] = cached
    return cached  # type: ignore[no-any-return]
