"""The annual report as a core plugin (年度报告): permissions, templates, routes and commands.

Light on purpose: ``hearing --help`` imports this module, so the API and CLI
modules are imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import Permission, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp

#: Who reads the annual figures: the bureau's leaders, the officers who handle and
#: register petitions, and the auditors who check what was reported.
READERS = ("leader", "handling_officer", "registrar", "auditor")


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("reports.read", "read, export and drill into the annual report; read snapshots", READERS),
        # Freezing fixes the figures sent upward (报送上级): the leader signs them off.
        Permission("reports.freeze", "freeze the annual report as a snapshot (报告冻结)", ("leader",)),
    ]


@hookimpl
def register_template_dirs() -> list[Path]:
    return [Path(__file__).resolve().parent / "templates"]


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_core.reports.api import ReportsController

    return [ReportsController]


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "report": "Annual statistics report (年度报告): figures, exports, drill-down, snapshots.",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_core.reports.cli import add_commands

    add_commands(cli)
