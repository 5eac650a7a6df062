"""Hook implementations of the mediation plugin (调解插件).

Light on purpose: ``hearing --help`` imports this module, so litestar, piccolo and
the services are imported inside the hooks that need them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import MenuEntry, Permission, ReportSection, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp

HERE = Path(__file__).resolve().parent


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("mediation.read", "read centres, the reception log, mediation cases, agreements and the tally",
                   ("centre_staff", "mediator", "leader", "auditor")),
        Permission("mediation.read_all", "read every centre's records, not only one's own centres",
                   ("leader", "auditor")),
        Permission("mediation.desk", "record visit batches at the reception desk and dispose of them",
                   ("centre_staff",)),
        Permission("mediation.cases", "run mediation cases: parties, mediators, sessions, agreements",
                   ("mediator", "centre_staff")),
        Permission("mediation.admin", "create centres, appoint staff and keep the mediator roster", ()),
    ]


@hookimpl
def register_piccolo_apps() -> list[str]:
    return ["hearing_mediation.piccolo_app"]


@hookimpl
def register_template_dirs() -> list[Path]:
    return [HERE / "templates"]


@hookimpl
def register_report_sections() -> list[ReportSection]:
    from hearing_mediation.domain.tally import render_markdown

    async def compute(app: HearingApp, year: int) -> dict[str, Any]:
        from hearing_mediation.report import year_figures

        return await year_figures(app, year)

    return [ReportSection("mediation", "信访服务平台工作情况", compute, render_markdown, order=50)]


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_mediation.api import controllers
    from hearing_mediation.web import routes

    return [*controllers(), *routes()]


@hookimpl
def register_web_menu(app: HearingApp) -> list[MenuEntry]:
    from hearing_mediation.web import menu

    return menu()


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "mediation": "Petition service centres and people's mediation (信访服务中心、人民调解).",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_mediation.cli import mediation

    cli.add_command(mediation)
