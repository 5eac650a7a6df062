"""``hearing mediation reception …``: the reception log (接待登记) and dispositions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state

from hearing_mediation.cli.common import (
    DATE,
    JSON,
    centre_option,
    day,
    parse_person,
    resolve_centre,
    run,
    show,
)

__all__ = ["reception"]

KEYS = ["id", "ref", "received_on", "persons", "petitioners", "matter", "item_ref", "matter_ref", "disposition_label",
        "disposed_on", "handling_unit", "assignment_due_on", "route", "leader", "joint_units", "case_id", "note"]
COLUMNS = ["id", "ref", "received_on", "persons", "visitors", "matter", "disposition", "item_ref"]
ACTIONS = ["explain", "mediate", "transfer", "assign", "route", "refer_to_leader", "joint_reception"]


def disposal_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options every disposition may use; each action reads the ones it needs."""
    for option in reversed([
        click.option("--on", type=DATE, help="Date of the disposition (default today)."),
        click.option("--note", default="", help="explain: what was explained (required); others: a note."),
        click.option("--unit", "units", multiple=True, help="transfer/assign: the responsible unit; joint_reception: each unit."),
        click.option("--due", type=DATE, help="assign: report date (default: the register's handling deadline)."),
        click.option("--route", help="route: litigation, arbitration, administrative_reconsideration, …"),
        click.option("--leader", help="refer_to_leader: the leader who received the visitors."),
        click.option("--respondent", "respondents", multiple=True, help="mediate: the other side, 'name[,id,phone,address]'."),
        click.option("--joint", is_flag=True, help="mediate: both sides apply jointly (共同申请)."),
    ]):
        f = option(f)
    return f


def _disposal(action: str, on: dt.datetime | None, note: str, units: tuple[str, ...], due: dt.datetime | None,
              route: str | None, leader: str | None, respondents: tuple[str, ...], joint: bool) -> Any:
    from hearing_mediation.domain import ApplicationKind, Party, PartyRole
    from hearing_mediation.reception import Disposal

    parties = [Party(role=PartyRole.RESPONDENT, **parse_person(r)) for r in respondents]  # type: ignore[arg-type]
    return Disposal(
        action=action, on=day(on), note=note, unit=units[0] if units else None, due_on=day(due), route=route,
        leader=leader, units=list(units), respondents=parties,
        application=ApplicationKind.JOINT if joint else ApplicationKind.ONE_PARTY,
    )


def _row(b: dict[str, Any]) -> dict[str, Any]:
    return {**b, "visitors": "、".join(p["name"] for p in b["petitioners"]), "disposition": b["disposition_label"]}


@click.group()
def reception() -> None:
    """The reception log (接待登记): visit batches and their dispositions."""


@reception.command("add")
@centre_option()
@click.option("--date", "received_on", type=DATE, help="Day of the visit (default today).")
@click.option("--persons", type=int, default=1, show_default=True, help="Persons in the batch (人次).")
@click.option("--petitioner", "petitioners", multiple=True, help="'name[,id_number[,phone[,address]]]'; repeat.")
@click.option("--matter", default="", help="What the visitors came about (来访事由).")
@click.option("--category", help="Register category code, e.g. labour_social_security.")
@click.option("--request", default="", help="What they ask for.")
@click.option("--matter-ref", help="A register matter this visit repeats (重复访).")
@click.option("--item-ref", help="Link a visit the registrar already registered (no second entry).")
@click.option("--dispose", "action", type=click.Choice(ACTIONS), help="Dispose of the batch at once.")
@disposal_options
@JSON
@pass_state
def add(state: CliState, centre: str, received_on: dt.datetime | None, persons: int, petitioners: tuple[str, ...],
        matter: str, category: str | None, request: str, matter_ref: str | None, item_ref: str | None,
        action: str | None, as_json: bool, **disposal: Any) -> None:
    """Record a visit batch; it is registered in the core register as a visit item."""
    from hearing_core.petitions.domain.item import Petitioner
    from hearing_mediation.domain import ReceptionBatch
    from hearing_mediation.reception import receive

    async def work(ctx):  # type: ignore[no-untyped-def]
        batch = ReceptionBatch(
            await resolve_centre(ctx, centre), day(received_on) or ctx.today(), persons,
            [Petitioner(**parse_person(p)) for p in petitioners], matter, category, request, matter_ref=matter_ref,  # type: ignore[arg-type]
        )
        return await receive(ctx, batch, item_ref=item_ref, disposal=_disposal(action, **disposal) if action else None)

    show(run(state, work), as_json, KEYS)


@reception.command("dispose")
@click.argument("batch_id", type=int)
@click.argument("action", type=click.Choice(ACTIONS))
@disposal_options
@click.option("--version", type=int, help="The version you read (optimistic concurrency).")
@JSON
@pass_state
def dispose(state: CliState, batch_id: int, action: str, version: int | None, as_json: bool, **disposal: Any) -> None:
    """Dispose of batch BATCH_ID: explain, mediate, transfer, assign, route, refer_to_leader, joint_reception."""
    from hearing_mediation.reception import dispose as do

    show(run(state, lambda ctx: do(ctx, batch_id, _disposal(action, **disposal), version=version)), as_json, KEYS)


@reception.command("show")
@click.argument("batch_id", type=int)
@JSON
@pass_state
def show_batch(state: CliState, batch_id: int, as_json: bool) -> None:
    """One batch, with its register item's status and clocks."""
    from hearing_mediation.reception import get_reception

    show(run(state, lambda ctx: get_reception(ctx, batch_id)), as_json, KEYS + ["register"])


@reception.command("list")
@centre_option(required=False)
@click.option("--year", type=int)
@click.option("--from", "date_from", type=DATE)
@click.option("--to", "date_to", type=DATE)
@click.option("--disposition", help="received, explained_on_spot, mediation, transferred, assigned, …")
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@JSON
@pass_state
def list_batches(state: CliState, centre: str | None, year: int | None, date_from: dt.datetime | None,
                 date_to: dt.datetime | None, disposition: str | None, page: int, per_page: int, as_json: bool) -> None:
    """The reception log, newest first."""
    from hearing_mediation.reception import list_reception

    async def work(ctx):  # type: ignore[no-untyped-def]
        centre_id = await resolve_centre(ctx, centre) if centre else None
        return await list_reception(ctx, centre_id=centre_id, year=year, date_from=day(date_from), date_to=day(date_to),
                                    disposition=disposition, page=page, per_page=per_page)

    data = run(state, work)
    if as_json:
        emit(data, as_json=True)
    else:
        emit([_row(b) for b in data["items"]], as_json=False, columns=COLUMNS)
        click.echo(f"({len(data['items'])} of {data['total']})")
