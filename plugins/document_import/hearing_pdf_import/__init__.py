"""Document import (文书导入): extraction library of the built-in PDF import plugin.

Pure functions and dataclasses, no database: untrusted PDFs are parsed in
resource-limited worker processes (:mod:`~hearing_pdf_import.sandbox`), pages
come back as plain data (:mod:`~hearing_pdf_import.model`), and registration
forms (信访登记表) are read from that data (:mod:`~hearing_pdf_import.forms`).
Importing this package does not import pdfplumber.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hearing_pdf_import.model import (
        BBox,
        DocumentResult,
        DocumentStatus,
        ErrorCode,
        ExtractedTable,
        ImportFailure,
        PageResult,
        PageStatus,
        TextLine,
    )
    from hearing_pdf_import.options import ExtractOptions, ImportLimits
    from hearing_pdf_import.precheck import PrecheckResult, looks_like_pdf, precheck
    from hearing_pdf_import.sandbox import ExtractionPool, extract_document, extract_documents

#: Where each public name lives: imported on first use (``hearing --help`` imports the plugin
#: module, hence this package, and must not pay for the extraction machinery).
_HOME = {
    **dict.fromkeys(("BBox", "DocumentResult", "DocumentStatus", "ErrorCode", "ExtractedTable", "ImportFailure",
                     "PageResult", "PageStatus", "TextLine"), "model"),
    **dict.fromkeys(("ExtractOptions", "ImportLimits"), "options"),
    **dict.fromkeys(("PrecheckResult", "looks_like_pdf", "precheck"), "precheck"),
    **dict.fromkeys(("ExtractionPool", "extract_document", "extract_documents"), "sandbox"),
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'hearing_pdf_import' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"hearing_pdf_import.{home}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """Keeps the function ``precheck`` when its submodule of the same name is imported.

    Importing ``hearing_pdf_import.precheck`` binds the submodule to the package's
    ``precheck`` attribute; the eager imports this package used to make rebound the function
    right after, so the package attribute stays the function, as it always was.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "precheck" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "BBox",
    "DocumentResult",
    "DocumentStatus",
    "ErrorCode",
    "ExtractOptions",
    "ExtractedTable",
    "ExtractionPool",
    "ImportFailure",
    "ImportLimits",
    "PageResult",
    "PageStatus",
    "PrecheckResult",
    "TextLine",
    "extract_document",
    "extract_documents",
    "looks_like_pdf",
    "precheck",
]
