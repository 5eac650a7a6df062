"""Settings of document import (文书导入设置): ``[pdf_import]`` in ``config.toml``, form mapping.

```toml
[pdf_import]
max_files = 20              # files in one upload request or import-form call (part limit)

[pdf_import.limits]         # ImportLimits: per-file resource limits of the sandbox
max_file_mb = 20
timeout_seconds = 300
workers = 2

[pdf_import.options]        # ExtractOptions: how pages are read
ocr_language = "chi_sim+eng"
```

The registration-form mapping is the package's default merged with the instance's
``<data dir>/form_mapping.toml`` (same shape, only the keys given change). Both are
read once per app and checked at start-up, so a typo refuses to start.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hearing_pdf_import.form_mapping import FormMapping
from hearing_pdf_import.options import ExtractOptions, ImportLimits

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["FORM_MAPPING_FILE", "PdfImportSettings", "form_mapping", "settings_of"]

FORM_MAPPING_FILE = "form_mapping.toml"
_KEYS = ("max_files", "limits", "options")


@dataclass(frozen=True)
class PdfImportSettings:
    """What an instance configures for importing documents."""

    limits: ImportLimits = field(default_factory=ImportLimits)
    options: ExtractOptions = field(default_factory=ExtractOptions)
    #: Files accepted in one request or command call of the form import and the upload.
    max_files: int = 20

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> PdfImportSettings:
        """From the ``[pdf_import]`` table; raises ``ValueError`` naming an unknown or bad key."""
        data = dict(data or {})
        unknown = sorted(set(data) - set(_KEYS))
        if unknown:
            raise ValueError(f"unknown [pdf_import] setting(s) {', '.join(unknown)}; known: {', '.join(_KEYS)}")
        max_files = data.get("max_files", 20)
        if not isinstance(max_files, int) or isinstance(max_files, bool) or not 1 <= max_files <= 1000:
            raise ValueError("[pdf_import] max_files must be a whole number from 1 to 1000")
        return cls(
            limits=ImportLimits.from_mapping(_table(data, "limits")),
            options=ExtractOptions.from_mapping(_table(data, "options")),
            max_files=max_files,
        )


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ValueError(f"[pdf_import.{key}] must be a table")
    return value


def settings_of(app: HearingApp) -> PdfImportSettings:
    """The instance's settings, read once per app (``ValueError`` if invalid)."""
    cached = app.state.get("pdf_import.settings")
    if cached is None:
        cached = PdfImportSettings.from_mapping(app.settings.extra.get("pdf_import"))
        app.state["pdf_import.settings"] = cached
    return cached  # type: ignore[no-any-return]


def form_mapping(app: HearingApp) -> FormMapping:
    """The default form mapping merged with ``<data dir>/form_mapping.toml`` if the bureau has one."""
    cached = app.state.get("pdf_import.form_mapping")
    if cached is None:
        path = app.settings.data_dir / FORM_MAPPING_FILE
        cached = FormMapping.default()
        if path.is_file():
            try:
                overrides = tomllib.loads(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ValueError(f"{path}: {exc}") from exc
            try:
                cached = cached.merged(overrides)
            except ValueError as exc:
                raise ValueError(f"{path}: {exc}") from exc
        app.state["pdf_import.form_mapping"] = cached
    return cached  # type: ignore[no-any-return]
