"""``hearing reception notice publish|render|status`` (接访公示)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["add_notice_commands"]

NOTICE_COLUMNS = ["reception_id", "date", "place", "notice_due", "published_on", "status_zh"]
DATE = click.DateTime(formats=["%Y-%m-%d"])


def add_notice_commands(group: click.Group) -> None:
    @group.group()
    def notice() -> None:
        """Public notices of receptions (接访公示): at least N days ahead (profile rule reception.notice)."""

    @notice.command("publish")
    @click.argument("reception_ids", type=int, nargs=-1, required=True)
    @click.option("--on", "published_on", type=DATE, help="Day of publication (default: today).")
    @click.option("--channel", "channels", multiple=True, help="Where it was published (repeat); default from config.")
    @click.option("--doc-number", default="", help="Document number (文号), if any.")
    @click.option("--json", "as_json", is_flag=True, help="Output JSON.")
    @pass_state
    def publish(state: CliState, reception_ids: tuple[int, ...], published_on: dt.datetime | None,
                channels: tuple[str, ...], doc_number: str, as_json: bool) -> None:
        """Record that the notice of RECEPTION_IDS was published; a late one is flagged."""
        from hearing_reception.services.notices import publish_notice

        on = published_on.date() if published_on else None
        found = run_as(state, lambda ctx: publish_notice(ctx, list(reception_ids), published_on=on,
                                                         channels=list(channels) or None, doc_number=doc_number))
        emit(found, as_json=as_json, columns=NOTICE_COLUMNS)

    @notice.command("render")
    @click.argument("reception_ids", type=int, nargs=-1, required=True)
    @click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the HTML here.")
    @click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the PDF here.")
    @click.option("--doc-number", default="", help="Document number (文号), if any.")
    @pass_state
    def render(state: CliState, reception_ids: tuple[int, ...], html_path: Path | None, pdf_path: Path | None,
               doc_number: str) -> None:
        """Write the notice (领导接访公示) of RECEPTION_IDS as HTML and/or PDF."""
        from hearing_reception.services.notices import notice_document

        if html_path is None and pdf_path is None:
            raise click.UsageError("give --html FILE, --pdf FILE or both")

        async def work(ctx: Any) -> list[tuple[Path, str | bytes]]:
            out: list[tuple[Path, str | bytes]] = []
            if html_path is not None:
                out.append((html_path, await notice_document(ctx, list(reception_ids), "html", doc_number=doc_number)))
            if pdf_path is not None:
                out.append((pdf_path, await notice_document(ctx, list(reception_ids), "pdf", doc_number=doc_number)))
            return out

        for path, body in run_as(state, work):
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
            click.echo(f"wrote {path}")

    @notice.command("status")
    @click.option("--from", "start", type=DATE, required=True)
    @click.option("--to", "end", type=DATE, required=True)
    @click.option("--flagged", is_flag=True, help="Only late notices and receptions past their notice day without one.")
    @click.option("--json", "as_json", is_flag=True, help="Output JSON.")
    @pass_state
    def status(state: CliState, start: dt.datetime, end: dt.datetime, flagged: bool, as_json: bool) -> None:
        """Notice status of each reception: on time, late, pending, overdue."""
        from hearing_reception.services.notices import notice_statuses

        found = run_as(state, lambda ctx: notice_statuses(ctx, start.date(), end.date(), flagged_only=flagged))
        emit(found, as_json=as_json, columns=NOTICE_COLUMNS)
