"""``hearing report``: annual, drill, freeze, snapshots, show-snapshot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from report_fixtures import SEED_FIGURES, SEED_SENTENCES, seed_instance


@pytest.fixture
def seeded_cli(cli: Any, settings: Any, tmp_path: Path) -> Any:
    assert (
        cli("init", "--username", "admin", "--password", "admin-password-1", "--non-interactive").exit_code
        == 0
    )
    seed_instance(settings, tmp_path / "seed.jsonl")
    assert cli("users", "add", "wang", "--role", "leader", "--password", "password-123").exit_code == 0
    assert cli("users", "add", "li", "--role", "registrar", "--password", "password-123").exit_code == 0
    return cli


def test_annual_in_every_format(seeded_cli: Any, tmp_path: Path) -> None:
    result = seeded_cli("--as", "li", "report", "annual", "--year", "2023")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert {k: figures[k] for k in SEED_FIGURES} == SEED_FIGURES
    md = seeded_cli("report", "annual", "--year", "2023", "--format", "md").stdout
    assert md.startswith("# 县信访局2023年信访工作情况报告") and all(s in md for s in SEED_SENTENCES)
    out = tmp_path / "2023.pdf"
    made = seeded_cli("report", "annual", "--year", "2023", "--format", "pdf", "--output", str(out))
    assert made.exit_code == 0 and out.read_bytes().startswith(b"%PDF") and f"wrote {out}" in made.stderr
    refused = seeded_cli("report", "annual", "--year", "2023", "--format", "pdf")
    assert refused.exit_code == 2 and "--output" in refused.stderr


def test_drill(seeded_cli: Any) -> None:
    shown = seeded_cli("report", "drill", "--year", "2023", "--figure", "backlog")
    assert shown.exit_code == 0 and shown.stdout.startswith("2023 backlog: 52 matters (page 1)")
    every = json.loads(
        seeded_cli("report", "drill", "--year", "2023", "--figure", "repeat", "--all", "--json").stdout
    )
    assert every["total"] == 218 and len({i["ref"] for i in every["items"]}) == 218
    bad = seeded_cli("report", "drill", "--year", "2023", "--figure", "nope")
    assert bad.exit_code == 1 and bad.stderr.startswith("error: unknown figure")


def test_freeze_list_show_and_verify(seeded_cli: Any, settings: Any, tmp_path: Path) -> None:
    denied = seeded_cli("--as", "li", "report", "freeze", "--year", "2023")
    assert denied.exit_code == 1 and "reports.freeze" in denied.stderr
    frozen = json.loads(
        seeded_cli(
            "--as", "wang", "report", "freeze", "--year", "2023", "--note", "报市信访局", "--json"
        ).stdout
    )
    listed = json.loads(seeded_cli("report", "snapshots", "--json").stdout)
    assert [s["sha256"] for s in listed] == [frozen["sha256"]] and listed[0]["frozen_by"] == "wang"
    table = seeded_cli("report", "snapshots").stdout
    assert frozen["sha256"] in table and "报市信访局" in table
    checked = seeded_cli("report", "show-snapshot", str(frozen["id"]), "--verify")
    assert checked.exit_code == 0 and "intact; reproducible from the register: True" in checked.stderr
    assert json.loads(checked.stdout)["report"]["figures"]["accepted"] == 566
    md = tmp_path / "snapshot.md"
    assert (
        seeded_cli("report", "show-snapshot", str(frozen["id"]), "--format", "md", "-o", str(md)).exit_code
        == 0
    )
    assert SEED_SENTENCES[2] in md.read_text(encoding="utf-8")
    _tamper(settings, frozen["id"])
    altered = seeded_cli("report", "show-snapshot", str(frozen["id"]), "--verify")
    assert altered.exit_code == 1 and "ALTERED" in altered.stderr


def _tamper(settings: Any, snapshot_id: int) -> None:
    import asyncio

    from hearing_core.db.database import Database

    async def work() -> None:
        db = Database(settings.database_url)
        await db.open()
        try:
            await db.fetch("UPDATE hearing_report_snapshot SET content = REPLACE(content, '348', '349') WHERE id = {}",
                           snapshot_id)  # fmt: skip
        finally:
            await db.close()

    asyncio.run(work())
