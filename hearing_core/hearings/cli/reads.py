"""``hearing hearings show|list|calendar|events|votes``, bookings and unavailability; ``hearing pool``."""

from __future__ import annotations

import datetime as dt

import click
from hearing_cli.output import echo_record, echo_table, emit
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_core.hearings.cli.common import CASE_ID, DATE, MOMENT, json_option, show

__all__ = ["pool", "register"]

LIST_COLUMNS = ["id", "matter_ref", "state", "phase", "petitioner", "start", "venue", "presiding_officer", "version"]
CALENDAR_COLUMNS = ["start", "end", "kind", "venue", "hearing_id", "matter_ref", "reference", "person_id"]
POOL_COLUMNS = ["id", "name", "affiliation", "organisation", "username", "active", "version"]
AFFILIATIONS = click.Choice(["npc_deputy", "cppcc_member", "lawyer", "expert", "community_representative", "other"])


def register(group: click.Group) -> None:
    for command in (show_command, list_command, calendar, events, votes, booking, unavailable):
        group.add_command(command)


@click.command("show")
@CASE_ID
@json_option
@pass_state
def show_command(state: CliState, case_id: int, as_json: bool) -> None:
    """Show a hearing: state, phase, schedule, panel, allowed actions (all of it, conclusion included, with --json)."""
    from hearing_core.hearings.service import show_hearing

    view = run_as(state, lambda ctx: show_hearing(ctx, case_id))
    if as_json:
        emit(view, as_json=True)
        return
    schedule = view["schedule"] or {}
    echo_record({
        "id": view["id"], "matter": view["matter_ref"], "stage": view["stage"], "state": view["state"],
        "phase": view["phase"], "version": view["version"], "status": view["status"]["explanation"] or None,
        "schedule": f"{schedule.get('start')} – {schedule.get('end')} {schedule.get('venue') or ''}" if schedule else None,
        "allowed actions": view["allowed_actions"], "deadlines": view["deadlines"] or None,
    })
    click.echo("\nparticipants:")
    echo_table(view["participants"], ["no", "name", "role", "side", "principal_no", "unit"])
    click.echo("\npanel:")
    echo_table(view["panel"]["members"], ["seat", "name", "role", "affiliation", "recused"])
    if view["conclusion"]:
        click.echo("\nconclusion:")
        echo_table([{**r, "tally": r["tally"]} for r in view["conclusion"]["results"]],
                   ["issue_no", "title", "result", "tally", "strict_majority"])


@click.command("list")
@click.option("--state", "case_state", help="Only hearings in this state.")
@click.option("--from", "date_from", type=DATE, help="Scheduled on or after this day.")
@click.option("--to", "date_to", type=DATE, help="Scheduled on or before this day.")
@click.option("--venue")
@click.option("--officer", help="Username of a panel member: the hearings they sit on.")
@click.option("--matter", "matter_ref")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, 200), default=50, show_default=True)
@json_option
@pass_state
def list_command(state: CliState, case_state: str | None, date_from: dt.date | None, date_to: dt.date | None,
                 venue: str | None, officer: str | None, matter_ref: str | None, page: int, per_page: int,
                 as_json: bool) -> None:
    """List hearings (newest first)."""
    from hearing_core.hearings.service import list_hearings

    data = run_as(state, lambda ctx: list_hearings(ctx, state=case_state, date_from=date_from,
                                                   date_to=date_to, venue=venue, officer=officer,
                                                   matter_ref=matter_ref, page=page, per_page=per_page))
    emit(data if as_json else data["items"], as_json=as_json, columns=LIST_COLUMNS)


def _range(date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.date, dt.date]:
    start = date_from or dt.date.today()
    return start, date_to or start + dt.timedelta(days=30)


@click.command()
@click.option("--from", "date_from", type=DATE, help="First day (default: today).")
@click.option("--to", "date_to", type=DATE, help="Last day (default: 30 days on).")
@click.option("--venue", help="One venue's calendar.")
@click.option("--officer", help="One officer's calendar (username).")
@json_option
@pass_state
def calendar(state: CliState, date_from: dt.date | None, date_to: dt.date | None, venue: str | None,
             officer: str | None, as_json: bool) -> None:
    """Hearings, resumptions, venue bookings and unavailability in a period (听证日程)."""
    from hearing_core.hearings.service import calendar_view

    start, end = _range(date_from, date_to)
    show(state, as_json, lambda ctx: calendar_view(ctx, date_from=start, date_to=end, venue=venue, officer=officer),
         columns=CALENDAR_COLUMNS)


@click.command()
@CASE_ID
@json_option
@pass_state
def events(state: CliState, case_id: int, as_json: bool) -> None:
    """The case's event log, in order."""
    from hearing_core.hearings.service import hearing_events

    show(state, as_json, lambda ctx: hearing_events(ctx, case_id), columns=["seq", "kind", "actor", "recorded_at"])


@click.command()
@CASE_ID
@json_option
@pass_state
def votes(state: CliState, case_id: int, as_json: bool) -> None:
    """The votes you may see: your own until deliberation closes, all after."""
    from hearing_core.hearings.service import visible_votes
    from hearing_core.hearings.views import plain

    async def work(ctx):  # type: ignore[no-untyped-def]
        return plain(await visible_votes(ctx, case_id))

    show(state, as_json, work, columns=["issue_no", "voter_person_id", "value", "opinion", "cast_at"])


@click.group()
def booking() -> None:
    """Venue bookings other than hearings (场地占用)."""


@booking.command("add")
@click.option("--venue", required=True)
@click.option("--start", type=MOMENT, required=True)
@click.option("--end", type=MOMENT, required=True)
@click.option("--reference", default="", help="What the venue is booked for.")
@json_option
@pass_state
def booking_add(state: CliState, venue: str, start: dt.datetime, end: dt.datetime, reference: str,
                as_json: bool) -> None:
    """Book a venue; hearings there at that time then clash."""
    from hearing_core.hearings.service import add_booking

    show(state, as_json, lambda ctx: add_booking(ctx, venue=venue, start=start, end=end, reference=reference))


@booking.command("list")
@click.option("--from", "date_from", type=DATE)
@click.option("--to", "date_to", type=DATE)
@json_option
@pass_state
def booking_list(state: CliState, date_from: dt.date | None, date_to: dt.date | None, as_json: bool) -> None:
    """Venue bookings in a period."""
    from hearing_core.hearings.service import list_bookings

    start, end = _range(date_from, date_to)
    show(state, as_json, lambda ctx: list_bookings(ctx, date_from=start, date_to=end),
         columns=["id", "venue", "start", "end", "reference"])


@click.group()
def unavailable() -> None:
    """Officers' declared unavailability (请假、出差)."""


@unavailable.command("add")
@click.option("--start", type=MOMENT, required=True)
@click.option("--end", type=MOMENT, required=True)
@click.option("--reason", default="")
@click.option("--user", "username", help="Whose (default: yours; others need hearings.manage).")
@json_option
@pass_state
def unavailable_add(state: CliState, start: dt.datetime, end: dt.datetime, reason: str, username: str | None,
                    as_json: bool) -> None:
    """Declare that an officer cannot sit in a period."""
    from hearing_core.hearings.service import declare_unavailability

    show(state, as_json, lambda ctx: declare_unavailability(ctx, start=start, end=end, reason=reason,
                                                            username=username))


@unavailable.command("list")
@click.option("--from", "date_from", type=DATE)
@click.option("--to", "date_to", type=DATE)
@click.option("--user", "username")
@json_option
@pass_state
def unavailable_list(state: CliState, date_from: dt.date | None, date_to: dt.date | None, username: str | None,
                     as_json: bool) -> None:
    """Declared unavailability in a period."""
    from hearing_core.hearings.service import list_unavailability

    start, end = _range(date_from, date_to)
    show(state, as_json, lambda ctx: list_unavailability(ctx, date_from=start, date_to=end, username=username),
         columns=["id", "person_id", "start", "end", "reason"])


@click.group()
def pool() -> None:
    """The expert pool of hearing officers (听证员库)."""


@pool.command("add")
@click.option("--name", required=True)
@click.option("--affiliation", type=AFFILIATIONS, required=True)
@click.option("--organisation", default="")
@click.option("--user", "username", help="The expert's user account (needed to seat and vote).")
@click.option("--phone")
@click.option("--note", default="")
@json_option
@pass_state
def pool_add(state: CliState, name: str, affiliation: str, organisation: str, username: str | None,
             phone: str | None, note: str, as_json: bool) -> None:
    """Add an expert to the pool."""
    from hearing_core.hearings.service import add_expert

    show(state, as_json, lambda ctx: add_expert(ctx, name=name, affiliation=affiliation, organisation=organisation,
                                                username=username, phone=phone, note=note), columns=POOL_COLUMNS)


@pool.command("list")
@click.option("--affiliation", type=AFFILIATIONS)
@click.option("--all", "include_inactive", is_flag=True, help="Include inactive entries.")
@click.option("--page", type=click.IntRange(min=1), default=1)
@click.option("--per-page", type=click.IntRange(1, 200), default=50)
@json_option
@pass_state
def pool_list(state: CliState, affiliation: str | None, include_inactive: bool, page: int, per_page: int,
              as_json: bool) -> None:
    """List the pool."""
    from hearing_core.hearings.service import list_experts

    data = run_as(state, lambda ctx: list_experts(ctx, affiliation=affiliation,
                                                  active=None if include_inactive else True, page=page,
                                                  per_page=per_page))
    emit(data if as_json else data["items"], as_json=as_json, columns=POOL_COLUMNS)


@pool.command("update")
@click.argument("entry_id", type=int)
@click.option("--active/--inactive", default=None)
@click.option("--user", "username", help="Link the entry to this user account.")
@click.option("--organisation")
@click.option("--note")
@click.option("--if-version", "version", type=int)
@json_option
@pass_state
def pool_update(state: CliState, entry_id: int, active: bool | None, username: str | None, organisation: str | None,
                note: str | None, version: int | None, as_json: bool) -> None:
    """Change a pool entry (deactivate, link a user account ...)."""
    from hearing_core.hearings.service import update_expert

    show(state, as_json, lambda ctx: update_expert(ctx, entry_id, version=version, active=active, username=username,
                                                   organisation=organisation, note=note), columns=POOL_COLUMNS)
