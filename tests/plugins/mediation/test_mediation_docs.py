"""docs/mediation.md stays true: every route and command is documented, the quoted paragraph is real."""

from __future__ import annotations

import re
from pathlib import Path

import click
from hearing_mediation.api import controllers
from hearing_mediation.cli import mediation
from hearing_mediation.domain import CaseFigures, render_markdown, tally_reception
from test_mediation_domain_centre_tally import seed_records

DOC = (Path(__file__).parents[3] / "docs" / "mediation.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = DOC.index(title)
    end = DOC.find("\n## ", start + 1)
    return DOC[start:end if end > 0 else None]


def test_every_route_is_in_the_api_table() -> None:
    api = section("### API")
    seen = 0
    for controller in controllers():
        for name in dir(controller):
            handler = getattr(controller, name)
            for path in getattr(handler, "paths", ()):
                full = controller.path.removeprefix("/api/v1/mediation") + ("" if path == "/" else path)
                literals = [s for s in full.split("/") if s and not s.startswith("{")]
                for literal in literals:
                    assert f"/{literal}" in api, f"{full} ({literal}) is not in docs/mediation.md's API table"
                for method in handler.http_methods:
                    assert method in api, method
                seen += 1
    assert seen >= 39


def test_every_command_is_listed() -> None:
    commands = section("### Commands")
    for name, command in mediation.commands.items():
        assert f"`{name}" in commands or f"`hearing mediation {name}" in commands, name
        if isinstance(command, click.Group):
            listed = re.search(rf"{name} \{{([^}}]*)\}}", commands)
            assert listed, name
            assert set(listed.group(1).split(",")) == set(command.commands), name


def test_the_quoted_paragraph_is_what_the_report_prints() -> None:
    quoted = re.search(r"^> (2025年.*?)……$", DOC, re.MULTILINE)
    assert quoted
    cases = CaseFigures(applied=12, opened=9, succeeded=6, failed=2, withdrawn=1, refused=3)
    figures = {"year": 2025, "centres": 1, "reception": tally_reception(seed_records()).as_dict(), "cases": cases.as_dict()}
    assert render_markdown(figures).startswith(quoted.group(1))
