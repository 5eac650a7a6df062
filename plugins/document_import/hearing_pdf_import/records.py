"""Domain objects of document import (导入文件与登记表记录), ORM-free.

:class:`StoredDocument` is what ``document_imported`` listeners receive;
:class:`ImportOutcome` is one file's line of a batch report (CLI and API alike);
:class:`FormEntry` is a registration form with its place in the review queue, whose
states are the :data:`FORM_MACHINE` table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hearing_core.fsm import StateMachine, Transition

__all__ = ["FORM_MACHINE", "FormEntry", "ImportOutcome", "StoredDocument"]

#: Review queue of registration forms (登记表待核队列).
FORM_MACHINE = StateMachine(
    "registration form",
    ("pending", "registered", "discarded"),
    (
        Transition("fix", ("pending",), "pending", "documents.queue", "correct fields (更正字段)"),
        Transition("confirm", ("pending",), "registered", "documents.queue", "register the petition item (确认登记)"),
        Transition("discard", ("pending",), "discarded", "documents.queue", "set the form aside (作废)"),
    ),
    initial="pending",
    final=("registered", "discarded"),
)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class StoredDocument:
    """An imported document (导入文件) as stored: digest, origin, outcome, attachment."""

    id: int
    sha256: str
    original_name: str
    size: int
    media_type: str
    importer: str
    kind: str
    page_count: int
    status: str
    error_code: str | None
    ocr: bool
    notes: list[str]
    matter_ref: str | None
    hearing_id: int | None
    evidence_no: int | None
    item_ref: str | None
    imported_by: str
    imported_at: dt.datetime | None
    version: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "original_name": self.original_name,
            "size": self.size,
            "media_type": self.media_type,
            "importer": self.importer,
            "kind": self.kind,
            "pages": self.page_count,
            "status": self.status,
            "error_code": self.error_code,
            "ocr": self.ocr,
            "notes": list(self.notes),
            "matter_ref": self.matter_ref,
            "hearing_id": self.hearing_id,
            "evidence_no": self.evidence_no,
            "item_ref": self.item_ref,
            "imported_by": self.imported_by,
            "imported_at": _iso(self.imported_at),
            "version": self.version,
        }


@dataclass
class ImportOutcome:
    """One file of a batch (单个文件导入结果): ``status`` ok/partial/no_text/duplicate/failed.

    A failed file has ``error`` ``{"code", "message", "message_zh"}`` and nothing stored;
    form imports also use ``registered`` and ``queued`` and give ``form_id``/``item_ref``.
    """

    path: str
    status: str
    id: int | None = None
    sha256: str | None = None
    pages: int = 0
    error: dict[str, str] | None = None
    notes: list[str] = field(default_factory=list)
    importer: str | None = None
    attached: dict[str, Any] | None = None
    form_id: int | None = None
    item_ref: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "path": self.path, "sha256": self.sha256, "pages": self.pages,
                                "status": self.status}
        if self.error is not None:
            data["error"] = self.error
        for key in ("notes", "errors"):
            if getattr(self, key):
                data[key] = list(getattr(self, key))
        for key in ("importer", "attached", "form_id", "item_ref"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class FormEntry:
    """A registration form (登记表) read from a document, with each field's source.

    ``fields``: name → ``{"value", "raw", "label", "page", "bbox", "source", "valid"}``
    (``source`` is ``table``, ``text`` or ``manual`` after a correction; ``page`` and
    ``bbox`` stay where the value was found). ``errors``: ``{"field", "message", "by"}``
    with ``by`` = ``form`` (the mapping's validation) or ``register`` (the register's).
    """

    id: int
    document_id: int
    state: str
    fields: dict[str, dict[str, Any]]
    errors: list[dict[str, Any]]
    matter_ref: str | None
    new_matter: bool
    item_ref: str | None
    note: str
    created_by: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    resolved_by: str | None
    resolved_at: dt.datetime | None
    version: int
    document_name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "document_name": self.document_name,
            "state": self.state,
            "allowed_actions": FORM_MACHINE.allowed_actions(self.state),
            "fields": self.fields,
            "errors": self.errors,
            "matter_ref": self.matter_ref,
            "new_matter": self.new_matter,
            "item_ref": self.item_ref,
            "note": self.note,
            "created_by": self.created_by,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "resolved_by": self.resolved_by,
            "resolved_at": _iso(self.resolved_at),
            "version": self.version,
        }
