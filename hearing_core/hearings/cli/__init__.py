"""``hearing hearings`` and ``hearing pool`` commands."""

from __future__ import annotations

import click

__all__ = ["add_commands"]


def add_commands(cli: click.Group) -> None:
    return None
