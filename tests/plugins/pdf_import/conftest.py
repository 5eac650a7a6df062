"""Fixtures of the document-import tests: generated PDFs and a shared worker pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pdf_factory
import pytest
from hearing_pdf_import import ExtractionPool, ExtractOptions, ImportLimits


@pytest.fixture(scope="session")
def cjk_font() -> Path:
    try:
        return pdf_factory.cjk_font()
    except RuntimeError as exc:  # a missing system package must fail loudly, not skip
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory, cjk_font: Path) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="session")
def pool() -> Iterator[ExtractionPool]:
    """A pool shared by the tests; OCR off unless a test asks for it (it is slow)."""
    with ExtractionPool(ImportLimits(workers=2), ExtractOptions(ocr=False)) as shared:
        yield shared


@pytest.fixture(scope="session")
def letter(pdf_dir: Path) -> Path:
    return pdf_factory.letter_pdf(pdf_dir / "letter.pdf")


@pytest.fixture(scope="session")
def cid_letter(pdf_dir: Path) -> Path:
    return pdf_factory.cid_font_pdf(pdf_dir / "cid-letter.pdf")


@pytest.fixture(scope="session")
def form(pdf_dir: Path) -> Path:
    return pdf_factory.registration_form_pdf(pdf_dir / "form.pdf")


@pytest.fixture(scope="session")
def scanned(pdf_dir: Path) -> Path:
    return pdf_factory.scanned_pdf(pdf_dir / "scanned.pdf", pdf_factory.SCANNED_LINES)


@pytest.fixture(scope="session")
def bomb(pdf_dir: Path) -> Path:
    return pdf_factory.decompression_bomb_pdf(pdf_dir / "bomb.pdf", inflated_gib=2)
