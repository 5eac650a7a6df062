"""Fixtures of the document-import tests: generated PDFs and a shared worker pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdf_factory
import pytest
from hearing_pdf_import import ExtractionPool, ExtractOptions, ImportLimits


@pytest.fixture(scope="session")
def cjk_font() -> Path:
    try:
        return pdf_factory.cjk_font()
    except RuntimeError as exc:  # a missing system package must fail loudly, not skip
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory, cjk_font: Path) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="session")
def pool() -> Iterator[ExtractionPool]:
    """A pool shared by the tests; OCR off unless a test asks for it (it is slow)."""
    with ExtractionPool(ImportLimits(workers=2), ExtractOptions(ocr=False)) as shared:
        yield shared


@pytest.fixture(scope="session")
def letter(pdf_dir: Path) -> Path:
    return pdf_factory.letter_pdf(pdf_dir / "letter.pdf")


@pytest.fixture(scope="session")
def cid_letter(pdf_dir: Path) -> Path:
    return pdf_factory.cid_font_pdf(pdf_dir / "cid-letter.pdf")


@pytest.fixture(scope="session")
def form(pdf_dir: Path) -> Path:
    return pdf_factory.registration_form_pdf(pdf_dir / "form.pdf")


@pytest.fixture(scope="session")
def scanned(pdf_dir: Path) -> Path:
    return pdf_factory.scanned_pdf(pdf_dir / "scanned.pdf", pdf_factory.SCANNED_LINES)


@pytest.fixture(scope="session")
def bomb(pdf_dir: Path) -> Path:
    return pdf_factory.decompression_bomb_pdf(pdf_dir / "bomb.pdf", inflated_gib=2)


# ---------------------------------------------------------------- the plugin against a database


@pytest.fixture
async def hearing_app(make_app: Any) -> Any:
    """The app of the ``client``/``auth_headers`` fixtures: core plus ``pdf_import``, small limits, OCR off."""
    from import_support import NOW, PDF_SETTINGS

    app = await make_app(plugins=("pdf_import",), extra=PDF_SETTINGS)
    app.clock = lambda: NOW
    return app


@pytest.fixture
async def ctx_for(hearing_app: Any) -> Any:
    """Factory: ``await ctx_for("clerk")`` → a ServiceContext of a new user with those roles."""
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import actor_by_username, create_user

    made: dict[tuple[str, ...], Any] = {}

    async def factory(*roles: str) -> Any:
        if roles not in made:
            name = "-".join(roles) or "nobody"
            await create_user(ServiceContext(hearing_app, SYSTEM), name, "user-password-1", list(roles), name)
            made[roles] = ServiceContext(hearing_app, await actor_by_username(hearing_app, name))
        return made[roles]

    return factory


@pytest.fixture(scope="session")
def batch_dir(tmp_path_factory: pytest.TempPathFactory, cjk_font: Path) -> Path:
    """The mixed batch of good, broken and hostile files (``import_support.EXPECTED``)."""
    from import_support import mixed_batch

    return mixed_batch(tmp_path_factory.mktemp("batch"))
