"""Hook implementations of the leader-reception plugin (领导接访).

Only public hooks: permissions, the plugin's own piccolo app, its notice template,
its annual-report section, its API routes and its ``hearing reception`` commands.
``hearing --help`` imports this module, so everything heavy (litestar, piccolo,
the services) is imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import MenuEntry, Permission, ReportSection, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

READERS = ("registrar", "clerk", "handling_officer", "centre_staff", "leader", "auditor")


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("reception.read", "read leaders, rules, receptions, notices, cases and figures", READERS),
        Permission("reception.plan", "keep leaders and rules, plan, swap, move, cancel, publish notices", ("registrar", "clerk")),
        Permission("reception.desk", "run a reception day: open, register visitors, record hearing, transfer, feedback", ("registrar",)),
        Permission("reception.instruct", "give a leader's instruction (批示) on a received case", ("leader",)),
        Permission("reception.reply", "record a department's reply (办结回复) to an instruction", ("handling_officer",)),
    ]


@hookimpl
def hearing_startup(app: HearingApp) -> None:
    """Refuse to start with invalid ``[reception]`` settings, rather than fail in a report later."""
    from hearing_core.errors import StartupError, ValidationFailed
    from hearing_reception.config import settings_of

    try:
        settings_of(app)
    except ValidationFailed as exc:
        raise StartupError(str(exc)) from exc


@hookimpl
def register_piccolo_apps() -> list[str]:
    return ["hearing_reception.piccolo_app"]


@hookimpl
def register_template_dirs() -> list[Path]:
    return [TEMPLATE_DIR]


@hookimpl
def register_report_sections() -> list[ReportSection]:
    from hearing_reception.report import compute_section, render_section

    return [ReportSection("reception", "领导干部接待群众来访情况", compute_section, render_section, order=40)]


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_reception.api import controllers
    from hearing_reception.web import routes

    return [*controllers(), *routes()]


@hookimpl
def register_web_menu(app: HearingApp) -> list[MenuEntry]:
    from hearing_reception.web import menu

    return menu()


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "reception": "Leader reception days (领导接访): plan, public notice, visitors, instructions, replies.",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_reception.cli import reception

    cli.add_command(reception)
