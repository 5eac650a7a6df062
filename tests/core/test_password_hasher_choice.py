"""The cheap test hasher is used only when the test switch is set."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = "from hearing_core.security import passwords as p; print(p._hasher.memory_cost, p._hasher.time_cost)"


def _params(env: dict[str, str]) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
    memory, time = out.stdout.split()
    return int(memory), int(time)


def test_production_parameters_without_the_switch() -> None:
    env = {k: v for k, v in os.environ.items() if k != "HEARING_INSECURE_FAST_PASSWORD_HASH"}
    assert _params(env) == (65536, 3)


def test_cheap_parameters_only_with_the_switch() -> None:
    memory, time = _params({**os.environ, "HEARING_INSECURE_FAST_PASSWORD_HASH": "1"})
    assert memory < 65536 and time <= 3
