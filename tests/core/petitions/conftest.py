"""Fixtures of the petition-register domain tests (pure: no database)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from hearing_core.petitions.domain import CategoryCatalog, default_catalog


def gb11643_check(first17: str) -> str:
    """Check character computed from the standard's definition (weights 2^(17-i) mod 11),
    independently of the module's weight table, so the two are checked against each other."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


def build_id(region: str = "440106", born: date = date(1990, 1, 1), seq: int = 123) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + gb11643_check(first17)


@pytest.fixture
def make_id() -> Callable[..., str]:
    """Factory of valid 18-character ID numbers: ``make_id(region, born, seq)``."""
    return build_id


@pytest.fixture
def catalog() -> CategoryCatalog:
    return default_catalog()


@pytest.fixture
def today() -> date:
    return date(2024, 1, 15)
