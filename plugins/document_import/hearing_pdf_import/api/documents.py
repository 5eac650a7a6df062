"""``/api/v1/documents``: upload, list and search, one document, its text, tables, file; attaching it."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import FromQuery, JSONBody, PathParameter
from litestar.response import File

from hearing_core.api.auth import require
from hearing_core.api.deps import Ctx
from hearing_pdf_import import services
from hearing_pdf_import.api.schemas import AttachBody
from hearing_pdf_import.api.uploads import import_form_upload, import_upload

__all__ = ["documents_controller"]

DocId = Annotated[int, PathParameter(ge=1, le=2**31 - 1)]
READ, IMPORT = require("documents.read"), require("documents.import")


def documents_controller(max_bytes: int) -> type[Controller]:
    """The controller, with the instance's upload limit on its two upload routes (413 beyond it).

    Built per app because litestar fixes a route's body limit when the handler is declared;
    one controller (not separate handlers) because two handlers on one path clash.
    """

    class DocumentsController(Controller):
        path = "/api/v1/documents"
        tags = ["documents"]

        @post("/", opt=IMPORT, status_code=200, request_max_body_size=max_bytes,
              summary="Import files (multipart 'file', repeatable; matter_ref, or hearing_id with party)")
        async def upload(self, ctx: Ctx, request: Request[Any, Any, Any]) -> dict[str, Any]:
            return await import_upload(ctx, request)

        @post("/forms", opt=IMPORT, status_code=200, request_max_body_size=max_bytes,
              summary="Import registration forms (登记表): each becomes a petition item or a review-queue entry")
        async def upload_forms(self, ctx: Ctx, request: Request[Any, Any, Any]) -> dict[str, Any]:
            return await import_form_upload(ctx, request)

        @get("/", opt=READ, summary="List documents, newest first; q searches the text of their pages")
        async def list_documents(
            self,
            ctx: Ctx,
            q: FromQuery[str | None] = None,
            matter_ref: FromQuery[str | None] = None,
            hearing_id: FromQuery[int | None] = None,
            kind: FromQuery[str | None] = None,
            status: FromQuery[str | None] = None,
            page: FromQuery[int] = 1,
            per_page: FromQuery[int] = 50,
        ) -> dict[str, Any]:
            return await services.list_documents(ctx, q=q, matter_ref=matter_ref, hearing_id=hearing_id, kind=kind,
                                                 status=status, page=page, per_page=per_page)

        @get("/{document_id:int}", opt=READ, summary="A document: digest, origin, status, attachment, pages")
        async def show(self, ctx: Ctx, document_id: DocId) -> dict[str, Any]:
            return await services.get_document(ctx, document_id)

        @get("/{document_id:int}/text", opt=READ, summary="Text page by page; a page without text says why")
        async def text(self, ctx: Ctx, document_id: DocId) -> dict[str, Any]:
            return await services.document_text(ctx, document_id)

        @get("/{document_id:int}/tables", opt=READ, summary="Tables found in the document, row by row")
        async def tables(self, ctx: Ctx, document_id: DocId) -> dict[str, Any]:
            return await services.document_tables(ctx, document_id)

        @get("/{document_id:int}/file", opt=READ, summary="Download the imported file")
        async def download(self, ctx: Ctx, document_id: DocId) -> File:
            document, path = await services.document_file(ctx, document_id)
            return File(path=path, filename=document.original_name or document.sha256, media_type=document.media_type)

        @post("/{document_id:int}/attach", opt=IMPORT, status_code=200,
              summary="Attach to a matter, or to a hearing as a party's evidence (举证)")
        async def attach(self, ctx: Ctx, document_id: DocId, data: JSONBody[AttachBody]) -> dict[str, Any]:
            target = services.Target(matter_ref=data.matter_ref, hearing_id=data.hearing_id, party=data.party)
            return (await services.attach_document(ctx, document_id, target, version=data.version)).as_dict()

    return DocumentsController
