"""``hearing mediation …``: centres, staff, mediators, reception log, cases, sessions, agreements, report.

Light on purpose (``hearing --help`` imports it): every command imports its service
inside the function. Every command that prints data has ``--json``.
"""

from __future__ import annotations

import click

from hearing_mediation.cli.agreements import agreements
from hearing_mediation.cli.cases import cases, sessions
from hearing_mediation.cli.centres import centres, mediators, report, staff
from hearing_mediation.cli.reception import reception

__all__ = ["mediation"]


@click.group()
def mediation() -> None:
    """Petition service centres and people's mediation (信访服务中心、人民调解)."""


for _command in (centres, staff, mediators, reception, cases, sessions, agreements, report):
    mediation.add_command(_command)
