"""Encoding parsed import rows as column tuples, and parsing a file in a worker process.

Light on purpose (only the pure domain is imported): a large import file is
parsed in a child process (``python -m hearing_core.petitions.import_rows ARGS``)
while the main process writes the previous batch, because parsing is Python
work that would otherwise run one after the other with the database's. Both
paths — in-process for small files, worker for large ones — encode rows with
:func:`encode`, so they store the same values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from hearing_core.petitions.domain import (
    CategoryCatalog,
    ImportFormat,
    ImportParser,
    ImportRow,
    default_catalog,
)

__all__ = ["ITEM_COLUMNS", "Encoded", "encode", "parse_here", "parse_to_stream"]

#: Item columns an encoded row carries, in order (the writer appends matter, batch and bookkeeping).
ITEM_COLUMNS = (
    "ref", "received_on", "channel", "persons", "category", "purpose", "source", "summary", "request",
    "level_skipping", "litigation_related", "anonymous", "abnormal", "abnormal_reason", "national_system_no",
    "matter_key", "collective", "category_top", "status", "accepted_on", "not_accepted_on", "not_accepted_reason",
)
#: (line, ref, matter_ref, backlog, item column values, petitioner tuples (role, position, name, id, phone, address))
Encoded = tuple[int, str, "str | None", bool, tuple[Any, ...], tuple[tuple[Any, ...], ...]]


def encode(row: ImportRow, cat: CategoryCatalog, threshold: int) -> Encoded:
    """The row's item columns and petitioners; an accepted row is accepted on the day received.

    A backlog row without a matter gets the matter ``M-<ref>``: 积案 is counted per matter.
    """
    item = row.item
    matter_ref = item.matter_ref or (f"M-{item.ref}" if row.backlog else None)
    accepted = row.accepted
    values = (
        item.ref, item.received_on, item.channel.value, item.persons, item.category,
        item.purpose.value if item.purpose else None, item.source.value, item.summary, item.request,
        item.level_skipping, item.litigation_related, item.anonymous, item.abnormal,
        item.abnormal_reason.value if item.abnormal_reason else None, item.national_system_no,
        matter_ref or f"item:{item.ref}", item.persons >= threshold,
        cat.top_level(item.category).code if item.category else None,
        "accepted" if accepted else "not_accepted",
        item.received_on if accepted else None,
        None if accepted else item.received_on,
        None if accepted or row.not_accepted_reason is None else row.not_accepted_reason.value,
    )
    people = tuple(
        (role, position, p.name, p.id_number, p.phone, p.address)
        for position, (role, p) in enumerate(
            [("petitioner", p) for p in item.petitioners] + [("signatory", p) for p in item.signatories]
        )
    )
    return (row.line, item.ref, matter_ref, row.backlog, values, people)


def load_catalog(path: str | None) -> CategoryCatalog:
    return CategoryCatalog.from_toml(path) if path else default_catalog()


def parse_to_stream(
    fmt: str, path: str, today: str, catalog_path: str | None, threshold: int, size: int, out: BinaryIO,
    items: bool = False,
) -> None:
    """Parse ``path`` and write framed messages to ``out``: ``("batch", encoded rows, new errors, items)`` …

    … then ``("done", new errors, rows read)``. ``items`` is ``None``, or with
    ``items=True`` the batch's parsed :class:`PetitionItem` objects (for the veto
    hooks). Each frame is an 8-byte big-endian length and a pickle. Once any row is
    bad, batches go out empty (the file will be rejected, but every bad line must
    still be found). A full pipe blocks the worker, which bounds memory to a few batches.
    """
    cat = load_catalog(catalog_path)
    parser = ImportParser(ImportFormat(fmt), catalog=cat, today=dt.date.fromisoformat(today))
    sent = 0

    def send(message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(data).to_bytes(8, "big") + data)
        out.flush()

    with contextlib.closing(parser.batches(Path(path), size=size)) as batches:  # type: ignore[type-var]
        for batch in batches:
            errors, sent = parser.errors[sent:], len(parser.errors)
            good = not parser.errors
            send(("batch", [encode(r, cat, threshold) for r in batch] if good else [], errors,
                  [r.item for r in batch] if good and items else None))
    send(("done", parser.errors[sent:], parser.rows_read))


def parse_here(parser: ImportParser, path: Path, cat: CategoryCatalog, threshold: int, size: int) -> Iterator[
    list[tuple[Encoded, ImportRow]]
]:
    """In-process parsing: batches of (encoded row, parsed row) — the parsed row is kept for the veto hook."""
    for batch in parser.batches(path, size=size):
        yield [(encode(r, cat, threshold), r) for r in batch] if not parser.errors else []


if __name__ == "__main__":
    # Worker entry point: one JSON argument with the parse parameters, frames on stdout.
    parse_to_stream(**json.loads(sys.argv[1]), out=sys.stdout.buffer)
