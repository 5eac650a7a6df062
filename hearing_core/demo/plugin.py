"""The demo's hooks: the ``hearing demo`` command (a core plugin, listed in ``CORE_PLUGINS``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_core import hookimpl
from hearing_core.contributions import declare_commands

if TYPE_CHECKING:
    import click


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "demo": "Build a demo instance: a county's year of petitions, hearings, mediation, reviews and receptions.",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_core.demo.command import demo

    cli.add_command(demo)
