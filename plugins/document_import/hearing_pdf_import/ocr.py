"""Optional OCR of pages without usable text (扫描件文字识别), via the tesseract CLI.

Scanned letters (扫描件) have no text layer. When ``tesseract`` and its language
data (``chi_sim`` for 简体中文) are installed, such a page is rendered with
pypdfium2 (already a pdfplumber dependency, through ``page.to_image``) and
recognised by tesseract in TSV mode, which gives each word's box and confidence.
Without tesseract nothing fails: the pages keep ``no_text_layer`` and the result
says OCR is unavailable. Rendering and recognition run in the sandbox worker, so
tesseract inherits its memory limit.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from hearing_pdf_import.model import BBox, TextLine
from hearing_pdf_import.text import is_cjk

__all__ = ["OcrStatus", "OcrText", "ocr_page", "ocr_status", "parse_tsv"]


@dataclass(frozen=True)
class OcrStatus:
    """Whether OCR can run (OCR可用性) and, if not, why, in a sentence for the operator."""

    available: bool
    reason: str
    tesseract: str | None = None


@dataclass(frozen=True)
class OcrText:
    """Recognised lines of a page and the mean word confidence (0–100)."""

    lines: tuple[TextLine, ...]
    confidence: float | None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _tesseract_env() -> dict[str, str]:
    env = dict(os.environ)
    # One thread each: batch workers already use every core, and OpenMP threads
    # in each tesseract would fight over them.
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@functools.lru_cache(maxsize=8)
def ocr_status(language: str = "chi_sim") -> OcrStatus:
    """Find ``tesseract`` on PATH and check that it has ``language`` (cached per language)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return OcrStatus(
            False, "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
        )
    try:
        proc = subprocess.run(
            [exe, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=20,
            env=_tesseract_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return OcrStatus(False, f"tesseract could not be run ({type(exc).__name__})", exe)
    # Tesseract 4 printed the list on stderr, 5 prints it on stdout.
    listed = {line.strip() for line in (proc.stdout + "\n" + proc.stderr).splitlines()}
    if language not in listed:
        package = "tesseract-ocr-" + language.replace("_", "-").lower()
        return OcrStatus(
            False, f"tesseract has no '{language}' language data (apt-get install {package})", exe
        )
    return OcrStatus(True, f"tesseract with '{language}'", exe)


def parse_tsv(tsv: str, scale: float, char_boxes: bool = False) -> OcrText:
    """Lines of tesseract's TSV output; pixel boxes are multiplied by ``scale`` (to points)."""
    words: dict[tuple[str, str, str], list[tuple[str, BBox]]] = {}
    confidences: list[float] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row["conf"])
            left, top = float(row["left"]) * scale, float(row["top"]) * scale
            right = left + float(row["width"]) * scale
            bottom = top + float(row["height"]) * scale
        except (KeyError, TypeError, ValueError):
            continue
        if conf >= 0:
            confidences.append(conf)
        key = (row["block_num"], row["par_num"], row["line_num"])
        words.setdefault(key, []).append((text, (left, top, right, bottom)))
    lines: list[TextLine] = []
    for entries in words.values():
        lines.append(_line(entries, char_boxes))
    lines.sort(key=lambda ln: (round(ln.bbox[1]), ln.bbox[0]))
    confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    return OcrText(tuple(lines), confidence)


def _line(entries: list[tuple[str, BBox]], char_boxes: bool) -> TextLine:
    text: list[str] = []
    boxes: list[BBox] = []
    for word, box in entries:
        # Tesseract separates every CJK "word" with a space; keep spaces only
        # between two non-CJK words, as the text layer reader does.
        if text and not (is_cjk(text[-1]) or is_cjk(word[0])):
            text.append(" ")
            prev = boxes[-1]
            boxes.append((prev[2], prev[1], box[0], prev[3]))
        width = (box[2] - box[0]) / len(word)
        for i, letter in enumerate(word):
            text.append(letter)
            boxes.append((box[0] + i * width, box[1], box[0] + (i + 1) * width, box[3]))
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return TextLine("".join(text), bbox, tuple(boxes) if char_boxes else None)


def ocr_page(page: Any, language: str, resolution: int, timeout: float, char_boxes: bool = False) -> OcrText:
    """Render a pdfplumber ``page`` and recognise it; raises ``RuntimeError`` on failure."""
    status = ocr_status(language)
    if not status.available or status.tesseract is None:
        raise RuntimeError(status.reason)
    image = page.to_image(resolution=resolution).original.convert("L")
    buffer = io.BytesIO()
    # Uncompressed PGM: encoding is instant and leptonica reads it from stdin.
    image.save(buffer, format="PPM")
    del image
    try:
        proc = subprocess.run(
            [status.tesseract, "stdin", "stdout", "-l", language, "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
            env=_tesseract_env(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"tesseract took longer than {timeout:.0f} s") from exc
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract failed with exit code {proc.returncode}")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"), 72.0 / resolution, char_boxes)
