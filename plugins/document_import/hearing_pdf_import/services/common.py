"""What the document-import services share (导入服务公共部分): permissions, sources, targets.

A *source* is a file on disk and the name it is reported and stored under (the path
as typed on the command line, or the uploaded file's name). A *target* is what the
documents are attached to: a matter of the register (信访事项) or a hearing case (听证)
as a party's evidence. Targets are checked once, before any file is read, so a typo
in a matter reference fails the command instead of every file.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, HearingError, NotFound, PermissionDenied, ValidationFailed
from hearing_pdf_import.db.filestore import file_digest
from hearing_pdf_import.importer import HEAD_BYTES, choose_importer
from hearing_pdf_import.records import ImportOutcome

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext
    from hearing_core.contributions import DocumentImporter

__all__ = [
    "IMPORT",
    "PERSONAL",
    "QUEUE",
    "READ",
    "Inspected",
    "Source",
    "Target",
    "check_matter",
    "check_target",
    "failed",
    "failure_of",
    "inspect_source",
]

READ = "documents.read"
IMPORT = "documents.import"
QUEUE = "documents.queue"
PERSONAL = "personal_data.read"
logger = logging.getLogger("hearing.pdf_import")


@dataclass(frozen=True)
class Source:
    """A file to import and the name it is reported and stored under."""

    path: Path
    name: str


@dataclass(frozen=True)
class Target:
    """Where imported documents are attached: a matter, or a hearing with the submitting party."""

    matter_ref: str | None = None
    hearing_id: int | None = None
    party: int | None = None

    @property
    def empty(self) -> bool:
        return self.matter_ref is None and self.hearing_id is None


def failed(source: Source, code: str, message: str, message_zh: str = "", **extra: Any) -> ImportOutcome:
    """A file that could not be imported: nothing of it is stored."""
    return ImportOutcome(path=source.name, status="failed",
                         error={"code": code, "message": message, "message_zh": message_zh}, **extra)


#: Codes of per-file failures raised by services rather than by an importer.
_CODES = {"ValidationFailed": "invalid", "RuleViolation": "rule_violation", "NotFound": "not_found",
          "Conflict": "conflict", "InvalidTransition": "invalid_state", "PermissionDenied": "forbidden"}


def failure_of(source: Source, exc: HearingError, **extra: Any) -> ImportOutcome:
    """A HearingError raised for one file (by an importer or a service) as that file's outcome."""
    code = str(exc.extra.get("code") or _CODES.get(type(exc).__name__, "rejected"))
    return failed(source, code, str(exc), str(exc.extra.get("message_zh") or ""), **extra)


@dataclass(frozen=True)
class Inspected:
    """A file that passed the cheap checks: its size, digest and the importer that will read it."""

    source: Source
    size: int
    sha256: str
    importer: DocumentImporter


def _read_head(path: Path, max_bytes: int) -> tuple[int, bytes] | str:
    try:
        stat = path.stat()
        if not path.is_file():
            return "not a regular file"
        if stat.st_size > max_bytes:
            return f"too_large:{stat.st_size}"
        with path.open("rb") as fh:
            return stat.st_size, fh.read(HEAD_BYTES)
    except OSError as exc:
        return f"cannot read the file ({exc.strerror})"


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KiB"


async def inspect_source(ctx: ServiceContext, source: Source) -> Inspected | ImportOutcome:
    """Size, first bytes, importer and digest of a file — or its failure. Reads no structure."""
    limit = ctx.app.settings.max_upload_size
    head = await asyncio.to_thread(_read_head, source.path, limit)
    if isinstance(head, str):
        if head.startswith("too_large:"):
            size = int(head.split(":", 1)[1])
            return failed(source, "too_large", f"file too large (文件过大): {_mib(size)} is over the limit of "
                          f"{_mib(limit)}", "文件超过导入限额，请拆分后再导入。")
        return failed(source, "parse_error", f"the file could not be read (无法读取): {head}", "无法读取该文件。")
    size, first = head
    importer = choose_importer(ctx.app.importers.values(), source.name, first)
    if importer is None:
        return failed(source, "unsupported", "no importer reads this kind of file (不支持的文件类型)",
                      "不支持该文件类型。")
    sha256 = await asyncio.to_thread(file_digest, source.path)
    return Inspected(source, size, sha256, importer)


async def check_target(ctx: ServiceContext, target: Target) -> Target:
    """Check that the matter or hearing exists, is visible and can take evidence from ``party``.

    Returns the target with the hearing's matter filled in (the document is recorded
    against both).
    """
    if target.matter_ref is not None and target.hearing_id is not None:
        raise ValidationFailed("attach to a matter or to a hearing, not both",
                               [FieldError("hearing_id", "give either matter_ref or hearing_id")])
    if target.hearing_id is not None:
        return await _check_hearing(ctx, target)
    if target.matter_ref is not None:
        await check_matter(ctx, target.matter_ref)
    return target


async def check_matter(ctx: ServiceContext, ref: str) -> None:
    """NotFound unless the register has this matter (through the register's service)."""
    from hearing_core.petitions.service import get_matter, list_matters

    if not ref.strip():
        raise ValidationFailed("invalid matter", [FieldError("matter_ref", "must not be blank")])
    if "%" in ref or "_" in ref:  # the list's text filter ignores these characters
        await get_matter(ctx, ref)
        return
    found = await list_matters(ctx, q=ref, per_page=200)
    if not any(m.ref == ref for m in found.items):
        raise NotFound(f"no petition matter '{ref}'")


async def _check_hearing(ctx: ServiceContext, target: Target) -> Target:
    from hearing_core.hearings import service as hs

    if target.party is None:
        raise ValidationFailed("evidence needs the submitting party",
                               [FieldError("party", "give the participant number of the party submitting it")])
    stored = await hs.get_hearing(ctx, target.hearing_id)  # type: ignore[arg-type]
    participant = stored.case.participant(target.party)
    if stored.case.side(participant) is None:
        raise ValidationFailed("evidence is submitted by a party",
                               [FieldError("party", f"participant {target.party} is not a party")])
    if "submit_evidence" not in stored.case.allowed_actions():
        raise ValidationFailed(f"hearing case {stored.id} takes no evidence in state '{stored.case.state}'",
                               [FieldError("hearing_id", "no evidence can be submitted now")])
    if not ctx.actor.has("hearings.manage"):
        ctx.require("hearings.conduct")
        if not (ctx.actor.is_admin or stored.on_panel(ctx.actor.user_id, "presiding_officer", "clerk")):
            raise PermissionDenied("only the presiding officer or clerk of this hearing may record evidence")
    return replace(target, matter_ref=stored.matter_ref)
