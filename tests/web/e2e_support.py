"""The real server of the browser tests: a temp SQLite instance with seed data, uvicorn in a subprocess."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hearing_core.testing import ADMIN_PASSWORD

PLUGINS = ("mediation", "review", "reception", "pdf_import")
PASSWORD = "user-password-1"
FIRST_ID = "11010519491231002X"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Who logs in (all but admin with ``PASSWORD``): the register, a leader, the hearing prepared for today
#: (handling officer ``manager``, panel ``presiding``/``officer1``/``officer2``, ``clerk``), the centre's
#: desk ``desk1``, the review officer ``fang.review``, the reception desk ``reg.desk``.
USERS = {"admin": ADMIN_PASSWORD, **{name: PASSWORD for name in (
    "chen.reg", "wang.leader", "manager", "presiding", "clerk", "officer1", "officer2", "desk1", "fang.review",
    "reg.desk")}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def instance_env(folder: Path) -> dict[str, str]:
    return {
        "HEARING_DATA_DIR": str(folder),
        "HEARING_DATABASE_URL": f"sqlite:///{folder / 'hearing.db'}",
        "HEARING_SECRET_KEY": "e2e-secret-key-" + "x" * 40,
        "HEARING_LOAD_PLUGINS": ",".join(PLUGINS),
        "HEARING_ORGAN_NAME": "临江县信访局",
    }


async def _seed(env: dict[str, str]) -> None:
    """Users and a small register (an overdue item, a matter with a repeat, a backlog case), a hearing
    ready to open today, a mediation centre, a review application, a reception held today."""
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.db.migrations import upgrade
    from hearing_core.petitions import service
    from hearing_core.petitions.service import backlog
    from hearing_core.petitions.service.inputs import item_from_data
    from hearing_core.plugins import get_plugin_manager
    from hearing_core.security.service import actor_by_username, bootstrap_admin, create_user
    from hearing_core.settings import Settings

    settings = Settings.from_env(env)
    app = HearingApp(settings, pm=get_plugin_manager(only=PLUGINS))
    async with app.running():
        await upgrade(app.db, app.app_configs)
        await bootstrap_admin(app, "admin", ADMIN_PASSWORD, "系统管理员")
        ctx = ServiceContext(app, await actor_by_username(app, "admin"))
        await create_user(ctx, "chen.reg", PASSWORD, ["registrar", "handling_officer"], "陈登记")
        await create_user(ctx, "wang.leader", PASSWORD, ["leader"], "王副县长")
        today = app.today()
        seed = [
            (20, "visit", "张三", FIRST_ID, "反映征地补偿款未发放", "natural_resources"),
            (12, "letter", "李四", "440106199001011235", "反映小区物业乱收费", "urban_rural_construction"),
            (5, "visit", "王五", None, "反映拖欠农民工工资", "labour_social_security"),
        ]
        refs = []
        for days, channel, name, id_number, summary, category in seed:
            item = item_from_data({"channel": channel, "received_on": (today - dt.timedelta(days=days)).isoformat(),
                                   "persons": 3 if channel == "visit" else 1, "summary": summary, "category": category,
                                   "petitioners": [{"name": name, "id_number": id_number, "phone": "13812345678"}]},
                                  today=today)
            refs.append((await service.register_item(ctx, item, create_matter=True)).ref)
        await service.accept(ctx, refs[1], on=today - dt.timedelta(days=10))
        await backlog.add_case(ctx, f"M-{refs[0]}", owning_leader="王副县长", responsible_unit="县自然资源局",
                               responsible_person="李科长", time_limit=today + dt.timedelta(days=60),
                               plan="召开协调会，制定补偿方案")
        await _plugin_seed(app, today)


async def _plugin_seed(app: Any, today: dt.date) -> dict[str, Any]:
    """The set-ups of the page tests (the same helpers), on the e2e instance."""
    from hearing_web_support import prepare_hearing
    from plugin_web_support import mediation_centre, reception_setup, review_setup

    hearing = await prepare_hearing(app, today)
    await mediation_centre(app)
    await review_setup(app)
    await reception_setup(app)
    return {"case_id": hearing.case_id}


@contextmanager
def running_server(folder: Path) -> Iterator[str]:
    """Seed the instance, start ``uvicorn`` on a free port, yield its base URL, stop it."""
    env = instance_env(folder)
    # A thread of its own: Playwright's sync API may already drive an event loop in this one.
    failures: list[BaseException] = []

    def seed() -> None:
        try:
            asyncio.run(_seed(env))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            failures.append(exc)

    worker = threading.Thread(target=seed)
    worker.start()
    worker.join()
    if failures:
        raise failures[0]
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "hearing_core.api:create_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"the server did not start: {output[-2000:]}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
