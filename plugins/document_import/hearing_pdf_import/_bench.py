"""Speed of document import against plain pdfplumber (导入速度基准).

``run()`` builds a Chinese document (default 50 dense pages, embedded TTF subset
as Word/WPS writes it), then measures pages per second of:

- ``pdfplumber``: ``page.extract_text()`` for every page in this process — the
  baseline, with no sandbox, no faux-bold removal and no tables;
- ``single``: :func:`extract_document` on the same file (fresh worker included);
- ``batch``: :func:`extract_documents` on ``batch`` copies with ``workers`` workers.

Targets: ``single_ratio`` ≥ 0.8, ``batch_ratio`` ≥ 1.5 for 8 files on 2 cores.
Run ``python -m hearing_pdf_import._bench [pages] [batch] [workers]``; needs fpdf2
(a test dependency) and a CJK font (fonts-wqy-microhei, or the one bundled with
hearing_core.documents).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
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


def _pdfplumber_seconds(path: Path) -> float:
    import pdfplumber

    started = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
    return time.perf_counter() - started


@dataclass(frozen=True)
class BenchResult:
    """Pages per second of each way of reading, and the ratios against pdfplumber."""

    pages: int
    batch_files: int
    workers: int
    pdfplumber_pages_per_s: float
    single_pages_per_s: float
    batch_pages_per_s: float
    single_ratio: float
    batch_ratio: float


def run(pages: int = 50, batch: int = 8, workers: int = 2, directory: Path | None = None) -> BenchResult:
    """Measure once; ``directory`` keeps the generated files (a temporary one otherwise)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = directory or Path(tmp)
        doc = make_document(folder / f"bench-{pages}.pdf", pages)
        options = ExtractOptions(ocr=False)
        baseline = _pdfplumber_seconds(doc)
        started = time.perf_counter()
        single = extract_document(doc, options=options)
        single_s = time.perf_counter() - started
        if single.error is not None or single.page_count != pages:
            raise RuntimeError(f"benchmark document did not extract: {single.error}")
        copies = []
        for i in range(batch):
            copy = folder / f"bench-{pages}-{i}.pdf"
            copy.write_bytes(doc.read_bytes())
            copies.append(copy)
        started = time.perf_counter()
        results = extract_documents(copies, limits=ImportLimits(workers=workers), options=options)
        batch_s = time.perf_counter() - started
        if any(r.error is not None for r in results):
            raise RuntimeError("a benchmark batch file did not extract")
    base_rate = pages / baseline
    single_rate = pages / single_s
    batch_rate = pages * batch / batch_s
    return BenchResult(
        pages=pages,
        batch_files=batch,
        workers=workers,
        pdfplumber_pages_per_s=round(base_rate, 2),
        single_pages_per_s=round(single_rate, 2),
        batch_pages_per_s=round(batch_rate, 2),
        single_ratio=round(single_rate / base_rate, 3),
        batch_ratio=round(batch_rate / base_rate, 3),
    )


def main(argv: list[str] | None = None) -> int:
    args = [int(a) for a in (sys.argv[1:] if argv is None else argv)]
    defaults = [50, 8, 2]
    pages, batch, workers = args + defaults[len(args) :]
    result = run(pages, batch, workers)
    print(json.dumps(asdict(result), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
