"""文书导入与查阅 (import and reading): the list with search, the upload form, per-file results,
one document's text page by page and its tables, attaching it to a matter or a hearing.

Every rule stays in :mod:`hearing_pdf_import.services` (and the API's upload functions, which
check the body and the upload options): the pages convert the form, call, render.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.params import PathParameter
from litestar.response import Redirect, Template

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_core.errors import HearingError
from hearing_core.web.forms import as_struct, filled
from hearing_core.web.i18n import LANGUAGES, N_
from hearing_core.web.render import form_values, page, redirect
from hearing_pdf_import import services
from hearing_pdf_import.api.schemas import AttachBody
from hearing_pdf_import.api.uploads import import_form_upload, import_upload

__all__ = ["STATUS", "handlers"]

DocumentId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
PER_PAGE = 25
#: Words of the statuses of files, pages and forms (the codes stay in data).
STATUS = {"ok": N_("Readable"), "partial": N_("Some pages without text"), "no_text": N_("No text layer"),
          "failed": N_("Not imported"), "duplicate": N_("Already imported"), "registered": N_("Registered"),
          "queued": N_("Waiting for review"), "pending": N_("Waiting for review"), "discarded": N_("Set aside"),
          "no_text_layer": N_("No text layer"), "unmapped_glyphs": N_("Unreadable characters")}


def _page_no(request: Request[Any, Any, Any]) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


async def _list(request: Request[Any, Any, Any], ctx: Ctx, *, status: int = 200, error: HearingError | None = None,
                report: dict[str, Any] | None = None, values: dict[str, Any] | None = None) -> Template:
    q = request.query_params.get("q", "").strip()[:100]
    matter = request.query_params.get("matter", "").strip()[:64]
    page_no = _page_no(request)
    found = await services.list_documents(ctx, q=q or None, matter_ref=matter or None, page=page_no, per_page=PER_PAGE)
    return page(request, "documents/web/list.html", status_code=status, error=error, found=found,
                filters={"q": q, "matter": matter}, page_no=page_no, pages=max(1, -(-found["total"] // PER_PAGE)),
                report=report, values=values or {}, status_words=STATUS)


async def _document(request: Request[Any, Any, Any], ctx: Ctx, document_id: int, *, status: int = 200,
                    error: HearingError | None = None, values: dict[str, Any] | None = None) -> Template:
    record = await services.get_document(ctx, document_id)
    text = await services.document_text(ctx, document_id)
    tables = (await services.document_tables(ctx, document_id))["tables"] if record["tables"] else []
    return page(request, "documents/web/document.html", status_code=status, error=error, d=record, text=text,
                tables=tables, values=values or {}, status_words=STATUS)


def handlers(max_bytes: int) -> list[Any]:
    """The document pages; the upload accepts bodies up to the instance's ``max_upload_size``."""

    @get("/", opt=require("documents.read"), name="web.documents")
    async def document_list(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
        return await _list(request, ctx)

    @post("/import", opt=require("documents.import"), status_code=200, request_max_body_size=max_bytes)
    async def upload(request: Request[Any, Any, Any], ctx: Ctx) -> Template:
        """Import the uploaded files (as documents, or as registration forms) and show each file's result."""
        form = await request.form()
        as_forms = form.get("kind") == "forms"
        kept = {k: str(form.get(k)) for k in ("kind", "matter_ref", "hearing_id", "party", "new_matter")
                if isinstance(form.get(k), str)}
        try:
            report = await (import_form_upload if as_forms else import_upload)(ctx, request)
        except HearingError as exc:
            return await _list(request, ctx, status=exc.status, error=exc, values=kept)
        return await _list(request, ctx, report={**report, "forms": as_forms}, values=kept)

    @get("/import", opt=require("documents.read"), status_code=303)
    async def upload_again(request: Request[Any, Any, Any]) -> Redirect:
        """The address of the results page opened again (reload, language switch): back to the list."""
        lang = request.query_params.get("lang")
        return Redirect(path=f"/documents?lang={lang}" if lang in LANGUAGES else "/documents", status_code=303)

    @get("/{document_id:int}", opt=require("documents.read"), name="web.document")
    async def document_page(request: Request[Any, Any, Any], ctx: Ctx, document_id: DocumentId) -> Template:
        return await _document(request, ctx, document_id)

    @post("/{document_id:int}/attach", opt=require("documents.import"), status_code=303)
    async def attach(request: Request[Any, Any, Any], ctx: Ctx, document_id: DocumentId) -> Any:
        """Attach to a matter, or as a participant's evidence to a hearing (``services.attach_document``)."""
        values = await form_values(request)
        try:
            body = as_struct(AttachBody, filled(values, ("matter_ref", "hearing_id", "party", "version")))
            target = services.Target(matter_ref=body.matter_ref, hearing_id=body.hearing_id, party=body.party)
            await services.attach_document(ctx, document_id, target, version=body.version)
        except HearingError as exc:  # an unknown document is a 404 again when the page is rendered
            return await _document(request, ctx, document_id, status=exc.status, error=exc, values=values)
        return redirect(request, f"/documents/{document_id}", flash=N_("The document is attached."))

    return [document_list, upload, upload_again, document_page, attach]
