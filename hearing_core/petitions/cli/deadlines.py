"""``hearing deadlines due`` and item-aware ``hearing deadlines explain`` (added to the core group)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from hearing_cli.output import echo_json, echo_table
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_core.petitions.cli.common import json_option

__all__ = ["due", "explain_command"]

DUE_COLUMNS = ["due", "days_remaining", "status", "ref", "matter_ref", "rule_id", "title", "start_date"]


@click.command()
@click.option("--within", type=int, default=7, show_default=True, help="Days ahead (overdue clocks always shown).")
@json_option
@pass_state
def due(state: CliState, within: int, as_json: bool) -> None:
    """What falls due in the next N days, overdue included (computed now from each item's events)."""
    from hearing_core.petitions.service import deadlines

    rows = run_as(state, lambda ctx: deadlines.due(ctx, within))
    if as_json:
        echo_json(rows)
        return
    echo_table(rows, DUE_COLUMNS)
    overdue = sum(1 for r in rows if r["overdue"])
    click.echo(f"{len(rows)} clock(s) due within {within} day(s), {overdue} overdue")


def explain_command(original: click.Command) -> click.Command:
    """``explain`` for a rule and a start date (the core command) or for an item (``--item``)."""

    @click.command("explain")
    @click.argument("rule_id", required=False)
    @click.option("--item", "item_ref", help="Explain the clocks of this petition item instead.")
    @click.option("--rule", "rule_filter", help="With --item: only this clock (e.g. handling.deadline).")
    @click.option("--start", "start", type=click.DateTime(["%Y-%m-%d"]), help="Date of the start event.")
    @click.option("--profile", "profile_name", help="Profile to use (default: the one in force).")
    @click.option("--pause", "pauses", multiple=True, metavar="FROM:TO", help="Paused interval, e.g. 2025-03-01:2025-03-05.")
    @click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
    @json_option
    @click.pass_context
    def explain(ctx: click.Context, rule_id: str | None, item_ref: str | None, rule_filter: str | None,
                start: dt.datetime | None, profile_name: str | None, pauses: tuple[str, ...], lang: str,
                as_json: bool) -> None:
        """Explain a deadline step by step: RULE_ID --start DATE, or --item REF [--rule RULE]."""
        if item_ref is None:
            if rule_id is None or start is None:
                raise click.UsageError("give RULE_ID and --start DATE, or --item REF")
            ctx.invoke(original, rule_id=rule_id, start=start, profile_name=profile_name, pauses=pauses, lang=lang,
                       as_json=as_json)
            return
        _explain_item(ctx.find_object(CliState), item_ref, rule_filter or rule_id, lang, as_json)

    return explain


def _explain_item(state: Any, ref: str, rule: str | None, lang: str, as_json: bool) -> None:
    from hearing_core.petitions.service import deadlines

    clocks = run_as(state, lambda ctx: deadlines.explain_item(ctx, ref, rule))
    if as_json:
        echo_json([c.as_dict(explain=True) for c in clocks])
        return
    for i, clock in enumerate(clocks):
        if i:
            click.echo("")
        due = clock.due.isoformat() if clock.due else "—"
        click.echo(f"{ref} · {clock.rule_id} ({clock.title}): due {due}, {clock.status}")
        if clock.deadline is not None:
            click.echo(clock.deadline.explanation.to_text(lang))
        else:
            click.echo(clock.note or f"set by the assignment (交办) on {clock.start_date.isoformat()}")


