"""``hearing hearings ...`` (听证案件) and ``hearing pool ...`` (听证员库).

Every command calls one service of :mod:`hearing_core.hearings.service` as the acting user
(``--as``); actions print the case briefly (id, state, phase, version, allowed actions) or, with
``--json``, the whole case as the actor may see it.
"""

from __future__ import annotations

import click

__all__ = ["add_commands", "hearings"]


@click.group()
def hearings() -> None:
    """Hearing cases (信访听证): application to served report."""


def add_commands(cli: click.Group) -> None:
    """Add ``hearings`` and ``pool`` to the root command (called by the plugin's hook)."""
    from hearing_core.hearings.cli import cases, outcome, people, reads, session

    for module in (cases, people, session, outcome, reads):
        module.register(hearings)
    cli.add_command(hearings)
    cli.add_command(reads.pool)
