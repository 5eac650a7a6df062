"""Registration forms (信访登记表): label/value pairs → validated fields.

Works on a :class:`DocumentResult` (plain data), so it runs in the caller's
process without touching the PDF again. Values are looked for in two places:

1. table cells: a cell holding a label (``姓名``) takes the next non-empty,
   non-label cell to its right, else the cell below; a cell ``姓名：张三`` holds both;
2. text lines: ``label：value`` pairs (OCR's ``label；value`` too), several per line (``姓名：张三  性别：男``),
   which also covers forms filled in without a ruled table and OCR'd scans.

The first place a field is found wins. Each field keeps its page and the box of
its value, so a reviewer can be shown where it came from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from hearing_core.errors import FieldError
from hearing_pdf_import.form_mapping import FieldSpec, FieldValue, FormMapping, normalize_label
from hearing_pdf_import.model import BBox, DocumentResult, ExtractedTable, PageStatus, TextLine
from hearing_pdf_import.options import ExtractOptions, ImportLimits
from hearing_pdf_import.sandbox import ExtractionPool, extract_document
from hearing_pdf_import.validators import InvalidValue

__all__ = ["ExtractedField", "FormExtraction", "extract_form", "extract_form_file"]


@dataclass(frozen=True)
class ExtractedField:
    """One field read from a form (表单字段): normalised value, raw text, label and place.

    ``value`` is the validated value (``str``, ``int`` or ``datetime.date``); for a
    rejected field it is the raw text. ``source`` is ``"table"`` or ``"text"``.
    """

    name: str
    value: FieldValue
    raw: str
    label: str
    page: int
    bbox: BBox
    source: str


@dataclass(frozen=True)
class FormExtraction:
    """Fields that passed validation, and an error for each field missing or invalid.

    ``rejected`` keeps what was found for an invalid field so a clerk can correct it.
    """

    fields: dict[str, ExtractedField]
    errors: list[FieldError]
    rejected: dict[str, ExtractedField] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def values(self) -> dict[str, FieldValue]:
        """Field name → validated value."""
        return {name: f.value for name, f in self.fields.items()}


@dataclass(frozen=True)
class _Candidate:
    spec: FieldSpec
    label: str
    raw: str
    page: int
    bbox: BBox
    source: str


def _split_label(cell: str, mapping: FormMapping) -> tuple[FieldSpec, str, str] | None:
    """(field, label, inline value) if the cell is a label, or ``label：value``."""
    spec = mapping.by_label.get(normalize_label(cell))
    if spec is not None:
        return spec, cell.strip(), ""
    parts = re.split(r"[:：]", cell, maxsplit=1)
    if len(parts) == 2:
        spec = mapping.by_label.get(normalize_label(parts[0]))
        if spec is not None:
            return spec, parts[0].strip(), parts[1].strip()
    return None


def _from_table(table: ExtractedTable, page: int, mapping: FormMapping) -> list[_Candidate]:
    found: list[_Candidate] = []
    rows, boxes = table.rows, table.cell_boxes
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            box = boxes[r][c] if c < len(boxes[r]) else None
            hit = _split_label(cell, mapping) if cell and box is not None else None
            if hit is None or box is None:
                continue
            spec, label, inline = hit
            if inline:
                found.append(_Candidate(spec, label, inline, page, box, "table"))
                continue
            value = _right_value(rows[r], boxes[r], c, mapping)
            if value is None and r + 1 < len(rows):
                value = _cell_value(rows[r + 1], boxes[r + 1], c, mapping)
            if value is not None:
                found.append(_Candidate(spec, label, value[0], page, value[1], "table"))
    return found


def _cell_value(
    row: tuple[str, ...], boxes: tuple[BBox | None, ...], c: int, mapping: FormMapping
) -> tuple[str, BBox] | None:
    if c >= len(row) or c >= len(boxes):
        return None
    text, box = row[c], boxes[c]
    if not text or box is None or _split_label(text, mapping) is not None:
        return None
    return text, box


def _right_value(
    row: tuple[str, ...], boxes: tuple[BBox | None, ...], c: int, mapping: FormMapping
) -> tuple[str, BBox] | None:
    for k in range(c + 1, min(len(row), len(boxes))):
        text, box = row[k], boxes[k]
        if box is None or not text:
            continue  # a cell merged into its neighbour, or an empty spacer
        if _split_label(text, mapping) is not None:
            return None  # the next label: this one's value is blank
        return text, box
    return None


@dataclass
class _LinePattern:
    regex: re.Pattern[str]
    labels: dict[str, FieldSpec]


def _line_pattern(mapping: FormMapping) -> _LinePattern:
    labels = sorted({lab for spec in mapping.fields for lab in spec.labels}, key=len, reverse=True)
    # Labels are often spaced out to align (姓  名); allow blanks between their characters.
    alternatives = [r"\s*".join(re.escape(ch) for ch in lab if not ch.isspace()) for lab in labels]
    # OCR often reads a full-width colon as a semicolon, so both introduce a value.
    regex = re.compile(r"(?P<label>" + "|".join(alternatives) + r")\s*[:：;；]")
    return _LinePattern(regex, dict(mapping.by_label))


def _from_line(line: TextLine, page: int, pattern: _LinePattern) -> list[_Candidate]:
    matches = list(pattern.regex.finditer(line.text))
    found: list[_Candidate] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line.text)
        start = match.end()
        raw = line.text[start:end]
        stripped = raw.strip(" \t;；，,、")
        if not stripped:
            continue
        offset = start + raw.index(stripped)
        bbox = _span_box(line, offset, offset + len(stripped))
        label = match.group("label")
        found.append(_Candidate(pattern.labels[normalize_label(label)], label, stripped, page, bbox, "text"))
    return found


def _span_box(line: TextLine, start: int, end: int) -> BBox:
    if line.char_boxes is None or end > len(line.char_boxes):
        return line.bbox
    boxes = line.char_boxes[start:end]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def extract_form(document: DocumentResult, mapping: FormMapping | None = None) -> FormExtraction:
    """Read and validate the fields of a registration form from an extracted document."""
    mapping = mapping or FormMapping.default()
    if document.error is not None:
        return FormExtraction({}, [document.error.as_field_error("file")])
    candidates: list[_Candidate] = []
    pages = [p for p in document.pages if p.status == PageStatus.OK]
    for page in pages:
        for table in page.tables:
            candidates.extend(_from_table(table, page.number, mapping))
    pattern = _line_pattern(mapping)
    for page in pages:
        for line in page.lines:
            candidates.extend(_from_line(line, page.number, pattern))
    first: dict[str, _Candidate] = {}
    for cand in candidates:
        first.setdefault(cand.spec.name, cand)
    fields: dict[str, ExtractedField] = {}
    rejected: dict[str, ExtractedField] = {}
    errors: list[FieldError] = []
    for spec in mapping.fields:
        found = first.get(spec.name)
        if found is None:
            if spec.required:
                errors.append(
                    FieldError(spec.name, f"missing: no {spec.labels[0]} ({spec.name}) found in the form")
                )
            continue
        try:
            value = spec.parse(found.raw)
        except InvalidValue as exc:
            errors.append(FieldError(spec.name, str(exc)))
            rejected[spec.name] = ExtractedField(
                spec.name, found.raw, found.raw, found.label, found.page, found.bbox, found.source
            )
            continue
        fields[spec.name] = ExtractedField(
            spec.name, value, found.raw, found.label, found.page, found.bbox, found.source
        )
    return FormExtraction(fields, errors, rejected)


def extract_form_file(
    path: str | os.PathLike[str],
    mapping: FormMapping | None = None,
    *,
    limits: ImportLimits | None = None,
    options: ExtractOptions | None = None,
    pool: ExtractionPool | None = None,
) -> FormExtraction:
    """Extract ``path`` in the sandbox (with character boxes) and read its form fields.

    ``pool`` may be an open :class:`~hearing_pdf_import.sandbox.ExtractionPool` to reuse.
    """
    opts = (options or ExtractOptions()).with_changes(char_boxes=True)
    document = (
        pool.extract(path, opts) if pool is not None else extract_document(path, limits=limits, options=opts)
    )
    return extract_form(document, mapping)
