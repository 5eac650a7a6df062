"""Content-addressed storage of imported files (文件存储).

A file lives at ``<files_dir>/<sha256[:2]>/<sha256>`` — the layout of the hearings'
evidence store, so a document attached to a hearing as evidence is one file on disk.
Writing streams the source into a temporary file in the target directory while hashing
it, checks the digest, and renames atomically: a crash never leaves a partial file
under a digest, and a file that changed since it was hashed is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from hearing_core.errors import HearingError

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["file_digest", "remove_file", "store_path", "stored_file"]

_CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def file_digest(path: Path) -> str:
    """SHA-256 (hex) of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def store_path(app: HearingApp, sha256: str) -> Path:
    """Where the bytes with this digest are (or would be) stored."""
    if not _SHA256.match(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return Path(app.settings.files_dir) / sha256[:2] / sha256


def stored_file(app: HearingApp, source: Path, sha256: str) -> tuple[Path, bool]:
    """Store ``source`` under its digest; returns ``(path, created)``.

    ``created`` is false when the bytes were already stored (by an earlier import or
    as a hearing's evidence). Raises ``HearingError`` (code ``changed``) if the source
    no longer has the digest it was imported with.
    """
    target = store_path(app, sha256)
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{sha256}.{os.getpid()}.{id(source)}.tmp")
    digest = hashlib.sha256()
    try:
        with source.open("rb") as src, tmp.open("wb") as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        if digest.hexdigest() != sha256:
            raise HearingError("the file changed while it was being imported; import it again", code="changed")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target, True


def remove_file(path: Path) -> None:
    """Remove a file this import created, when its database transaction rolled back."""
    path.unlink(missing_ok=True)
