"""The demo instance, built once per test session with ``hearing demo`` exactly as a newcomer runs it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from demo_support import copy_demo, hearing, report_of


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the demo built in ``demo/`` (by the CLI; the build time is printed with -s)."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    began = time.perf_counter()
    result = hearing(data_dir, "demo")
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"\n`hearing demo` built the demo in {time.perf_counter() - began:.0f} s")
    assert (data_dir / "demo" / "demo.json").exists()
    return data_dir


@pytest.fixture(scope="session")
def demo_pristine(demo_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the data dir as the build left it, taken before any test opens it; never opened by
    an app (tests that change the demo, or check what the build alone wrote, start from it)."""
    return copy_demo(demo_data_dir, tmp_path_factory.mktemp("demo-pristine") / "data")


@pytest.fixture(scope="session")
def demo_report(demo_data_dir: Path) -> dict[str, Any]:
    """The annual report JSON of the demo year (2025)."""
    return asyncio.run(report_of(demo_data_dir))
