"""``hearing demo``: the year it builds reproduces the seed summary, every role can log in, it is deterministic.

The seed summary (县信访局年度工作总结): part 一(一) 632 / 566 / 348 / 52 (14.9%), +6% / +11.9%;
the service centre 135批301人次 (44/108 explained, 12/96 mediated, 79 handed over); reviews 16
(6 refused, 10 accepted, 7 decided, 3 under review); leaders 125 receptions, 311 / 281 / 2690
person-times, 295批671人次, 95% replies on time, 51% resolved.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from demo_support import HEARING, clean_env, demo_app, hearing

from hearing_core.demo.county import USERS, password_of

# One demo build per run: every test sharing it runs on the same xdist worker (scripts/test runs --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("demo")]

SEED_FIGURES = {"total": 632, "letters": 199, "visit_batches": 433, "visit_persons": 1134, "not_accepted": 66,
                "accepted": 566, "repeat": 218, "distinct_matters": 348, "backlog": 52, "backlog_share_pct": "14.9",
                "previous_accepted": 534, "previous_distinct_matters": 311, "accepted_yoy_pct": "6.0",
                "distinct_yoy_pct": "11.9"}  # fmt: skip


def section(report: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in report["sections"] if s["key"] == key)


def test_the_demo_year_gives_the_seed_summary(demo_report: dict[str, Any]) -> None:
    assert demo_report["year"] == 2025
    assert {k: demo_report["figures"][k] for k in SEED_FIGURES} == SEED_FIGURES
    assert demo_report["pending"] == 0
    text = demo_report["paragraphs"][0]
    assert "共632件，其中来信199件；来访433批1134人次" in text
    assert "扣除不属于我县管辖或当面解释不予转办的信访件66件，全年实际受理群众来信来访566件" in text
    assert "信访纯件数348件（积案52件占信访纯件数的14.9%），与去年受理的信访纯件数311件相比上升11.9%" in text


def test_the_centre_review_and_reception_sections_give_their_seed_figures(demo_report: dict[str, Any]) -> None:
    centre = section(demo_report, "mediation")["figures"]["reception"]
    assert centre["received"] == {"batches": 135, "persons": 301}
    assert centre["explained_on_spot"] == {"batches": 44, "persons": 108}
    assert centre["mediation"] == {"batches": 12, "persons": 96}
    assert centre["handed_over"] == {"batches": 79, "persons": 97}
    assert section(demo_report, "mediation")["markdown"].startswith(
        "2025年信访服务中心共接待群众135批301人次，其中当场疏导解释44批108人次，进行调解的12批96人次，其他79批")
    review = section(demo_report, "review")
    f = review["figures"]["review"]
    assert (f["applications"], f["not_accepted"], f["accepted"], f["decided"], f["pending"]) == (16, 6, 10, 7, 3)
    assert "信访事项复查申请16件，经审核不予受理的6件；受理的有10件，其中7件已作出处理意见，正在复查中的有3件" in review["markdown"]
    assert review["figures"]["rereview"]["applications"] == 1
    r = section(demo_report, "reception")["figures"]
    assert r["receptions_held"] == 125
    assert r["participation"] == {"county": 311, "department": 281, "town": 2690, "total": 3282}
    assert r["visitors"] == {"batches": 295, "persons": 671}
    assert (r["on_time_reply_rate"]["percent"], r["resolution_rate"]["percent"]) == (95, 51)
    assert section(demo_report, "reception")["markdown"].startswith(
        "2025年全县共组织125次县领导接访活动，参与接访的县领导311人次，县直部门领导281人次，镇领导2690人次，"
        "共接访群众295批671人次，按时答复率95%，化解率51%。")


async def test_every_role_logs_in_over_the_api(demo_data_dir: Path) -> None:
    import httpx

    from hearing_core.api import create_app

    async with demo_app(demo_data_dir) as app:
        transport = httpx.ASGITransport(app=create_app(hearing_app=app))
        async with httpx.AsyncClient(transport=transport, base_url="http://demo.local") as client:
            roles = set()
            for user in USERS:
                login = await client.post("/api/v1/auth/login",
                                          json={"username": user.username, "password": password_of(user.username)})
                assert login.status_code == 200, (user.username, login.text)
                me = await client.get("/api/v1/auth/me",
                                      headers={"Authorization": f"Bearer {login.json()['access_token']}"})
                assert me.status_code == 200 and me.json()["roles"] == [user.role]
                roles.add(user.role)
            assert roles == set(app.access.roles)  # one user for every role of the instance


async def test_the_demo_holds_a_case_of_every_kind(demo_data_dir: Path) -> None:
    from hearing_mediation import agreements
    from hearing_pdf_import.services import list_documents, list_queue
    from hearing_reception.services import planning
    from hearing_review import services as reviews

    from hearing_core.context import ServiceContext
    from hearing_core.hearings import service as hs
    from hearing_core.security.service import actor_by_username

    async with demo_app(demo_data_dir) as app:
        admin = ServiceContext(app, await actor_by_username(app, "admin"))
        states = {h["state"] for h in (await hs.list_hearings(admin, per_page=50))["items"]}
        assert {"scheduled", "in_session", "suspended", "deliberating", "concluded", "report_served", "postponed",
                "terminated", "applied", "accepted", "refused", "withdrawn"} <= states
        made = json.loads((demo_data_dir / "demo" / "demo.json").read_text("utf-8"))["made"]
        awaiting = await agreements.get_agreement(admin, made["agreement_awaiting_confirmation"])
        assert awaiting["state"] in ("effective", "performed") and awaiting["confirmation"] == "applied"
        matter = await reviews.matter_status(admin, made["terminated_matter"])
        assert matter["termination"]["reason"] == "rereview_served"
        documents = await list_documents(admin, per_page=50)
        assert {d["kind"] for d in documents["items"]} >= {"document", "form"} and documents["total"] >= 6
        assert (await list_queue(admin))["total"] == 1  # the form with a mistyped ID number waits for the registrar
        ahead = planning.ReceptionFilter(state="announced", date_from=dt.date(2026, 1, 13))
        assert (await planning.list_receptions(admin, ahead)).total >= 20  # the next weeks planned and announced
    documents_dir = demo_data_dir / "demo" / "documents"
    for pdf in ("2025年信访工作情况报告.pdf", "hearings/听证2-听证报告.pdf", "mediation/调解协议书（待司法确认）.pdf"):
        assert (documents_dir / pdf).read_bytes()[:5] == b"%PDF-", pdf


def test_a_second_run_refuses_and_path_names_the_instance(demo_data_dir: Path) -> None:
    again = hearing(demo_data_dir, "demo")
    assert again.returncode == 1
    assert "a demo instance is already built" in again.stderr and "--force" in again.stderr
    assert hearing(demo_data_dir, "demo", "--path").stdout.strip() == str(demo_data_dir / "demo")
    # Inside the demo instance, --path names the instance itself (so the tutorial's export is idempotent).
    assert hearing(demo_data_dir / "demo", "demo", "--path").stdout.strip() == str(demo_data_dir / "demo")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_reuses_the_built_demo(demo_data_dir: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([HEARING, "demo", "--serve", "--port", str(port)], env=clean_env(demo_data_dir),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the demo server did not start"
                time.sleep(0.5)
        with urllib.request.urlopen(f"{base}/login", timeout=5) as page:
            assert page.status == 200
        request = urllib.request.Request(f"{base}/api/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
                                         data=b'{"username": "registrar", "password": "demo-registrar-1"}')
        with urllib.request.urlopen(request, timeout=10) as login:
            assert login.status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "serving the demo instance built in" in output and "demo-registrar-1" in output


def test_the_build_reads_only_its_own_clock_and_seed(demo_pristine: Path) -> None:
    """What makes the demo deterministic, checked without a second build (it takes a minute).

    Every random choice comes from ``random.Random(seed + k)`` and every moment from the demo's
    clock: so the seed's register plan is the same on every call, and no ``*_at`` column of the
    built database holds a moment after the demo's "today" (a service reading the wall clock would
    put today's real date there, and the report of a second build would differ).
    """
    import sqlite3

    from hearing_core.demo.register_plan import plan_register
    from hearing_core.demo.story import demo_today

    days = [dt.date(2025, 1, 6) + dt.timedelta(weeks=w) for w in range(52)]
    first, again = plan_register(2025, 20231231, days), plan_register(2025, 20231231, days)
    assert first == again
    assert plan_register(2025, 7, days).handed_over != first.handed_over  # another seed, another deal
    end_of_today = dt.datetime.combine(demo_today(2025) + dt.timedelta(days=1), dt.time(), dt.UTC)
    db = sqlite3.connect(f"file:{demo_pristine / 'demo' / 'hearing.db'}?mode=ro", uri=True)
    try:
        checked, late = 0, []
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for column in [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]:
                if not column.endswith("_at"):
                    continue
                for (value,) in db.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
                    moment = dt.datetime.fromisoformat(str(value))
                    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
                    checked += 1
                    if moment >= end_of_today:
                        late.append((table, column, value))
    finally:
        db.close()
    assert checked > 5000, checked
    assert not late, late[:10]
