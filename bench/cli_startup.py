"""CLI start-up: wall time of ``hearing --help`` ÷ ``python -c "import click"`` (target ≤ 3.0).

Both are run ``N`` times, interleaved (so load on the machine hits both alike), and the
medians compared. ``details`` also gives the median of ``hearing petitions --help`` (one
plugin group loaded), the heavy modules ``hearing --help`` imported (should be none) and
the largest cumulative imports from ``python -X importtime``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import Result, RunContext

__all__ = ["run"]

TARGET = 3.0
HEAVY = ("litestar", "piccolo", "weasyprint", "pdfplumber", "pdfminer", "uvicorn", "asyncpg", "jinja2")


def _hearing() -> list[str]:
    script = Path(sys.executable).parent / "hearing"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from hearing_cli.main import main; sys.exit(main())"]


def _timed(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def _heavy_imports(env: dict[str, str]) -> list[str]:
    code = (
        "import sys\nfrom hearing_cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return eval(out.stdout.strip().splitlines()[-1])  # noqa: S307 - our own printed list literal


def _top_imports(env: dict[str, str], count: int = 8) -> list[str]:
    code = "from hearing_cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True, text=True)
    rows = []
    for line in out.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2][1:]))
    # Modules imported by the script itself (not nested deeper): what `hearing --help` pays for.
    top = sorted((r for r in rows if not r[1].startswith(" ")), reverse=True)[:count]
    return [f"{name} {us / 1000:.0f} ms" for us, name in top]


def run(ctx: RunContext) -> Result:
    runs = ctx.size(9, 25, minimum=2)
    tiny = ctx.scale < 1  # the smoke test: no warm-up, no import-time breakdown
    with tempfile.TemporaryDirectory(prefix="hearing-bench-cli-") as data_dir:
        env = {**os.environ, "HEARING_DATA_DIR": data_dir}
        env.pop("HEARING_DATABASE_URL", None)
        hearing, group = [*_hearing(), "--help"], [*_hearing(), "petitions", "--help"]
        bare = [sys.executable, "-c", "import click"]
        for argv in () if tiny else (bare, hearing, group):  # warm the page cache and .pyc files
            _timed(argv, env)
        times: dict[str, list[float]] = {"bare": [], "hearing": [], "group": []}
        for _ in range(runs):
            times["bare"].append(_timed(bare, env))
            times["hearing"].append(_timed(hearing, env))
            times["group"].append(_timed(group, env))
        medians = {k: statistics.median(v) for k, v in times.items()}
        details: dict[str, Any] = {
            "runs": runs,
            "median_s": {k: round(v, 3) for k, v in medians.items()},
            "commands": {"hearing": "hearing --help", "group": "hearing petitions --help", "bare": "python -c 'import click'"},
            "heavy_modules_imported_by_help": _heavy_imports(env),
            "largest_imports": [] if tiny else _top_imports(env),
        }
    ratio = round(medians["hearing"] / medians["bare"], 2)
    details["summary"] = (f"hearing --help {medians['hearing'] * 1000:.0f} ms vs import click "
                          f"{medians['bare'] * 1000:.0f} ms (petitions --help {medians['group'] * 1000:.0f} ms)")
    return Result("cli_startup", ratio, TARGET, "<=", details)
