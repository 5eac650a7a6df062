"""The sandbox (沙箱) against hostile PDFs: a clear error code, in time, caller unharmed."""

from __future__ import annotations

import json
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pdf_factory
import pytest
from hearing_pdf_import import (
    DocumentStatus,
    ErrorCode,
    ExtractionPool,
    ExtractOptions,
    ImportLimits,
    PageStatus,
    extract_document,
    extract_documents,
)
from hearing_pdf_import._bench import make_document

BUDGET_S = 30.0
NO_OCR = ExtractOptions(ocr=False)


def _rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


HOSTILE: dict[str, tuple[Callable[[Path], Path], ErrorCode]] = {
    "truncated": (
        lambda d: pdf_factory.truncated_pdf(pdf_factory.letter_pdf(d / "t-src.pdf"), d / "t.pdf"),
        ErrorCode.TRUNCATED,
    ),
    "encrypted": (
        lambda d: pdf_factory.encrypted_pdf(pdf_factory.letter_pdf(d / "e-src.pdf"), d / "e.pdf"),
        ErrorCode.ENCRYPTED,
    ),
    "zero_pages": (lambda d: pdf_factory.zero_pages_pdf(d / "z.pdf"), ErrorCode.NO_PAGES),
    "self_kids": (lambda d: pdf_factory.recursive_page_tree_pdf(d / "r.pdf"), ErrorCode.NO_PAGES),
    "deep_tree": (lambda d: pdf_factory.deep_page_tree_pdf(d / "deep.pdf"), ErrorCode.PARSE_ERROR),
    "bomb": (lambda d: pdf_factory.decompression_bomb_pdf(d / "bomb.pdf"), ErrorCode.MEMORY),
    "oversize": (lambda d: pdf_factory.oversize_pdf(d / "big.pdf", 60 * 1024 * 1024), ErrorCode.TOO_LARGE),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_file_gives_its_code_in_time(kind: str, tmp_path: Path) -> None:
    build, code = HOSTILE[kind]
    path = build(tmp_path)
    before = _rss_peak_mib()
    started = time.monotonic()
    result = extract_document(path, options=NO_OCR)  # default limits, as in production
    assert time.monotonic() - started < BUDGET_S
    assert result.status == DocumentStatus.FAILED
    assert result.error is not None and result.error.code == code, result.error
    assert result.pages == ()
    assert result.error.message and result.error.message_zh
    # The caller never parsed the file: its peak memory did not move.
    assert _rss_peak_mib() - before < 50


def test_non_pdf_bytes_named_pdf(tmp_path: Path, pool: ExtractionPool) -> None:
    files = pdf_factory.not_pdf_files(tmp_path)
    results = pool.extract_many(files)
    assert [r.error.code if r.error else None for r in results] == [ErrorCode.NOT_PDF] * len(files)
    assert all("非PDF" in r.error.message for r in results if r.error)


def test_batch_of_hostile_and_good_files_keeps_order_and_caller_memory(
    tmp_path: Path, letter: Path, bomb: Path
) -> None:
    files = [
        letter,
        bomb,
        pdf_factory.zero_pages_pdf(tmp_path / "z.pdf"),
        letter,
        pdf_factory.not_pdf_files(tmp_path)[0],
    ]
    before = _rss_peak_mib()
    started = time.monotonic()
    results = extract_documents(
        files, limits=ImportLimits(workers=2, memory_bytes=512 * 1024 * 1024), options=NO_OCR
    )
    assert time.monotonic() - started < BUDGET_S
    codes = [r.error.code if r.error else r.status for r in results]
    assert codes == [
        DocumentStatus.OK,
        ErrorCode.MEMORY,
        ErrorCode.NO_PAGES,
        DocumentStatus.OK,
        ErrorCode.NOT_PDF,
    ]
    assert results[0].text == results[3].text != ""
    assert _rss_peak_mib() - before < 50
    json.dumps([r.to_dict() for r in results], ensure_ascii=False)  # plain data all the way


def test_self_including_tree_and_circular_xobject_are_survived(tmp_path: Path, pool: ExtractionPool) -> None:
    loop_tree = pool.extract(pdf_factory.recursive_page_tree_pdf(tmp_path / "r2.pdf", with_page=True))
    assert loop_tree.status == DocumentStatus.OK and loop_tree.text == "Hello"
    circular = pool.extract(pdf_factory.circular_xobject_pdf(tmp_path / "x.pdf"))
    assert circular.error is None
    assert circular.pages[0].status == PageStatus.NO_TEXT_LAYER


@pytest.mark.parametrize("kind", ["cut", "length", "garbage"])
def test_damaged_content_stream_is_a_page_without_text(
    kind: str, tmp_path: Path, pool: ExtractionPool
) -> None:
    result = pool.extract(pdf_factory.damaged_stream_pdf(tmp_path / f"{kind}.pdf", kind))
    assert result.error is None
    assert result.status == DocumentStatus.NO_TEXT
    assert [p.status for p in result.pages] == [PageStatus.NO_TEXT_LAYER]


def test_file_over_a_configured_limit(letter: Path, tmp_path: Path) -> None:
    small = ImportLimits(max_file_bytes=1024)
    result = extract_document(letter, limits=small)
    assert result.error is not None and result.error.code == ErrorCode.TOO_LARGE
    assert "over the limit of" in result.error.message
    many = pdf_factory.letter_pdf(tmp_path / "five.pdf", copies=5)
    result = extract_document(many, limits=ImportLimits(max_pages=3), options=NO_OCR)
    assert result.error is not None and result.error.code == ErrorCode.TOO_LARGE
    assert "more than 3 pages" in result.error.message


def test_password_opens_an_encrypted_file(letter: Path, tmp_path: Path) -> None:
    locked = pdf_factory.encrypted_pdf(letter, tmp_path / "locked.pdf")
    opened = extract_document(locked, options=ExtractOptions(ocr=False, password="secret"))
    assert opened.status == DocumentStatus.OK
    assert opened.text == extract_document(letter, options=NO_OCR).text
    wrong = extract_document(locked, options=ExtractOptions(ocr=False, password="guess"))
    assert wrong.error is not None and wrong.error.code == ErrorCode.ENCRYPTED
    # Permissions-only encryption (empty user password) is read, with a note.
    owner_only = extract_document(
        pdf_factory.encrypted_pdf(letter, tmp_path / "perm.pdf", user_password=""), options=NO_OCR
    )
    assert owner_only.status == DocumentStatus.OK
    assert any("encrypted" in note for note in owner_only.notes)


def test_timeout_kills_the_worker_and_the_pool_goes_on(tmp_path: Path, letter: Path) -> None:
    # 80 dense pages need about 5 s of CPU, well over the limit; the limit still leaves a
    # fresh worker time to read one page on a busy machine.
    long_doc = make_document(tmp_path / "long.pdf", pages=80)
    with ExtractionPool(ImportLimits(workers=1, timeout_seconds=3.0), NO_OCR) as pool:
        started = time.monotonic()
        result = pool.extract(long_doc)
        assert time.monotonic() - started < 8
        assert result.error is not None and result.error.code == ErrorCode.TIMEOUT
        assert "per-file" in result.error.message
        assert pool.extract(letter).status == DocumentStatus.OK


def test_page_timeout_catches_a_stalled_worker(letter: Path) -> None:
    # Worker start-up alone takes longer than this, so the first page is "late".
    result = extract_document(letter, limits=ImportLimits(page_timeout_seconds=0.01), options=NO_OCR)
    assert result.error is not None and result.error.code == ErrorCode.TIMEOUT
    assert "per-page" in result.error.message


def test_memory_limit_is_configurable(bomb: Path) -> None:
    started = time.monotonic()
    result = extract_document(bomb, limits=ImportLimits(memory_bytes=256 * 1024 * 1024), options=NO_OCR)
    assert result.error is not None and result.error.code == ErrorCode.MEMORY
    assert time.monotonic() - started < BUDGET_S


def _children() -> list[int]:
    me = os.getpid()
    found: list[int] = []
    for task in Path(f"/proc/{me}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(pid) for pid in text)
    return found


def test_a_crashed_worker_is_a_per_file_error_and_is_replaced(tmp_path: Path, letter: Path) -> None:
    long_doc = make_document(tmp_path / "crash.pdf", pages=40)
    others = set(_children())  # workers of the shared pool must not be hit
    with ExtractionPool(ImportLimits(workers=1), NO_OCR) as pool:
        killer = threading.Timer(
            1.0, lambda: [os.kill(pid, signal.SIGSEGV) for pid in set(_children()) - others]
        )
        killer.start()
        try:
            result = pool.extract(long_doc)
        finally:
            killer.cancel()
        assert result.error is not None and result.error.code == ErrorCode.PARSE_ERROR
        assert "SIGSEGV" in result.error.message
        assert pool.extract(letter).status == DocumentStatus.OK


def test_a_worker_is_reused_after_success_and_replaced_after_failure(
    letter: Path, bomb: Path, tmp_path: Path
) -> None:
    others = set(_children())

    def mine() -> set[int]:
        return set(_children()) - others

    with ExtractionPool(ImportLimits(workers=1, memory_bytes=256 * 1024 * 1024), NO_OCR) as pool:
        pool.extract(letter)
        first = mine()
        pool.extract(letter)
        pool.extract(pdf_factory.zero_pages_pdf(tmp_path / "z.pdf"))  # a clean failure keeps it
        assert mine() == first and len(first) == 1
        pool.extract(bomb)
        assert mine() == set()  # the worker that ran out of memory is gone
        pool.extract(letter)
        assert len(mine()) == 1 and mine() != first
    assert mine() == set()  # closing the pool stops its workers


def test_closed_pool_refuses_work(letter: Path) -> None:
    pool = ExtractionPool()
    pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        pool.extract(letter)


def test_iter_extract_yields_prechecked_failures_first(
    tmp_path: Path, letter: Path, pool: ExtractionPool
) -> None:
    bad = pdf_factory.not_pdf_files(tmp_path)[1]
    order = [index for index, _ in pool.iter_extract([letter, bad])]
    assert order == [1, 0]


def test_an_idle_worker_that_died_is_replaced(letter: Path) -> None:
    others = set(_children())
    with ExtractionPool(ImportLimits(workers=1), NO_OCR) as pool:
        pool.extract(letter)
        for pid in set(_children()) - others:
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)  # let the kill land before the next job is sent
        assert pool.extract(letter).status == DocumentStatus.OK


def test_threads_can_share_a_pool(letter: Path, cid_letter: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ExtractionPool(ImportLimits(workers=2), NO_OCR) as pool:
        with ThreadPoolExecutor(max_workers=3) as threads:
            results = list(threads.map(lambda p: pool.extract(p), [letter, cid_letter] * 3))
    assert [r.status for r in results] == [DocumentStatus.OK] * 6
    assert results[0].text == results[2].text == results[4].text
