"""Shared option types and printers of the register's commands (light: no piccolo, no litestar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click
from hearing_cli.output import echo_json, echo_table, emit

__all__ = ["DATE", "as_date", "json_option", "person", "print_item", "print_rows"]

F = TypeVar("F", bound=Callable[..., Any])
DATE = click.DateTime(["%Y-%m-%d"])
ITEM_COLUMNS = ["ref", "received_on", "channel", "persons", "category", "status", "matter_ref", "petitioner",
                "id_number", "overdue", "summary"]
DEADLINE_COLUMNS = ["rule_id", "title", "start_event", "start_date", "due", "status", "days_remaining", "completed_on"]


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Output JSON.")(f)


def as_date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def person(text: str) -> dict[str, Any]:
    """``NAME[;ID NUMBER[;PHONE[;ADDRESS]]]`` → a petitioner mapping."""
    parts = [p.strip() for p in text.split(";")]
    keys = ["name", "id_number", "phone", "address"]
    if len(parts) > len(keys):
        raise click.BadParameter(f"{text!r}: expected NAME;ID;PHONE;ADDRESS (at most 4 parts)")
    return {k: (v or None) for k, v in zip(keys, parts, strict=False)} | {"name": parts[0]}


def print_item(data: dict[str, Any], *, as_json: bool) -> None:
    """An item as JSON, or as a record followed by its deadlines."""
    if as_json:
        echo_json(data)
        return
    people = "; ".join(
        " ".join(v for v in (p["name"], p.get("id_number"), p.get("phone")) if v) for p in data["petitioners"]
    )
    record = {
        "ref": data["ref"],
        "received_on": data["received_on"],
        "channel": f"{data['channel']} ({data['channel_label']})",
        "persons": data["persons"],
        "collective": data["collective"],
        "category": data["category"],
        "matter_ref": data["matter_ref"],
        "petitioners": people,
        "summary": data["summary"],
        "status": data["status"],
        "allowed_actions": data["allowed_actions"],
        "overdue": data["overdue"],
        "version": data["version"],
    }
    emit(record, as_json=False)
    if data.get("deadlines"):
        click.echo("")
        echo_table(data["deadlines"], DEADLINE_COLUMNS)
        for clock in data["deadlines"]:
            if clock["status"] == "unavailable" and clock.get("note"):  # why, and what the bureau can do
                click.echo(f"{clock['rule_id']}: {clock['note']}")


def print_rows(rows: list[dict[str, Any]], columns: list[str], *, as_json: bool, total: int | None = None) -> None:
    if as_json:
        echo_json(rows)
        return
    echo_table(rows, columns)
    if total is not None and total > len(rows):
        click.echo(f"({len(rows)} of {total}; use --page/--per-page)")
