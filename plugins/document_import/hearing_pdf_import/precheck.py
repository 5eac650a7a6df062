"""Cheap checks of a file before it is parsed (导入前检查), run in the caller's process.

Only the file's size and a few kilobytes at its start and end are read; nothing
here parses PDF objects, so a hostile file cannot hurt the caller. What needs the
PDF's structure (zero pages, a wrong password) is decided by the worker before it
parses any page content.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from hearing_pdf_import.failures import failure
from hearing_pdf_import.model import ErrorCode, ImportFailure
from hearing_pdf_import.options import ImportLimits

__all__ = ["PrecheckResult", "looks_like_pdf", "precheck"]

# Acrobat accepts the header anywhere in the first 1024 bytes and the end-of-file
# marker anywhere in the last 1024; mail gateways and scanners do add junk there.
_HEAD = 1024
_TAIL = 1024
_TRAILER_WINDOW = 4096
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
# /Encrypt in a trailer or xref-stream dictionary: an indirect reference or a dict.
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")


@dataclass(frozen=True)
class PrecheckResult:
    """Size and what the trailer says; ``failure`` is set when the file must not be parsed."""

    size: int
    failure: ImportFailure | None = None
    encrypted: bool = False
    version: str | None = None


def looks_like_pdf(head: bytes) -> bool:
    """True if the first bytes of a file (at least 1 KiB of them) hold the PDF header."""
    return b"%PDF-" in head[:_HEAD]


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def precheck(path: str | os.PathLike[str], limits: ImportLimits | None = None) -> PrecheckResult:
    """Check ``path`` before parsing: readable, not too large, a PDF, complete.

    Returns a result whose ``failure`` has code ``too_large``, ``not_pdf``,
    ``truncated`` or ``parse_error`` (unreadable file), or no failure.
    """
    limits = limits or ImportLimits()
    file_path = Path(path)
    try:
        stat = file_path.stat()
    except OSError as exc:
        return PrecheckResult(0, failure(ErrorCode.PARSE_ERROR, f"cannot read the file ({exc.strerror})"))
    if not file_path.is_file():
        return PrecheckResult(0, failure(ErrorCode.PARSE_ERROR, "not a regular file"))
    size = stat.st_size
    if size > limits.max_file_bytes:
        detail = f"{_mib(size)} is over the limit of {_mib(limits.max_file_bytes)}"
        return PrecheckResult(size, failure(ErrorCode.TOO_LARGE, detail))
    try:
        with file_path.open("rb") as fh:
            head = fh.read(_HEAD)
            fh.seek(max(0, size - _TRAILER_WINDOW))
            tail = fh.read(_TRAILER_WINDOW)
            if not looks_like_pdf(head):
                return PrecheckResult(size, failure(ErrorCode.NOT_PDF))
            start = head.find(b"%PDF-")
            version = head[start + 5 : start + 8].decode("ascii", "replace")
            if b"%%EOF" not in tail[-_TAIL:]:
                return PrecheckResult(size, failure(ErrorCode.TRUNCATED, "no %%EOF marker at the end"))
            # The newest trailer is in the tail or, for PDF 1.5 cross-reference
            # streams, at the startxref offset. A missing or wrong offset is left to
            # the parser, which rebuilds the cross-reference table by scanning.
            xref_at = _last_startxref(tail)
            xref_dict = b""
            if xref_at is not None and xref_at < size:
                fh.seek(xref_at)
                xref_dict = fh.read(_TRAILER_WINDOW)
    except OSError as exc:
        return PrecheckResult(size, failure(ErrorCode.PARSE_ERROR, f"cannot read the file ({exc.strerror})"))
    encrypted = bool(_ENCRYPT.search(tail) or _ENCRYPT.search(xref_dict))
    return PrecheckResult(size, None, encrypted=encrypted, version=version)


def _last_startxref(tail: bytes) -> int | None:
    found = _STARTXREF.findall(tail)
    return int(found[-1]) if found else None
