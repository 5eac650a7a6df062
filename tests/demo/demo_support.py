"""Helpers of the demo tests: running ``hearing`` as a user would, and opening a built demo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

#: The venv's ``hearing`` (the console script next to this interpreter).
HEARING = str(Path(sys.executable).with_name("hearing"))


def clean_env(data_dir: Path) -> dict[str, str]:
    """The environment of a newcomer's shell: the venv on PATH, no HEARING_* but the data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARING_")}
    env["PATH"] = f"{Path(HEARING).parent}{os.pathsep}{env.get('PATH', '')}"
    env["HEARING_DATA_DIR"] = str(data_dir)
    return env


def hearing(data_dir: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run the ``hearing`` command against ``data_dir`` (text output)."""
    return subprocess.run([HEARING, *args], env=clean_env(data_dir), capture_output=True, text=True, timeout=timeout,
                          check=False)


def copy_demo(source: Path, target: Path) -> Path:
    """A copy of a built demo's data dir (the SQLite file is closed when ``hearing demo`` exits)."""
    shutil.copytree(source, target)
    return target


@asynccontextmanager
async def demo_app(data_dir: Path) -> AsyncIterator[Any]:
    """The started app of the demo instance under ``data_dir``."""
    from hearing_core.demo.instance import DemoInstance, open_app

    app = open_app(DemoInstance.under(data_dir).settings)
    async with app.running():
        yield app


async def report_of(data_dir: Path, year: int = 2025) -> dict[str, Any]:
    """The annual report JSON of the demo year, as the leader reads it."""
    from hearing_core.context import ServiceContext
    from hearing_core.reports.service import annual_report
    from hearing_core.security.service import actor_by_username

    async with demo_app(data_dir) as app:
        return await annual_report(ServiceContext(app, await actor_by_username(app, "leader")), year)
