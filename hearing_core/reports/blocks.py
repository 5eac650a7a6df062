"""Plugin section Markdown → plain blocks (段落、列表、表格) for the HTML/PDF template.

Report sections return Chinese Markdown (``ReportSection.render_md``). Rather
than turning it into HTML strings that a template would have to mark safe, it is
parsed into plain data — paragraphs, headings, lists, tables — which the
template prints with autoescaping like any other data. Only the subset
summaries use is understood; anything else is kept as a paragraph of text.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["markdown_blocks"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+(?:[.)]\s+|、)(.*)$")
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(.+?)\1")
_CJK_END = re.compile(r"[\u2e80-\uffef]$")
_CJK_START = re.compile(r"^[\u2e80-\uffef]")


def _inline(text: str) -> str:
    """Drop emphasis markers: the report's single font weight cannot show them anyway."""
    return _EMPHASIS.sub(r"\2", text.strip())


def _join(lines: list[str]) -> str:
    # A line break inside a Chinese paragraph is not a space (docs/documents.md).
    out = ""
    for line in lines:
        piece = _inline(line)
        if out and not (_CJK_END.search(out) and _CJK_START.search(piece)):
            out += " "
        out += piece
    return out


def _cells(line: str) -> list[str]:
    return [_inline(c) for c in line.strip().strip("|").split("|")]


def markdown_blocks(markdown: str) -> list[dict[str, Any]]:
    """``[{"kind": "p", "text": …}, {"kind": "h", "level": 3, "text": …},
    {"kind": "ul"|"ol", "items": […]}, {"kind": "table", "header": […], "rows": [[…]]}]``."""
    blocks: list[dict[str, Any]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append({"kind": "p", "text": _join(paragraph)})
            paragraph.clear()

    lines = markdown.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append({"kind": "h", "level": len(heading.group(1)), "text": _inline(heading.group(2))})
            continue
        if line.startswith("|") and i < len(lines) and _RULE_ROW.match(lines[i].strip()):
            flush()
            header, rows = _cells(line), []
            i += 1
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            blocks.append({"kind": "table", "header": header, "rows": rows})
            continue
        for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED)):
            match = pattern.match(line)
            if match:
                flush()
                if not blocks or blocks[-1]["kind"] != kind:
                    blocks.append({"kind": kind, "items": []})
                blocks[-1]["items"].append(_inline(match.group(1)))
                break
        else:
            paragraph.append(line)
    flush()
    return blocks
