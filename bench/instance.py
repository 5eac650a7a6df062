"""Throw-away instances for benchmarks: a temporary data directory and database, a server.

* :func:`instance` yields an :class:`Instance` (temporary data directory; a SQLite file in it
  or a scratch PostgreSQL database created and dropped with asyncpg).
* :func:`open_app` starts a :class:`~hearing_core.app.HearingApp` on it (all installed
  plugins, migrations applied) for seeding through the services.
* :func:`server` runs ``hearing serve`` (one worker, 127.0.0.1, a free port) on it and yields
  the base URL and the server's process id.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

__all__ = ["Instance", "ServerInfo", "instance", "open_app", "server"]

SECRET = "bench-secret-key-" + "x" * 32


def plugins() -> tuple[str, ...] | None:
    """Plugins the benchmark instances load: all installed, or ``HEARING_BENCH_PLUGINS`` (comma list)."""
    names = os.environ.get("HEARING_BENCH_PLUGINS")
    return None if names is None else tuple(n.strip() for n in names.split(",") if n.strip())


@dataclass(frozen=True)
class Instance:
    kind: str  # "sqlite" or "postgresql"
    data_dir: Path
    url: str

    def env(self) -> dict[str, str]:
        """The environment a ``hearing`` process needs to use this instance."""
        env = {**os.environ, "HEARING_DATA_DIR": str(self.data_dir), "HEARING_DATABASE_URL": self.url,
               "HEARING_SECRET_KEY": SECRET}
        env.pop("HEARING_LOAD_PLUGINS", None)
        if plugins() is not None:
            env["HEARING_LOAD_PLUGINS"] = ",".join(plugins() or ())
        return env

    def sqlite_path(self) -> str:
        return self.url.removeprefix("sqlite:///")


async def _create_database(server: str) -> tuple[str, str]:
    import asyncpg

    name = f"hearing_bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(server)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return urlunparse(urlparse(server)._replace(path=f"/{name}")), name


async def _drop_database(server: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(server)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@contextmanager
def instance(kind: str, postgres_server: str) -> Iterator[Instance]:
    """A fresh instance; everything it created is removed on exit."""
    data_dir = Path(tempfile.mkdtemp(prefix="hearing-bench-"))
    name = None
    try:
        if kind == "sqlite":
            url = f"sqlite:///{data_dir / 'hearing.db'}"
        else:
            url, name = asyncio.run(_create_database(postgres_server))
        yield Instance(kind, data_dir, url)
    finally:
        if name is not None:
            asyncio.run(_drop_database(postgres_server, name))
        shutil.rmtree(data_dir, ignore_errors=True)


_ALL: Any = object()


@asynccontextmanager
async def open_app(inst: Instance, *, load_plugins: tuple[str, ...] | None = _ALL) -> AsyncIterator[Any]:
    """The instance's app, schema up to date: every installed plugin, or ``load_plugins`` (``()``: core only)."""
    from hearing_core.app import HearingApp
    from hearing_core.db.migrations import upgrade
    from hearing_core.plugins import get_plugin_manager
    from hearing_core.settings import Settings

    chosen = plugins() if load_plugins is _ALL else load_plugins
    settings = Settings(data_dir=inst.data_dir, database_url=inst.url, secret_key=SECRET, load_plugins=chosen)
    app = HearingApp(settings, pm=None if chosen is None else get_plugin_manager(only=chosen))
    async with app.running():
        await upgrade(app.db, app.app_configs)
        yield app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def hearing_command() -> list[str]:
    """The ``hearing`` console script of this environment."""
    script = Path(sys.executable).parent / "hearing"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from hearing_cli.main import main; sys.exit(main())"]


@dataclass(frozen=True)
class ServerInfo:
    url: str
    pid: int
    log: Path


@contextmanager
def server(inst: Instance, *, startup_timeout: float = 60.0) -> Iterator[ServerInfo]:
    """``hearing serve`` on 127.0.0.1 with one worker; stopped (SIGINT, then kill) on exit."""
    port = _free_port()
    log = inst.data_dir / f"serve-{port}.log"
    argv = [*hearing_command(), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-upgrade"]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, env=inst.env(), stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log, startup_timeout)
        yield ServerInfo(url, process.pid, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hearing serve exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health?db=false", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"hearing serve did not answer within {timeout:.0f} s: {log.read_text()[-2000:]}")


def request_json(method: str, url: str, body: Any = None, token: str | None = None) -> Any:
    """One JSON request (setup only: logging in, checking a response), raising on HTTP errors."""
    import json

    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def login(base_url: str, username: str, password: str) -> str:
    return str(request_json("POST", f"{base_url}/api/v1/auth/login", {"username": username, "password": password})["access_token"])
