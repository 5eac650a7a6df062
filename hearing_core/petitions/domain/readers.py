"""Streaming readers for register import files (导入文件): JSON Lines, CSV, XLSX.

:class:`ImportFile` yields :class:`RawRow` values one at a time with the line (or
sheet row) number staff will look up, and appends file-level problems
(undecodable line, unreadable workbook) to the caller's error list instead of
raising, so the import can report every bad line at once. Nothing is read
ahead beyond one row.

A path is opened and closed here; a binary file object belongs to the caller
and is left open.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from hearing_core.errors import FieldError

__all__ = ["ImportFile", "ImportFormat", "RawRow", "Source", "detect_format"]

#: A path, or a binary file object positioned at the start of the data.
Source = str | os.PathLike[str] | IO[bytes]
_SNIFF_BYTES = 64 * 1024


class ImportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class RawRow:
    """One data row: ``values`` keyed by the file's own column or key names."""

    line: int
    values: dict[str, Any]


def detect_format(filename: str) -> ImportFormat:
    """The format implied by a file name's extension (``.jsonl``/``.ndjson``, ``.csv``, ``.xlsx``)."""
    suffix = Path(filename).suffix.lower()
    formats = {
        ".jsonl": ImportFormat.JSONL,
        ".ndjson": ImportFormat.JSONL,
        ".csv": ImportFormat.CSV,
        ".xlsx": ImportFormat.XLSX,
    }
    if suffix not in formats:
        raise ValueError(f"unsupported import file type '{suffix or filename}'; use .jsonl, .csv or .xlsx")
    return formats[suffix]


def _sniff_encoding(stream: IO[bytes]) -> str:
    """UTF-8 (BOM tolerated) unless the start of the file is not UTF-8, then GB18030.

    Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK), which
    GB18030 decodes as a superset; guessing spares staff a confusing re-save.
    Unseekable streams are assumed to be UTF-8.
    """
    if not stream.seekable():
        return "utf-8-sig"
    start = stream.tell()
    head = stream.read(_SNIFF_BYTES)
    stream.seek(start)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _jsonl_rows(text: IO[str], errors: list[FieldError]) -> Iterator[RawRow]:
    line = 0
    try:
        for line, raw in enumerate(text, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                errors.append(
                    FieldError("line", f"not valid JSON: {exc.msg} (column {exc.colno})", line=line)
                )
                continue
            if not isinstance(data, dict):
                errors.append(FieldError("line", "each line must be a JSON object", line=line))
                continue
            yield RawRow(line, data)
    except UnicodeDecodeError:
        errors.append(FieldError("file", "cannot decode the text; save the file as UTF-8", line=line + 1))


def _csv_records(text: IO[str], errors: list[FieldError]) -> Iterator[tuple[int, list[Any]]]:
    """Non-blank records with the physical line each starts on (quoted cells may span lines)."""
    reader = csv.reader(text)
    consumed = 0
    try:
        for record in reader:
            line, consumed = consumed + 1, reader.line_num
            if any(cell.strip() for cell in record):
                yield line, [cell.strip() or None for cell in record]
    except UnicodeDecodeError:
        errors.append(FieldError("file", "cannot decode the text; save the file as UTF-8", line=consumed + 1))
    except csv.Error as exc:
        errors.append(FieldError("file", f"malformed CSV: {exc}", line=reader.line_num))


def _xlsx_records(
    binary: IO[bytes], errors: list[FieldError], stack: ExitStack
) -> Iterator[tuple[int, list[Any]]]:
    """Non-empty rows of the first worksheet with their sheet row numbers."""
    # Imported here: openpyxl is only needed for spreadsheets and is slow to import.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        errors.append(FieldError("file", f"not a readable .xlsx workbook ({type(exc).__name__})"))
        return
    stack.callback(workbook.close)  # read-only workbooks keep the archive open until closed
    sheet = workbook.worksheets[0]
    # Some generators write a wrong <dimension>; trusting it would silently drop rows.
    sheet.reset_dimensions()
    for line, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        values = [(v.strip() or None) if isinstance(v, str) else v for v in cells]
        if any(v is not None for v in values):
            yield line, values


class ImportFile:
    """An open import file: ``header`` (tabular formats) and :meth:`rows`.

    Use it as a context manager; leaving the block closes what it opened.
    The header is read on entry so a caller can reject unknown or missing
    columns once rather than on every row.
    """

    def __init__(
        self, fmt: ImportFormat, source: Source, errors: list[FieldError], *, encoding: str | None = None
    ) -> None:
        self.fmt = fmt
        self.source = source
        self.errors = errors
        self.encoding = encoding
        self.header: list[str] | None = None
        self.header_line = 0
        self._stack = ExitStack()
        self._records: Iterator[tuple[int, list[Any]]] = iter(())
        self._json: Iterator[RawRow] = iter(())

    def __enter__(self) -> ImportFile:
        try:
            return self._open(self._stack)
        except BaseException:
            self._stack.close()
            raise

    def _open(self, stack: ExitStack) -> ImportFile:
        if isinstance(self.source, (str, os.PathLike)):
            binary: IO[bytes] = stack.enter_context(open(self.source, "rb"))
        else:
            binary = self.source
        if self.fmt is ImportFormat.XLSX:
            self._records = _xlsx_records(binary, self.errors, stack)
        else:
            encoding = self.encoding or (
                _sniff_encoding(binary) if self.fmt is ImportFormat.CSV else "utf-8-sig"
            )
            text = io.TextIOWrapper(binary, encoding=encoding, newline="")
            stack.callback(text.detach)  # detach, not close: a caller's stream stays open
            if self.fmt is ImportFormat.JSONL:
                self._json = _jsonl_rows(text, self.errors)
                return self
            self._records = _csv_records(text, self.errors)
        first = next(self._records, None)
        if first is not None:
            self.header_line = first[0]
            self.header = ["" if v is None else str(v).strip() for v in first[1]]
        return self

    def __exit__(self, *exc: object) -> None:
        # Close the record generators first: an unfinished sheet iterator holds a member
        # of the workbook's archive open.
        for records in (self._records, self._json):
            close = getattr(records, "close", None)
            if close is not None:
                close()
        self._stack.close()

    def rows(self) -> Iterator[RawRow]:
        """Data rows, one at a time, keyed by column title.

        Columns without a title (spreadsheets often carry empty formatted columns)
        are dropped; a value in one is reported, because it would be lost.
        """
        if self.fmt is ImportFormat.JSONL:
            yield from self._json
            return
        header = self.header or []
        for line, values in self._records:
            stray = [
                i + 1 for i, v in enumerate(values) if v is not None and (i >= len(header) or not header[i])
            ]
            if stray:
                self.errors.append(
                    FieldError("line", f"value in column {stray[0]}, which has no title", line=line)
                )
                continue
            yield RawRow(line, {name: v for name, v in zip(header, values, strict=False) if name})
