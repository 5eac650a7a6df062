"""``hearing hearings documents|docket|sittings``: hearing documents, the docket, sittings by day.

``sittings`` is the calendar grouped by day per venue or per panel member, with case numbers
and Chinese states; ``hearing hearings calendar`` (the hearings CLI) lists the raw entries,
venue bookings and declared unavailability included.

Added to the ``hearings`` group by :func:`add_commands` (called from the hearings plugin's
``register_commands`` hook). Light at import: services are imported inside the commands.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click
from hearing_cli.output import echo_json, echo_table
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["add_commands", "docket", "documents", "sittings"]

DATE = click.DateTime(["%Y-%m-%d"])
CALENDAR_COLUMNS = ["date", "weekday", "time", "venue", "case_number", "matter", "petitioner", "status_label"]


def _write(body: bytes | str, output: str) -> None:
    data = body.encode("utf-8") if isinstance(body, str) else body
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    click.echo(f"wrote {path} ({len(data)} bytes)", err=True)


@click.command("documents")
@click.argument("case_id", type=int)
@click.argument("kind", type=click.Choice(["notice", "announcement", "record", "report"]))
@click.option("--participant", type=int, help="Participant number of the party a notice is for (notice only).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True)
@click.option("--output", "-o", required=True, help="File to write, or - for standard output.")
@pass_state
def documents(state: CliState, case_id: int, kind: str, participant: int | None, fmt: str, output: str) -> None:
    """Render a hearing document: notice (听证通知书, per party), announcement (听证公告),
    record (听证笔录) or report (听证报告). Names of private persons are masked unless the acting
    user holds personal_data.read."""
    from hearing_core.hearings.documents.service import render_document

    _write(run_as(state, lambda ctx: render_document(ctx, case_id, kind, fmt, participant=participant)), output)


@click.command("docket")
@click.option("--date", "day", type=DATE, required=True, help="The day (YYYY-MM-DD).")
@click.option("--venue", help="Only this venue.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "csv", "html"]), default="pdf", show_default=True)
@click.option("--output", "-o", required=True, help="File to write, or - for standard output.")
@pass_state
def docket(state: CliState, day: dt.datetime, venue: str | None, fmt: str, output: str) -> None:
    """The day's hearing docket (听证日程表): PDF for print, CSV (UTF-8 with BOM) for Excel."""
    from hearing_core.hearings.documents.service import docket as make_docket

    _write(run_as(state, lambda ctx: make_docket(ctx, day.date(), venue=venue, fmt=fmt)), output)


@click.command("sittings")
@click.option("--from", "date_from", type=DATE, required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DATE, required=True, help="Last day (YYYY-MM-DD).")
@click.option("--venue", help="Only this venue.")
@click.option("--officer", help="Group by panel member: a username, or * for every member.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def sittings(
    state: CliState, date_from: dt.datetime, date_to: dt.datetime, venue: str | None, officer: str | None,
    as_json: bool,
) -> None:
    """Hearing sittings by day in a date range, per venue or per panel member with --officer (听证日历)."""
    from hearing_core.hearings.documents.service import sittings as make_sittings

    if venue and officer:
        raise click.UsageError("give --venue or --officer, not both")
    data = run_as(state, lambda ctx: make_sittings(ctx, date_from.date(), date_to.date(), venue=venue,
                                                   officer=officer))
    if as_json:
        echo_json(data)
        return
    groups: list[tuple[str, list[dict[str, Any]]]] = (
        [(v["venue"], v["days"]) for v in data["venues"]] if data["by"] == "venue"
        else [(f"{o['name']} (#{o['person_id']})", o["days"]) for o in data["officers"]]
    )
    if not groups:
        click.echo("no hearings in this period")
    for title, days in groups:
        click.echo(f"== {title}")
        rows = [{**s, "weekday": d["weekday"]} for d in days for s in d["sittings"]]
        columns = CALENDAR_COLUMNS if data["by"] == "venue" else [*CALENDAR_COLUMNS[:3], "role_label",
                                                                   *CALENDAR_COLUMNS[3:]]
        echo_table(rows, columns)


def add_commands(group: click.Group) -> None:
    """Add ``documents``, ``docket`` and ``sittings`` to the ``hearing hearings`` group."""
    for command in (documents, docket, sittings):
        group.add_command(command)
