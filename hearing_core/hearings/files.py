"""Content-addressed storage of evidence files (证据材料存储).

A file lives at ``<files_dir>/<sha256[:2]>/<sha256>``; an evidence item records only the
digest, so the record proves which exact bytes were examined and the same file attached twice
is stored once. Writing is atomic (temporary file, then rename).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import FieldError, NotFound, ValidationFailed
from hearing_core.hearings import pool_repository as pool_repo

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["check_known", "file_path", "read_file", "store_file"]

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def file_path(app: HearingApp, sha256: str) -> Path:
    if not _SHA256.match(sha256):
        raise ValidationFailed("invalid file digest", [FieldError("sha256", "not a SHA-256 hex digest")])
    return Path(app.settings.files_dir) / sha256[:2] / sha256


async def store_file(ctx: ServiceContext, data: bytes, *, filename: str = "",
                     media_type: str = "application/octet-stream") -> dict[str, Any]:
    """Store ``data`` (within ``max_upload_size``) and return ``{sha256, size, filename, media_type}``."""
    limit = ctx.app.settings.max_upload_size
    if not data:
        raise ValidationFailed("empty file", [FieldError("file", "the file is empty")])
    if len(data) > limit:
        raise ValidationFailed("file too large", [FieldError("file", f"larger than {limit} bytes")])
    digest = hashlib.sha256(data).hexdigest()
    path = file_path(ctx.app, digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{digest}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    name = Path(filename or "").name[:255]
    async with ctx.write():
        await pool_repo.insert_file(digest, len(data), media_type[:100] or "application/octet-stream", name,
                                    ctx.actor.username, ctx.now())
    return {"sha256": digest, "size": len(data), "filename": name, "media_type": media_type}


async def check_known(digests: list[str]) -> None:
    """Every digest names a stored file (attachments are uploaded first)."""
    known = await pool_repo.file_rows(digests)
    unknown = [FieldError(f"attachments.{i}", f"no stored file {d}") for i, d in enumerate(digests) if d not in known]
    if unknown:
        raise ValidationFailed("attach stored files only (upload them first)", unknown)


async def read_file(app: HearingApp, sha256: str) -> tuple[dict[str, Any], Path]:
    """The stored file's record and path; NotFound if it is not stored."""
    rows = await pool_repo.file_rows([sha256])
    path = file_path(app, sha256)
    if sha256 not in rows or not path.exists():
        raise NotFound(f"no stored file {sha256}")
    return rows[sha256], path
