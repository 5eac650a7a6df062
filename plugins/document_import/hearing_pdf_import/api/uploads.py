"""The bodies of ``POST /api/v1/documents`` and ``POST /api/v1/documents/forms``: multipart uploads.

The body is limited to the instance's ``max_upload_size`` (413 beyond it, before the
files are parsed) and to ``[pdf_import] max_files`` file parts (413 beyond that). Each
upload is copied to a private temporary directory, named by its position (the
client's file name is only reported and stored, never used as a path), imported,
and deleted with the directory.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path, PurePath
from typing import Any

from litestar import Request
from litestar.exceptions import HTTPException

from hearing_core.api.deps import Ctx
from hearing_core.errors import FieldError, ValidationFailed
from hearing_pdf_import import services
from hearing_pdf_import.config import settings_of

__all__ = ["import_form_upload", "import_upload"]

_OPTIONS = ("matter_ref", "hearing_id", "party", "new_matter")


def _copy(upload: Any, target: Path) -> None:
    upload.file.seek(0)
    with target.open("wb") as fh:
        shutil.copyfileobj(upload.file, fh, 1 << 20)


def _safe_name(name: str | None, index: int) -> str:
    # Only the last component of what the client says, without control characters.
    base = PurePath((name or "").replace("\\", "/")).name
    clean = "".join(ch for ch in base if ch.isprintable())[:255]
    return clean or f"upload-{index + 1}"


async def _uploads(request: Request[Any, Any, Any], folder: Path, max_files: int) -> tuple[list[Any], dict[str, str]]:
    """The uploaded files saved in ``folder`` (as sources) and the other form fields."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "multipart/form-data":
        raise HTTPException(status_code=415, detail="send multipart/form-data with one or more 'file' fields")
    form = await request.form()
    uploads = [v for v in form.getall("file") if hasattr(v, "file")] if "file" in form else []
    if not uploads:
        raise ValidationFailed("no file", [FieldError("file", "send the files in form fields named 'file'")])
    if len(uploads) > max_files:
        raise HTTPException(status_code=413, detail=f"too many files in one request: at most {max_files}")
    options = {k: str(form.get(k)) for k in _OPTIONS if isinstance(form.get(k), str) and form.get(k) != ""}
    sources = []
    try:
        for index, upload in enumerate(uploads):
            name = _safe_name(upload.filename, index)
            target = folder / f"{index:04d}{PurePath(name).suffix[:16]}"
            await asyncio.to_thread(_copy, upload, target)
            sources.append(services.Source(path=target, name=name))
    finally:
        for upload in uploads:
            await upload.close()
    return sources, options


def _int_option(options: dict[str, str], key: str, errors: list[FieldError]) -> int | None:
    if key not in options:
        return None
    try:
        value = int(options[key])
    except ValueError:
        errors.append(FieldError(key, "must be a whole number"))
        return None
    if not 1 <= value <= 2**31 - 1:
        errors.append(FieldError(key, "out of range"))
        return None
    return value


def _target(options: dict[str, str]) -> services.Target:
    errors: list[FieldError] = []
    hearing_id, party = _int_option(options, "hearing_id", errors), _int_option(options, "party", errors)
    matter_ref = options.get("matter_ref")
    if matter_ref is not None and len(matter_ref) > 64:
        errors.append(FieldError("matter_ref", "must be at most 64 characters"))
    if errors:
        raise ValidationFailed("invalid upload options", errors)
    return services.Target(matter_ref=matter_ref, hearing_id=hearing_id, party=party)


def _report(outcomes: list[Any]) -> dict[str, Any]:
    items = [o.as_dict() for o in outcomes]
    return {"items": items, "total": len(items), "failed": sum(1 for o in outcomes if o.failed)}


async def import_upload(ctx: Ctx, request: Request[Any, Any, Any]) -> dict[str, Any]:
    """``POST /api/v1/documents``: every uploaded file imported, one outcome each."""
    max_files = settings_of(ctx.app).max_files
    with tempfile.TemporaryDirectory(prefix="hearing-documents-") as folder:
        sources, options = await _uploads(request, Path(folder), max_files)
        outcomes = await services.import_documents(ctx, sources, target=_target(options))
    return _report(outcomes)


async def import_form_upload(ctx: Ctx, request: Request[Any, Any, Any]) -> dict[str, Any]:
    """``POST /api/v1/documents/forms``: registration forms → items or review-queue entries."""
    max_files = settings_of(ctx.app).max_files
    with tempfile.TemporaryDirectory(prefix="hearing-forms-") as folder:
        sources, options = await _uploads(request, Path(folder), max_files)
        target = _target(options)
        new_matter = options.get("new_matter", "").lower() in ("1", "true", "yes", "on")
        outcomes = await services.import_forms(ctx, sources, matter_ref=target.matter_ref, new_matter=new_matter)
    return _report(outcomes)
