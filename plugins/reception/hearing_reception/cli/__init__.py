"""``hearing reception`` (领导接访): leaders, rules, plan, notices, the day, follow-up, figures.

Every command calls the same service as the API, acting as ``--as USER`` (default:
the local administrator); every command that prints data has ``--json``. Services
and piccolo are imported inside the commands, so ``hearing --help`` stays fast.
"""

from __future__ import annotations

import click

from hearing_reception.cli.cases import add_case_commands
from hearing_reception.cli.planning import add_planning_commands

__all__ = ["reception"]


@click.group()
def reception() -> None:
    """Leader reception days (领导接访): plan, public notice, visitors, instructions, replies."""


add_planning_commands(reception)
add_case_commands(reception)
