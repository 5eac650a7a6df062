"""``hearing reviews`` (复查、复核): applications, admissibility, decisions, termination, figures.

Every command calls the same service as the API, acting as ``--as USER`` (default: the local
administrator); every command that prints data has ``--json``. Services and piccolo are
imported inside the commands, so ``hearing --help`` stays fast.
"""

from __future__ import annotations

import click

from hearing_review.cli.applications import add_application_commands
from hearing_review.cli.decisions import add_decision_commands
from hearing_review.cli.matters import add_matter_commands

__all__ = ["reviews"]


@click.group()
def reviews() -> None:
    """Review and re-review (复查、复核): applications, decisions, three-level termination (三级终结)."""


add_application_commands(reviews)
add_decision_commands(reviews)
add_matter_commands(reviews)
