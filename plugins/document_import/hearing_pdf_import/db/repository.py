"""Rows of imported documents ↔ records (the only module besides ``forms_repo`` that sees piccolo rows).

Pages and tables are written with multi-row inserts in chunks, so storing a 500-page
document is a handful of statements. Search is one SQL statement over page text:
``LIKE`` on SQLite (case-insensitive for Latin letters), ``ILIKE`` on PostgreSQL, with
the user's ``%``/``_`` escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, NotFound
from hearing_pdf_import.db.tables import DocumentRow, PageRow, TableRow
from hearing_pdf_import.records import StoredDocument

if TYPE_CHECKING:
    from hearing_core.db.database import Database

__all__ = [
    "document_record",
    "documents_by_ids",
    "find_by_sha",
    "insert_document",
    "load_document",
    "load_pages",
    "load_tables",
    "like_pattern",
    "matching_pages",
    "search_ids",
    "update_document",
]

#: Rows per multi-row INSERT (well under SQLite's bound-parameter limit).
_CHUNK = 200


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def document_record(row: Mapping[str, Any]) -> StoredDocument:
    return StoredDocument(
        id=row["id"], sha256=row["sha256"], original_name=row["original_name"], size=row["size"],
        media_type=row["media_type"], importer=row["importer"], kind=row["kind"], page_count=row["page_count"],
        status=row["status"], error_code=row["error_code"], ocr=bool(row["ocr"]), notes=list(_json(row["notes"]) or []),
        matter_ref=row["matter_ref"], hearing_id=row["hearing_id"], evidence_no=row["evidence_no"],
        item_ref=row["item_ref"], imported_by=row["imported_by"], imported_at=row["imported_at"],
        version=row["version"],
    )


async def find_by_sha(sha256: str) -> StoredDocument | None:
    rows = await DocumentRow.select().where(DocumentRow.sha256 == sha256).output(load_json=True).run()
    return document_record(rows[0]) if rows else None


async def load_document(document_id: int) -> StoredDocument:
    rows = await DocumentRow.select().where(DocumentRow.id == document_id).output(load_json=True).run()
    if not rows:
        raise NotFound(f"no imported document {document_id}")
    return document_record(rows[0])


async def insert_document(values: Mapping[str, Any], pages: Sequence[Mapping[str, Any]],
                          tables: Sequence[Mapping[str, Any]]) -> int:
    """The document row, then its pages and tables in multi-row inserts; returns the id."""
    inserted = await DocumentRow.insert(DocumentRow(**values)).returning(DocumentRow.id).run()
    document_id: int = inserted[0]["id"]
    page_rows = [
        PageRow(document=document_id, number=int(p["number"]), status=str(p.get("status") or "ok"),
                text=str(p.get("text") or ""), ocr=bool(p.get("ocr", False)),
                confidence=None if p.get("ocr_confidence") is None else float(p["ocr_confidence"]),
                char_count=int(p.get("char_count") or len(str(p.get("text") or ""))))
        for p in pages
    ]
    for start in range(0, len(page_rows), _CHUNK):
        await PageRow.insert(*page_rows[start:start + _CHUNK]).run()
    table_rows = [
        TableRow(document=document_id, page=int(t["page"]), position=int(t.get("index") or i + 1),
                 rows=[[str(c) for c in r] for r in t.get("rows") or []], bbox=t.get("bbox"),
                 strategy=str(t.get("strategy") or ""))
        for i, t in enumerate(tables)
    ]
    for start in range(0, len(table_rows), _CHUNK):
        await TableRow.insert(*table_rows[start:start + _CHUNK]).run()
    return document_id


async def update_document(document_id: int, version: int, values: Mapping[str, Any]) -> None:
    """``UPDATE ... WHERE id = ? AND version = ?``; zero rows → Conflict."""
    columns = {getattr(DocumentRow, name): value for name, value in values.items()}
    changed = await DocumentRow.update({**columns, DocumentRow.version: version + 1}).where(
        (DocumentRow.id == document_id) & (DocumentRow.version == version)
    ).returning(DocumentRow.id).run()
    if not changed:
        raise Conflict(f"imported document {document_id} was changed by someone else; reload it and try again")


async def load_pages(document_id: int) -> list[dict[str, Any]]:
    return await PageRow.select(  # type: ignore[no-any-return]
        PageRow.number, PageRow.status, PageRow.text, PageRow.ocr, PageRow.confidence, PageRow.char_count
    ).where(PageRow.document == document_id).order_by(PageRow.number).run()


async def load_tables(document_id: int) -> list[dict[str, Any]]:
    rows = await TableRow.select(TableRow.page, TableRow.position, TableRow.rows, TableRow.bbox, TableRow.strategy).where(
        TableRow.document == document_id
    ).order_by(TableRow.page).order_by(TableRow.position).output(load_json=True).run()
    return [{"page": r["page"], "index": r["position"], "rows": _json(r["rows"]), "bbox": _json(r["bbox"]),
             "strategy": r["strategy"]} for r in rows]


def like_pattern(q: str) -> str:
    """``%q%`` with ``!`` as the escape character of ``!``, ``%`` and ``_``."""
    escaped = q.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def _where(db: Database, filters: Mapping[str, Any], q: str | None) -> tuple[str, list[Any]]:
    doc, page = DocumentRow._meta.tablename, PageRow._meta.tablename
    clauses, args = ["1 = 1"], []
    for column in ("matter_ref", "hearing_id", "kind", "status", "item_ref"):
        if filters.get(column) is not None:
            clauses.append(f"d.{column} = {{}}")
            args.append(filters[column])
    if q:
        like = "LIKE" if db.is_sqlite else "ILIKE"
        clauses.append(f"EXISTS (SELECT 1 FROM {page} p WHERE p.document = d.id AND p.text {like} {{}} ESCAPE '!')")
        args.append(like_pattern(q))
    return f"FROM {doc} d WHERE " + " AND ".join(clauses), args


async def search_ids(db: Database, filters: Mapping[str, Any], q: str | None, page: int,
                     per_page: int) -> tuple[list[int], int]:
    """Ids of one page of documents (newest first) matching the filters and the text, and the total."""
    where, args = _where(db, filters, q)
    total = (await db.fetch(f"SELECT COUNT(*) AS n {where}", *args))[0]["n"]
    rows = await db.fetch(f"SELECT d.id AS id {where} ORDER BY d.id DESC LIMIT {{}} OFFSET {{}}",
                          *args, per_page, (page - 1) * per_page)
    return [int(r["id"]) for r in rows], int(total)


async def documents_by_ids(ids: Sequence[int]) -> list[StoredDocument]:
    if not ids:
        return []
    rows = await DocumentRow.select().where(DocumentRow.id.is_in(list(ids))).output(load_json=True).run()
    found = {r["id"]: document_record(r) for r in rows}
    return [found[i] for i in ids if i in found]


async def matching_pages(db: Database, ids: Sequence[int], q: str) -> list[dict[str, Any]]:
    """``(document, number, text)`` of the pages of ``ids`` whose text contains ``q``."""
    if not ids:
        return []
    page = PageRow._meta.tablename
    like = "LIKE" if db.is_sqlite else "ILIKE"
    marks = ", ".join("{}" for _ in ids)
    return await db.fetch(
        f"SELECT document, number, text FROM {page} WHERE document IN ({marks}) AND text {like} {{}} ESCAPE '!' "
        "ORDER BY document, number", *ids, like_pattern(q))
