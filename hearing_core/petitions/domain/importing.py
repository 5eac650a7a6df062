"""Bulk import of petition items (批量导入): validated rows from JSON Lines, CSV or XLSX.

The parser streams: :meth:`ImportParser.rows` yields one :class:`ImportRow` at a
time (or :meth:`ImportParser.batches` a bounded list), so a year's register never
sits in memory. Every bad row is collected in :attr:`ImportParser.errors` with
its line number; a file with any error is rejected as a whole — the service
inserts batches inside one transaction and calls
:meth:`ImportParser.raise_if_failed` before committing. Only the refs seen so
far are kept (to report duplicates), which is small next to the rows.

The accepted fields, their Chinese column titles and value conversions live in
:mod:`hearing_core.petitions.domain.fields`.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.domain.categories import CategoryCatalog
from hearing_core.petitions.domain.codes import NotAcceptedReason, Source
from hearing_core.petitions.domain.fields import REQUIRED, canonical_field, convert
from hearing_core.petitions.domain.item import Petitioner, PetitionItem
from hearing_core.petitions.domain.matter import matter_key
from hearing_core.petitions.domain.readers import ImportFile, ImportFormat, RawRow
from hearing_core.petitions.domain.readers import Source as FileSource
from hearing_core.petitions.domain.tally import TallyRecord

__all__ = ["ImportParser", "ImportRow"]


@dataclass(frozen=True)
class ImportRow:
    """A validated row: the item plus the register facts the file states about it."""

    line: int
    item: PetitionItem
    accepted: bool
    not_accepted_reason: NotAcceptedReason | None
    backlog: bool

    def tally_record(self) -> TallyRecord:
        """The row's contribution to the annual counts (see :func:`~hearing_core.petitions.domain.tally.tally`)."""
        return TallyRecord(
            self.item.channel,
            self.item.persons,
            self.accepted,
            matter_key(self.item),
            self.backlog,
            self.item.category,
        )


# The petitioner's fields as item validation names them → as the file names them.
_PERSON_FIELDS = {
    "petitioners": "name",
    "petitioners[0].name": "name",
    "petitioners[0].id_number": "id_number",
    "petitioners[0].phone": "phone",
    "petitioners[0].address": "address",
}


class ImportParser:
    """Parses one import file; reusable for one file only (it remembers refs and errors)."""

    def __init__(
        self,
        fmt: ImportFormat,
        *,
        catalog: CategoryCatalog,
        today: date | None = None,
        encoding: str | None = None,
    ) -> None:
        self.fmt = fmt
        self.catalog = catalog
        self.today = today
        self.encoding = encoding
        self.errors: list[FieldError] = []
        self.rows_read = 0
        self._refs: dict[str, int] = {}

    def _name(self, field: str) -> str:
        """A field's name as the file spells it (nested for JSON Lines)."""
        if self.fmt is ImportFormat.JSONL and field.startswith("petitioner_"):
            return "petitioner." + field.removeprefix("petitioner_")
        return field

    def _header_problems(self, header: list[str], line: int) -> list[FieldError]:
        titled = [name for name in header if name]  # untitled columns are checked per row
        errors = [
            FieldError("header", f"unknown column '{name}'", line=line)
            for name in titled
            if canonical_field(name) is None
        ]
        known = [canonical_field(name) for name in titled]
        errors += [
            FieldError("header", f"duplicate column for '{f}'", line=line)
            for f in dict.fromkeys(known)
            if f is not None and known.count(f) > 1
        ]
        errors += [
            FieldError("header", f"missing required column '{f}'", line=line)
            for f in REQUIRED
            if f not in known
        ]
        return errors

    def _fields(self, raw: RawRow, errors: list[FieldError]) -> dict[str, Any]:
        """Map keys to field names (flattening a nested petitioner) and convert values."""
        flat = dict(raw.values)
        person = flat.pop("petitioner", None)
        if isinstance(person, dict):
            flat.update({f"petitioner_{k}": v for k, v in person.items()})
        elif person is not None:
            errors.append(FieldError("petitioner", "must be an object {name, id_number, phone}", raw.line))
        values: dict[str, Any] = {}
        for key, value in flat.items():
            field = canonical_field(key)
            if field is None:
                errors.append(FieldError(key, "unknown field", raw.line))
            elif value is not None and value != "":
                try:
                    values[field] = convert(field, value)
                except ValueError as exc:
                    errors.append(FieldError(self._name(field), str(exc), raw.line))
        return values

    def _row(self, raw: RawRow) -> ImportRow | None:
        errors: list[FieldError] = []
        values = self._fields(raw, errors)
        bad = {e.field for e in errors}
        for field in REQUIRED:
            if field not in values and field not in bad:
                errors.append(FieldError(field, "is required", raw.line))
        accepted, reason = values.get("accepted"), values.get("not_accepted_reason")
        if accepted is False and reason is None and "not_accepted_reason" not in bad:
            errors.append(FieldError("not_accepted_reason", "is required when accepted is false", raw.line))
        if accepted is True and reason is not None:
            errors.append(FieldError("not_accepted_reason", "must be empty when accepted is true", raw.line))
        if accepted is False and values.get("backlog"):
            errors.append(FieldError("backlog", "a not-accepted item cannot be a backlog matter", raw.line))
        category = values.get("category")
        if category is not None and self.catalog.get(category) is None:
            errors.append(FieldError("category", f"unknown category '{category}'", raw.line))
            values.pop("category")
        ref = values.get("ref")
        if ref is not None:
            first = self._refs.setdefault(ref, raw.line)
            if first != raw.line:
                errors.append(FieldError("ref", f"duplicate ref '{ref}' (first on line {first})", raw.line))
        if any(f not in values for f in ("ref", "received_on", "channel", "summary")):
            self.errors.extend(errors)
            return None
        item = self._item(values)
        for e in item.problems(self.catalog, today=self.today):
            # Item validation names the first petitioner ``petitioners[0].name``; the file says
            # ``petitioner_name`` (or ``petitioner.name``), and staff look for that.
            person_field = _PERSON_FIELDS.get(e.field)
            name = self._name(f"petitioner_{person_field}") if person_field else e.field
            errors.append(FieldError(name, e.message, raw.line))
        if errors:
            self.errors.extend(errors)
            return None
        item.normalise(self.catalog)
        return ImportRow(raw.line, item, bool(accepted), reason, bool(values.get("backlog", False)))

    def _item(self, v: dict[str, Any]) -> PetitionItem:
        name = v.get("petitioner_name")
        person = None
        if name or v.get("petitioner_id_number") or v.get("petitioner_phone"):
            person = Petitioner(
                name or "", v.get("petitioner_id_number"), v.get("petitioner_phone"), v.get("address")
            )
        return PetitionItem(
            ref=v["ref"],
            received_on=v["received_on"],
            channel=v["channel"],
            summary=v["summary"],
            persons=v.get("persons", 1),
            petitioners=[person] if person else [],
            category=v.get("category"),
            purpose=v.get("purpose"),
            request=v.get("request", ""),
            source=v.get("source", Source.OWN_INTAKE),
            level_skipping=v.get("level_skipping", False),
            litigation_related=v.get("litigation_related", False),
            anonymous=v.get("anonymous", False),
            abnormal=v.get("abnormal", False),
            abnormal_reason=v.get("abnormal_reason"),
            matter_ref=v.get("matter_ref"),
            national_system_no=v.get("national_system_no"),
        )

    def rows(self, source: FileSource) -> Generator[ImportRow, None, None]:
        """Valid rows of ``source``, one at a time; problems go to :attr:`errors`.

        Closing the generator early closes the file (and the workbook) too.
        """
        with ImportFile(self.fmt, source, self.errors, encoding=self.encoding) as table:
            if table.header is not None:
                problems = self._header_problems(table.header, table.header_line)
                if problems:
                    # A wrong header makes every row wrong; one report per column is enough.
                    self.errors.extend(problems)
                    return
            for raw in table.rows():
                self.rows_read += 1
                row = self._row(raw)
                if row is not None:
                    yield row
        if self.rows_read == 0 and not self.errors:
            self.errors.append(FieldError("file", "contains no data rows"))

    def batches(self, source: FileSource, size: int = 500) -> Iterator[list[ImportRow]]:
        """Valid rows in lists of at most ``size`` (one insert statement each)."""
        if size < 1:
            raise ValueError("batch size must be at least 1")
        batch: list[ImportRow] = []
        for row in self.rows(source):
            batch.append(row)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_if_failed(self) -> None:
        """Reject the whole file if any row was bad, listing every problem."""
        if self.errors:
            lines = {e.line for e in self.errors if e.line is not None}
            raise ValidationFailed(
                f"import rejected: {len(self.errors)} problem(s) on {len(lines)} line(s)", self.errors
            )
