"""``hearing reviews organs|matter|terminate|followup|report``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import click
from hearing_cli.output import echo_json, echo_record, echo_table, emit
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_review.cli.common import DATE, LIST_COLUMNS, day, json_option

__all__ = ["add_matter_commands"]

ORGAN_COLUMNS = ["code", "name", "level", "parent", "alt_parent"]


def add_matter_commands(group: click.Group) -> None:  # noqa: C901 - one closure per command
    @group.group()
    def organs() -> None:
        """The organ table (机关层级): who is the next-higher organ of whom."""

    @organs.command("list")
    @json_option
    @pass_state
    def organs_list(state: CliState, as_json: bool) -> None:
        """Organs with their level and next-higher organ(s)."""
        from hearing_review.services import list_organs

        emit(run_as(state, list_organs), as_json=as_json, columns=ORGAN_COLUMNS)

    @organs.command("load")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @json_option
    @pass_state
    def organs_load(state: CliState, path: Path, as_json: bool) -> None:
        """Add or update organs from a TOML file of ``[[organ]]`` tables (code, name, level, parent, alt_parent)."""
        from hearing_review.services import load_organs

        try:
            entries = tomllib.loads(path.read_text(encoding="utf-8")).get("organ", [])
        except tomllib.TOMLDecodeError as exc:
            raise click.ClickException(f"{path}: {exc}") from None
        emit(run_as(state, lambda ctx: load_organs(ctx, entries)), as_json=as_json)

    @group.command()
    @click.argument("matter_ref")
    @json_option
    @pass_state
    def matter(state: CliState, matter_ref: str, as_json: bool) -> None:
        """A matter's review track: termination (终结), applications and follow-ups."""
        from hearing_review.services import matter_status

        data = run_as(state, lambda ctx: matter_status(ctx, matter_ref))
        if as_json:
            echo_json(data)
            return
        t = data["termination"]
        click.echo(f"matter {data['matter_ref']}: " + (f"terminated on {t['terminated_on']} ({t['reason']})"
                                                        if t else "not terminated"))
        if t:
            click.echo(t["message"])
        click.echo("")
        echo_table(data["applications"], LIST_COLUMNS)
        if data["followups"]:
            click.echo("")
            echo_table(data["followups"], ["on", "kind", "staff", "contact", "note"])

    @group.command()
    @click.argument("matter_ref")
    @click.option("--reason", required=True, help="review_window_lapsed, rereview_window_lapsed, statutory_route, "
                  "certified_concluded, verification_completed (Guangdong).")
    @click.option("--on", type=DATE, help="Date of termination (lapses: computed).")
    @click.option("--basis", "basis_ref", help="The item or application the termination rests on.")
    @click.option("--note", default="", help="Which procedure, certification or verification (required for those).")
    @json_option
    @pass_state
    def terminate(state: CliState, matter_ref: str, reason: str, on: Any, basis_ref: str | None, note: str,
                  as_json: bool) -> None:
        """Terminate MATTER_REF (信访事项终结); the register then refuses new items on it."""
        from hearing_review.services import terminate as run

        data = run_as(state, lambda ctx: run(ctx, matter_ref, reason, on=day(on), basis_ref=basis_ref, note=note))
        if as_json:
            echo_json(data)
            return
        echo_record(data, ["matter_ref", "reason", "terminated_on", "basis_ref", "source"])
        click.echo(data["message"])

    @group.command()
    @click.argument("matter_ref")
    @click.option("--kind", required=True, help="persuasion/教育疏导, assistance/帮扶救助, visit/回访, other.")
    @click.option("--staff", required=True, help="Who did it.")
    @click.option("--note", required=True, help="What was done.")
    @click.option("--contact", default="", help="Whom they met.")
    @click.option("--on", type=DATE, help="Default: today.")
    @json_option
    @pass_state
    def followup(state: CliState, matter_ref: str, kind: str, staff: str, note: str, contact: str, on: Any,
                 as_json: bool) -> None:
        """Record follow-up work on a matter (not a petition item: allowed after termination)."""
        from hearing_review.services import add_followup

        emit(run_as(state, lambda ctx: add_followup(ctx, matter_ref, kind=kind, staff=staff, note=note, on=day(on),
                                                    contact=contact)), as_json=as_json)

    @group.command()
    @click.argument("year", type=int)
    @json_option
    @pass_state
    def report(state: CliState, year: int, as_json: bool) -> None:
        """The annual-report section (复查复核情况): figures as JSON, or its Chinese text."""
        from hearing_review.report import section_figures

        data = run_as(state, lambda ctx: section_figures(ctx, year))
        if as_json:
            echo_json(data)
        else:
            click.echo(data["markdown"])
