"""Bulk import of a register file (批量导入): JSON Lines, CSV or XLSX, all or nothing.

The domain's :class:`ImportParser` streams validated rows in batches; each
batch is written with a few multi-row statements (existing refs skipped, new
matters created, items and petitioners inserted) inside **one** transaction for
the whole file. Any bad row anywhere rejects the file: parsing goes on to the
end so that every bad line is reported, nothing more is written once a problem
is found, and the transaction is rolled back. One audit entry records the
import with its counts and the file's SHA-256.

Imported rows are the bureau's existing register, not new petitions: accepted
rows are stored as accepted on the day received (their handling clock runs from
then), not-accepted rows as not accepted with their reason. Per-row events are
not fired; the ``refuse_petition_item`` veto is asked per new row only when a
plugin implements it, and a refusal is reported as that row's error.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, RuleViolation, ValidationFailed
from hearing_core.petitions.bulk import insert_rows
from hearing_core.petitions.domain import ImportFormat, ImportParser, ImportRow, detect_format
from hearing_core.petitions.domain.categories import CategoryCatalog
from hearing_core.petitions.repository import ITEM_PREFIX, item_values
from hearing_core.petitions.service.common import IMPORT, catalog, check_refusal, collective_threshold
from hearing_core.petitions.tables import PetitionImport as ImportRowTable
from hearing_core.petitions.tables import PetitionItem as ItemRow
from hearing_core.petitions.tables import PetitionMatter as MatterRow

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["ImportResult", "import_file"]

BATCH_SIZE = 500
_ITEM = ItemRow._meta.tablename
_MATTER = MatterRow._meta.tablename
_PERSON = "hearing_petitioner"
_PERSON_COLUMNS = ("item", "role", "position", "name", "id_number", "phone", "address")
_MATTER_COLUMNS = ("ref", "title", "category", "on_backlog", "created_at", "updated_at", "version")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows read, items created, refs already present (skipped)."""

    file_name: str
    format: str
    sha256: str
    rows: int
    created: int
    skipped_existing: int
    matters_created: int
    batch_id: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Writer:
    """Writes validated batches; remembers matter ids so each matter is looked up once."""

    def __init__(self, ctx: ServiceContext, batch_id: int, cat: CategoryCatalog, threshold: int) -> None:
        self.ctx, self.batch_id, self.cat, self.threshold = ctx, batch_id, cat, threshold
        self.matters: dict[str, int] = {}
        self.backlog: set[str] = set()
        self.created = self.skipped = self.matters_created = 0
        self.veto = bool(ctx.app.pm.hook.refuse_petition_item.get_hookimpls())
        self.now = ctx.now()
        self.item_columns: list[str] | None = None

    async def write(self, batch: Sequence[ImportRow], errors: list[FieldError]) -> None:
        refs = [r.item.ref for r in batch]
        existing = {r["ref"] for r in await ItemRow.select(ItemRow.ref).where(ItemRow.ref.is_in(refs)).run()}
        new = [r for r in batch if r.item.ref not in existing]
        self.skipped += len(batch) - len(new)
        for row in new:
            if row.backlog and row.item.matter_ref is None:
                # A backlog item needs a matter to be counted as one (积案 is a matter).
                row.item.matter_ref = f"M-{row.item.ref}"
        if self.veto:
            new = [r for r in new if await self._allowed(r, errors)]
        if errors or not new:
            return
        await self._matters(new)
        values = [self._item_values(r) for r in new]
        columns = list(values[0])
        ids = await insert_rows(self.ctx.app.db, _ITEM, columns, [tuple(v.values()) for v in values],
                                returning=("id", "ref"))
        id_of = {ref: item_id for item_id, ref in ids}
        people = [
            (id_of[r.item.ref], role, position, p.name, p.id_number, p.phone, p.address)
            for r in new
            for position, (role, p) in enumerate(
                [("petitioner", p) for p in r.item.petitioners] + [("signatory", p) for p in r.item.signatories]
            )
        ]
        if people:
            await insert_rows(self.ctx.app.db, _PERSON, _PERSON_COLUMNS, people)
        self.created += len(new)
        self.backlog |= {r.item.matter_ref for r in new if r.backlog and r.item.matter_ref}

    async def _allowed(self, row: ImportRow, errors: list[FieldError]) -> bool:
        try:
            await check_refusal(self.ctx, row.item, None)
        except RuleViolation as exc:
            errors.append(FieldError("ref", exc.detail, line=row.line))
            return False
        return True

    async def _matters(self, rows: Sequence[ImportRow]) -> None:
        wanted = {r.item.matter_ref: r for r in rows if r.item.matter_ref and r.item.matter_ref not in self.matters}
        if not wanted:
            return
        bad = [ref for ref in wanted if ref.startswith(ITEM_PREFIX)]
        if bad:
            raise ValidationFailed("import rejected", [FieldError("matter_ref", f"must not start with '{ITEM_PREFIX}'",
                                                                  line=wanted[bad[0]].line)])
        found = await MatterRow.select(MatterRow.id, MatterRow.ref).where(MatterRow.ref.is_in(list(wanted))).run()
        self.matters.update({m["ref"]: m["id"] for m in found})
        missing = [ref for ref in wanted if ref not in self.matters]
        if missing:
            created = await insert_rows(
                self.ctx.app.db, _MATTER, _MATTER_COLUMNS,
                [(ref, wanted[ref].item.summary[:100], wanted[ref].item.category, False, self.now, self.now, 1)
                 for ref in missing],
                returning=("id", "ref"),
            )
            self.matters.update({ref: matter_id for matter_id, ref in created})
            self.matters_created += len(created)

    def _item_values(self, row: ImportRow) -> dict[str, Any]:
        item = row.item
        values = item_values(item)
        accepted = row.accepted
        values.update(
            collective=item.persons >= self.threshold,
            category_top=self.cat.top_level(item.category).code if item.category else None,
            matter=self.matters.get(item.matter_ref) if item.matter_ref else None,
            import_batch=self.batch_id,
            status="accepted" if accepted else "not_accepted",
            accepted_on=item.received_on if accepted else None,
            not_accepted_on=None if accepted else item.received_on,
            not_accepted_reason=None if accepted or row.not_accepted_reason is None else row.not_accepted_reason.value,
            not_accepted_note="",
            completion_report="",
            extension_reason="",
            registered_by=self.ctx.actor.username,
            created_at=self.now,
            updated_at=self.now,
            version=1,
        )
        return values

    async def finish(self) -> None:
        """Matter dates from their items, backlog flags: a few set-based statements."""
        db = self.ctx.app.db
        touched = f"SELECT DISTINCT matter FROM {_ITEM} WHERE import_batch = {{}} AND matter IS NOT NULL"
        await db.fetch(
            f"UPDATE {_MATTER} SET "
            f"first_received_on = (SELECT MIN(i.received_on) FROM {_ITEM} i WHERE i.matter = {_MATTER}.id), "
            f"last_received_on = (SELECT MAX(i.received_on) FROM {_ITEM} i WHERE i.matter = {_MATTER}.id) "
            f"WHERE id IN ({touched})",
            self.batch_id,
        )
        refs = sorted(self.backlog)
        for start in range(0, len(refs), 500):
            await MatterRow.update({MatterRow.on_backlog: True}).where(MatterRow.ref.is_in(refs[start : start + 500])).run()


async def import_file(
    ctx: ServiceContext, path: str | Path, *, fmt: str | ImportFormat | None = None, file_name: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportResult:
    """Import a register file; idempotent by ``ref`` and atomic (every bad line listed, nothing written)."""
    ctx.require(IMPORT)
    began = time.perf_counter()
    path = Path(path)
    name = file_name or path.name
    try:
        kind = ImportFormat(str(fmt).lower()) if fmt else detect_format(name)
    except ValueError as exc:
        message = str(exc) if not fmt else f"unknown format '{fmt}'; use jsonl, csv or xlsx"
        raise ValidationFailed("invalid import", [FieldError("format", message)]) from None
    digest = file_sha256(path)
    cat = catalog(ctx.app)
    parser = ImportParser(kind, catalog=cat, today=ctx.today())
    async with ctx.write():
        batch = ImportRowTable(file_name=name[:255], sha256=digest, file_format=kind.value,
                               imported_by=ctx.actor.username, imported_at=ctx.now())
        await batch.save().run()
        writer = _Writer(ctx, batch.id, cat, collective_threshold(ctx.app))
        for rows in parser.batches(path, size=batch_size):
            # After the first problem keep reading (every bad line is reported) but write nothing.
            if not parser.errors:
                await writer.write(rows, parser.errors)
        parser.raise_if_failed()
        await writer.finish()
        await ImportRowTable.update({ImportRowTable.created: writer.created,
                                     ImportRowTable.skipped_existing: writer.skipped}).where(
            ImportRowTable.id == batch.id).run()
        result = ImportResult(name, kind.value, digest, parser.rows_read, writer.created, writer.skipped,
                              writer.matters_created, batch.id, round(time.perf_counter() - began, 3))
        await ctx.audit("petition.import", "petition_import", batch.id,
                        after={k: v for k, v in result.as_dict().items() if k != "seconds"},
                        subject_ref=f"import:{digest[:16]}", note=name)
    return result
