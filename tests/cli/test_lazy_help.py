"""``hearing --help`` is lazy: it lists every command from its declared help without importing
the commands (nor litestar, piccolo, weasyprint, pdfplumber); the declarations match the commands."""

from __future__ import annotations

import json
import subprocess
import sys

import click
from hearing_cli.main import HearingGroup, build_cli


def test_help_imports_no_command_module_and_nothing_heavy() -> None:
    code = (
        "import sys, json\n"
        "from hearing_cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('litestar', 'piccolo', 'weasyprint', 'pdfplumber', 'pdfminer', 'asyncpg', 'uvicorn', 'jinja2',"
        " 'hearing_cli.commands', 'hearing_core.petitions.cli', 'hearing_core.hearings.cli', 'hearing_core.reports.cli',"
        " 'hearing_pdf_import.cli', 'hearing_pdf_import.sandbox')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert "Commands:" in result.stdout and "petitions" in result.stdout
    assert json.loads(result.stdout.splitlines()[-1]) == []


def test_declared_help_is_the_commands_own() -> None:
    cli = build_cli()
    assert isinstance(cli, HearingGroup)
    declared = dict(cli.declared)
    assert {"petitions", "hearings", "db", "serve", "users", "report"} <= set(declared)
    ctx = click.Context(cli)
    listed = cli.list_commands(ctx)
    cli.load_all()
    assert cli.list_commands(ctx) == listed  # loading adds nothing undeclared
    for name, text in declared.items():
        command = cli.commands[name]
        assert click.Command(name, help=text).get_short_help_str(200) == command.get_short_help_str(200), name


def test_a_command_runs_after_a_lazy_build() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(build_cli(), ["petitions", "--help"])
    assert result.exit_code == 0, result.output
    assert "import" in result.output
