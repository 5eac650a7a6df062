"""PDF output: exact Chinese text, embedded bundled font, 公文 layout, charts, async rendering.

Everything is checked in Python (pdfplumber, pypdf); no poppler tools are needed.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hearing_core.documents import FONT_FILE, DocumentRenderer, DocumentTemplateError, render_pdf_async
from hearing_core.documents.resources import LocalResourceFetcher

NOTICE = "hearing/notice.html"
REPO_ROOT = Path(__file__).resolve().parents[3]
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
# GB/T 9704-2012 type area: 28 mm from the left, 26 mm from the right, 16 pt body characters.
TYPE_LEFT, TYPE_RIGHT, EM = 28 * MM, A4[0] - 26 * MM, 16.0


def embedded_fonts(pdf: bytes) -> dict[str, int]:
    """Base font name → number of glyphs with outlines in the embedded font program (0 if not embedded)."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    fonts: dict[str, int] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2")
            if program is None:
                fonts[str(font["/BaseFont"])] = 0
                continue
            glyphs = TTFont(io.BytesIO(program.get_object().get_data()))["glyf"]
            fonts[str(font["/BaseFont"])] = sum(
                1 for name in glyphs.keys() if glyphs[name].numberOfContours != 0
            )
    return fonts


def find(pdf: bytes, text: str, page: int = 0) -> dict[str, float]:
    """The first place ``text`` appears on ``page`` (x0, x1, top, bottom in PDF points)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        matches = document.pages[page].search(text, regex=False)
    assert matches, f"{text!r} not on page {page + 1}"
    return {key: float(matches[0][key]) for key in ("x0", "x1", "top", "bottom")}


def test_notice_pdf_text_is_the_exact_chinese_source(
    notice_pdf: bytes, pdf_text: Callable[[bytes], str]
) -> None:
    assert notice_pdf.startswith(b"%PDF-")
    text = pdf_text(notice_pdf)
    for expected in (
        "临江县人民政府信访局",
        "听证通知书",
        "临信听通〔2025〕12号",
        "张建国：",
        "你于2025年1月15日提出的关于滨江路片区房屋征收补偿标准的信访事项，根据《信访工作条例》及本省信访事项听证有关规定，本机关决定举行听证。",
        "一、听证时间：2025年3月20日（星期四）上午9时30分。",
        "二、听证地点：临江县人民政府信访局三楼听证室（临江县人民路88号）。",
        "听证主持人王立新；听证员陈红梅、刘志强、赵晓燕；记录员孙丽。",
        "二〇二五年三月八日",
        "（联系人：周敏，联系电话：0571-86021234）",
        "— 1 —",
    ):
        assert expected in text


def test_notice_pdf_embeds_only_the_bundled_font_subset(notice_pdf: bytes) -> None:
    fonts = embedded_fonts(notice_pdf)
    assert fonts, "no fonts in the PDF"
    for name, drawn in fonts.items():
        # A six-letter subset tag, then the bundled family: no system fallback font was used.
        assert re.fullmatch(r"/[A-Z]{6}\+Hearing-WQY-Micro-Hei", name), name
        # Subset: only the few hundred characters used keep outlines (the font has ~30 000).
        assert 100 < drawn < 1_000, f"{name}: {drawn} glyphs embedded"
    assert len(notice_pdf) < 150_000  # the whole font file would be 5 MB


def test_notice_pdf_layout_follows_official_document_conventions(notice_pdf: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(notice_pdf)) as document:
        assert len(document.pages) == 2
        assert [round(document.pages[0].width), round(document.pages[0].height)] == [595, 842]
    title = find(notice_pdf, "听证通知书")
    assert abs((title["x0"] + title["x1"]) / 2 - (TYPE_LEFT + TYPE_RIGHT) / 2) < 2  # centred
    assert abs(find(notice_pdf, "临信听通〔2025〕12号")["x1"] - TYPE_RIGHT) < 2  # 文号 flush right
    assert abs(find(notice_pdf, "张建国：")["x0"] - TYPE_LEFT) < 1  # salutation not indented
    assert abs(find(notice_pdf, "你于2025年")["x0"] - (TYPE_LEFT + 2 * EM)) < 1  # first-line indent 2em
    date = find(notice_pdf, "二〇二五年三月八日", page=1)
    organ = find(notice_pdf, "临江县人民政府信访局", page=1)
    assert abs(date["x1"] - (TYPE_RIGHT - 4 * EM)) < 2  # 成文日期右空四字
    assert (
        abs((organ["x0"] + organ["x1"]) / 2 - (date["x0"] + date["x1"]) / 2) < 2
    )  # 署名 centred over the date
    assert organ["top"] < date["top"]
    first, second = find(notice_pdf, "— 1 —", page=0), find(notice_pdf, "— 2 —", page=1)
    assert first["top"] > A4[1] - 35 * MM and second["top"] > A4[1] - 35 * MM  # below the type area
    assert first["x1"] > TYPE_RIGHT - 30 and second["x0"] < TYPE_LEFT + 30  # odd right, even left


def test_pdf_without_personal_data_permission_is_redacted(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]], pdf_text: Callable[[bytes], str]
) -> None:
    text = pdf_text(renderer.pdf(NOTICE, make_notice()))
    assert "张*国：" in text
    assert "张建国" not in text


def test_chinese_renders_on_a_machine_without_any_system_font(
    tmp_path: Path, make_notice: Callable[..., dict[str, Any]]
) -> None:
    """A fontconfig that knows no fonts at all, as on a fresh server: only the bundled font exists."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    script = """
import io, json, sys, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import weasyprint.text.fonts
import pdfplumber
from hearing_core.documents import DocumentRenderer
context = json.loads(sys.stdin.read())
pdf = DocumentRenderer().pdf("hearing/notice.html", context, personal_data=True)
with pdfplumber.open(io.BytesIO(pdf)) as document:
    text = "".join((page.extract_text() or "").replace("\\n", "") for page in document.pages)
    fonts = sorted({char["fontname"] for page in document.pages for char in page.chars})
print(json.dumps({"warnings": [str(w.message) for w in caught], "text": text, "fonts": fonts}))
"""
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(make_notice(), default=str),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert "No fonts configured in FontConfig. Expect ugly output." in result["warnings"]  # truly no fonts
    assert all(name.endswith("+Hearing-WQY-Micro-Hei") for name in result["fonts"]), result["fonts"]
    for expected in ("听证通知书", "张建国：", "二〇二五年三月八日", "2025年3月20日（星期四）上午9时30分"):
        assert expected in result["text"]


def test_report_charts_are_drawn_as_vector_graphics(
    renderer: DocumentRenderer, report_context: dict[str, Any], pdf_pages_text: Callable[[bytes], list[str]]
) -> None:
    import pdfplumber

    pdf = renderer.pdf("reports/intake.html", report_context)
    pages = pdf_pages_text(pdf)
    assert "临江县2025年度信访工作统计报告" in pages[0]
    assert "其中网上信访1325件，占54.3%；按期办结率97.3%。" in pages[0].replace("\n", "")
    first_blue = (0.122, 0.306, 0.475)  # palette colour #1f4e79 of the first series (来信)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        first = document.pages[0]
        blue_rects = [
            r
            for r in first.rects
            if tuple(round(c, 3) for c in (r.get("non_stroking_color") or ())) == first_blue
        ]
        # Twelve monthly bars plus the legend swatch of 来信 in the grouped bar chart.
        assert len(blue_rects) == 13
        assert len(first.rects) >= 39
        chart_text = first.extract_text()
        for label in ("1月", "12月", "来信", "来访", "网上信访", "单位：件", "图1"):
            assert label in chart_text
        # The line chart: polylines and point markers become curves and lines.
        assert any(len(page.curves) + len(page.lines) >= 12 for page in document.pages)
    assert any("图2" in text for text in pages)
    assert "第 1 页 共" in pages[0]


def test_template_errors_surface_before_any_pdf_work(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]]
) -> None:
    context = make_notice()
    del context["issue_date"]
    context.pop("organ_name")
    context["officers"] = None
    with pytest.raises(DocumentTemplateError, match="hearing/notice.html"):
        renderer.pdf(NOTICE, context)


async def test_async_pdf_keeps_the_event_loop_responsive(
    renderer: DocumentRenderer, make_notice: Callable[..., dict[str, Any]], pdf_text: Callable[[bytes], str]
) -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    task = asyncio.create_task(ticker())
    try:
        names = ["张建国", "李秀英", "王德明"]
        pdfs = await asyncio.gather(
            *(
                render_pdf_async(renderer, NOTICE, make_notice(petitioner_name=n), personal_data=True)
                for n in names
            )
        )
    finally:
        task.cancel()
    assert ticks >= 3, "the event loop was blocked while the PDFs rendered"
    for name, pdf in zip(names, pdfs, strict=True):
        assert f"{name}：" in pdf_text(pdf)


def test_pdf_engine_may_only_load_local_template_and_font_files(tmp_path: Path) -> None:
    fetcher = LocalResourceFetcher([tmp_path])
    with pytest.raises(ValueError, match="must be local"):
        fetcher.fetch("http://192.0.2.1/logo.png")
    with pytest.raises(ValueError, match="template or font directory"):
        fetcher.fetch("file:///etc/passwd")
    (tmp_path / "seal.svg").write_text("<svg/>", encoding="utf-8")
    assert fetcher.fetch((tmp_path / "seal.svg").as_uri()).read() == b"<svg/>"
    assert LocalResourceFetcher([FONT_FILE.parent]).fetch(FONT_FILE.as_uri()).read(4) == b"ttcf"


def test_administrator_can_bring_a_licensed_font(
    tmp_path: Path, make_notice: Callable[..., dict[str, Any]], pdf_text: Callable[[bytes], str]
) -> None:
    """An override style sheet may declare a font file kept in the override directory."""
    import shutil

    font = tmp_path / "_fonts" / "bureau-song.ttc"
    font.parent.mkdir()
    shutil.copyfile(FONT_FILE, font)  # stands in for a licensed 仿宋 font
    (tmp_path / "_layout").mkdir()
    (tmp_path / "_layout" / "document.css").write_text(
        '{% include "core:_layout/document.css" %}\n'
        f'@font-face {{ font-family: "Bureau Song"; src: url("{font.as_uri()}"); }}\n'
        '.doc-body { font-family: "Bureau Song"; }\n',
        encoding="utf-8",
    )
    pdf = DocumentRenderer(override_dir=tmp_path).pdf(NOTICE, make_notice(), personal_data=True)
    names = {name.split("+", 1)[1] for name in embedded_fonts(pdf)}
    assert names == {"Bureau-Song", "Hearing-WQY-Micro-Hei"}  # body in the bureau's font, headings in ours
    assert "一、听证时间：2025年3月20日（星期四）上午9时30分。" in pdf_text(pdf)
