"""``hearing report``: the annual report (年度报告), drill-down, snapshots.

Thin commands over :mod:`.service`, :mod:`.drill` and :mod:`.snapshots`; heavy
modules are imported inside the commands (``hearing --help`` imports this one).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from hearing_cli.output import echo_json, emit
from hearing_cli.runtime import CliState, pass_state, run_as

if TYPE_CHECKING:
    from hearing_core.petitions.domain.statistics import PreviousYear

__all__ = ["add_commands", "report"]

FORMATS = click.Choice(["json", "md", "html", "pdf"])
SNAPSHOT_COLUMNS = ["id", "year", "period_start", "period_end", "sha256", "frozen_by", "frozen_at", "note"]


def _published(accepted: int | None, distinct: int | None) -> PreviousYear | None:
    from hearing_core.petitions.domain.statistics import PreviousYear

    if accepted is None and distinct is None:
        return None
    if accepted is None or distinct is None:
        raise click.UsageError("give both --previous-accepted and --previous-distinct")
    return PreviousYear(accepted, distinct)


def _write(body: bytes, output: str | None, fmt: str) -> None:
    if output:
        Path(output).write_bytes(body)
        click.echo(f"wrote {output} ({len(body)} bytes)", err=True)
    elif fmt == "pdf":
        raise click.UsageError("a PDF needs --output FILE")
    else:
        click.echo(body.decode("utf-8"), nl=False)


@click.group()
def report() -> None:
    """Annual statistics report (年度报告): figures, exports, drill-down, snapshots."""


@report.command()
@click.option("--year", type=int, required=True, help="Statistical year, e.g. 2023.")
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE (required for pdf).")
@click.option(
    "--previous-accepted", type=int, help="Last year's published accepted items (去年受理的总件数)."
)
@click.option("--previous-distinct", type=int, help="Last year's published distinct matters (去年纯件数).")
@pass_state
def annual(
    state: CliState,
    year: int,
    fmt: str,
    output: str | None,
    previous_accepted: int | None,
    previous_distinct: int | None,
) -> None:
    """The annual report of YEAR as JSON, Markdown, HTML or PDF (exports are audited)."""
    from hearing_core.reports.service import export_report

    published = _published(previous_accepted, previous_distinct)
    export = run_as(state, lambda ctx: export_report(ctx, year, fmt, published_previous=published))
    _write(export.body, output, fmt)


@report.command()
@click.option("--year", type=int, required=True)
@click.option("--figure", required=True, help="total, letters, accepted, repeat, distinct_matters, backlog, "
              "by_category:<code>, month:<1-12> … (see docs/report.md)")  # fmt: skip
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@click.option("--all", "all_pages", is_flag=True, help="Every page.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def drill(
    state: CliState, year: int, figure: str, page: int, per_page: int, all_pages: bool, as_json: bool
) -> None:
    """The items (or matters) behind one FIGURE of the report (下钻)."""
    from hearing_core.reports.drill import drill as do_drill

    async def work(ctx: Any) -> dict[str, Any]:
        if not all_pages:
            return await do_drill(ctx, year, figure, page=page, per_page=per_page)
        first = await do_drill(ctx, year, figure, page=1, per_page=200)
        for n in range(2, (first["total"] + 199) // 200 + 1):
            first["items"] += (await do_drill(ctx, year, figure, page=n, per_page=200))["items"]
        first["per_page"] = len(first["items"])
        return first

    result = run_as(state, work)
    if as_json:
        echo_json(result)
        return
    shown = f"{result['total']} {result['unit']}"
    if result["persons"] is not None:
        shown += f", {result['persons']} persons"
    click.echo(f"{year} {figure}: {shown} (page {result['page']})")
    columns = (["matter_ref", "items", "first_received_on", "last_received_on", "category_top", "backlog"]
               if result["unit"] == "matters" else
               ["ref", "received_on", "channel", "persons", "status", "matter_ref", "category_top"])  # fmt: skip
    emit(result["items"], as_json=False, columns=columns)


@report.command()
@click.option("--year", type=int, required=True)
@click.option("--note", default="", help="Why it was frozen, e.g. 报市信访局.")
@click.option("--previous-accepted", type=int)
@click.option("--previous-distinct", type=int)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def freeze(
    state: CliState,
    year: int,
    note: str,
    previous_accepted: int | None,
    previous_distinct: int | None,
    as_json: bool,
) -> None:
    """Freeze the report of YEAR as a dated snapshot with its SHA-256 (冻结)."""
    from hearing_core.reports.snapshots import freeze as do_freeze

    published = _published(previous_accepted, previous_distinct)
    snap = run_as(state, lambda ctx: do_freeze(ctx, year, note=note, published_previous=published))
    if as_json:
        echo_json(snap)
    else:
        emit({k: v for k, v in snap.items() if k != "report"}, as_json=False, columns=SNAPSHOT_COLUMNS)


@report.command()
@click.option("--year", type=int, help="Only this year.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def snapshots(state: CliState, year: int | None, as_json: bool) -> None:
    """Frozen snapshots, newest first."""
    from hearing_core.reports.snapshots import list_snapshots

    emit(run_as(state, lambda ctx: list_snapshots(ctx, year=year)), as_json=as_json, columns=SNAPSHOT_COLUMNS)


@report.command("show-snapshot")
@click.argument("snapshot_id", type=int)
@click.option("--verify", is_flag=True, help="Check the hash and recompute the report from the register.")
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False))
@pass_state
def show_snapshot(state: CliState, snapshot_id: int, verify: bool, fmt: str, output: str | None) -> None:
    """Show (or render) snapshot SNAPSHOT_ID; --verify exits 1 if it was altered."""
    import json

    from hearing_core.reports import service
    from hearing_core.reports import snapshots as snaps

    async def work(ctx: Any) -> tuple[dict[str, Any], bytes | None]:
        snap = await snaps.get_snapshot(ctx, snapshot_id)
        if verify:
            snap["verification"] = await snaps.verify_snapshot(ctx, snapshot_id)
        if fmt == "json":
            return snap, None
        export = await service.render(ctx.app, snap["report"], fmt)
        await service.audit_export(ctx, snap["report"], fmt, snapshot_id=snapshot_id)
        return snap, export.body

    snap, body = run_as(state, work)
    if body is not None:
        _write(body, output, fmt)
    elif output:
        _write(json.dumps(snap, ensure_ascii=False, indent=2).encode("utf-8"), output, fmt)
    else:
        echo_json(snap)
    check = snap.get("verification")
    if check is not None:
        verdict = "intact" if check["intact"] else "ALTERED: stored content does not match its hash"
        click.echo(
            f"snapshot {snapshot_id}: {verdict}; reproducible from the register: {check['reproducible']}",
            err=True,
        )
        if not check["intact"]:
            raise SystemExit(1)


def add_commands(cli: click.Group) -> None:
    cli.add_command(report)
