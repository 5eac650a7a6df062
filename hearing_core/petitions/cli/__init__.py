"""``hearing petitions|matters|backlog`` and the register's ``hearing deadlines due|explain``."""

from __future__ import annotations

import click

__all__ = ["add_commands"]


def add_commands(cli: click.Group) -> None:
    """Add the register's groups to the root command (called by the plugin's hook)."""
