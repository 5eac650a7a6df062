"""Log hygiene (日志脱敏): no personal data, tokens or forged lines in any log record.

:func:`install_log_filter` makes every log record of the process pass through
:class:`PersonalDataFilter` when it is created (through the log-record factory,
so records of every logger and every handler are covered, including uvicorn's
access log and handlers configured after installation). The filter formats the
message once, masks ID numbers, mobile numbers and bearer tokens, and escapes
CR/LF so a value such as a path ``/x%0D%0A200 OK login admin`` cannot forge a
second log line. Tracebacks are formatted and scrubbed too; their own line breaks stay.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from hearing_core.security.masking import scrub_text

__all__ = ["PersonalDataFilter", "install_log_filter", "sanitize_line"]

_lock = threading.Lock()
_installed = False


def sanitize_line(text: str) -> str:
    """One safe log line: personal data masked, control characters escaped."""
    text = scrub_text(text)
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\x1b", "\\x1b")


class PersonalDataFilter(logging.Filter):
    """Rewrites a record in place; never drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_hearing_clean", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = sanitize_line(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # Format now so the (scrubbed) text is what every handler prints.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        record._hearing_clean = True
        return True


_FILTER = PersonalDataFilter()


def install_log_filter() -> None:
    """Scrub every log record of this process from now on (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            _FILTER.filter(record)
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
