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
not fired. When a plugin vetoes new items, each batch's new rows are put to the
vetoes: ``refuse_petition_items`` once per batch, and the ``refuse_petition_item``
of a plugin without the batch hook once per row; a refusal is reported as that
row's error. Only such per-row vetoes keep a large file from being parsed in a
worker process (the worker then sends the parsed items along for the batch hook).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import pickle
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, ValidationFailed
from hearing_core.petitions.bulk import insert_keyed, insert_rows
from hearing_core.petitions.domain import ImportFormat, ImportParser, PetitionItem, detect_format
from hearing_core.petitions.import_rows import ITEM_COLUMNS, Encoded, parse_here
from hearing_core.petitions.repository import ITEM_PREFIX
from hearing_core.petitions.service.common import (
    IMPORT,
    catalog,
    check_refusals,
    collective_threshold,
    veto_implementations,
)
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
_ALL_ITEM_COLUMNS = (*ITEM_COLUMNS, "matter", "import_batch", "not_accepted_note", "completion_report",
                     "extension_reason", "registered_by", "created_at", "updated_at", "version")
#: Files at least this large are parsed in a worker process while the database writes.
WORKER_MIN_BYTES = 2 * 1024 * 1024


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
    """Writes encoded batches; remembers matter ids so each matter is looked up once."""

    def __init__(self, ctx: ServiceContext, batch_id: int) -> None:
        self.ctx, self.batch_id = ctx, batch_id
        self.matters: dict[str, int] = {}
        self.backlog: set[str] = set()
        self.created = self.skipped = self.matters_created = 0
        now = ctx.now()
        # Columns every item of this file shares, appended to the encoded ones.
        self.tail = (None, batch_id, "", "", "", ctx.actor.username, now, now, 1)

    async def write(self, batch: Sequence[Encoded], errors: list[FieldError],
                    items: Sequence[PetitionItem] | None = None) -> None:
        """Write a batch's new rows; with ``items`` (the batch's parsed items) the vetoes are asked first."""
        if not batch:
            return
        db = self.ctx.app.db
        refs = [e[1] for e in batch]
        existing = {r["ref"] for r in await ItemRow.select(ItemRow.ref).where(ItemRow.ref.is_in(refs)).run()}
        keep = [i for i, e in enumerate(batch) if e[1] not in existing]
        self.skipped += len(batch) - len(keep)
        if items is not None and keep:  # some plugin vetoes new items: ask about this batch's
            refused = await check_refusals(self.ctx, [(items[i], None) for i in keep])
            errors.extend(FieldError("ref", refused[n].detail, line=batch[i][0]) for n, i in enumerate(keep)
                          if n in refused)
            keep = [i for n, i in enumerate(keep) if n not in refused]
        if errors or not keep:
            return
        new = [batch[i] for i in keep]
        await self._matters(new)
        rows = [(*e[4], *self._tail(e[2])) for e in new]
        id_of = await insert_keyed(db, _ITEM, _ALL_ITEM_COLUMNS, rows, "ref")
        people = [(id_of[e[1]], *p) for e in new for p in e[5]]
        if people:
            await insert_rows(db, _PERSON, _PERSON_COLUMNS, people)
        self.created += len(new)
        self.backlog |= {e[2] for e in new if e[3] and e[2]}

    def _tail(self, matter_ref: str | None) -> tuple[Any, ...]:
        return (self.matters[matter_ref] if matter_ref else None, *self.tail[1:])

    async def _matters(self, rows: Sequence[Encoded]) -> None:
        wanted: dict[str, Encoded] = {}
        for e in rows:
            if e[2] and e[2] not in self.matters:
                wanted.setdefault(e[2], e)
        if not wanted:
            return
        bad = [ref for ref in wanted if ref.startswith(ITEM_PREFIX)]
        if bad:
            raise ValidationFailed("import rejected", [FieldError("matter_ref", f"must not start with '{ITEM_PREFIX}'",
                                                                  line=wanted[bad[0]][0])])
        found = await MatterRow.select(MatterRow.id, MatterRow.ref).where(MatterRow.ref.is_in(list(wanted))).run()
        self.matters.update({m["ref"]: m["id"] for m in found})
        missing = [ref for ref in wanted if ref not in self.matters]
        if missing:
            db = self.ctx.app.db
            now = self.tail[6]
            # The first item's summary titles the matter; its category is the matter's.
            self.matters.update(await insert_keyed(db, _MATTER, _MATTER_COLUMNS, [
                (ref, wanted[ref][4][7][:100], wanted[ref][4][4], False, now, now, 1) for ref in missing
            ], "ref"))
            self.matters_created += len(missing)

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
    batch_size: int = BATCH_SIZE, use_worker: bool | None = None,
) -> ImportResult:
    """Import a register file; idempotent by ``ref`` and atomic (every bad line listed, nothing written).

    ``use_worker`` forces (or forbids) parsing in a worker process; by default files
    of :data:`WORKER_MIN_BYTES` or more use one, unless a plugin vetoes items only one at a time
    (``refuse_petition_item`` without ``refuse_petition_items``).
    """
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
    threshold = collective_threshold(ctx.app)
    batch_vetoes, row_vetoes = veto_implementations(ctx.app)
    veto = bool(batch_vetoes or row_vetoes)
    if use_worker is None:
        use_worker = not row_vetoes and path.stat().st_size >= WORKER_MIN_BYTES
    async with ctx.write():
        batch = ImportRowTable(file_name=name[:255], sha256=digest, file_format=kind.value,
                               imported_by=ctx.actor.username, imported_at=ctx.now())
        await batch.save().run()
        writer = _Writer(ctx, batch.id)
        if use_worker:
            rows_read = await _write_from_worker(ctx, writer, parser, path, kind, threshold, batch_size, veto)
        else:
            for pairs in parse_here(parser, path, cat, threshold, batch_size):
                # After the first problem keep reading (every bad line is reported) but write nothing.
                if not parser.errors:
                    await writer.write([p[0] for p in pairs], parser.errors, [p[1].item for p in pairs] if veto else None)
            rows_read = parser.rows_read
        parser.raise_if_failed()
        await writer.finish()
        await ImportRowTable.update({ImportRowTable.created: writer.created,
                                     ImportRowTable.skipped_existing: writer.skipped}).where(
            ImportRowTable.id == batch.id).run()
        result = ImportResult(name, kind.value, digest, rows_read, writer.created, writer.skipped,
                              writer.matters_created, batch.id, round(time.perf_counter() - began, 3))
        await ctx.audit("petition.import", "petition_import", batch.id,
                        after={k: v for k, v in result.as_dict().items() if k != "seconds"},
                        subject_ref=f"import:{digest[:16]}", note=name)
    return result


async def _write_from_worker(
    ctx: ServiceContext, writer: _Writer, parser: ImportParser, path: Path, kind: ImportFormat, threshold: int,
    size: int, veto: bool,
) -> int:
    """Parse in a child process, write here; the child's errors are collected into ``parser.errors``.

    With ``veto`` the child sends each batch's parsed items too, for the vetoes.
    """
    categories = ctx.app.settings.data_dir / "categories.toml"
    params = {"fmt": kind.value, "path": str(path), "today": ctx.today().isoformat(),
              "catalog_path": str(categories) if categories.exists() else None, "threshold": threshold, "size": size,
              "items": veto}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "hearing_core.petitions.import_rows", json.dumps(params),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        limit=1 << 20,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        while True:
            try:
                header = await process.stdout.readexactly(8)
                message = pickle.loads(await process.stdout.readexactly(int.from_bytes(header, "big")))
            except asyncio.IncompleteReadError:
                await process.wait()
                tail = (await process.stderr.read()).decode("utf-8", "replace").strip().splitlines()[-1:]
                raise RuntimeError(f"the import worker stopped (exit code {process.returncode}): "
                                   f"{tail[0] if tail else 'no message'}") from None
            if message[0] == "done":
                _, errors, rows_read = message
                parser.errors.extend(errors)
                return int(rows_read)
            _, encoded, errors, items = message
            parser.errors.extend(errors)
            if not parser.errors:
                await writer.write(encoded, parser.errors, items)
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
