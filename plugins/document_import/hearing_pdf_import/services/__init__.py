"""Use cases of document import (文书导入服务). Every function takes a ServiceContext.

* importing — :func:`import_documents` (files → documents, one outcome per file),
  :func:`attach_document`
* reading — :func:`get_document`, :func:`document_text`, :func:`document_tables`,
  :func:`document_file`, :func:`list_documents` (search over page text)
* forms — :func:`import_forms` (registration form → petition item or review queue)
* review queue — :func:`list_queue`, :func:`get_entry`, :func:`fix_entry`,
  :func:`confirm_entry`, :func:`discard_entry`
"""

from __future__ import annotations

from hearing_pdf_import.services.attach import attach_document
from hearing_pdf_import.services.common import Source, Target
from hearing_pdf_import.services.forms import import_forms
from hearing_pdf_import.services.importing import import_documents
from hearing_pdf_import.services.queue import confirm_entry, discard_entry, fix_entry, get_entry, list_queue
from hearing_pdf_import.services.reading import (
    document_file,
    document_tables,
    document_text,
    get_document,
    list_documents,
)

__all__ = [
    "Source",
    "Target",
    "attach_document",
    "confirm_entry",
    "discard_entry",
    "document_file",
    "document_tables",
    "document_text",
    "fix_entry",
    "get_document",
    "get_entry",
    "import_documents",
    "import_forms",
    "list_documents",
    "list_queue",
]
