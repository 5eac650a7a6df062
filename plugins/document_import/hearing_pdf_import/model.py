"""Result types of document import (文书导入): plain, picklable, JSON-able data.

The sandboxed parser sends these across a process boundary, so every type here
converts to and from plain dicts. Nothing in this module imports pdfplumber.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hearing_core.errors import FieldError

__all__ = [
    "BBox",
    "DocumentResult",
    "DocumentStatus",
    "ErrorCode",
    "ExtractedTable",
    "ImportFailure",
    "PageResult",
    "PageStatus",
    "TextLine",
]

#: A box in PDF points, pdfplumber's convention: (x0, top, x1, bottom), origin top-left.
BBox = tuple[float, float, float, float]


class ErrorCode(StrEnum):
    """Stable machine codes of a file that could not be read (导入失败原因)."""

    NOT_PDF = "not_pdf"
    TOO_LARGE = "too_large"
    ENCRYPTED = "encrypted"
    NO_PAGES = "no_pages"
    TRUNCATED = "truncated"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    PARSE_ERROR = "parse_error"


class PageStatus(StrEnum):
    """What a page's text layer turned out to be (页面文字层状态)."""

    OK = "ok"
    NO_TEXT_LAYER = "no_text_layer"
    UNMAPPED_GLYPHS = "unmapped_glyphs"


class DocumentStatus(StrEnum):
    """Outcome of one file (文件导入结果)."""

    OK = "ok"  # every page has accepted text
    PARTIAL = "partial"  # some pages have accepted text, some need OCR or manual entry
    NO_TEXT = "no_text"  # the file opened but no page has accepted text
    FAILED = "failed"  # the file could not be read; see ``error``


@dataclass(frozen=True)
class ImportFailure:
    """Why a file could not be imported: a stable ``code`` and messages for people."""

    code: ErrorCode
    message: str
    message_zh: str

    def as_field_error(self, field_name: str = "file") -> FieldError:
        """The failure as a ``FieldError`` so the API can list it with other field errors."""
        return FieldError(field_name, f"{self.code}: {self.message}")

    def to_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": self.message, "message_zh": self.message_zh}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImportFailure:
        return cls(ErrorCode(data["code"]), str(data["message"]), str(data["message_zh"]))


def _bbox(value: Any) -> BBox:
    x0, top, x1, bottom = (float(v) for v in value)
    return (x0, top, x1, bottom)


def _round_bbox(box: BBox) -> list[float]:
    # Two decimals of a point (1/3600 inch) is far below what any consumer needs
    # and keeps the frames sent by the worker small.
    return [round(v, 2) for v in box]


@dataclass(frozen=True)
class TextLine:
    """One line of text in reading order (文本行) with its box.

    ``char_boxes`` (only when requested) has one box per character of ``text`` so a
    caller can point at a sub-string, e.g. the value after a form label.
    """

    text: str
    bbox: BBox
    char_boxes: tuple[BBox, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "bbox": _round_bbox(self.bbox)}
        if self.char_boxes is not None:
            data["char_boxes"] = [_round_bbox(b) for b in self.char_boxes]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextLine:
        boxes = data.get("char_boxes")
        return cls(
            text=str(data["text"]),
            bbox=_bbox(data["bbox"]),
            char_boxes=None if boxes is None else tuple(_bbox(b) for b in boxes),
        )


@dataclass(frozen=True)
class ExtractedTable:
    """A table found on a page (表格): cell strings row by row, and each cell's box.

    A cell covered by a merged neighbour is ``""`` with box ``None``.
    ``strategy`` is ``"lines"`` (ruled table) or ``"text"`` (aligned text, no rules).
    """

    bbox: BBox
    rows: tuple[tuple[str, ...], ...]
    cell_boxes: tuple[tuple[BBox | None, ...], ...]
    strategy: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "bbox": _round_bbox(self.bbox),
            "rows": [list(r) for r in self.rows],
            "cell_boxes": [[None if b is None else _round_bbox(b) for b in r] for r in self.cell_boxes],
            "strategy": self.strategy,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExtractedTable:
        return cls(
            bbox=_bbox(data["bbox"]),
            rows=tuple(tuple(str(c) for c in r) for r in data["rows"]),
            cell_boxes=tuple(tuple(None if b is None else _bbox(b) for b in r) for r in data["cell_boxes"]),
            strategy=str(data["strategy"]),
        )


@dataclass(frozen=True)
class PageResult:
    """Everything extracted from one page (页面提取结果).

    ``text`` is empty unless ``status`` is ``ok``: text made of unmapped glyphs or
    an empty text layer is never passed off as the page's content.
    ``char_count`` counts the page's glyphs after faux-bold duplicates are removed.
    """

    number: int
    status: PageStatus
    text: str
    char_count: int
    width: float
    height: float
    lines: tuple[TextLine, ...] = ()
    tables: tuple[ExtractedTable, ...] = ()
    duplicate_chars: int = 0
    unmapped_chars: int = 0
    fonts: tuple[str, ...] = ()
    image_count: int = 0
    ocr: bool = False
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "status": str(self.status),
            "text": self.text,
            "char_count": self.char_count,
            "width": round(self.width, 2),
            "height": round(self.height, 2),
            "lines": [ln.to_dict() for ln in self.lines],
            "tables": [t.to_dict() for t in self.tables],
            "duplicate_chars": self.duplicate_chars,
            "unmapped_chars": self.unmapped_chars,
            "fonts": list(self.fonts),
            "image_count": self.image_count,
            "ocr": self.ocr,
            "ocr_confidence": self.ocr_confidence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageResult:
        conf = data.get("ocr_confidence")
        return cls(
            number=int(data["number"]),
            status=PageStatus(data["status"]),
            text=str(data["text"]),
            char_count=int(data["char_count"]),
            width=float(data["width"]),
            height=float(data["height"]),
            lines=tuple(TextLine.from_dict(d) for d in data.get("lines", ())),
            tables=tuple(ExtractedTable.from_dict(d) for d in data.get("tables", ())),
            duplicate_chars=int(data.get("duplicate_chars", 0)),
            unmapped_chars=int(data.get("unmapped_chars", 0)),
            fonts=tuple(str(f) for f in data.get("fonts", ())),
            image_count=int(data.get("image_count", 0)),
            ocr=bool(data.get("ocr", False)),
            ocr_confidence=None if conf is None else float(conf),
        )


@dataclass(frozen=True)
class DocumentResult:
    """The outcome of importing one file (文件导入结果).

    ``pages`` is empty when ``error`` is set. ``ocr_available`` is ``None`` when OCR
    was not requested, else whether tesseract with the language was found.
    ``notes`` are short English remarks for the operator (e.g. why pages lack text).
    """

    path: str
    status: DocumentStatus
    pages: tuple[PageResult, ...] = ()
    error: ImportFailure | None = None
    ocr_available: bool | None = None
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the file was read (its pages may still need OCR or review)."""
        return self.error is None

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        """Accepted text of all pages, pages separated by a form feed (换页符)."""
        return "\f".join(p.text for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (for an API response or a job record)."""
        return {
            "path": self.path,
            "status": str(self.status),
            "pages": [p.to_dict() for p in self.pages],
            "error": None if self.error is None else self.error.to_dict(),
            "ocr_available": self.ocr_available,
            "seconds": self.seconds,
            "notes": list(self.notes),
        }

    def pages_with_status(self, status: PageStatus) -> list[int]:
        """Page numbers (1-based) whose status is ``status``."""
        return [p.number for p in self.pages if p.status == status]
