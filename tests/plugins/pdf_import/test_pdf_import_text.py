"""Golden tests of Chinese text extraction (中文文字提取): generated PDFs round-trip."""

from __future__ import annotations

import re
from pathlib import Path

import pdf_factory
import pytest
from hearing_pdf_import import DocumentStatus, ExtractionPool, ExtractOptions, PageStatus
from hearing_pdf_import.text import clean_cell_text, dedupe_chars, is_cjk

FULL_WIDTH = "，。：；！？（）《》、“”"


def squash(text: str) -> str:
    """Text up to whitespace: the golden comparison ignores line breaks and spaces."""
    return re.sub(r"\s+", "", text)


def accepted_text(result) -> str:
    return "".join(p.text for p in result.pages if p.status == PageStatus.OK)


@pytest.mark.parametrize("builder", ["letter", "cid_letter"])
def test_letter_round_trips_up_to_whitespace(
    builder: str, request: pytest.FixtureRequest, pool: ExtractionPool
) -> None:
    result = pool.extract(request.getfixturevalue(builder))
    assert result.status == DocumentStatus.OK
    assert result.error is None
    assert squash(result.text) == squash("".join(pdf_factory.LETTER))
    assert "(cid:" not in result.text


def test_full_width_punctuation_is_kept_as_drawn(letter: Path, pool: ExtractionPool) -> None:
    text = pool.extract(letter).text
    for mark in FULL_WIDTH:
        assert mark in text, mark
    # No NFKC folding: the ASCII look-alikes of the marks must not appear.
    assert not set(",:;!?()") & set(text.replace("2.3", ""))


def test_no_space_between_cjk_characters(letter: Path, cid_letter: Path, pool: ExtractionPool) -> None:
    for path in (letter, cid_letter):
        for page in pool.extract(path).pages:
            for line in page.lines:
                assert not re.search(
                    r"[\u4e00-\u9fff，。：；（）《》] +[\u4e00-\u9fff，。：；（）《》]", line.text
                ), line.text


def test_reading_order_follows_the_page(letter: Path, pool: ExtractionPool) -> None:
    page = pool.extract(letter).pages[0]
    tops = [line.bbox[1] for line in page.lines]
    assert tops == sorted(tops)
    assert page.lines[0].text == "县信访局："
    assert page.char_count == len("".join(pdf_factory.LETTER))  # the full-width space is a glyph too
    assert page.fonts and all("WenQuanYi" in f for f in page.fonts)


@pytest.mark.parametrize("mode", ["double", "stroke"])
def test_faux_bold_is_read_once(mode: str, pdf_dir: Path, pool: ExtractionPool) -> None:
    lines = ["信访事项受理告知书", "关于征地补偿的答复（第一号）"]
    path = pdf_factory.faux_bold_pdf(pdf_dir / f"bold-{mode}.pdf", lines, mode=mode)
    page = pool.extract(path).pages[0]
    assert page.status == PageStatus.OK
    assert [line.text for line in page.lines] == lines
    expected_duplicates = len("".join(lines)) if mode == "double" else 0
    assert page.duplicate_chars == expected_duplicates
    assert page.char_count == len("".join(lines))


def test_unmapped_glyphs_are_never_accepted_as_text(pdf_dir: Path, pool: ExtractionPool) -> None:
    path = pdf_factory.unmapped_glyphs_pdf(pdf_dir / "unmapped.pdf")
    result = pool.extract(path)
    page = result.pages[0]
    assert page.status == PageStatus.UNMAPPED_GLYPHS
    assert page.text == "" and page.lines == ()
    assert page.unmapped_chars == page.char_count > 100
    assert result.status == DocumentStatus.NO_TEXT
    assert any("Unicode mapping" in note for note in result.notes)


def test_a_few_unmapped_glyphs_become_replacement_characters(pdf_dir: Path, pool: ExtractionPool) -> None:
    text = "".join(pdf_factory.LETTER[:3])
    path = pdf_factory.mixed_unmapped_pdf(pdf_dir / "mixed.pdf", text, "附件")
    result = pool.extract(path)
    page = result.pages[0]
    assert page.status == PageStatus.OK
    assert page.unmapped_chars == 2
    assert squash(page.text) == squash(text) + "\ufffd\ufffd"
    assert "(cid:" not in page.text and all("(cid:" not in ln.text for ln in page.lines)


def test_page_without_glyphs_is_no_text_layer(scanned: Path, pool: ExtractionPool) -> None:
    result = pool.extract(scanned)
    page = result.pages[0]
    assert page.status == PageStatus.NO_TEXT_LAYER
    assert page.text == "" and page.char_count == 0 and page.image_count == 1
    assert result.status == DocumentStatus.NO_TEXT
    assert result.ocr_available is None  # OCR was not requested by this pool


def test_many_pages_are_numbered_and_complete(pdf_dir: Path, pool: ExtractionPool) -> None:
    path = pdf_factory.letter_pdf(pdf_dir / "letter-x30.pdf", copies=30)
    result = pool.extract(path)
    assert [p.number for p in result.pages] == list(range(1, 31))
    assert all(squash(p.text) == squash("".join(pdf_factory.LETTER)) for p in result.pages)
    assert result.text.count("\f") == 29


def test_char_boxes_align_with_text(letter: Path, pool: ExtractionPool) -> None:
    page = pool.extract(letter, ExtractOptions(ocr=False, char_boxes=True)).pages[0]
    for line in page.lines:
        assert line.char_boxes is not None and len(line.char_boxes) == len(line.text)
        x0s = [b[0] for b in line.char_boxes]
        assert x0s == sorted(x0s)
        assert line.bbox[0] <= x0s[0] and line.char_boxes[-1][2] <= line.bbox[2] + 0.01


def test_dedupe_chars_keeps_first_of_each_cluster_in_content_order() -> None:
    def ch(text: str, x: float, top: float) -> dict:
        return {"text": text, "x0": x, "doctop": top, "upright": True, "fontname": "F", "size": 12.0}

    chars = [ch("信", 10, 10), ch("访", 22, 10), ch("信", 10.4, 10.3), ch("访", 22.2, 10), ch("信", 40, 10)]
    kept, removed = dedupe_chars(chars, tolerance=1.0)
    assert [(c["text"], c["x0"]) for c in kept] == [("信", 10), ("访", 22), ("信", 40)]
    assert removed == 2
    # A different size is a different glyph, however close.
    other = {**chars[0], "size": 14.0}
    assert dedupe_chars([chars[0], other])[1] == 0
    assert dedupe_chars(chars, tolerance=0)[1] == 0


def test_is_cjk_and_cell_cleaning() -> None:
    assert all(is_cjk(c) for c in "信访，。《》（）：　") and not any(is_cjk(c) for c in "a1,( ")
    assert clean_cell_text("反映\n问题") == "反映问题"
    assert clean_cell_text("姓　　名") == "姓名"
    assert clean_cell_text("Room 301\nBuilding 2") == "Room 301 Building 2"
    assert clean_cell_text("编号 (cid:12)") == "编号\ufffd"
    assert clean_cell_text(None) == ""
