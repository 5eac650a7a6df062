"""Sandboxed parsing of untrusted PDFs (PDF沙箱解析): the caller's side.

pdfminer (under pdfplumber) has no decompression cap and no resource limits, so
a hostile upload could exhaust memory or spin for ever. Every file is therefore
parsed by a worker process (:mod:`hearing_pdf_import._worker`) that limits its
own address space; the caller only pre-checks the bytes, waits on the worker's
pipe with a deadline, and kills it when the deadline passes. Whatever happens to
a worker becomes a per-file :class:`DocumentResult` with an error code; nothing
here raises because of a file's content.

A pool keeps up to one worker per core busy and reuses a worker for the next file
(interpreter start-up and imports cost ~0.2 s), but replaces it after any failure.
"""

from __future__ import annotations

import os
import selectors
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from hearing_pdf_import._process import WorkerProcess
from hearing_pdf_import._protocol import ProtocolError
from hearing_pdf_import.failures import failure
from hearing_pdf_import.model import (
    DocumentResult,
    DocumentStatus,
    ErrorCode,
    ImportFailure,
    PageResult,
    PageStatus,
)
from hearing_pdf_import.options import ExtractOptions, ImportLimits
from hearing_pdf_import.precheck import PrecheckResult, precheck

__all__ = ["ExtractionPool", "extract_document", "extract_documents"]


@dataclass
class _Running:
    index: int
    path: str
    check: PrecheckResult
    password_given: bool
    started: float
    progress: float
    pages: list[PageResult] = field(default_factory=list)

    def deadline(self, limits: ImportLimits) -> float:
        return min(self.started + limits.timeout_seconds, self.progress + limits.page_timeout_seconds)


class ExtractionPool:
    """Workers that extract PDFs under the given limits (PDF解析进程池).

    Use as a context manager, or call :meth:`close`. ``extract_many`` returns
    results in input order; ``iter_extract`` yields ``(index, result)`` as files
    finish. Calls from several threads (e.g. API requests run in a thread pool)
    share the idle workers; each call runs at most ``limits.worker_count`` at once.
    """

    def __init__(self, limits: ImportLimits | None = None, options: ExtractOptions | None = None) -> None:
        self.limits = limits or ImportLimits()
        self.options = options or ExtractOptions()
        self._idle: list[WorkerProcess] = []
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the idle workers."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def extract(self, path: str | os.PathLike[str], options: ExtractOptions | None = None) -> DocumentResult:
        return self.extract_many([path], options)[0]

    def extract_many(
        self, paths: Iterable[str | os.PathLike[str]], options: ExtractOptions | None = None
    ) -> list[DocumentResult]:
        found = dict(self.iter_extract(paths, options))
        return [found[i] for i in range(len(found))]

    def iter_extract(
        self, paths: Iterable[str | os.PathLike[str]], options: ExtractOptions | None = None
    ) -> Iterator[tuple[int, DocumentResult]]:
        """Extract ``paths`` in parallel; yield each file's result as soon as it is known."""
        if self._closed:
            raise RuntimeError("the extraction pool is closed")
        opts = options or self.options
        ocr = _ocr_status(opts)
        queue: deque[_Running] = deque()
        for index, raw_path in enumerate(paths):
            path = os.fspath(raw_path)
            check = precheck(path, self.limits)
            if check.failure is not None:
                yield index, _failed(path, check.failure, 0.0, ocr)
            else:
                queue.append(_Running(index, path, check, opts.password is not None, 0.0, 0.0))
        busy: dict[WorkerProcess, _Running] = {}
        selector = selectors.DefaultSelector()
        try:
            while queue or busy:
                while queue and len(busy) < self.limits.worker_count:
                    run = queue.popleft()
                    worker, reused = self._take_worker()
                    run.started = run.progress = time.monotonic()
                    try:
                        worker.send(self._job(run, opts, ocr))
                    except OSError:
                        worker.kill()
                        if reused:  # it died while idle: the file gets a fresh worker
                            queue.appendleft(run)
                            continue
                        broken = failure(ErrorCode.PARSE_ERROR, "the parser process could not be started")
                        yield run.index, _failed(run.path, broken, 0.0, ocr)
                        continue
                    busy[worker] = run
                    selector.register(worker.stdout, selectors.EVENT_READ, worker)
                timeout = min(r.deadline(self.limits) for r in busy.values()) - time.monotonic()
                for key, _ in selector.select(timeout=max(0.0, timeout)):
                    worker = key.data
                    outcome = self._on_readable(worker, busy[worker], ocr)
                    if outcome is not None:
                        selector.unregister(worker.stdout)
                        yield busy.pop(worker).index, outcome
                now = time.monotonic()
                for worker, run in list(busy.items()):
                    if now >= run.deadline(self.limits):
                        selector.unregister(worker.stdout)
                        worker.kill()
                        del busy[worker]
                        limit = (
                            "per-page"
                            if run.deadline(self.limits) < run.started + self.limits.timeout_seconds
                            else "per-file"
                        )
                        yield (
                            run.index,
                            _failed(
                                run.path,
                                failure(ErrorCode.TIMEOUT, f"{limit} time limit reached"),
                                now - run.started,
                                ocr,
                            ),
                        )
        finally:
            # Reached early only if the consumer stops iterating or an error escapes.
            for worker in busy:
                worker.kill()
            selector.close()

    def _job(self, run: _Running, opts: ExtractOptions, ocr: _Ocr) -> dict[str, Any]:
        return {
            "path": os.path.abspath(run.path),  # the worker must not depend on a shared cwd
            "options": opts.to_dict(),
            "max_pages": self.limits.max_pages,
            "ocr": ocr.available,
            # Leave the worker time to give up on tesseract and report the page.
            "ocr_timeout": self.limits.page_timeout_seconds * 0.8,
            "cpu_seconds": self.limits.timeout_seconds + 30,
        }

    def _take_worker(self) -> tuple[WorkerProcess, bool]:
        with self._lock:
            if self._idle:
                return self._idle.pop(), True
        return WorkerProcess(self.limits.memory_bytes), False

    def _release_worker(self, worker: WorkerProcess, reusable: bool) -> None:
        with self._lock:
            if reusable and not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def _on_readable(self, worker: WorkerProcess, run: _Running, ocr: _Ocr) -> DocumentResult | None:
        """Consume the worker's output; return the file's result once it is complete."""
        elapsed = time.monotonic() - run.started
        data = worker.read()
        if not data:
            dead = worker.death_failure()
            worker.kill()
            return _failed(run.path, dead, elapsed, ocr)
        try:
            for frame in worker.reader.feed(data):
                kind = frame.get("type")
                if kind == "page":
                    run.pages.append(PageResult.from_dict(frame["page"]))
                    run.progress = time.monotonic()
                elif kind == "done":
                    result = _finished(run, elapsed, ocr)
                    self._release_worker(worker, frame.get("reusable") is True)
                    return result
                else:
                    error = ImportFailure.from_dict(frame["error"])
                    self._release_worker(worker, frame.get("reusable") is True)
                    return _failed(run.path, error, elapsed, ocr)
        except (ProtocolError, KeyError, TypeError, ValueError):
            worker.kill()
            malformed = failure(ErrorCode.PARSE_ERROR, "the parser sent malformed output")
            return _failed(run.path, malformed, elapsed, ocr)
        return None


@dataclass(frozen=True)
class _Ocr:
    available: bool | None
    reason: str = ""


def _ocr_status(opts: ExtractOptions) -> _Ocr:
    if not opts.ocr:
        return _Ocr(None)
    from hearing_pdf_import.ocr import ocr_status

    status = ocr_status(opts.ocr_language)
    return _Ocr(status.available, status.reason)


def _failed(path: str, error: ImportFailure, seconds: float, ocr: _Ocr) -> DocumentResult:
    return DocumentResult(
        path=path,
        status=DocumentStatus.FAILED,
        error=error,
        ocr_available=ocr.available,
        seconds=round(seconds, 3),
    )


def _finished(run: _Running, seconds: float, ocr: _Ocr) -> DocumentResult:
    pages = tuple(run.pages)
    accepted = sum(1 for p in pages if p.status == PageStatus.OK)
    if accepted == len(pages):
        status = DocumentStatus.OK
    else:
        status = DocumentStatus.PARTIAL if accepted else DocumentStatus.NO_TEXT
    notes: list[str] = []
    no_layer = [p.number for p in pages if p.status == PageStatus.NO_TEXT_LAYER]
    unmapped = [p.number for p in pages if p.status == PageStatus.UNMAPPED_GLYPHS]
    if no_layer:
        notes.append(
            f"{len(no_layer)} page(s) have no text layer (无文字层, e.g. scanned): {_pages(no_layer)}"
        )
    if unmapped:
        notes.append(
            f"{len(unmapped)} page(s) use fonts without a Unicode mapping (乱码): {_pages(unmapped)}"
        )
    if (no_layer or unmapped) and ocr.available is False:
        notes.append(f"OCR unavailable: {ocr.reason}")
    ocr_pages = [p.number for p in pages if p.ocr]
    if ocr_pages:
        notes.append(f"{len(ocr_pages)} page(s) read by OCR (文字识别), check them: {_pages(ocr_pages)}")
    if run.check.encrypted and not run.password_given:
        notes.append("the file is encrypted (加密) with an empty user password; opened, permissions ignored")
    return DocumentResult(
        path=run.path,
        status=status,
        pages=pages,
        ocr_available=ocr.available,
        seconds=round(seconds, 3),
        notes=tuple(notes),
    )


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (f" (+{len(numbers) - 20} more)" if len(numbers) > 20 else "")


def extract_document(
    path: str | os.PathLike[str], *, limits: ImportLimits | None = None, options: ExtractOptions | None = None
) -> DocumentResult:
    """Extract one file in a fresh worker (单个文件导入). Never raises for a bad file."""
    limits = (limits or ImportLimits()).with_changes(workers=1)
    with ExtractionPool(limits, options) as pool:
        return pool.extract(path)


def extract_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    limits: ImportLimits | None = None,
    options: ExtractOptions | None = None,
) -> list[DocumentResult]:
    """Extract a batch (批量导入) with up to ``limits.worker_count`` workers, in input order."""
    with ExtractionPool(limits, options) as pool:
        return pool.extract_many(paths)
