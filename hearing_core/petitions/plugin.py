"""The register as a core plugin (登记): permissions, routes and commands through the public hooks.

Light on purpose: ``hearing --help`` imports this module, so the API and CLI
modules are imported inside the hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import Permission, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp

READERS = (
    "registrar",
    "handling_officer",
    "presiding_officer",
    "clerk",
    "mediator",
    "centre_staff",
    "review_officer",
    "leader",
    "auditor",
)


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("petitions.read", "read petition items, matters and their deadlines", READERS),
        Permission("petitions.write", "register and correct items, create matters, link items", ("registrar", "handling_officer")),
        Permission("petitions.dispose", "accept, transfer, assign, extend, issue opinions, conclude", ("handling_officer",)),
        Permission("petitions.import", "import a register file (JSON Lines, CSV, XLSX)", ("registrar",)),
        Permission("backlog.read", "read the backlog ledger (积案台账)", ("leader", "handling_officer", "registrar", "auditor")),
        Permission("backlog.write", "put matters on the backlog ledger and record progress", ("leader", "handling_officer")),
    ]


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_core.petitions.api import controllers

    return controllers(app)


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "petitions": "Petition items (信访件): register, list, dispose, import.",
        "matters": "Petition matters (信访事项): group an item with its repeats.",
        "backlog": "The backlog ledger (积案台账): owning leader, plan, monthly progress, outcome.",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_core.petitions.cli import add_commands

    add_commands(cli)
