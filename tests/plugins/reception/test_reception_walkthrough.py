"""docs/examples/reception_walkthrough.sh runs end to end (a fresh SQLite instance in a temp dir)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "docs" / "examples" / "reception_walkthrough.sh"


@pytest.mark.slow
def test_walkthrough_runs_and_ends_with_the_section() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARING_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=1500, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "公示晚于期限" in out and "possible repeat of XF-2025-00001" in out
    figures = json.loads(out[out.rindex("\n{\n") + 1 :])
    assert figures["receptions_held"] == 1 and figures["receptions_cancelled"] == 1
    assert figures["participation"] == {"county": 1, "department": 1, "town": 1, "total": 3}
    assert figures["visitors"] == {"batches": 3, "persons": 6}
    assert figures["on_time_reply_rate"]["percent"] == 50 and figures["resolution_rate"]["percent"] == 67
