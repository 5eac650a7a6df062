"""``hearing petitions|matters|backlog`` and the register's ``hearing deadlines due|explain``."""

from __future__ import annotations

import click

__all__ = ["add_commands"]


def add_commands(cli: click.Group) -> None:
    """Add the register's groups to the root command (called by the plugin's hook)."""
    from hearing_core.petitions.cli.deadlines import due, explain_command
    from hearing_core.petitions.cli.matters import backlog, matters
    from hearing_core.petitions.cli.petitions import petitions

    for group in (petitions, matters, backlog):
        cli.add_command(group)
    deadlines = cli.commands.get("deadlines")
    if isinstance(deadlines, click.Group):
        deadlines.add_command(due)
        original = deadlines.commands.get("explain")
        if original is not None and original.name == "explain" and not getattr(original, "_item_aware", False):
            command = explain_command(original)
            command._item_aware = True  # type: ignore[attr-defined]
            deadlines.add_command(command)
