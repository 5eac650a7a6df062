"""The demo's hooks: the ``hearing demo`` command (a core plugin, listed in ``CORE_PLUGINS``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hearing_core import hookimpl

if TYPE_CHECKING:
    import click


@hookimpl
def register_commands(cli: click.Group) -> None:
    from hearing_core.demo.command import demo

    cli.add_command(demo)
