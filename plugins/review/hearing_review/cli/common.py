"""Shared options and printers of ``hearing reviews`` (light: no piccolo, no litestar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import click
from hearing_cli.output import echo_json, echo_record, echo_table
from hearing_cli.runtime import CliState, run_as

__all__ = ["DATE", "LIST_COLUMNS", "day", "json_option", "print_application", "required", "run_application"]

F = TypeVar("F", bound=Callable[..., Any])
DATE = click.DateTime(["%Y-%m-%d"])
LIST_COLUMNS = ["ref", "kind", "matter_ref", "challenged_ref", "applicant", "received_on", "state", "outcome",
                "refused_ground"]
CLOCK_COLUMNS = ["clock", "rule_id", "start_date", "due", "status", "days_remaining", "paused_days"]


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Output JSON.")(f)


def day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def required(value: dt.datetime) -> dt.date:
    """A required date option's value as a date."""
    return value.date()


def print_application(data: dict[str, Any], *, as_json: bool) -> None:
    """An application as JSON, or as a record, its failed grounds and its clocks."""
    if as_json:
        echo_json(data)
        return
    c, d = data["challenged"], data["decision"]
    record = {
        "ref": data["ref"], "kind": f"{data['kind']} ({data['kind_label']})",
        "state": f"{data['state']} ({data['state_label']})", "matter_ref": data["matter_ref"],
        "challenged": f"{c['label']} {c['ref']} of {c['organ_name']}, served {c['served_on'] or '-'}",
        "applicant": data["applicant"]["name"], "receiving_organ": data["receiving_organ_name"],
        "received_on": data["received_on"],
        "outcome": f"{d['outcome']} ({d['outcome_label']}) on {d['decided_on']}" if d else None,
        "served_on": data["served_on"], "allowed_actions": data["allowed_actions"], "version": data["version"],
    }
    echo_record(record)
    failed = [r for r in data["checklist"] or [] if not r["passed"]]
    if data["checklist"] is not None:
        click.echo("")
        if failed:
            click.echo("admissibility: not admissible")
            for r in failed:
                rule = f" [{r['rule']}]" if r["rule"] else ""
                click.echo(f"  - {r['ground']} ({r['label']}){rule}: {r['detail']}")
        else:
            click.echo(f"admissibility: every ground passed ({len(data['checklist'])} checked)")
    if data["pauses"]:
        click.echo("")
        echo_table([{**p, "hearing_case": f"#{p['hearing_case']}" if p["hearing_case"] else "",
                     "start": p["start"] or "(not yet sat)"} for p in data["pauses"]],
                   ["kind", "start", "end", "hearing_case", "note"])
    if data["deadlines"]:
        click.echo("")
        echo_table(data["deadlines"], CLOCK_COLUMNS)


def run_application(state: CliState, as_json: bool, work: Callable[[Any], Awaitable[dict[str, Any]]]) -> None:
    """Run a service returning an application view and print it."""
    print_application(run_as(state, work), as_json=as_json)
