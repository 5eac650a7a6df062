"""Plugin settings (接访设置): the ``[reception]`` table of the instance's ``config.toml``.

```toml
[reception]
notice_channels = ["县电视台", "镇村公开栏", "接待场所"]   # where notices are published (公示渠道)
contact_name = "县信访局接待科"
contact_phone = "0000-1234567"

[reception.report]        # definitions of the annual figures, see docs/reception.md
scope = "all"
```

Time limits are not here: they are rules of the rule profile (``reception.notice``,
``reception.instruction_transfer``, ``reception.department_reply``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_reception.domain.stats import ReportDefinitions

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["DEFAULT_CHANNELS", "ReceptionSettings", "settings_of"]

#: The seed county's channels: "提前5天在电视台、镇、村公开栏或接待场所进行公示".
DEFAULT_CHANNELS = ("县电视台", "镇村公开栏", "接待场所")
_KEYS = {"notice_channels", "contact_name", "contact_phone", "report"}


@dataclass(frozen=True)
class ReceptionSettings:
    """What the bureau configures for leader reception."""

    notice_channels: tuple[str, ...] = DEFAULT_CHANNELS
    contact_name: str = ""
    contact_phone: str = ""
    report: ReportDefinitions = ReportDefinitions()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> ReceptionSettings:
        data = dict(data or {})
        errors = [FieldError(f"reception.{k}", f"unknown setting; known: {', '.join(sorted(_KEYS))}") for k in sorted(set(data) - _KEYS)]
        channels = data.get("notice_channels", DEFAULT_CHANNELS)
        if not isinstance(channels, list | tuple) or not all(isinstance(c, str) and c.strip() for c in channels):
            errors.append(FieldError("reception.notice_channels", "a list of channel names"))
            channels = DEFAULT_CHANNELS
        for key in ("contact_name", "contact_phone"):
            if not isinstance(data.get(key, ""), str):
                errors.append(FieldError(f"reception.{key}", "a text"))
        if errors:
            raise ValidationFailed("invalid [reception] settings in config.toml", errors)
        return cls(
            notice_channels=tuple(c.strip() for c in channels),
            contact_name=data.get("contact_name", ""),
            contact_phone=data.get("contact_phone", ""),
            report=ReportDefinitions.from_mapping(data.get("report")),
        )


def settings_of(app: HearingApp) -> ReceptionSettings:
    """The instance's reception settings, read once per app."""
    cached = app.state.get("reception.settings")
    if cached is None:
        cached = ReceptionSettings.from_mapping(app.settings.extra.get("reception"))
        app.state["reception.settings"] = cached
    return cached  # type: ignore[no-any-return]
