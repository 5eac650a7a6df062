"""Tables of document import (文书导入), owned by the plugin's piccolo app ``pdf_import``.

A document is identified by the SHA-256 of its bytes (unique), which are kept in the
content-addressed file store; its text is stored page by page so a search reads page
rows, and its tables as JSON rows. Matters, petition items and hearing cases of the core
are referred to by their reference or id, never by foreign keys into the core's tables.
A registration form (登记表) has one form row: the fields read, where each was found,
what failed validation, and the review-queue state.
"""

from __future__ import annotations

from piccolo.columns import (
    JSONB,
    BigInt,
    Boolean,
    ForeignKey,
    Integer,
    Real,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.table import Table

__all__ = ["DocumentRow", "FormRow", "PageRow", "TableRow"]


class DocumentRow(Table, tablename="hearing_import_document"):
    """An imported document (导入文件): its bytes' digest, origin, outcome and attachment."""

    id: Serial
    sha256 = Varchar(length=64, unique=True, index=True)
    original_name = Varchar(length=255)
    size = BigInt()
    media_type = Varchar(length=100)
    importer = Varchar(length=40)
    kind = Varchar(length=16, default="document")
    page_count = Integer(default=0)
    status = Varchar(length=16, index=True)
    error_code = Varchar(length=32, null=True, default=None)
    ocr = Boolean(default=False)
    notes = JSONB(default=[])
    matter_ref = Varchar(length=64, null=True, default=None, index=True)
    hearing_id = Integer(null=True, default=None, index=True)
    evidence_no = Integer(null=True, default=None)
    item_ref = Varchar(length=64, null=True, default=None, index=True)
    imported_by = Varchar(length=64)
    imported_at = Timestamptz()
    version = Integer(default=1)


class PageRow(Table, tablename="hearing_import_page"):
    """The text of one page (页面文字) and how it was obtained."""

    id: Serial
    document = ForeignKey(DocumentRow, on_delete=OnDelete.cascade, index=True)
    number = Integer()
    status = Varchar(length=24)
    text = Text(default="")
    ocr = Boolean(default=False)
    confidence = Real(null=True, default=None)
    char_count = Integer(default=0)


class TableRow(Table, tablename="hearing_import_table"):
    """A table found on a page (表格), cell strings row by row."""

    id: Serial
    document = ForeignKey(DocumentRow, on_delete=OnDelete.cascade, index=True)
    page = Integer()
    position = Integer()
    rows = JSONB(default=[])
    bbox = JSONB(null=True, default=None)
    strategy = Varchar(length=16, default="")


class FormRow(Table, tablename="hearing_import_form"):
    """A registration form read from a document, and its place in the review queue (待核队列)."""

    id: Serial
    document = ForeignKey(DocumentRow, on_delete=OnDelete.cascade, index=True)
    state = Varchar(length=16, index=True)
    fields = JSONB(default={})
    errors = JSONB(default=[])
    matter_ref = Varchar(length=64, null=True, default=None)
    new_matter = Boolean(default=False)
    item_ref = Varchar(length=64, null=True, default=None, index=True)
    note = Text(default="")
    created_by = Varchar(length=64)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    resolved_by = Varchar(length=64, null=True, default=None)
    resolved_at = Timestamptz(null=True, default=None)
    version = Integer(default=1)
