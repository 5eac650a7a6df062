"""Pre-checks (导入前检查), limits and options, result serialisation, the benchmark."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdf_factory
import pytest
from hearing_pdf_import import (
    DocumentResult,
    ErrorCode,
    ExtractOptions,
    ImportLimits,
    PageResult,
    looks_like_pdf,
    precheck,
)
from hearing_pdf_import._bench import run as run_bench
from hearing_pdf_import._protocol import FrameReader, ProtocolError, encode_frame


def test_precheck_accepts_a_pdf_and_reads_its_version(letter: Path) -> None:
    result = precheck(letter)
    assert result.failure is None and result.size == letter.stat().st_size
    assert result.version is not None and re.fullmatch(r"[12]\.\d", result.version)
    assert not result.encrypted


def test_precheck_codes(tmp_path: Path, letter: Path) -> None:
    missing = precheck(tmp_path / "nope.pdf")
    assert missing.failure is not None and missing.failure.code == ErrorCode.PARSE_ERROR
    assert precheck(tmp_path).failure.code == ErrorCode.PARSE_ERROR  # type: ignore[union-attr]
    for path in pdf_factory.not_pdf_files(tmp_path):
        assert precheck(path).failure.code == ErrorCode.NOT_PDF  # type: ignore[union-attr]
    cut = pdf_factory.truncated_pdf(letter, tmp_path / "cut.pdf", keep=0.95)
    assert precheck(cut).failure.code == ErrorCode.TRUNCATED  # type: ignore[union-attr]
    big = precheck(letter, ImportLimits(max_file_bytes=100))
    assert big.failure is not None and big.failure.code == ErrorCode.TOO_LARGE


def test_precheck_tolerates_junk_before_the_header_as_acrobat_does(tmp_path: Path, letter: Path) -> None:
    prefixed = tmp_path / "prefixed.pdf"
    prefixed.write_bytes(b"X-Mailer: scanner\r\n\r\n" + letter.read_bytes())
    assert precheck(prefixed).failure is None
    assert looks_like_pdf(b"junk\n%PDF-1.4\n") and not looks_like_pdf(b"\x89PNG\r\n")
    assert not looks_like_pdf(b" " * 1100 + b"%PDF-1.4")


def test_precheck_sees_encryption_in_the_trailer(tmp_path: Path, letter: Path) -> None:
    locked = pdf_factory.encrypted_pdf(letter, tmp_path / "locked.pdf")
    assert precheck(locked).encrypted


def test_limits_and_options_from_settings() -> None:
    limits = ImportLimits.from_mapping(
        {"max_file_mb": 10, "memory_mb": 512, "timeout_seconds": 30, "workers": 3}
    )
    assert limits.max_file_bytes == 10 * 1024 * 1024 and limits.memory_bytes == 512 * 1024 * 1024
    assert limits.worker_count == 3 and limits.timeout_seconds == 30
    assert ImportLimits().worker_count >= 1
    with pytest.raises(ValueError, match="unknown ImportLimits setting 'max_size'"):
        ImportLimits.from_mapping({"max_size": 1})
    with pytest.raises(ValueError):
        ImportLimits(workers=0)
    with pytest.raises(ValueError):
        ImportLimits(timeout_seconds=0)
    options = ExtractOptions.from_mapping({"ocr": False, "x_tolerance": 2})
    assert not options.ocr and options.x_tolerance == 2
    assert ExtractOptions.from_mapping(options.to_dict()) == options
    with pytest.raises(ValueError):
        ExtractOptions(unmapped_threshold=2)
    with pytest.raises(ValueError):
        ExtractOptions(ocr_resolution=10)


def test_results_round_trip_through_plain_data(letter: Path, pool) -> None:  # type: ignore[no-untyped-def]
    result: DocumentResult = pool.extract(letter, ExtractOptions(ocr=False, char_boxes=True))
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    page = PageResult.from_dict(data["pages"][0])
    assert page.text == result.pages[0].text and page.status == result.pages[0].status
    assert len(page.lines) == len(result.pages[0].lines)
    assert page.lines[0].char_boxes is not None
    assert data["status"] == "ok" and data["error"] is None


def test_frames_are_length_prefixed_json_with_a_size_cap() -> None:
    reader = FrameReader()
    data = encode_frame({"type": "page", "text": "信访"}) + encode_frame({"type": "done"})
    assert reader.feed(data[:5]) == []
    assert reader.feed(data[5:]) == [{"type": "page", "text": "信访"}, {"type": "done"}]
    with pytest.raises(ProtocolError):
        FrameReader().feed(b"\xff\xff\xff\xff")
    with pytest.raises(ProtocolError):
        FrameReader().feed(b"\x00\x00\x00\x02[]")


def test_bench_reports_rates_and_ratios(tmp_path: Path) -> None:
    result = run_bench(pages=3, batch=2, workers=2, directory=tmp_path)
    assert result.pages == 3 and result.batch_files == 2
    assert (
        result.pdfplumber_pages_per_s > 0 and result.single_pages_per_s > 0 and result.batch_pages_per_s > 0
    )
    assert result.single_ratio == pytest.approx(
        result.single_pages_per_s / result.pdfplumber_pages_per_s, rel=0.01
    )


def test_importing_the_package_does_not_import_the_parser() -> None:
    import subprocess
    import sys

    code = (
        "import sys, hearing_pdf_import, hearing_pdf_import.forms, hearing_pdf_import.validators;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'pdfplumber', 'pdfminer', 'pypdfium2'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"
