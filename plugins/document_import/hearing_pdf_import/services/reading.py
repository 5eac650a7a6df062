"""Reading imported documents (查阅导入文件): details, text per page, tables, search, the file.

Text is personal data more often than not (a letter gives the petitioner's ID number
and phone). Callers without ``personal_data.read`` get ID and mobile numbers masked in
text, tables and snippets; callers with it get them in full and the read is audited
(``document.read_personal``), as for the register's items.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_core.security.masking import scrub_text
from hearing_pdf_import.db import repository as repo
from hearing_pdf_import.db.filestore import store_path
from hearing_pdf_import.records import StoredDocument
from hearing_pdf_import.services.common import PERSONAL, READ

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["document_file", "document_tables", "document_text", "get_document", "list_documents"]

MAX_PER_PAGE = 200
_SNIPPET = 40
#: Shown instead of text for a page without accepted text (CLI and API ``text_note``).
PAGE_NOTES = {
    "no_text_layer": "no text layer (无文字层): a scan or a picture; OCR found nothing usable",
    "unmapped_glyphs": "unreadable glyphs (乱码): the fonts have no Unicode mapping",
}


async def _readable(ctx: ServiceContext, texts: list[str], document: StoredDocument, what: str) -> bool:
    """Whether to show ``texts`` in full; audits the read of personal data when it does."""
    if not ctx.actor.has(PERSONAL):
        return False
    if any(scrub_text(t) != t for t in texts):
        await ctx.audit("document.read_personal", "document", document.id, after={"read": what},
                        subject_ref=document.matter_ref or document.item_ref or "", note=document.original_name)
    return True


async def get_document(ctx: ServiceContext, document_id: int) -> dict[str, Any]:
    """A document's record, each page's status and the number of tables."""
    ctx.require(READ)
    document = await repo.load_document(document_id)
    pages = await repo.load_pages(document_id)
    tables = await repo.load_tables(document_id)
    data = document.as_dict()
    data["page_list"] = [
        {"number": p["number"], "status": p["status"], "ocr": p["ocr"], "confidence": p["confidence"],
         "chars": p["char_count"], **({"note": PAGE_NOTES[p["status"]]} if p["status"] in PAGE_NOTES else {})}
        for p in pages
    ]
    data["tables"] = len(tables)
    return data


async def document_text(ctx: ServiceContext, document_id: int) -> dict[str, Any]:
    """Text page by page; a page without text says why (``note``)."""
    ctx.require(READ)
    document = await repo.load_document(document_id)
    pages = await repo.load_pages(document_id)
    full = await _readable(ctx, [p["text"] for p in pages], document, "text")
    shown = []
    for p in pages:
        page: dict[str, Any] = {"number": p["number"], "status": p["status"],
                                "text": p["text"] if full else scrub_text(p["text"]), "ocr": p["ocr"],
                                "confidence": p["confidence"]}
        if p["status"] in PAGE_NOTES:
            page["note"] = PAGE_NOTES[p["status"]]
        shown.append(page)
    return {"id": document.id, "name": document.original_name, "status": document.status, "pages": shown}


async def document_tables(ctx: ServiceContext, document_id: int) -> dict[str, Any]:
    """Tables found in the document, cell strings row by row, with their page."""
    ctx.require(READ)
    document = await repo.load_document(document_id)
    tables = await repo.load_tables(document_id)
    cells = [c for t in tables for r in t["rows"] for c in r]
    if not await _readable(ctx, cells, document, "tables"):
        for t in tables:
            t["rows"] = [[scrub_text(c) for c in r] for r in t["rows"]]
    return {"id": document.id, "name": document.original_name, "tables": tables}


async def document_file(ctx: ServiceContext, document_id: int) -> tuple[StoredDocument, Path]:
    """The stored bytes of a document (for download)."""
    ctx.require(READ)
    document = await repo.load_document(document_id)
    path = store_path(ctx.app, document.sha256)
    if not path.is_file():
        raise NotFound(f"the file of document {document_id} is missing from the file store")
    return document, path


def _snippet(text: str, q: str) -> str:
    at = text.lower().find(q.lower())
    if at < 0:
        return ""
    start, end = max(0, at - _SNIPPET), min(len(text), at + len(q) + _SNIPPET)
    body = " ".join(text[start:end].split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


async def list_documents(
    ctx: ServiceContext, *, q: str | None = None, matter_ref: str | None = None, hearing_id: int | None = None,
    kind: str | None = None, status: str | None = None, page: int = 1, per_page: int = 50,
) -> dict[str, Any]:
    """Documents, newest first; ``q`` keeps those whose page text contains it (with the pages and a snippet)."""
    ctx.require(READ)
    errors = []
    if page < 1:
        errors.append(FieldError("page", "must be at least 1"))
    if not 1 <= per_page <= MAX_PER_PAGE:
        errors.append(FieldError("per_page", f"must be 1 to {MAX_PER_PAGE}"))
    q = (q or "").strip() or None
    if q is not None and len(q) > 200:
        errors.append(FieldError("q", "must be at most 200 characters"))
    if errors:
        raise ValidationFailed("invalid document search", errors)
    filters = {"matter_ref": matter_ref, "hearing_id": hearing_id, "kind": kind, "status": status}
    ids, total = await repo.search_ids(ctx.app.db, filters, q, page, per_page)
    documents = await repo.documents_by_ids(ids)
    items = [d.as_dict() for d in documents]
    if q is not None and ids:
        hits: dict[int, list[dict[str, Any]]] = {}
        for row in await repo.matching_pages(ctx.app.db, ids, q):
            hits.setdefault(int(row["document"]), []).append(row)
        full = ctx.actor.has(PERSONAL)
        for item in items:
            found = hits.get(item["id"], [])
            item["matches"] = [int(r["number"]) for r in found]
            snippet = _snippet(found[0]["text"], q) if found else ""
            item["snippet"] = snippet if full else scrub_text(snippet)
    return {"items": items, "total": total, "page": page, "per_page": per_page}
