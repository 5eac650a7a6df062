"""Generated PDFs for the document-import tests (测试用PDF): nothing is fetched.

Real-world petition PDFs come from Word/WPS (embedded TrueType subsets), from
older systems using the non-embedded Adobe CID font STSong-Light, from scanners
(images only), and occasionally from attackers. Each builder writes one such file.
The CJK font is Debian's ``fonts-wqy-microhei`` (``/usr/share/fonts/truetype/wqy/
wqy-microhei.ttc``), the package CI installs.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

FONT_PACKAGES = "fonts-wqy-microhei (or fonts-noto-cjk)"
_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)

#: A petition letter (信访信件) with full-width punctuation, one paragraph per item.
LETTER: tuple[str, ...] = (
    "县信访局：",
    "我叫王某某，住某某县城关镇幸福村三组。2024年8月，村委会在未与我协商的情况下，"
    "将我家承包的2.3亩耕地划入工业园区征地范围（见附件《征地公告》），至今未发放补偿款。",
    "我多次到镇政府反映，工作人员答复：“等上级拨款。”请问：征地补偿标准是多少？何时发放？",
    "恳请贵局依照《信访工作条例》督促有关部门依法处理、维护农民的合法权益！",
    "此致；敬礼。",
    "信访人：王某某　2025年3月8日",
)

#: Lines of the "scanned" page that OCR must read back.
SCANNED_LINES = ("信访事项受理告知书", "关于征地补偿问题的来信，我局已依法受理。", "联系电话：13800138000")

TABLE_ROWS: tuple[tuple[str, ...], ...] = (
    ("序号", "姓名", "事项类别", "办理状态"),
    ("1", "张三", "征地拆迁", "已受理"),
    ("2", "李四", "劳动社保", "办理中"),
    ("3", "王五", "城乡建设", "已办结"),
)


def cjk_font() -> Path:
    """The CJK TrueType collection under /usr/share/fonts; a clear error if none is installed."""
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    found = sorted(Path("/usr/share/fonts").glob("**/*[Ww][Qq][Yy]*.tt[cf]"))
    if found:
        return found[0]
    raise RuntimeError(f"no CJK font under /usr/share/fonts: apt-get install -y {FONT_PACKAGES}")


def _fpdf(font: Path | None = None, size: float = 12):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", "", str(font or cjk_font()))
    pdf.set_font("cjk", size=size)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def letter_pdf(path: Path, paragraphs: Sequence[str] = LETTER, copies: int = 1) -> Path:
    """fpdf2, embedded TTF subset (as Word/WPS export): the letter, ``copies`` times."""
    pdf = _fpdf()
    for _ in range(copies):
        pdf.add_page()
        for para in paragraphs:
            pdf.multi_cell(0, 8, para, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def cid_font_pdf(path: Path, paragraphs: Sequence[str] = LETTER, width_chars: int = 30) -> Path:
    """reportlab with the built-in, non-embedded CID font STSong-Light (UniGB-UCS2-H)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    y = 780.0
    for para in paragraphs:
        for start in range(0, len(para), width_chars):
            c.drawString(60, y, para[start : start + width_chars])
            y -= 18
    c.save()
    return path


def faux_bold_pdf(path: Path, lines: Sequence[str], mode: str = "double") -> Path:
    """Faux bold (伪粗体): each line drawn twice 0.3 pt apart, or in fill+stroke mode."""
    from fpdf.enums import TextMode

    pdf = _fpdf(size=14)
    pdf.add_page()
    y = 30.0
    for line in lines:
        if mode == "double":
            pdf.text(20, y, line)
            pdf.text(20.1, y, line)  # 0.1 mm ≈ 0.28 pt, what WPS's 伪粗体 does
        else:
            pdf.text_mode = TextMode.FILL_STROKE
            pdf.text(20, y, line)
            pdf.text_mode = TextMode.FILL
        y += 10
    pdf.output(str(path))
    return path


def table_pdf(path: Path, rows: Sequence[Sequence[str]] = TABLE_ROWS) -> Path:
    """A ruled table (lines strategy) under a title."""
    from fpdf.fonts import FontFace

    pdf = _fpdf()
    pdf.add_page()
    pdf.cell(0, 10, "信访事项办理情况表", new_x="LMARGIN", new_y="NEXT", align="C")
    with pdf.table(text_align="CENTER", headings_style=FontFace(emphasis="")) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.output(str(path))
    return path


def borderless_table_pdf(path: Path, rows: Sequence[Sequence[str]] = TABLE_ROWS) -> Path:
    """Columns of text without rules (text strategy)."""
    pdf = _fpdf()
    pdf.add_page()
    y = 30.0
    for row in rows:
        for i, value in enumerate(row):
            pdf.text(20 + 45 * i, y, value)
        y += 9
    pdf.output(str(path))
    return path


def valid_id_number(prefix17: str = "44030519800101123") -> str:
    """An ID number with a correct GB 11643-1999 check digit, computed here independently."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(prefix17, weights, strict=True))
    return prefix17 + "10X98765432"[total % 11]


def default_form_values() -> dict[str, str]:
    return {
        "姓名": "王某某",
        "性别": "男",
        "身份证号": valid_id_number(),
        "联系电话": "138 0013 8000",
        "人数": "3",
        "住址": "某某县城关镇幸福村三组",
        "来访日期": "2025年3月8日",
        "信访形式": "来访",
        "事项类别": "征地拆迁",
        "反映问题": "村委会未经协商将其承包耕地划入工业园区征地范围，至今未发放补偿款。",
        "诉求": "要求依法发放征地补偿款。",
    }


def registration_form_pdf(path: Path, values: Mapping[str, str] | None = None) -> Path:
    """A 信访登记表: a ruled table of label/value cells, wide values spanning three columns.

    A label whose value is ``None``-like (missing from ``values``) is printed with an
    empty value cell, as a clerk who skipped it would leave it.
    """
    v = dict(default_form_values() if values is None else values)
    pdf = _fpdf(size=11)
    pdf.add_page()
    pdf.set_font("cjk", size=18)
    pdf.cell(0, 12, "信 访 登 记 表", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("cjk", size=11)
    pairs = [("姓名", "性别"), ("身份证号", "联系电话"), ("来访日期", "信访形式"), ("人数", "事项类别")]
    wide = ["住址", "反映问题", "诉求"]
    with pdf.table(col_widths=(25, 45, 25, 45), first_row_as_headings=False) as table:
        for left, right in pairs:
            row = table.row()
            for label in (left, right):
                row.cell(label)
                row.cell(v.get(label, ""))
        for label in wide:
            row = table.row()
            row.cell(label)
            row.cell(v.get(label, ""), colspan=3)
    pdf.output(str(path))
    return path


def text_form_pdf(path: Path, values: Mapping[str, str] | None = None) -> Path:
    """The same form without a table: ``label：value`` lines, two pairs on some lines."""
    v = dict(default_form_values() if values is None else values)
    pdf = _fpdf(size=12)
    pdf.add_page()
    lines = [
        f"姓　　名：{v['姓名']}      性别：{v['性别']}",
        f"身份证号：{v['身份证号']}",
        f"联系电话：{v['联系电话']}      人数：{v['人数']}",
        f"住　　址：{v['住址']}",
        f"来访日期：{v['来访日期']}      信访形式：{v['信访形式']}",
        f"反映问题：{v['反映问题']}",
    ]
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path, lines: Sequence[str], dpi: int = 200) -> Path:
    """A 'scanned' page: the text rendered into an image, no text layer (扫描件)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    width, height = int(8.27 * dpi), int(11.69 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(cjk_font()), int(dpi * 14 / 72))
    y = dpi
    for line in lines:
        draw.text((dpi, y), line, font=font, fill=0)
        y += int(dpi * 28 / 72)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def unmapped_glyphs_pdf(path: Path, paragraphs: Sequence[str] = LETTER) -> Path:
    """An embedded-subset letter whose ToUnicode map and font file are cut out.

    That is what a broken PDF generator produces: glyph ids with no way back to
    Unicode, which pdfminer reports as ``(cid:N)``. Blanks of equal length keep
    the cross-reference offsets valid.
    """
    import re

    pdf = _fpdf()
    pdf.set_compression(False)
    pdf.add_page()
    for para in paragraphs:
        pdf.multi_cell(0, 8, para, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    data = re.sub(rb"/(ToUnicode|FontFile2)\s+\d+\s+\d+\s+R", lambda m: b" " * len(m.group(0)), data)
    path.write_bytes(data)
    return path


def mixed_unmapped_pdf(path: Path, text: str, stray: str) -> Path:
    """``text`` in a mapped font, then ``stray`` in a second font whose Unicode map is cut out.

    The second font is registered last, so its objects come last in the file.
    """
    import re

    pdf = _fpdf()
    pdf.add_font("raw", "", str(cjk_font()))
    pdf.set_compression(False)
    pdf.add_page()
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("raw", size=12)
    pdf.cell(0, 8, stray)
    data = bytes(pdf.output())
    for key in (rb"/ToUnicode", rb"/FontFile2"):
        last = list(re.finditer(key + rb"\s+\d+\s+\d+\s+R", data))[-1]
        data = data[: last.start()] + b" " * (last.end() - last.start()) + data[last.end() :]
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- hostile files


def build_pdf(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object i+1 is ``objects[i]``) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _page(contents: int | None = None, parent: int = 2, extra: bytes = b"") -> bytes:
    body = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842]" % parent
    if contents is not None:
        body += b" /Contents %d 0 R" % contents
    return body + extra + b" >>"


def decompression_bomb_pdf(path: Path, inflated_gib: int = 2) -> Path:
    """A page whose FlateDecode content stream inflates to ``inflated_gib`` GiB.

    Built in a second: one full-flushed deflate block of 1 MiB of zeros is
    byte-aligned and independent of what precedes it, so it can be repeated;
    the zlib trailer gets the Adler-32 of the whole inflated stream.
    """
    chunk = bytes(1 << 20)
    comp = zlib.compressobj(9)
    header_and_block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    final = comp.flush(zlib.Z_FINISH)[:-4]  # empty last block, without its Adler-32
    count = inflated_gib * 1024
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(chunk, adler)
    stream = header_and_block + block * (count - 1) + final + struct.pack(">I", adler)
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(4),
        content,
    ]
    path.write_bytes(build_pdf(objects))
    return path


def recursive_page_tree_pdf(path: Path, with_page: bool = False) -> Path:
    """A Pages node whose Kids contains itself (optionally also one real page)."""
    kids = b"[2 0 R 3 0 R]" if with_page else b"[2 0 R]"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids %s /Count 1 >>" % kids]
    if with_page:
        text = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
        objects += [
            _page(4, extra=b" /Resources << /Font << /F1 5 0 R >> >>"),
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    path.write_bytes(build_pdf(objects))
    return path


def deep_page_tree_pdf(path: Path, depth: int = 5000) -> Path:
    """Pages nodes nested ``depth`` deep above a single page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        parent = b"" if level == 0 else b" /Parent %d 0 R" % (number - 1)
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (number + 1, parent))
    objects.append(_page(parent=depth + 1))
    path.write_bytes(build_pdf(objects))
    return path


def circular_xobject_pdf(path: Path) -> Path:
    """A page drawing a form XObject that draws itself."""
    draw = b"/X1 Do"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(4, extra=b" /Resources << /XObject << /X1 5 0 R >> >>"),
        b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 5 0 R >> >>"
        b" /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream",
    ]
    path.write_bytes(build_pdf(objects))
    return path


def damaged_stream_pdf(path: Path, kind: str) -> Path:
    """A page whose content stream is cut short (``cut``), lies about its /Length
    (``length``) or is not zlib data at all (``garbage``)."""
    text = b"BT /F1 24 Tf 72 720 Td (Hello world) Tj ET"
    packed = zlib.compress(text)
    streams = {
        "cut": b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % (len(packed) // 2)
        + packed[: len(packed) // 2],
        "length": b"<< /Length 5000 >>\nstream\n" + text,
        "garbage": b"<< /Length 19 /Filter /FlateDecode >>\nstream\n" + b"\x00garbage-not-zlib!!",
    }
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(4, extra=b" /Resources << /Font << /F1 5 0 R >> >>"),
        streams[kind] + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(build_pdf(objects))
    return path


def zero_pages_pdf(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    path.write_bytes(build_pdf(objects))
    return path


def encrypted_pdf(
    source: Path, path: Path, user_password: str = "secret", owner_password: str = "owner"
) -> Path:
    """``source`` encrypted with pypdf (AES-128); an empty user password means permissions only."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def truncated_pdf(source: Path, path: Path, keep: float = 0.6) -> Path:
    """The first ``keep`` share of ``source``, as an interrupted upload leaves it."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def oversize_pdf(path: Path, size: int) -> Path:
    """A sparse file of ``size`` bytes starting with a PDF header (costs no disk)."""
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(size)
    return path


def not_pdf_files(directory: Path) -> list[Path]:
    """Non-PDF bytes named .pdf: a PNG, a web page, a Word (zip) file and an empty file."""
    from PIL import Image

    png = directory / "photo.pdf"
    Image.new("RGB", (20, 20), "white").save(png, format="PNG")
    html = directory / "page.pdf"
    html.write_text("<!DOCTYPE html><html><body>信访</body></html>", encoding="utf-8")
    docx = directory / "letter.pdf"
    docx.write_bytes(b"PK\x03\x04" + bytes(200))
    empty = directory / "empty.pdf"
    empty.write_bytes(b"")
    return [png, html, docx, empty]
