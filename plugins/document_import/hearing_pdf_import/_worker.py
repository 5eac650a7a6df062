"""Sandbox worker process (沙箱解析进程): the only place an untrusted PDF is parsed.

Started by :mod:`hearing_pdf_import.sandbox` as ``python -m hearing_pdf_import._worker
MEMORY_BYTES``. It limits its own address space before importing pdfplumber, reads
jobs as frames on stdin and answers on the original stdout: one ``page`` frame per
page as soon as it is done (pages are opened one at a time and closed after, so a
500-page file needs the memory of one page), then ``done`` or ``error``. After a
failure that may have left it in a bad state it exits, and the caller starts a
fresh worker.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import sys
from collections.abc import Callable
from typing import Any

from hearing_pdf_import._protocol import encode_frame, read_frame
from hearing_pdf_import.failures import failure
from hearing_pdf_import.model import ErrorCode, ExtractedTable, PageResult, PageStatus
from hearing_pdf_import.options import ExtractOptions
from hearing_pdf_import.text import read_page_text

Send = Callable[[dict[str, Any]], None]


def _limit_resources(memory_bytes: int) -> None:
    # The parent never sets limits itself (preexec_fn is unsafe in a threaded
    # server), so the worker does it before it reads the first job. The parser's
    # modules are imported first: that is trusted work, and a limit too small for
    # them then shows up as the ``memory`` error of a job, not as a dead worker.
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _die_with_parent() -> None:
    """Ask Linux to kill this worker if the caller dies, so no parser outlives it."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return


def _cpu_backstop(seconds: float) -> None:
    """Let the kernel stop a runaway job even if the caller cannot (SIGXCPU)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(used + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def process_page(page: Any, options: ExtractOptions, ocr: bool, ocr_timeout: float) -> PageResult:
    """Text, tables and glyph statistics of one pdfplumber page, OCR when it has no text."""
    from hearing_pdf_import.tables import extract_tables

    page_text = read_page_text(page, options)
    status, lines, text = page_text.status, page_text.lines, page_text.text
    tables: tuple[ExtractedTable, ...] = ()
    if options.tables and status == PageStatus.OK:
        tables = extract_tables(page, page_text.chars, page_text.duplicate_chars, options)
    ocr_used, confidence = False, None
    if ocr and status != PageStatus.OK:
        from hearing_pdf_import.ocr import ocr_page

        try:
            recognised = ocr_page(
                page, options.ocr_language, options.ocr_resolution, ocr_timeout, options.char_boxes
            )
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - rendering (pdfium) or tesseract failed on this page
            recognised = None  # a page OCR could not read keeps its text-layer status
        if (
            recognised is not None
            and recognised.text.strip()
            and (recognised.confidence or 0.0) >= options.ocr_min_confidence
        ):
            status, lines, text = PageStatus.OK, recognised.lines, recognised.text
            ocr_used, confidence = True, recognised.confidence
    return PageResult(
        number=page.page_number,
        status=status,
        text=text,
        char_count=len(page_text.chars),
        width=float(page.width),
        height=float(page.height),
        lines=lines,
        tables=tables,
        duplicate_chars=page_text.duplicate_chars,
        unmapped_chars=page_text.unmapped_chars,
        fonts=page_text.fonts,
        image_count=len(page.objects.get("image", ())),
        ocr=ocr_used,
        ocr_confidence=confidence,
    )


def _error(code: ErrorCode, detail: str | None = None) -> dict[str, Any]:
    return {"type": "error", "error": failure(code, detail).to_dict()}


def extract(job: dict[str, Any], send: Send) -> dict[str, Any]:
    """Parse the job's file page by page, sending each page's result as it is done.

    Returns the closing frame: ``done`` or ``error``.
    """
    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    options = ExtractOptions.from_mapping(job["options"])
    max_pages = int(job["max_pages"])
    ocr = bool(job.get("ocr"))
    ocr_timeout = float(job.get("ocr_timeout", 60))
    with open(job["path"], "rb") as fh:
        # An external stream: PDF.close() would walk every page to close it, which
        # defeats the one-page-at-a-time loop below, so the file is closed here.
        pdf = pdfplumber.open(fh, password=options.password)
        count, doctop = 0, 0.0
        for page_obj in PDFPage.create_pages(pdf.doc):
            count += 1
            if count > max_pages:
                return _error(ErrorCode.TOO_LARGE, f"more than {max_pages} pages")
            page = Page(pdf, page_obj, page_number=count, initial_doctop=doctop)
            try:
                result = process_page(page, options, ocr, ocr_timeout)
            finally:
                page.close()
            doctop += float(page.height)
            send({"type": "page", "page": result.to_dict()})
            del page, result
        pdf.flush_cache()
    if count == 0:
        return _error(ErrorCode.NO_PAGES)
    return {"type": "done", "pages": count}


def run_job(job: dict[str, Any], send: Send) -> tuple[dict[str, Any], bool]:
    """Run one job, turning every failure into an ``error`` frame.

    Returns the closing frame and whether this worker may take another job: not
    after running out of memory, recursing too deep or an unexpected exception,
    whose aftermath is unknown.
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    _cpu_backstop(float(job.get("cpu_seconds", 600)))
    try:
        return extract(job, send), True
    except MemoryError:
        return _error(ErrorCode.MEMORY), False
    except RecursionError:
        return _error(ErrorCode.PARSE_ERROR, "objects nested too deeply"), False
    except Exception as exc:  # noqa: BLE001 - every parser failure must become a per-file error
        # pdfplumber wraps pdfminer's errors when it opens a file.
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            return _error(ErrorCode.ENCRYPTED, "the password is missing or wrong"), True
        if isinstance(cause, PDFEncryptionError):
            return _error(ErrorCode.ENCRYPTED, "unsupported encryption"), True
        if isinstance(cause, MemoryError):
            return _error(ErrorCode.MEMORY), False
        # Only the exception type: its message may quote file content.
        return _error(ErrorCode.PARSE_ERROR, type(cause).__name__), False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _die_with_parent()
    import pdfminer.pdfdocument  # noqa: F401 - see _limit_resources
    import pdfplumber  # noqa: F401

    import hearing_pdf_import.tables  # noqa: F401

    _limit_resources(int(args[0]))
    # Frames go to a private copy of stdout; fd 1 then points at stderr so a
    # library that prints cannot corrupt the frame stream.
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    stdin = sys.stdin.buffer

    def send(message: dict[str, Any]) -> None:
        channel.write(encode_frame(message))
        channel.flush()

    while True:
        job = read_frame(stdin)
        if job is None:
            return 0
        closing, healthy = run_job(job, send)
        closing["reusable"] = healthy
        send(closing)
        if not healthy:
            return 0


if __name__ == "__main__":
    sys.exit(main())
