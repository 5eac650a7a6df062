"""Hearings as a core plugin (信访听证): permissions, routes and commands through the public hooks.

Light on purpose: ``hearing --help`` imports this module, so the API and CLI modules are
imported inside the hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import Permission, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp

PANEL = ("presiding_officer", "hearing_officer", "clerk")


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("hearings.read", "read hearing cases (panel members: only the hearings they sit on)",
                   ("handling_officer", *PANEL, "leader", "auditor", "review_officer")),
        Permission("hearings.read_all", "read every hearing case, not only those one sits on",
                   ("handling_officer", "leader", "auditor", "review_officer")),
        Permission("hearings.manage", "open, decide, schedule, serve, seat the panel, admit participants",
                   ("handling_officer",)),
        Permission("hearings.conduct", "run the session (presiding officer) and keep the record (clerk)",
                   ("presiding_officer", "clerk")),
        Permission("hearings.vote", "deliberate and vote on the panel one sits on",
                   ("hearing_officer", "presiding_officer")),
        Permission("hearings.pool", "keep the expert pool (听证员库)", ("handling_officer",)),
    ]


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_core.hearings.api import controllers
    from hearing_core.hearings.documents.api import HearingDocumentsController

    return [*controllers(), HearingDocumentsController]


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "hearings": "Hearing cases (信访听证): application to served report.",
        "pool": "The expert pool of hearing officers (听证员库).",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_core.hearings.cli import add_commands, hearings
    from hearing_core.hearings.documents.cli import add_commands as add_document_commands

    add_commands(cli)
    add_document_commands(hearings)
