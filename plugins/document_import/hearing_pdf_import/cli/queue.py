"""``hearing documents queue [show|fix|confirm|discard]``: the review queue of registration forms."""

from __future__ import annotations

from typing import Any

import click
from hearing_cli.output import echo_json, echo_record, echo_table
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["queue"]

QUEUE_COLUMNS = ["id", "document_id", "document_name", "state", "item_ref", "problems", "created_at"]
json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")
version_option = click.option("--version", type=int, help="Fail if the form changed since you read this version.")


def _print_entry(entry: dict[str, Any], as_json: bool) -> None:
    if as_json:
        echo_json(entry)
        return
    echo_record({k: v for k, v in entry.items() if k not in ("fields", "errors")})
    rows = [
        {"field": name, "value": f.get("value"), "source": f.get("source"), "page": f.get("page"),
         "label": f.get("label"), "valid": f.get("valid")}
        for name, f in entry["fields"].items()
    ]
    click.echo("")
    echo_table(rows, ["field", "value", "valid", "source", "page", "label"])
    if entry["errors"]:
        click.echo("problems:")
        for error in entry["errors"]:
            click.echo(f"  {error['field']}: {error['message']}")


@click.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Every form read, not only those waiting.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@json_option
@pass_state
@click.pass_context
def queue(click_ctx: click.Context, state: CliState, show_all: bool, page: int, per_page: int, as_json: bool) -> None:
    """Registration forms waiting for review (登记表待核); subcommands correct and confirm them."""
    if click_ctx.invoked_subcommand is not None:
        return
    from hearing_pdf_import.services import list_queue

    data = run_as(state, lambda ctx: list_queue(ctx, state=None if show_all else "pending", page=page,
                                                per_page=per_page))
    if as_json:
        echo_json(data)
        return
    rows = [{**e, "problems": "; ".join(f"{x['field']}: {x['message']}" for x in e["errors"])} for e in data["items"]]
    echo_table(rows, QUEUE_COLUMNS)


@queue.command("show")
@click.argument("form_id", type=int)
@json_option
@pass_state
def show(state: CliState, form_id: int, as_json: bool) -> None:
    """One form: every field with the page it came from, and the problems."""
    from hearing_pdf_import.services import get_entry

    _print_entry(run_as(state, lambda ctx: get_entry(ctx, form_id)), as_json)


@queue.command("fix")
@click.argument("form_id", type=int)
@click.argument("assignments", nargs=-1, required=True, metavar="FIELD=VALUE...")
@version_option
@json_option
@pass_state
def fix(state: CliState, form_id: int, assignments: tuple[str, ...], version: int | None, as_json: bool) -> None:
    """Correct fields, e.g. `fix 3 id_number=440305198001011235 category=土地征收` (FIELD= clears one)."""
    from hearing_pdf_import.services import fix_entry

    changes: dict[str, str] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected FIELD=VALUE, got {assignment!r}", param_hint="FIELD=VALUE")
        changes[name.strip()] = value
    _print_entry(run_as(state, lambda ctx: fix_entry(ctx, form_id, changes, version=version)), as_json)


@queue.command("confirm")
@click.argument("form_id", type=int)
@click.option("--matter", "matter_ref", help="Register the item into this matter (信访事项).")
@click.option("--new-matter", is_flag=True, default=None, help="Open a new matter for the item.")
@version_option
@json_option
@pass_state
def confirm(state: CliState, form_id: int, matter_ref: str | None, new_matter: bool | None, version: int | None,
            as_json: bool) -> None:
    """Register the petition item of a corrected form (确认登记)."""
    from hearing_pdf_import.services import confirm_entry

    entry = run_as(state, lambda ctx: confirm_entry(ctx, form_id, version=version, matter_ref=matter_ref,
                                                    new_matter=new_matter))
    if as_json:
        echo_json(entry)
    else:
        click.echo(f"registered {entry['item_ref']} from form {entry['id']}")


@queue.command("discard")
@click.argument("form_id", type=int)
@click.option("--reason", required=True, help="Why the form is set aside.")
@version_option
@json_option
@pass_state
def discard(state: CliState, form_id: int, reason: str, version: int | None, as_json: bool) -> None:
    """Set a form aside (作废); its document stays."""
    from hearing_pdf_import.services import discard_entry

    _print_entry(run_as(state, lambda ctx: discard_entry(ctx, form_id, reason, version=version)), as_json)
