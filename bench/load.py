"""HTTP load: ``wrk`` when it is on PATH, else :mod:`bench.client` in a separate process.

Both keep ``connections`` keep-alive connections busy for ``duration`` seconds from one
client thread (the server's single worker gets the other core). Write loads send a body
template in which ``{n}`` is replaced by a request counter, so every request is unique.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Load", "measure", "tool"]


@dataclass(frozen=True)
class Load:
    requests: int
    errors: int
    seconds: float
    tool: str
    latency: dict[str, str] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def tool() -> str:
    return "wrk" if shutil.which("wrk") else "bench.client"


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _wrk(url: str, headers: list[str], connections: int, duration: float, script: Path | None) -> Load:
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency"]
    for header in headers:
        argv += ["-H", header]
    if script is not None:
        argv += ["-s", str(script)]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m),", out)
    if done is None:
        raise RuntimeError(f"cannot read wrk output:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    latency = {p: v for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)$", out, re.MULTILINE)}
    if socket_errors:
        latency["socket_errors"] = socket_errors.group(1)
    return Load(int(done.group(1)), int(errors.group(1)) if errors else 0,
                float(done.group(2)) * _UNITS[done.group(3)], "wrk", latency)


def _lua(method: str, template: str) -> str:
    # One wrk thread (-t1), so one counter: every request number is unique.
    return (
        "local counter = 0\n"
        f"local template = [==[{template}]==]\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  local body = string.gsub(template, '{n}', tostring(counter))\n"
        f"  return wrk.format('{method}', nil, {{['Content-Type'] = 'application/json'}}, body)\n"
        "end\n"
    )


def _client(url: str, method: str, headers: list[str], connections: int, duration: float,
            body_file: Path | None) -> Load:
    argv = [sys.executable, "-m", "bench.client", url, "--method", method, "--connections", str(connections),
            "--duration", str(duration)]
    for header in headers:
        argv += ["--header", header]
    if body_file is not None:
        argv += ["--body-file", str(body_file)]
    result: dict[str, Any] = json.loads(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)
    return Load(int(result["requests"]), int(result["errors"]), float(result["seconds"]), "bench.client")


def measure(url: str, *, token: str | None = None, duration: float = 5.0, connections: int = 8,
            method: str = "GET", body_template: str | None = None, force_client: bool = False) -> Load:
    """Requests answered in ``duration`` seconds of load on ``url``."""
    headers = [f"Authorization: Bearer {token}"] if token else []
    with tempfile.TemporaryDirectory(prefix="hearing-bench-load-") as tmp:
        use_wrk = tool() == "wrk" and not force_client
        script = body_file = None
        if body_template is not None:
            if use_wrk:
                script = Path(tmp) / "body.lua"
                script.write_text(_lua(method, body_template), encoding="utf-8")
            else:
                body_file = Path(tmp) / "body.json"
                body_file.write_text(body_template, encoding="utf-8")
        if use_wrk:
            return _wrk(url, headers, connections, duration, script)
        return _client(url, method, headers, connections, duration, body_file)
