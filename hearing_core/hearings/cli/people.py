"""``hearing hearings panel|participant|recusal`` — who takes part (听证组成人员、参加人、回避)."""

from __future__ import annotations

import datetime as dt

import click
from hearing_cli.runtime import CliState, pass_state

from hearing_core.hearings.cli.common import CASE_ID, act_and_show, at_option, json_option, version_option

__all__ = ["register"]


def register(group: click.Group) -> None:
    for command in (panel, participant, recusal):
        group.add_command(command)


@click.command()
@CASE_ID
@click.option("--role", type=click.Choice(["presiding_officer", "hearing_officer", "clerk"]), required=True)
@click.option("--user", "username", help="The member's username.")
@click.option("--pool", "pool_entry_id", type=int, help="Expert-pool entry (hearing officers).")
@click.option("--investigator", "investigators", multiple=True, help="Username of someone who investigated the matter.")
@version_option
@json_option
@pass_state
def panel(state: CliState, case_id: int, role: str, username: str | None, pool_entry_id: int | None,
          investigators: tuple[str, ...], version: int | None, as_json: bool) -> None:
    """Seat a panel member (听证组成人员)."""
    from hearing_core.hearings.service import assign_member

    act_and_show(state, as_json, lambda ctx: assign_member(
        ctx, case_id, role=role, username=username, pool_entry_id=pool_entry_id, investigators=investigators,
        version=version))


ROLES = click.Choice(["petitioner", "representative", "agent", "handling_unit_officer", "third_party", "witness",
                      "observer"])


@click.command()
@CASE_ID
@click.option("--role", type=ROLES, required=True)
@click.option("--name", required=True)
@click.option("--principal", "principal_no", type=int, help="Agents: number of the participant they act for.")
@click.option("--power-of-attorney", help="Agents: reference of the power of attorney (授权委托书).")
@click.option("--unit", help="Handling-unit officers: their unit.")
@click.option("--user", "username", help="Username, if the person has an account.")
@click.option("--phone", help="Phone (personal data).")
@click.option("--id-number", help="ID number (personal data).")
@version_option
@json_option
@pass_state
def participant(state: CliState, case_id: int, role: str, name: str, principal_no: int | None,
                power_of_attorney: str | None, unit: str | None, username: str | None, phone: str | None,
                id_number: str | None, version: int | None, as_json: bool) -> None:
    """Admit a participant (听证参加人)."""
    from hearing_core.hearings.service import add_participant

    act_and_show(state, as_json, lambda ctx: add_participant(
        ctx, case_id, name=name, role=role, principal_no=principal_no, power_of_attorney=power_of_attorney,
        unit=unit, username=username, phone=phone, id_number=id_number, version=version))


@click.group()
def recusal() -> None:
    """Recusal of panel members (回避): request, decide, replace."""


@recusal.command("request")
@CASE_ID
@click.option("--seat", type=int, required=True, help="Seat of the member asked to step aside.")
@click.option("--by", "requested_by", required=True, help="Who asks.")
@click.option("--grounds", required=True, help="Why.")
@at_option
@version_option
@json_option
@pass_state
def recusal_request(state: CliState, case_id: int, seat: int, requested_by: str, grounds: str,
                    at: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Record a recusal request."""
    from hearing_core.hearings.service import request_recusal

    act_and_show(state, as_json, lambda ctx: request_recusal(
        ctx, case_id, seat=seat, requested_by=requested_by, grounds=grounds, at=at, version=version))


@recusal.command("decide")
@CASE_ID
@click.argument("request_no", type=int)
@click.option("--grant/--refuse", "granted", required=True)
@click.option("--capacity", type=click.Choice(["organ_head", "presiding_officer"]), required=True,
              help="organ_head for the presiding officer and officers; presiding_officer for the clerk.")
@click.option("--reason", default="", help="Reasons (required for a refusal).")
@click.option("--by", "decided_by", default="", help="Name of the decider (default: you).")
@at_option
@version_option
@json_option
@pass_state
def recusal_decide(state: CliState, case_id: int, request_no: int, granted: bool, capacity: str, reason: str,
                   decided_by: str, at: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Grant or refuse recusal request REQUEST_NO."""
    from hearing_core.hearings.service import decide_recusal

    act_and_show(state, as_json, lambda ctx: decide_recusal(
        ctx, case_id, request_no=request_no, granted=granted, capacity=capacity, reason=reason,
        decided_by=decided_by, at=at, version=version))


@recusal.command("replace")
@CASE_ID
@click.option("--seat", type=int, required=True, help="The vacated seat.")
@click.option("--user", "username", help="The replacement's username.")
@click.option("--pool", "pool_entry_id", type=int, help="Expert-pool entry of the replacement.")
@click.option("--investigator", "investigators", multiple=True)
@version_option
@json_option
@pass_state
def recusal_replace(state: CliState, case_id: int, seat: int, username: str | None, pool_entry_id: int | None,
                    investigators: tuple[str, ...], version: int | None, as_json: bool) -> None:
    """Fill a seat vacated by a granted recusal."""
    from hearing_core.hearings.service import replace_member

    act_and_show(state, as_json, lambda ctx: replace_member(
        ctx, case_id, seat=seat, username=username, pool_entry_id=pool_entry_id, investigators=investigators,
        version=version))
