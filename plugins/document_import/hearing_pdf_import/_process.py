"""A sandbox worker process seen from the caller (沙箱进程句柄).

Starts ``python -m hearing_pdf_import._worker``, writes jobs to its stdin, decodes
its frames, and turns the way it died into an :class:`ImportFailure`. The caller
never sets resource limits here (``preexec_fn`` is unsafe in a threaded server);
the worker limits itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from hearing_pdf_import._protocol import FrameReader, encode_frame
from hearing_pdf_import.failures import failure
from hearing_pdf_import.model import ErrorCode, ImportFailure

__all__ = ["WorkerProcess"]

_READ_CHUNK = 1 << 20


def _child_env() -> dict[str, str]:
    """The caller's environment, with this package and hearing_core importable."""
    import hearing_core

    roots = [str(Path(__file__).resolve().parents[1]), str(Path(hearing_core.__file__).resolve().parents[1])]
    env = dict(os.environ)
    existing = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(roots + existing))
    return env


class WorkerProcess:
    """One worker process and the decoder of its output."""

    def __init__(self, memory_bytes: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hearing_pdf_import._worker", str(memory_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_child_env(),
            close_fds=True,
        )
        self.reader = FrameReader()
        self.killed = False

    @property
    def stdout(self) -> IO[bytes]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def send(self, job: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(encode_frame(job))
        self.proc.stdin.flush()

    def read(self) -> bytes:
        return os.read(self.stdout.fileno(), _READ_CHUNK)

    def kill(self) -> None:
        self.killed = True
        if self.proc.poll() is None:
            self.proc.kill()
        self._reap()

    def stop(self) -> None:
        """Close stdin so an idle worker exits by itself; kill it if it does not."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        self._reap()

    def _reap(self) -> None:
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except OSError:
                    pass  # flushing a job into a dead worker's stdin

    def death_failure(self) -> ImportFailure:
        """Why the worker's output ended without a closing frame."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.proc.returncode
        if code == -signal.SIGKILL:
            # Not killed by us: the kernel's OOM killer is the usual suspect.
            return failure(ErrorCode.MEMORY, "the parser was killed by the system")
        if code == -signal.SIGXCPU:
            return failure(ErrorCode.TIMEOUT, "CPU time limit reached")
        if code is not None and code < 0:
            return failure(ErrorCode.PARSE_ERROR, f"the parser crashed ({signal.Signals(-code).name})")
        return failure(ErrorCode.PARSE_ERROR, f"the parser exited unexpectedly (exit code {code})")
