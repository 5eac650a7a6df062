"""Limits and extraction options of document import (文书导入限额与选项).

Limits protect the server from hostile or oversized files; options tune how text
is read. Both are plain frozen dataclasses so settings can be built from a TOML
table (``[pdf_import]``) or a dict, and sent to a worker process as JSON.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

__all__ = ["ExtractOptions", "ImportLimits"]

_MIB = 1024 * 1024


def _from_mapping(cls: type[Any], data: Mapping[str, Any], aliases: Mapping[str, tuple[str, int]]) -> Any:
    """Build ``cls`` from a mapping, rejecting unknown keys so a typo in settings is loud."""
    names = {f.name for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in aliases:
            target, factor = aliases[key]
            values[target] = int(value * factor)
        elif key in names:
            values[key] = value
        else:
            known = ", ".join(sorted(names | set(aliases)))
            raise ValueError(f"unknown {cls.__name__} setting {key!r}; known settings: {known}")
    return cls(**values)


@dataclass(frozen=True)
class ImportLimits:
    """Resource limits applied to every file (导入限额).

    - ``max_file_bytes``: larger files are refused before parsing (``too_large``).
    - ``max_pages``: a file with more pages is refused (``too_large``) as soon as the
      worker reaches that page, so a page-tree bomb cannot run on forever.
    - ``timeout_seconds``: wall time for one whole file (``timeout``).
    - ``page_timeout_seconds``: wall time without progress (opening the file, or one
      page); catches a single hostile page long before the file budget runs out.
    - ``memory_bytes``: address-space limit (RLIMIT_AS) of a worker process
      (``memory``); a decompression bomb hits it instead of the machine's RAM.
    - ``workers``: parallel worker processes for a batch; ``None`` means one per core.
    """

    max_file_bytes: int = 50 * _MIB
    max_pages: int = 2000
    timeout_seconds: float = 600.0
    page_timeout_seconds: float = 60.0
    memory_bytes: int = 1536 * _MIB
    workers: int | None = None

    def __post_init__(self) -> None:
        if self.max_file_bytes <= 0 or self.max_pages <= 0 or self.memory_bytes <= 0:
            raise ValueError("import limits must be positive")
        if self.timeout_seconds <= 0 or self.page_timeout_seconds <= 0:
            raise ValueError("import time limits must be positive")
        if self.workers is not None and self.workers < 1:
            raise ValueError("workers must be at least 1")

    @property
    def worker_count(self) -> int:
        """Workers to start for a batch: the setting, else the cores this process may use."""
        if self.workers:
            return self.workers
        try:
            return len(os.sched_getaffinity(0)) or 1  # honours taskset/cpuset limits
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ImportLimits:
        """From a settings table; ``max_file_mb`` and ``memory_mb`` are accepted in MiB."""
        return _from_mapping(
            cls, data, {"max_file_mb": ("max_file_bytes", _MIB), "memory_mb": ("memory_bytes", _MIB)}
        )

    def with_changes(self, **changes: Any) -> ImportLimits:
        return replace(self, **changes)


@dataclass(frozen=True)
class ExtractOptions:
    """How pages are read (提取选项).

    - ``password``: user password of an encrypted file; never logged or returned.
    - ``tables``: find tables (lines strategy, then text strategy when the page
      looks tabular).
    - ``char_boxes``: include one box per character in each ``TextLine`` (needed to
      give a form field's exact box; off by default to keep results small).
    - ``ocr``: OCR pages without usable text when tesseract is installed.
    - ``ocr_min_confidence``: mean word confidence (0–100) below which OCR output is
      rejected as noise and the page keeps its status (a font drawn as boxes, a
      photo rather than a document).
    - ``x_tolerance``/``y_tolerance``: pdfplumber's grouping tolerances in points;
      3 pt keeps 五号/小四 (10.5/12 pt) CJK lines apart and glyphs of a word together.
    - ``dedupe_tolerance``: glyphs of the same text, font and size closer than this
      (points) are one glyph drawn twice (faux bold, 伪粗体).
    - ``unmapped_threshold``: a page whose share of ``(cid:N)`` glyphs exceeds this
      is ``unmapped_glyphs``; below it, stray unmapped glyphs become U+FFFD.
    - ``cjk_join_gap_em``: a gap next to a CJK character narrower than this many
      font sizes is letter-spacing, not a word break, so no space is inserted.
    """

    password: str | None = None
    tables: bool = True
    char_boxes: bool = False
    ocr: bool = True
    ocr_language: str = "chi_sim"
    ocr_resolution: int = 300
    ocr_min_confidence: float = 60.0
    x_tolerance: float = 3.0
    y_tolerance: float = 3.0
    dedupe_tolerance: float = 1.0
    unmapped_threshold: float = 0.3
    cjk_join_gap_em: float = 1.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.unmapped_threshold <= 1.0:
            raise ValueError("unmapped_threshold must be between 0 and 1")
        if not 72 <= self.ocr_resolution <= 600:
            raise ValueError("ocr_resolution must be between 72 and 600 dpi")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ExtractOptions:
        return _from_mapping(cls, data, {})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_changes(self, **changes: Any) -> ExtractOptions:
        return replace(self, **changes)
