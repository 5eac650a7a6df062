"""Domain errors shared by every layer.

Services raise these; the API maps them to RFC 9457 problem details and the CLI
prints them as one line on stderr. Nothing else in the code base decides what an
error looks like to a user, so a rule that fails reads the same in both places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CalendarNotCovered",
    "Conflict",
    "FieldError",
    "HearingError",
    "InvalidTransition",
    "NotFound",
    "PermissionDenied",
    "RuleViolation",
    "StartupError",
    "Unauthenticated",
    "ValidationFailed",
]


@dataclass(frozen=True)
class FieldError:
    """One bad field: the field's name (dotted for nested data) and what is wrong."""

    field: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


class HearingError(Exception):
    """Base of every error a user may see. ``status`` is the HTTP status it maps to."""

    status: int = 400
    title: str = "Bad request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    def problem(self) -> dict[str, Any]:
        """The RFC 9457 body (without ``type``/``instance``, which the API adds)."""
        body: dict[str, Any] = {"status": self.status, "title": self.title, "detail": self.detail}
        body.update(self.extra)
        return body


class ValidationFailed(HearingError):
    """Input that breaks a rule of shape or content; lists every bad field at once."""

    status = 422
    title = "Validation failed"

    def __init__(self, detail: str, errors: Iterable[FieldError] = ()) -> None:
        self.errors: list[FieldError] = list(errors)
        super().__init__(detail, errors=[e.as_dict() for e in self.errors])

    def __str__(self) -> str:
        if not self.errors:
            return self.detail
        shown = "; ".join(
            (f"line {e.line}: " if e.line is not None else "") + f"{e.field}: {e.message}"
            for e in self.errors[:5]
        )
        more = f" (+{len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        return f"{self.detail}: {shown}{more}"


class RuleViolation(HearingError):
    """A statutory or profile rule forbids the request; names the rule and its source."""

    status = 422
    title = "Rule violated"

    def __init__(self, detail: str, *, rule: str, source: str | None = None, **extra: Any) -> None:
        super().__init__(detail, rule=rule, source=source, **extra)
        self.rule = rule
        self.source = source


class NotFound(HearingError):
    status = 404
    title = "Not found"


class Conflict(HearingError):
    """Stale version (optimistic concurrency), duplicate key, or similar."""

    status = 409
    title = "Conflict"


class InvalidTransition(HearingError):
    """An action not allowed in the object's current state."""

    status = 409
    title = "Invalid state transition"

    def __init__(self, machine: str, state: str, action: str, allowed: Sequence[str]) -> None:
        allowed_text = ", ".join(allowed) if allowed else "none"
        super().__init__(
            f"cannot {action} a {machine} in state '{state}'; allowed actions: {allowed_text}",
            current_state=state,
            action=action,
            allowed_actions=list(allowed),
        )
        self.state = state
        self.action = action
        self.allowed = list(allowed)


class Unauthenticated(HearingError):
    status = 401
    title = "Not authenticated"


class PermissionDenied(HearingError):
    status = 403
    title = "Forbidden"


class CalendarNotCovered(HearingError):
    """The holiday calendar has no data for a year a deadline needs."""

    status = 422
    title = "Holiday calendar does not cover this date"


class StartupError(Exception):
    """Configuration or plugin registration is inconsistent; the app must not start."""
