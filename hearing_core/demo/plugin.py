"""The demo's hooks: the ``hearing demo`` command (a core plugin, listed in ``CORE_PLUGINS``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_core import hookimpl

if TYPE_CHECKING:
    import click


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare = getattr(cli, "declare_commands", None)
    if declare is None:
        _add_commands(cli)
        return
    declare({
        "demo": "Build a demo instance: a county's year of petitions, hearings, mediation, reviews and receptions.",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_core.demo.command import demo

    cli.add_command(demo)
