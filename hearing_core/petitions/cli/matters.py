"""``hearing matters`` (信访事项) and ``hearing backlog`` (积案台账)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from hearing_cli.output import echo_json, echo_table, emit
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_core.petitions.cli.common import DATE, ITEM_COLUMNS, as_date, json_option, print_rows

__all__ = ["backlog", "matters"]

MATTER_COLUMNS = ["ref", "title", "category", "item_count", "repeat_count", "on_backlog", "first_received_on",
                  "last_received_on"]
CASE_COLUMNS = ["matter_ref", "owning_leader", "responsible_unit", "responsible_person", "time_limit", "state",
                "overdue", "missing_progress_months"]


@click.group()
def matters() -> None:
    """Petition matters (信访事项): group an item with its repeats."""


@matters.command("list")
@click.option("-q", "--search", "q", help="Text in the ref or title.")
@click.option("--backlog/--no-backlog", "on_backlog", default=None, help="Only matters on (off) the backlog ledger.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@json_option
@pass_state
def list_matters(state: CliState, q: str | None, on_backlog: bool | None, page: int, per_page: int,
                 as_json: bool) -> None:
    """List matters, most recent first."""
    from hearing_core.petitions import service

    result = run_as(state, lambda ctx: service.list_matters(ctx, q=q, on_backlog=on_backlog, page=page,
                                                             per_page=per_page))
    rows = [m.as_dict(with_items=False) for m in result.items]
    if as_json:
        echo_json({"items": rows, "total": result.total, "page": result.page, "per_page": result.per_page})
    else:
        print_rows(rows, MATTER_COLUMNS, as_json=False, total=result.total)


@matters.command()
@click.argument("ref")
@json_option
@pass_state
def show(state: CliState, ref: str, as_json: bool) -> None:
    """Show matter REF with its items."""
    from hearing_core.petitions import service

    record = run_as(state, lambda ctx: service.get_matter(ctx, ref))
    if as_json:
        echo_json(record.as_dict())
        return
    emit(record.as_dict(with_items=False), as_json=False)
    click.echo("")
    echo_table([r.row() for r in record.items], ITEM_COLUMNS)


@matters.command()
@click.argument("ref")
@click.option("--title", default="", help="A short title, e.g. 某村征地补偿款.")
@click.option("--category", help="Category code, name or alias.")
@json_option
@pass_state
def create(state: CliState, ref: str, title: str, category: str | None, as_json: bool) -> None:
    """Open matter REF (立事项)."""
    from hearing_core.petitions import service

    record = run_as(state, lambda ctx: service.create_matter(ctx, ref, title, category))
    echo_json(record.as_dict()) if as_json else click.echo(f"created matter {record.ref}")


@matters.command()
@click.argument("matter_ref")
@click.argument("item_ref")
@json_option
@pass_state
def link(state: CliState, matter_ref: str, item_ref: str, as_json: bool) -> None:
    """Link item ITEM_REF to matter MATTER_REF (confirms a repeat suggestion)."""
    from hearing_core.petitions import service

    record = run_as(state, lambda ctx: service.link_item(ctx, matter_ref, item_ref))
    echo_json(record.as_dict()) if as_json else click.echo(f"{record.ref} is now part of matter {matter_ref}")


@matters.command()
@click.argument("item_ref")
@json_option
@pass_state
def unlink(state: CliState, item_ref: str, as_json: bool) -> None:
    """Take item ITEM_REF out of its matter."""
    from hearing_core.petitions import service

    record = run_as(state, lambda ctx: service.unlink_item(ctx, item_ref))
    echo_json(record.as_dict()) if as_json else click.echo(f"{record.ref} is no longer part of a matter")


@click.group()
def backlog() -> None:
    """The backlog ledger (积案台账): owning leader, plan, monthly progress, outcome."""


def _case(record: Any, as_json: bool) -> None:
    data = record.as_dict()
    if as_json:
        echo_json(data)
        return
    emit({k: v for k, v in data.items() if k != "progress"}, as_json=False)
    if data["progress"]:
        click.echo("")
        echo_table(data["progress"], ["month", "text", "recorded_on"])


@backlog.command()
@click.argument("matter_ref")
@click.option("--leader", "owning_leader", required=True, help="Owning leader (包案领导).")
@click.option("--unit", "responsible_unit", required=True, help="Responsible unit (责任单位).")
@click.option("--person", "responsible_person", required=True, help="Responsible person (责任人).")
@click.option("--time-limit", type=DATE, required=True, help="Time limit (化解时限).")
@click.option("--origin", default="county", show_default=True, help="provincial, municipal, county or other.")
@click.option("--listed-on", type=DATE, help="Default: today.")
@click.option("--plan", default="", help="The resolution plan (化解方案), adopted at once if given.")
@json_option
@pass_state
def add(state: CliState, matter_ref: str, time_limit: dt.datetime, listed_on: dt.datetime | None, as_json: bool,
        **o: Any) -> None:
    """Put matter MATTER_REF on the backlog ledger."""
    from hearing_core.petitions.service import backlog as svc

    record = run_as(state, lambda ctx: svc.add_case(ctx, matter_ref, time_limit=time_limit.date(),
                                                     listed_on=as_date(listed_on), **o))
    _case(record, as_json)


@backlog.command("list")
@click.option("--state", "case_state", help="listed, in_progress, resolved, ceased_petitioning.")
@click.option("--overdue/--not-overdue", default=None, help="Only open cases past (within) their time limit.")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@json_option
@pass_state
def list_cases(state: CliState, case_state: str | None, overdue: bool | None, page: int, per_page: int,
               as_json: bool) -> None:
    """List the ledger, earliest time limit first."""
    from hearing_core.petitions.service import backlog as svc

    result = run_as(state, lambda ctx: svc.list_cases(ctx, state=case_state, overdue=overdue, page=page,
                                                       per_page=per_page))
    if as_json:
        echo_json(result.as_dict())
    else:
        print_rows([r.as_dict() for r in result.items], CASE_COLUMNS, as_json=False, total=result.total)


@backlog.command("show")
@click.argument("matter_ref")
@json_option
@pass_state
def show_case(state: CliState, matter_ref: str, as_json: bool) -> None:
    """Show the ledger entry of MATTER_REF with its progress."""
    from hearing_core.petitions.service import backlog as svc

    _case(run_as(state, lambda ctx: svc.get_case(ctx, matter_ref)), as_json)


@backlog.command()
@click.argument("matter_ref")
@click.option("--plan", "plan_text", required=True)
@click.option("--on", type=DATE)
@json_option
@pass_state
def plan(state: CliState, matter_ref: str, plan_text: str, on: dt.datetime | None, as_json: bool) -> None:
    """Adopt the resolution plan (制定化解方案) of MATTER_REF."""
    from hearing_core.petitions.service import backlog as svc

    _case(run_as(state, lambda ctx: svc.adopt_plan(ctx, matter_ref, plan_text, on=as_date(on))), as_json)


@backlog.command()
@click.argument("matter_ref")
@click.option("--text", required=True, help="What happened this month.")
@click.option("--month", type=click.DateTime(["%Y-%m"]), help="YYYY-MM (default: the current month).")
@json_option
@pass_state
def progress(state: CliState, matter_ref: str, text: str, month: dt.datetime | None, as_json: bool) -> None:
    """Record the monthly progress (月度进展) of MATTER_REF."""
    from hearing_core.petitions.service import backlog as svc

    _case(run_as(state, lambda ctx: svc.record_progress(ctx, matter_ref, text, month=as_date(month))), as_json)


@backlog.command("extend")
@click.argument("matter_ref")
@click.option("--time-limit", type=DATE, required=True, help="The new time limit.")
@click.option("--approved-by", required=True, help="The approving leader.")
@click.option("--reason", required=True)
@json_option
@pass_state
def extend_limit(state: CliState, matter_ref: str, time_limit: dt.datetime, approved_by: str, reason: str,
                 as_json: bool) -> None:
    """Extend the time limit of MATTER_REF (once)."""
    from hearing_core.petitions.service import backlog as svc

    _case(run_as(state, lambda ctx: svc.extend_time_limit(ctx, matter_ref, time_limit.date(), approved_by, reason)),
          as_json)


@backlog.command()
@click.argument("matter_ref")
@click.option("--on", type=DATE)
@json_option
@pass_state
def resolve(state: CliState, matter_ref: str, on: dt.datetime | None, as_json: bool) -> None:
    """Record that MATTER_REF is resolved (化解)."""
    from hearing_core.petitions.service import backlog as svc

    _case(run_as(state, lambda ctx: svc.resolve(ctx, matter_ref, on=as_date(on))), as_json)


@backlog.command()
@click.argument("matter_ref")
@click.option("--on", type=DATE)
@json_option
@pass_state
def cease(state: CliState, matter_ref: str, on: dt.datetime | None, as_json: bool) -> None:
    """Record that the petitioner of MATTER_REF stopped petitioning (息诉息访)."""
    from hearing_core.petitions.service import backlog as svc

    _case(run_as(state, lambda ctx: svc.cease(ctx, matter_ref, on=as_date(on))), as_json)
