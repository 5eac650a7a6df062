"""``hearing petitions``: register, list, show, import, disposition actions, evaluate, suggest-repeats."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import click
from hearing_cli.output import echo_json, echo_table
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_core.petitions.cli.common import (
    DATE,
    ITEM_COLUMNS,
    as_date,
    json_option,
    person,
    print_item,
    print_rows,
)

__all__ = ["petitions"]

SUGGESTION_COLUMNS = ["ref", "matter_ref", "score", "reasons"]


@click.group()
def petitions() -> None:
    """Petition items (信访件): register, list, dispose, import."""


def draft_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options describing an item, shared by ``register`` and ``suggest-repeats``."""
    options = [
        click.option("--ref", default="", help="Item number (default: next XF-<year>-<nnnnn>)."),
        click.option("--received-on", type=DATE, help="Date received (default: today)."),
        click.option("--channel", help="letter/来信, visit/来访, phone, online, fax, email, leader_mailbox, …"),
        click.option("--persons", type=int, default=1, show_default=True, help="Persons (人次) of a visit batch."),
        click.option("--petitioner", "petitioners", multiple=True, metavar="NAME;ID;PHONE;ADDRESS",
                     help="A petitioner (repeat for several); ID, phone and address optional."),
        click.option("--signatory", "signatories", multiple=True, metavar="NAME;ID;PHONE;ADDRESS",
                     help="A joint-letter signatory (联名人)."),
        click.option("--category", help="Category code, name or alias (e.g. 土地征收)."),
        click.option("--purpose", help="accusation, grievance, suggestion, consultation, other."),
        click.option("--source", help="own_intake (default), higher_transfer, leader_mailbox, hotline, …"),
        click.option("--summary", default="", help="Main content (主要内容)."),
        click.option("--request", "request_text", default="", help="The petitioner's request (诉求)."),
        click.option("--matter", "matter_ref", help="Join this matter (事项编号)."),
        click.option("--anonymous", is_flag=True, help="Anonymous item (匿名)."),
        click.option("--level-skipping", is_flag=True, help="Level-skipping visit (越级访)."),
        click.option("--litigation-related", is_flag=True, help="Litigation-related (涉法涉诉)."),
        click.option("--abnormal", "abnormal_reason", help="Abnormal petitioning (非正常访) with its reason code."),
        click.option("--national-no", help="Number in the national petition information system."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def draft_data(o: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ref": o["ref"], "channel": o["channel"], "persons": o["persons"], "summary": o["summary"],
        "request": o["request_text"], "petitioners": [person(p) for p in o["petitioners"]],
        "signatories": [person(p) for p in o["signatories"]], "category": o["category"], "purpose": o["purpose"],
        "source": o["source"], "matter_ref": o["matter_ref"], "anonymous": o["anonymous"],
        "level_skipping": o["level_skipping"], "litigation_related": o["litigation_related"],
        "abnormal": bool(o["abnormal_reason"]), "abnormal_reason": o["abnormal_reason"],
        "national_system_no": o["national_no"],
    }
    if o["received_on"] is not None:
        data["received_on"] = o["received_on"].date()
    return data


def _print_suggestions(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("no likely repeats found")
        return
    click.echo("possible repeats (confirm with `hearing matters link MATTER REF`):")
    echo_table(rows, SUGGESTION_COLUMNS)


@petitions.command()
@draft_options
@click.option("--new-matter", is_flag=True, help="Open a new matter (--matter, or M-<item ref>).")
@click.option("--matter-title", default="", help="Title of the new matter (default: the summary).")
@click.option("--dry-run", is_flag=True, help="Only show likely repeats of this draft; register nothing.")
@json_option
@pass_state
def register(state: CliState, new_matter: bool, matter_title: str, dry_run: bool, as_json: bool, **o: Any) -> None:
    """Register a petition item (登记) and show likely repeats of it."""
    from hearing_core.petitions import service
    from hearing_core.petitions.service.inputs import item_from_data

    async def work(ctx: Any) -> Any:
        item = item_from_data(draft_data(o), today=ctx.today())
        if dry_run:
            return None, await service.suggest_for_draft(ctx, item)
        record = await service.register_item(ctx, item, create_matter=new_matter, matter_title=matter_title)
        return record, await service.suggest_for_item(ctx, record.ref)

    record, suggestions = run_as(state, work)
    if as_json:
        echo_json(suggestions if record is None else {**record.as_dict(), "repeat_suggestions": suggestions})
        return
    if record is not None:
        click.echo(f"registered {record.ref}" + (f" in matter {record.matter_ref}" if record.matter_ref else ""))
    _print_suggestions(suggestions)


@petitions.command("suggest-repeats")
@click.argument("ref", required=False)
@draft_options
@json_option
@pass_state
def suggest_repeats(state: CliState, ref: str | None, as_json: bool, **o: Any) -> None:
    """Likely repeats (重信重访) of item REF, or of a draft described by the options."""
    from hearing_core.petitions import service
    from hearing_core.petitions.service.inputs import item_from_data

    async def work(ctx: Any) -> list[dict[str, Any]]:
        if ref:
            return await service.suggest_for_item(ctx, ref)
        return await service.suggest_for_draft(ctx, item_from_data(draft_data(o), today=ctx.today()))

    rows = run_as(state, work)
    echo_json(rows) if as_json else _print_suggestions(rows)


@petitions.command("list")
@click.option("--year", type=int)
@click.option("--from", "date_from", type=DATE, help="Received on or after.")
@click.option("--to", "date_to", type=DATE, help="Received on or before.")
@click.option("--channel")
@click.option("--status", help="registered, accepted, not_accepted, transferred, assigned, opinion_issued, …")
@click.option("--category")
@click.option("--matter", "matter_ref")
@click.option("--overdue/--not-overdue", default=None, help="Only items with (without) an overdue clock.")
@click.option("-q", "--search", "q", help="Text in ref, summary, request or a petitioner's name.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@json_option
@pass_state
def list_items(state: CliState, as_json: bool, page: int, per_page: int, **f: Any) -> None:
    """List items, newest first (ID numbers and phones masked; `show` one item to see them)."""
    from hearing_core.petitions import service

    filters = service.ItemFilter(year=f["year"], date_from=as_date(f["date_from"]), date_to=as_date(f["date_to"]),
                                 channel=f["channel"], status=f["status"], category=f["category"],
                                 matter_ref=f["matter_ref"], overdue=f["overdue"], q=f["q"])
    result = run_as(state, lambda ctx: service.list_items(ctx, filters, page, per_page))
    if as_json:
        echo_json(result.as_dict())
        return
    print_rows([r.row() for r in result.items], ITEM_COLUMNS, as_json=False, total=result.total)


@petitions.command()
@click.argument("ref")
@json_option
@pass_state
def show(state: CliState, ref: str, as_json: bool) -> None:
    """Show item REF with its disposition and deadlines."""
    from hearing_core.petitions import service

    print_item(run_as(state, lambda ctx: service.get_item(ctx, ref)).as_dict(), as_json=as_json)


@petitions.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx"]), help="Default: from the file name.")
@json_option
@pass_state
def import_register(state: CliState, file: str, fmt: str | None, as_json: bool) -> None:
    """Import a register FILE (JSON Lines, CSV, XLSX): all rows or none, idempotent by ref."""
    from hearing_core.errors import ValidationFailed
    from hearing_core.petitions.service.importer import import_file

    try:
        result = run_as(state, lambda ctx: import_file(ctx, file, fmt=fmt))
    except ValidationFailed as exc:
        # Every problem on its own line: staff fix the whole file in one go.
        click.echo(f"error: {exc.detail}", err=True)
        for e in exc.errors:
            click.echo((f"line {e.line}: " if e.line is not None else "") + f"{e.field}: {e.message}", err=True)
        sys.exit(1)
    if as_json:
        echo_json(result.as_dict())
        return
    click.echo(f"imported {file}: {result.created} created, {result.skipped_existing} already present "
               f"(of {result.rows} rows, {result.matters_created} new matters) in {result.seconds:.1f} s")


def _action(name: str, help_text: str, options: list[Any], call: Callable[..., Any]) -> None:
    """Add ``hearing petitions NAME REF [options]`` calling a disposition service."""

    @click.argument("ref")
    @click.option("--version", "version", type=int, help="Fail (409) unless the item still has this version.")
    @json_option
    @pass_state
    def command(state: CliState, ref: str, version: int | None, as_json: bool, **o: Any) -> None:
        values = {k: (v.date() if isinstance(v, dt.datetime) else v) for k, v in o.items()}
        record = run_as(state, lambda ctx: call(ctx, ref, version=version, **values))
        if as_json:
            echo_json(record.as_dict())
        else:
            click.echo(f"{record.ref}: {record.status} (version {record.version}); "
                       f"next: {', '.join(record.disposition.allowed_actions()) or 'none'}")

    for option in reversed(options):
        command = option(command)
    petitions.command(name, help=help_text)(command)


def _register_actions() -> None:
    from hearing_core.petitions.cli import actions

    for name, help_text, options, call in actions.ACTIONS:
        _action(name, help_text, options, call)


_register_actions()


@petitions.command()
@click.argument("ref")
@click.option("--grade", required=True, help="satisfied/满意, basically_satisfied/基本满意, not_satisfied/不满意.")
@click.option("--on", type=DATE, help="Date of the rating (default: today).")
@click.option("--comment", default="")
@click.option("--matter", "is_matter", is_flag=True, help="REF is a matter: rate its latest concluded item.")
@json_option
@pass_state
def evaluate(state: CliState, ref: str, grade: str, on: dt.datetime | None, comment: str, is_matter: bool,
             as_json: bool) -> None:
    """Record the petitioner's satisfaction rating (满意度评价) of concluded item REF."""
    from hearing_core.petitions.service import satisfaction

    call = satisfaction.evaluate_matter if is_matter else satisfaction.evaluate_item
    result = run_as(state, lambda ctx: call(ctx, ref, grade, on=as_date(on), comment=comment))
    if as_json:
        echo_json(result)
    else:
        click.echo(f"{result['ref']}: rated {result['grade_label']} on {result['evaluated_on']}")
