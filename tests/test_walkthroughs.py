"""Every ``docs/examples/*_walkthrough.sh`` runs end to end on a fresh SQLite instance.

The walkthroughs are the docs' worked examples; running them here (and only here: ``.ci/run``
does not run them a second time) keeps them from drifting. Each script creates its own
instance in a temporary directory and needs only ``hearing`` on ``PATH``. Beyond the exit
status, each is checked for the figures its last step prints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


def _last_json(out: str) -> dict[str, Any]:
    """The last top-level JSON object the script printed (pretty-printed: starts at a line ``{``)."""
    obj, _ = json.JSONDecoder().raw_decode(out, out.rindex("\n{\n") + 1)
    return obj  # type: ignore[no-any-return]


def _hearing(out: str) -> None:
    case = _last_json(out)
    assert case["state"] == "report_served"
    first, second = case["conclusion"]["results"]
    assert first["result"] == "reasonable" and first["tally"] == {"reasonable": 2, "partly_reasonable": 0,
                                                                  "not_reasonable": 1}
    assert second["result"] == "partly_reasonable" and second["votes"] == 3


def _mediation(out: str) -> None:
    report = _last_json(out)
    assert report["cases"]["succeeded"] == 1 and report["cases"]["confirmations_applied"] == 1
    assert "进行调解的1批2人次" in report["markdown"]


def _review(out: str) -> None:
    assert "walkthrough completed" in out
    assert "复核终结（三级终结）" in out


def _reception(out: str) -> None:
    assert "公示晚于期限" in out and "possible repeat of XF-2025-00001" in out
    figures = _last_json(out)
    assert figures["receptions_held"] == 1 and figures["receptions_cancelled"] == 1
    assert figures["participation"] == {"county": 1, "department": 1, "town": 1, "total": 3}
    assert figures["visitors"] == {"batches": 3, "persons": 6}
    assert figures["on_time_reply_rate"]["percent"] == 50 and figures["resolution_rate"]["percent"] == 67


CHECKS: dict[str, Callable[[str], None]] = {
    "hearing_walkthrough.sh": _hearing,
    "mediation_walkthrough.sh": _mediation,
    "review_walkthrough.sh": _review,
    "reception_walkthrough.sh": _reception,
}


def test_every_walkthrough_has_its_checks() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*_walkthrough.sh")) == sorted(CHECKS)


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(CHECKS))
def test_walkthrough_runs(script: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARING_") or k == "HEARING_INSECURE_FAST_PASSWORD_HASH"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(["bash", str(EXAMPLES / script)], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=1500, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    CHECKS[script](done.stdout)
