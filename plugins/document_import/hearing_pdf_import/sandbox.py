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
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from hearing_pdf_import._protocol import FrameReader, ProtocolError, encode_frame
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

_READ_CHUNK = 1 << 20


def _child_env() -> dict[str, str]:
    """The caller's environment, with this package and hearing_core importable."""
    import hearing_core

    roots = [str(Path(__file__).resolve().parents[1]), str(Path(hearing_core.__file__).resolve().parents[1])]
    env = dict(os.environ)
    existing = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(roots + existing))
    return env


class _Worker:
    """One worker process and the decoder of its output."""

    def __init__(self, memory_bytes: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hearing_pdf_import._worker", str(memory_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_child_env(),
            close_fds=True,
        )
        self.reader = FrameReader()
        self.killed = False

    @property
    def stdout(self) -> IO[bytes]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def send(self, job: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(encode_frame(job))
        self.proc.stdin.flush()

    def read(self) -> bytes:
        return os.read(self.stdout.fileno(), _READ_CHUNK)

    def kill(self) -> None:
        self.killed = True
        if self.proc.poll() is None:
            self.proc.kill()
        self._reap()

    def stop(self) -> None:
        """Close stdin so an idle worker exits by itself; kill it if it does not."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        self._reap()

    def _reap(self) -> None:
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except OSError:
                    pass  # flushing a job into a dead worker's stdin

    def death_failure(self) -> ImportFailure:
        """Why the worker's output ended without a closing frame."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.proc.returncode
        if code == -signal.SIGKILL:
            # Not killed by us: the kernel's OOM killer is the usual suspect.
            return failure(ErrorCode.MEMORY, "the parser was killed by the system")
        if code == -signal.SIGXCPU:
            return failure(ErrorCode.TIMEOUT, "CPU time limit reached")
        if code is not None and code < 0:
            return failure(ErrorCode.PARSE_ERROR, f"the parser crashed ({signal.Signals(-code).name})")
        return failure(ErrorCode.PARSE_ERROR, f"the parser exited unexpectedly (exit code {code})")


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

    Use as a context manager, or call :meth:`close`. Not thread-safe: one pool per
    thread. ``extract_many`` returns results in input order; ``iter_extract``
    yields ``(index, result)`` as files finish.
    """

    def __init__(self, limits: ImportLimits | None = None, options: ExtractOptions | None = None) -> None:
        self.limits = limits or ImportLimits()
        self.options = options or ExtractOptions()
        self._idle: list[_Worker] = []
        self._closed = False

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the idle workers."""
        self._closed = True
        while self._idle:
            self._idle.pop().stop()

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
        busy: dict[_Worker, _Running] = {}
        selector = selectors.DefaultSelector()
        try:
            while queue or busy:
                while queue and len(busy) < self.limits.worker_count:
                    run = queue.popleft()
                    worker = self._idle.pop() if self._idle else _Worker(self.limits.memory_bytes)
                    run.started = run.progress = time.monotonic()
                    try:
                        worker.send(self._job(run, opts, ocr))
                    except OSError:
                        # A worker that died while idle; the file gets a fresh one.
                        worker.kill()
                        queue.appendleft(run)
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
                        limit = "per-page" if run.deadline(self.limits) < run.started + self.limits.timeout_seconds else "per-file"
                        yield run.index, _failed(
                            run.path, failure(ErrorCode.TIMEOUT, f"{limit} time limit reached"), now - run.started, ocr
                        )
        finally:
            # Reached early only if the consumer stops iterating or an error escapes.
            for worker in busy:
                worker.kill()
            selector.close()

    def _job(self, run: _Running, opts: ExtractOptions, ocr: _Ocr) -> dict[str, Any]:
        return {
            "path": run.path,
            "options": opts.to_dict(),
            "max_pages": self.limits.max_pages,
            "ocr": ocr.available,
            # Leave the worker time to give up on tesseract and report the page.
            "ocr_timeout": self.limits.page_timeout_seconds * 0.8,
            "cpu_seconds": self.limits.timeout_seconds + 30,
        }

    def _on_readable(self, worker: _Worker, run: _Running, ocr: _Ocr) -> DocumentResult | None:
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
                    continue
                if frame.get("reusable") is True and not self._closed:
                    self._idle.append(worker)
                else:
                    worker.stop()
                if kind == "done":
                    return _finished(run, elapsed, ocr)
                return _failed(run.path, ImportFailure.from_dict(frame["error"]), elapsed, ocr)
        except (ProtocolError, KeyError, TypeError, ValueError):
            worker.kill()
            return _failed(run.path, failure(ErrorCode.PARSE_ERROR, "the parser sent malformed output"), elapsed, ocr)
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
        path=path, status=DocumentStatus.FAILED, error=error, ocr_available=ocr.available, seconds=round(seconds, 3)
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
        notes.append(f"{len(no_layer)} page(s) have no text layer (无文字层, e.g. scanned): {_pages(no_layer)}")
    if unmapped:
        notes.append(f"{len(unmapped)} page(s) use fonts without a Unicode mapping (乱码): {_pages(unmapped)}")
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
