"""OCR of scanned pages (扫描件识别) with tesseract chi_sim, and its absence.

CI installs tesseract-ocr and tesseract-ocr-chi-sim, so OCR is tested for real;
the "unavailable" path is tested by hiding tesseract from PATH.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path

import pdf_factory
import pytest
from hearing_pdf_import import DocumentStatus, ExtractionPool, ExtractOptions, ImportLimits, PageStatus
from hearing_pdf_import.forms import extract_form_file
from hearing_pdf_import.ocr import ocr_status, parse_tsv

OCR = ExtractOptions(ocr=True)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def ocr_pool() -> Iterator[ExtractionPool]:
    with ExtractionPool(ImportLimits(workers=2), OCR) as pool:
        yield pool


@pytest.fixture
def fresh_ocr_status() -> Iterator[None]:
    ocr_status.cache_clear()
    yield
    ocr_status.cache_clear()


def test_tesseract_with_chi_sim_is_installed(fresh_ocr_status: None) -> None:
    status = ocr_status("chi_sim")
    assert status.available, (
        f"{status.reason} — CI and developers install tesseract-ocr tesseract-ocr-chi-sim"
    )


def test_scanned_page_is_read_by_ocr(scanned: Path, ocr_pool: ExtractionPool) -> None:
    result = ocr_pool.extract(scanned)
    assert result.ocr_available is True
    page = result.pages[0]
    assert page.status == PageStatus.OK and page.ocr
    assert page.char_count == 0  # still no text layer: the text came from OCR
    assert page.ocr_confidence is not None and page.ocr_confidence >= 60
    similarity = difflib.SequenceMatcher(
        None, squash(page.text), squash("".join(pdf_factory.SCANNED_LINES))
    ).ratio()
    assert similarity >= 0.8, page.text
    assert "13800138000" in page.text
    assert any("OCR" in note for note in result.notes)
    # Line boxes are in points on the A4 page.
    assert all(
        0 <= ln.bbox[0] < ln.bbox[2] <= 596 and 0 <= ln.bbox[1] < ln.bbox[3] <= 843 for ln in page.lines
    )


def test_scanned_form_fields_come_from_ocr_lines(pdf_dir: Path, ocr_pool: ExtractionPool) -> None:
    path = pdf_factory.scanned_pdf(
        pdf_dir / "scanned-form.pdf", ["联系电话：13800138000", "来访日期：2025年3月8日"], dpi=300
    )
    result = extract_form_file(path, pool=ocr_pool)
    assert result.fields["phone"].value == "13800138000"
    assert str(result.fields["received_on"].value) == "2025-03-08"
    assert result.fields["phone"].source == "text" and result.fields["phone"].page == 1
    assert {e.field for e in result.errors} == {"name", "channel", "summary"}


def test_noise_below_the_confidence_floor_is_not_accepted(pdf_dir: Path, ocr_pool: ExtractionPool) -> None:
    # The font file is cut out too, so the page renders as boxes: OCR of it is noise.
    path = pdf_factory.unmapped_glyphs_pdf(pdf_dir / "unmapped-ocr.pdf")
    page = ocr_pool.extract(path).pages[0]
    assert page.status == PageStatus.UNMAPPED_GLYPHS and not page.ocr and page.text == ""


def test_without_tesseract_pages_stay_without_text(
    scanned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_ocr_status: None
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with ExtractionPool(ImportLimits(workers=1), OCR) as pool:
        result = pool.extract(scanned)
    assert result.ocr_available is False
    assert result.status == DocumentStatus.NO_TEXT
    assert result.pages[0].status == PageStatus.NO_TEXT_LAYER
    assert any(note.startswith("OCR unavailable: tesseract is not installed") for note in result.notes)


def test_missing_language_data_is_reported(fresh_ocr_status: None) -> None:
    status = ocr_status("xyz_nonexistent")
    assert not status.available
    assert "tesseract-ocr-xyz-nonexistent" in status.reason


def test_parse_tsv_joins_cjk_words_and_scales_boxes() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
        "4\t1\t1\t1\t1\t0\t100\t100\t400\t50\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t100\t100\t50\t90\t信访",
        "5\t1\t1\t1\t1\t2\t200\t100\t100\t50\t80\t事项",
        "5\t1\t1\t1\t1\t3\t320\t100\t60\t50\t70\tNo.",
        "5\t1\t1\t1\t1\t4\t400\t100\t40\t50\t60\t12",
        "5\t1\t2\t1\t1\t1\t100\t300\t50\t50\t100\t。",
    ]
    result = parse_tsv("\n".join([header, *rows]), scale=0.5, char_boxes=True)
    assert [ln.text for ln in result.lines] == ["信访事项No. 12", "。"]
    assert result.confidence == 80.0
    first = result.lines[0]
    assert first.bbox == (50.0, 50.0, 220.0, 75.0)
    assert first.char_boxes is not None and len(first.char_boxes) == len(first.text)
    assert first.char_boxes[0] == (50.0, 50.0, 75.0, 75.0)
