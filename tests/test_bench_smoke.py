"""The benchmark machinery (``python -m bench``) runs end to end, tiny, on SQLite.

Not a performance test: nothing here looks at the figures, only that every benchmark ran
and reported a ratio against its target in the documented JSON shape.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("bench.harness", reason="the bench/ folder is a repository checkout's, not installed")

from bench.__main__ import main  # noqa: E402
from bench.harness import BENCHMARKS  # noqa: E402

pytestmark = pytest.mark.slow


def test_every_benchmark_runs_tiny_and_reports_json(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert main(["--quick", "--json", "--db", "sqlite", "--scale", "0.02"]) == 0
    out, err = capsys.readouterr()
    results: list[dict[str, Any]] = [json.loads(line) for line in out.splitlines() if line.strip()]
    names = [r["name"] for r in results]
    expected = {b.name + ("[sqlite]" if b.per_database else "") for b in BENCHMARKS} | {"pdf_import_batch"}
    assert set(names) == expected, err
    for r in results:
        assert set(r) == {"name", "ratio", "target", "met", "details"}
        assert "error" not in r["details"], f"{r['name']}: {r['details'].get('traceback')}"
        assert isinstance(r["ratio"], float) and r["ratio"] > 0
        assert r["details"]["comparison"] in {">=", "<="}
        assert isinstance(r["met"], bool) and r["details"]["summary"]
    assert "targets met" in err  # the table went to stderr
