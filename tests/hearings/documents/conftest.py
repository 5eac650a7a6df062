"""Fixtures of the hearing-document tests: a complete case, the renderer and PDF text helpers.

The case is built through the domain (``hearing_doc_case``), so these tests need no database.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from hearing_doc_case import concluded_case

from hearing_core.documents import DocumentRenderer
from hearing_core.hearings.domain import HearingCase

PAGE_NUMBER = re.compile(r"— \d+ —")


def _pdf_text(pdf: bytes) -> str:
    """All text with line breaks and page numbers (``— 2 —``) removed, so strings wrapped across
    lines and pages still match exactly. Page numbers are checked with :func:`_page_numbers`."""
    return PAGE_NUMBER.sub("", "".join(_pages(pdf)))


def _pages(pdf: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(page.extract_text() or "").replace("\n", "") for page in document.pages]


def _page_numbers(pdf: bytes) -> list[str]:
    """The page-number footer found on each page (``— 1 —``), or '' where there is none."""
    return [(found.group(0) if (found := PAGE_NUMBER.search(text)) else "") for text in _pages(pdf)]


def _pdf_cells(pdf: bytes) -> list[str]:
    """The text of every table cell (line breaks removed): multi-line cells interleave in page text."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            (cell or "").replace("\n", "")
            for page in document.pages
            for table in page.extract_tables()
            for row in table
            for cell in row
        ]


@pytest.fixture(scope="session")
def renderer() -> DocumentRenderer:
    return DocumentRenderer()


@pytest.fixture(scope="session")
def heard() -> HearingCase:
    """The complete hearing (do not change it: it is shared by the whole session)."""
    return concluded_case()


@pytest.fixture(scope="session")
def pdf_text() -> Callable[[bytes], str]:
    return _pdf_text


@pytest.fixture(scope="session")
def pdf_cells() -> Callable[[bytes], list[str]]:
    return _pdf_cells


@pytest.fixture(scope="session")
def page_numbers() -> Callable[[bytes], list[str]]:
    return _page_numbers
