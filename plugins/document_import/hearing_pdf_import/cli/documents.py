"""``hearing documents import|import-form|show|list|attach``.

``import`` and ``import-form`` take files and folders (read recursively, hidden files
skipped), show a progress bar on stderr for a batch (not with ``--json``), print one
line per file and exit with status 1 if any file failed (the others are stored).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click
from click.termui import progressbar
from hearing_cli.output import echo_json, echo_table, emit
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["add_document_commands", "collect_files"]

RESULT_COLUMNS = ["id", "path", "sha256", "pages", "status", "error"]
FORM_COLUMNS = ["id", "path", "pages", "status", "form_id", "item_ref", "error"]
LIST_COLUMNS = ["id", "original_name", "pages", "status", "kind", "matter_ref", "hearing_id", "item_ref", "imported_at"]
json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))


def collect_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    """Files named, and the files inside folders named (recursively, sorted; hidden ones skipped)."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):  # does not follow links to folders: no loops
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


def _row(outcome: dict[str, Any]) -> dict[str, Any]:
    row = dict(outcome)
    error = outcome.get("error")
    if error:
        row["error"] = f"{error['code']}: {error['message']}"
    elif outcome.get("errors"):
        row["error"] = "; ".join(f"{e['field']}: {e['message']}" for e in outcome["errors"])
    return row


def _run_batch(state: CliState, paths: tuple[Path, ...], as_json: bool, columns: list[str],
               work: Callable[[Any, list[Any], Callable[[Any], None]], Awaitable[list[Any]]]) -> None:
    from hearing_pdf_import.services import Source

    sources = [Source(path=p, name=str(p)) for p in collect_files(paths)]
    if not sources:
        raise click.UsageError("no files found in the given folders")
    show_bar = not as_json and len(sources) > 1
    bar: Any = nullcontext()
    if show_bar:
        bar = progressbar(length=len(sources), label="importing", file=sys.stderr)
    with bar:
        def progress(_outcome: Any) -> None:
            if show_bar:
                bar.update(1)

        outcomes = run_as(state, lambda ctx: work(ctx, sources, progress))
    rows = [o.as_dict() for o in outcomes]
    if as_json:
        echo_json(rows)
    else:
        echo_table([_row(r) for r in rows], columns)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    click.echo(f"{len(rows)} file(s): {summary}", err=True)
    if counts.get("failed"):
        sys.exit(1)


def add_document_commands(group: click.Group) -> None:
    @group.command("import")
    @paths_argument
    @click.option("--matter", "matter_ref", help="Attach to this matter of the register (信访事项).")
    @click.option("--hearing", "hearing_id", type=int, help="Attach to this hearing case as evidence (举证).")
    @click.option("--party", type=int, help="With --hearing: participant number of the submitting party.")
    @json_option
    @pass_state
    def import_command(state: CliState, paths: tuple[Path, ...], matter_ref: str | None, hearing_id: int | None,
                       party: int | None, as_json: bool) -> None:
        """Import files and folders: text per page, tables, stored by SHA-256 (re-imports are `duplicate`)."""
        from hearing_pdf_import.services import Target, import_documents

        target = Target(matter_ref=matter_ref, hearing_id=hearing_id, party=party)
        _run_batch(state, paths, as_json, RESULT_COLUMNS,
                   lambda ctx, sources, progress: import_documents(ctx, sources, target=target, on_result=progress))

    @group.command("import-form")
    @paths_argument
    @click.option("--matter", "matter_ref", help="Register the items into this matter (信访事项).")
    @click.option("--new-matter", is_flag=True, help="Open a new matter for each item (or --matter if unknown).")
    @json_option
    @pass_state
    def import_form(state: CliState, paths: tuple[Path, ...], matter_ref: str | None, new_matter: bool,
                    as_json: bool) -> None:
        """Import registration forms (登记表): each becomes a petition item, or waits in the review queue."""
        from hearing_pdf_import.services import import_forms

        _run_batch(state, paths, as_json, FORM_COLUMNS, lambda ctx, sources, progress: import_forms(
            ctx, sources, matter_ref=matter_ref, new_matter=new_matter, on_result=progress))

    @group.command("show")
    @click.argument("document_id", type=int)
    @click.option("--text", "show_text", is_flag=True, help="Print the text page by page.")
    @click.option("--tables", "show_tables", is_flag=True, help="Print the tables.")
    @json_option
    @pass_state
    def show(state: CliState, document_id: int, show_text: bool, show_tables: bool, as_json: bool) -> None:
        """One document: its record, or its text (--text) or tables (--tables)."""
        from hearing_pdf_import import services

        if show_text:
            data = run_as(state, lambda ctx: services.document_text(ctx, document_id))
            if as_json:
                echo_json(data)
                return
            for page in data["pages"]:
                click.echo(f"--- 第{page['number']}页 (page {page['number']}) ---")
                click.echo(page["text"] if page["status"] == "ok" else f"[{page.get('note', page['status'])}]")
            return
        if show_tables:
            data = run_as(state, lambda ctx: services.document_tables(ctx, document_id))
            if as_json:
                echo_json(data)
                return
            for table in data["tables"]:
                click.echo(f"--- 第{table['page']}页 表{table['index']} (page {table['page']}, table {table['index']}) ---")
                _print_rows(table["rows"])
            if not data["tables"]:
                click.echo("(no tables)")
            return
        record = run_as(state, lambda ctx: services.get_document(ctx, document_id))
        emit(record if as_json else {k: v for k, v in record.items() if k != "page_list"}, as_json=as_json)
        if not as_json:
            echo_table(record["page_list"], ["number", "status", "ocr", "chars", "note"])

    @group.command("list")
    @click.option("-q", "q", help="Text to search for in the pages (全文检索).")
    @click.option("--matter", "matter_ref", help="Only documents attached to this matter.")
    @click.option("--hearing", "hearing_id", type=int, help="Only documents that are evidence in this hearing.")
    @click.option("--page", type=int, default=1, show_default=True)
    @click.option("--per-page", type=int, default=50, show_default=True)
    @json_option
    @pass_state
    def list_command(state: CliState, q: str | None, matter_ref: str | None, hearing_id: int | None, page: int,
                     per_page: int, as_json: bool) -> None:
        """Imported documents, newest first; -q keeps those whose text contains it."""
        from hearing_pdf_import.services import list_documents

        data = run_as(state, lambda ctx: list_documents(ctx, q=q, matter_ref=matter_ref, hearing_id=hearing_id,
                                                        page=page, per_page=per_page))
        if as_json:
            echo_json(data)
            return
        echo_table(data["items"], LIST_COLUMNS + (["matches", "snippet"] if q else []))
        click.echo(f"{data['total']} document(s); page {data['page']}", err=True)

    @group.command("attach")
    @click.argument("document_id", type=int)
    @click.option("--matter", "matter_ref", help="The matter of the register (信访事项).")
    @click.option("--hearing", "hearing_id", type=int, help="The hearing case (as evidence).")
    @click.option("--party", type=int, help="With --hearing: participant number of the submitting party.")
    @json_option
    @pass_state
    def attach(state: CliState, document_id: int, matter_ref: str | None, hearing_id: int | None,
               party: int | None, as_json: bool) -> None:
        """Attach an imported document to a matter, or to a hearing as a party's evidence."""
        from hearing_pdf_import.services import Target, attach_document

        target = Target(matter_ref=matter_ref, hearing_id=hearing_id, party=party)
        stored = run_as(state, lambda ctx: attach_document(ctx, document_id, target))
        emit(stored.as_dict(), as_json=as_json)


def _print_rows(rows: list[list[str]]) -> None:
    """A table's rows, cells separated by ' | ' (cells may hold CJK text of any width)."""
    for row in rows:
        click.echo(" | ".join(cell.replace("\n", " ") for cell in row))
