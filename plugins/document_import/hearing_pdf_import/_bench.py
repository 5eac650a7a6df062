"""Speed of document import against plain pdfplumber (导入速度基准).

``run()`` builds a Chinese document (default 50 dense pages, embedded TTF subset
as Word/WPS writes it), then measures pages per second of:

- ``pdfplumber``: ``page.extract_text()`` for every page in this process — the
  baseline, with no sandbox, no faux-bold removal and no tables;
- ``single``: :func:`extract_document` on the same file (fresh worker included);
- ``batch``: :func:`extract_documents` on ``batch`` copies with ``workers`` workers.

Targets: ``single_ratio`` ≥ 0.8, ``batch_ratio`` ≥ 1.5 for 8 files on 2 cores.
Run ``python -m hearing_pdf_import._bench [pages] [batch] [workers] [repeat]``; needs fpdf2
(a test dependency) and a CJK font (fonts-wqy-microhei, or the one bundled with
hearing_core.documents).
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from hearing_pdf_import.options import ExtractOptions, ImportLimits
from hearing_pdf_import.sandbox import extract_document, extract_documents

__all__ = ["BenchResult", "make_document", "run"]

_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
_COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "信访事项受理办理答复复查复核听证调解征地拆迁补偿劳动社保城乡建设村委会镇政府县局依法督促处理权益诉求"
)
_PUNCT = "，。：；！？（）《》、"


def _font() -> Path:
    candidates = list(_FONTS)
    try:
        import hearing_core

        candidates.append(Path(hearing_core.__file__).parent / "documents" / "fonts" / "wqy-microhei.ttc")
    except ImportError:
        pass
    for path in candidates:
        if path.is_file():
            return path
    raise RuntimeError("no CJK font found: apt-get install -y fonts-wqy-microhei")


def make_document(path: Path, pages: int = 50, seed: int = 1) -> Path:
    """A ``pages``-page petition-like document, ~1300 CJK glyphs per page (deterministic)."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF(format="A4")
    pdf.add_font("cjk", "", str(_font()))
    pdf.set_font("cjk", size=11)
    for _ in range(pages):
        pdf.add_page()
        for _ in range(6):
            chars = [
                rng.choice(_COMMON) + (rng.choice(_PUNCT) if rng.random() < 0.08 else "") for _ in range(200)
            ]
            pdf.multi_cell(180, 7, "".join(chars), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@dataclass(frozen=True)
class _Timing:
    wall: float
    cpu: float  # this process plus reaped worker processes (and their tesseract, if any)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], object]) -> _Timing:
    cpu, wall = _cpu(), time.perf_counter()
    action()
    return _Timing(time.perf_counter() - wall, _cpu() - cpu)


def _pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def _best(action: Callable[[], object], repeat: int) -> _Timing:
    timings = [_timed(action) for _ in range(repeat)]
    return _Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


@dataclass(frozen=True)
class BenchResult:
    """Pages per second of each way of reading, and the ratios against pdfplumber.

    ``*_pages_per_s`` and ``*_ratio`` use wall time (best of ``repeat``): what a
    user waits for, but disturbed by anything else running on the machine.
    ``*_cpu_pages_per_s`` use CPU time, which other load barely changes; on an
    idle machine the batch's wall-clock rate approaches ``workers`` times its CPU rate.
    """

    pages: int
    batch_files: int
    workers: int
    repeat: int
    pdfplumber_pages_per_s: float
    single_pages_per_s: float
    batch_pages_per_s: float
    single_ratio: float
    batch_ratio: float
    pdfplumber_cpu_pages_per_s: float
    single_cpu_pages_per_s: float
    batch_cpu_pages_per_s: float


def run(
    pages: int = 50, batch: int = 8, workers: int = 2, directory: Path | None = None, repeat: int = 1
) -> BenchResult:
    """Measure, best of ``repeat``; ``directory`` keeps the generated files (else a temporary one)."""
    options = ExtractOptions(ocr=False)
    with tempfile.TemporaryDirectory() as tmp:
        folder = directory or Path(tmp)
        doc = make_document(folder / f"bench-{pages}.pdf", pages)
        copies = []
        for i in range(batch):
            copy = folder / f"bench-{pages}-{i}.pdf"
            copy.write_bytes(doc.read_bytes())
            copies.append(copy)

        def single() -> None:
            result = extract_document(doc, options=options)
            if result.error is not None or result.page_count != pages:
                raise RuntimeError(f"benchmark document did not extract: {result.error}")

        def many() -> None:
            results = extract_documents(copies, limits=ImportLimits(workers=workers), options=options)
            if any(r.error is not None for r in results):
                raise RuntimeError("a benchmark batch file did not extract")

        base = _best(lambda: _pdfplumber(doc), repeat)
        one = _best(single, repeat)
        all_files = _best(many, repeat)
    total = pages * batch
    return BenchResult(
        pages=pages,
        batch_files=batch,
        workers=workers,
        repeat=repeat,
        pdfplumber_pages_per_s=round(pages / base.wall, 2),
        single_pages_per_s=round(pages / one.wall, 2),
        batch_pages_per_s=round(total / all_files.wall, 2),
        single_ratio=round(base.wall / one.wall, 3),
        batch_ratio=round(base.wall * batch / all_files.wall, 3),
        pdfplumber_cpu_pages_per_s=round(pages / base.cpu, 2),
        single_cpu_pages_per_s=round(pages / one.cpu, 2),
        batch_cpu_pages_per_s=round(total / all_files.cpu, 2),
    )


def main(argv: list[str] | None = None) -> int:
    args = [int(a) for a in (sys.argv[1:] if argv is None else argv)]
    defaults = [50, 8, 2, 3]
    pages, batch, workers, repeat = args + defaults[len(args) :]
    result = run(pages, batch, workers, repeat=repeat)
    print(json.dumps(asdict(result), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
