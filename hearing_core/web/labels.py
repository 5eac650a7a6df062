"""Labels of codes shown on pages (代码的显示名称): states, actions, clock standings.

Codes stay English in data; pages show them translated. Register states and
actions go through the message catalog (marked with ``N_``); code lists that
already carry a Chinese label (``CodedEnum.label``, the hearing vocabulary of
``hearing_core.hearings.documents.labels``) show that label in Chinese and a
readable form of the code in English, so a plugin's new code never breaks a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hearing_core.web.i18n import N_, gettext

__all__ = [
    "ACTION_LABELS",
    "CLOCK_STATUS",
    "EVENT_LABELS",
    "SECTION_LABELS",
    "STATE_LABELS",
    "STATUS_TITLES",
    "code_label",
    "label",
    "status_title",
]

#: What a refused request means, by HTTP status: the title of an error page and the first words of
#: the error box of a form that re-renders itself (``error_box`` in ``web/_macros.html``).
STATUS_TITLES = {
    400: N_("The request could not be understood"),
    401: N_("Please log in"),
    403: N_("You do not have permission for this"),
    404: N_("Not found"),
    405: N_("This action is not available here"),
    409: N_("The action conflicts with the current state"),
    413: N_("The upload is too large"),
    422: N_("Please correct the input"),
    429: N_("Too many attempts; please wait"),
    500: N_("Something went wrong"),
}
STATE_LABELS = {
    "registered": N_("Registered"),
    "accepted": N_("Accepted"),
    "not_accepted": N_("Not accepted"),
    "transferred": N_("Transferred"),
    "assigned": N_("Assigned"),
    "opinion_issued": N_("Opinion issued"),
    "concluded": N_("Concluded"),
    "routed_to_statutory_procedure": N_("Routed to statutory procedure"),
}
ACTION_LABELS = {
    "accept": N_("Accept"),
    "not_accept": N_("Do not accept"),
    "transfer": N_("Transfer"),
    "assign": N_("Assign"),
    "extend": N_("Extend"),
    "report_completion": N_("Record completion report"),
    "issue_opinion": N_("Issue opinion"),
    "record_service": N_("Record service"),
    "route_to_statutory": N_("Route to statutory procedure"),
    "conclude": N_("Conclude"),
}
EVENT_LABELS = {
    "received": N_("Received and registered"),
    "accepted": N_("Accepted"),
    "not_accepted": N_("Not accepted"),
    "transferred": N_("Transferred"),
    "assigned": N_("Assigned"),
    "extended": N_("Handling period extended"),
    "completion_reported": N_("Completion report received"),
    "opinion_issued": N_("Opinion issued"),
    "opinion_served": N_("Opinion served"),
    "routed_to_statutory_procedure": N_("Routed to statutory procedure"),
    "concluded": N_("Concluded"),
}
CLOCK_STATUS = {
    "running": N_("Running"),
    "due_soon": N_("Due soon"),
    "overdue": N_("Overdue"),
    "met": N_("Met"),
    "paused": N_("Paused"),
    "unavailable": N_("Unavailable"),
}
SECTION_LABELS = {
    "main": N_("Work"),
    "register": N_("Register"),
    "hearings": N_("Hearings"),
    "mediation": N_("Mediation"),
    "reviews": N_("Reviews"),
    "reception": N_("Leader reception"),
    "reports": N_("Reports"),
    "admin": N_("Administration"),
    "other": N_("Other"),
}
#: The order of navigation sections; unknown sections come last, under "other".
SECTION_ORDER = tuple(SECTION_LABELS)


def label(table: Mapping[str, str], code: Any, lang: str) -> str:
    """``code`` translated through ``table`` and the catalog; unknown codes show as themselves."""
    if code is None:
        return ""
    message = table.get(str(code))
    return gettext(lang, message) if message else str(code)


def code_label(chinese: Mapping[str, str] | Any, code: Any, lang: str) -> str:
    """A code with a Chinese label: the label in Chinese, ``some_code`` → ``some code`` in English.

    ``chinese`` is a mapping code → Chinese label or a ``CodedEnum`` class.
    """
    if code is None or code == "":
        return ""
    text = str(code)
    if lang != "zh":
        return text.replace("_", " ")
    if isinstance(chinese, Mapping):
        return str(chinese.get(text, text))
    try:
        return str(chinese(text).label)
    except (ValueError, AttributeError):
        return text


def status_title(status: Any, lang: str) -> str:
    """The translated title of an HTTP error status (400 or 500 for a status without its own)."""
    try:
        code = int(status)
    except (TypeError, ValueError):
        code = 500
    message = STATUS_TITLES.get(code) or STATUS_TITLES[400 if code < 500 else 500]
    return gettext(lang, message)
