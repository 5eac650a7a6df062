"""``hearing hearings`` — opening, deciding, scheduling and serving (申请、决定、安排、送达)."""

from __future__ import annotations

import datetime as dt

import click
from hearing_cli.runtime import CliState, pass_state

from hearing_core.hearings.cli.common import (
    CASE_ID,
    DATE,
    MOMENT,
    act_and_show,
    json_option,
    version_option,
)

__all__ = ["register"]

STAGES = click.Choice(["handling", "review", "rereview"])


def register(group: click.Group) -> None:
    for command in (apply, initiate, consent, decide, withdraw, schedule, announce, serve):
        group.add_command(command)


@click.command()
@click.option("--matter", "matter_ref", required=True, help="Register reference of the petition matter.")
@click.option("--stage", type=STAGES, default="handling", show_default=True, help="Stage the hearing serves.")
@click.option("--applicant", required=True, help="Name of the applying petitioner (or representative).")
@click.option("--grounds", required=True, help="What is asked and why (申请事项和理由).")
@click.option("--applied-on", type=DATE, help="Day the application arrived (default: today).")
@click.option("--told-on", type=DATE, help="Day the petitioner was told of the right to a hearing.")
@click.option("--role", type=click.Choice(["petitioner", "representative"]), default="petitioner", show_default=True)
@click.option("--new-facts", default="", help="What is new, where a withdrawn application bars re-applying.")
@click.option("--phone", help="Applicant's phone (personal data).")
@click.option("--id-number", help="Applicant's ID number (personal data).")
@json_option
@pass_state
def apply(state: CliState, matter_ref: str, stage: str, applicant: str, grounds: str, applied_on: dt.date | None,
          told_on: dt.date | None, role: str, new_facts: str, phone: str | None, id_number: str | None,
          as_json: bool) -> None:
    """Register a petitioner's application for a hearing (听证申请)."""
    from hearing_core.hearings.service import apply as do

    act_and_show(state, as_json, lambda ctx: do(
        ctx, matter_ref=matter_ref, stage=stage, applicant_name=applicant, grounds=grounds, applied_on=applied_on,
        told_of_right_on=told_on, applicant_role=role, new_facts=new_facts, phone=phone, id_number=id_number))


@click.command()
@click.option("--matter", "matter_ref", required=True, help="Register reference of the petition matter.")
@click.option("--stage", type=STAGES, default="handling", show_default=True)
@click.option("--petitioner", required=True, help="Name of the petitioner.")
@click.option("--grounds", required=True, help="Why the organ proposes a hearing.")
@click.option("--on", "initiated_on", type=DATE, help="Day of the proposal (default: today).")
@click.option("--phone", help="Petitioner's phone (personal data).")
@click.option("--id-number", help="Petitioner's ID number (personal data).")
@json_option
@pass_state
def initiate(state: CliState, matter_ref: str, stage: str, petitioner: str, grounds: str,
             initiated_on: dt.date | None, phone: str | None, id_number: str | None, as_json: bool) -> None:
    """The organ proposes a hearing of its own motion (依职权启动)."""
    from hearing_core.hearings.service import initiate as do

    act_and_show(state, as_json, lambda ctx: do(
        ctx, matter_ref=matter_ref, stage=stage, petitioner_name=petitioner, grounds=grounds,
        initiated_on=initiated_on, phone=phone, id_number=id_number))


@click.command()
@CASE_ID
@click.option("--given", "reply", flag_value="given", help="The petitioner consents.")
@click.option("--refused", "reply", flag_value="refused", help="The petitioner refuses.")
@click.option("--lapsed", "reply", flag_value="lapsed", help="No reply in time: record what silence means.")
@click.option("--on", type=DATE, help="Day of the reply (default: today).")
@version_option
@json_option
@pass_state
def consent(state: CliState, case_id: int, reply: str | None, on: dt.date | None, version: int | None,
            as_json: bool) -> None:
    """Record the petitioner's answer to an organ-initiated hearing (征询意见)."""
    from hearing_core.hearings.service import consent as do
    from hearing_core.hearings.service import record_silence

    if reply is None:
        raise click.UsageError("give --given, --refused or --lapsed")
    if reply == "lapsed":
        act_and_show(state, as_json, lambda ctx: record_silence(ctx, case_id, version=version))
    else:
        act_and_show(state, as_json, lambda ctx: do(ctx, case_id, reply=reply, on=on, version=version))


@click.command()
@CASE_ID
@click.option("--accept", "outcome", flag_value="accept", help="Hold the hearing.")
@click.option("--refuse", "outcome", flag_value="refuse", help="Do not hold it (give --reasons).")
@click.option("--deemed", "outcome", flag_value="deemed", help="No decision in time: record what silence means.")
@click.option("--by", "decided_by", default="", help="Who decided (default: you).")
@click.option("--reasons", default="", help="Written reasons of a refusal.")
@click.option("--on", type=DATE, help="Day of the decision (default: today).")
@version_option
@json_option
@pass_state
def decide(state: CliState, case_id: int, outcome: str | None, decided_by: str, reasons: str, on: dt.date | None,
           version: int | None, as_json: bool) -> None:
    """Decide whether to hold the hearing (是否听证的决定)."""
    from hearing_core.hearings.service import decide as do
    from hearing_core.hearings.service import record_silence

    if outcome is None:
        raise click.UsageError("give --accept, --refuse or --deemed")
    if outcome == "deemed":
        act_and_show(state, as_json, lambda ctx: record_silence(ctx, case_id, version=version))
        return
    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, accept=outcome == "accept", decided_by=decided_by,
                                                reasons=reasons, on=on, version=version))


@click.command()
@CASE_ID
@click.option("--reason", default="", help="Why the petitioner withdraws.")
@click.option("--on", type=DATE, help="Day of the withdrawal (default: today).")
@version_option
@json_option
@pass_state
def withdraw(state: CliState, case_id: int, reason: str, on: dt.date | None, version: int | None,
             as_json: bool) -> None:
    """The petitioner withdraws before the hearing (撤回)."""
    from hearing_core.hearings.service import withdraw as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, reason=reason, on=on, version=version))


def _end(start: dt.datetime, end: str) -> dt.datetime:
    if len(end) <= 5 and ":" in end:  # "12:00": same day as the start
        hour, minute = (int(x) for x in end.split(":"))
        return start.replace(hour=hour, minute=minute)
    return MOMENT.convert(end, None, None)


@click.command()
@CASE_ID
@click.option("--start", type=MOMENT, required=True, help="Start, e.g. 2025-06-24T09:00 (China time).")
@click.option("--end", required=True, help="End: a time on the same day (12:00) or a full date and time.")
@click.option("--venue", help="Hearing room (听证室).")
@click.option("--video-link", help="Video link, for a remote hearing.")
@click.option("--closed", "closed_reason", type=click.Choice(["state_secret", "commercial_secret", "privacy"]),
              help="Hold it in private, for this reason (default: public).")
@version_option
@json_option
@pass_state
def schedule(state: CliState, case_id: int, start: dt.datetime, end: str, venue: str | None, video_link: str | None,
             closed_reason: str | None, version: int | None, as_json: bool) -> None:
    """Fix (or refix) date, time and place; clashes with the calendar are listed."""
    from hearing_core.hearings.service import schedule as do

    act_and_show(state, as_json, lambda ctx: do(
        ctx, case_id, start=start, end=_end(start, end), venue=venue, video_link=video_link,
        public=closed_reason is None, closed_reason=closed_reason, version=version))


@click.command()
@CASE_ID
@click.option("--channel", required=True, help="Where it was published, e.g. 县政府网站.")
@click.option("--reference", default="", help="Notice number or link.")
@click.option("--on", type=DATE, help="Day of publication (default: today).")
@version_option
@json_option
@pass_state
def announce(state: CliState, case_id: int, channel: str, reference: str, on: dt.date | None, version: int | None,
             as_json: bool) -> None:
    """Record the public announcement of a public hearing (听证公告)."""
    from hearing_core.hearings.service import announce as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, channel=channel, reference=reference,
                                                published_on=on, version=version))


DOCUMENTS = click.Choice(["consent_request", "decision_notice", "hearing_notice", "postponement_notice",
                          "resumption_notice", "hearing_report"])


@click.command()
@CASE_ID
@click.option("--document", type=DOCUMENTS, required=True, help="What was served.")
@click.option("--to", "recipients", type=int, multiple=True, help="Participant number (repeat for several).")
@click.option("--all", "all_targets", is_flag=True, help="Every party (petitioner side, third parties, handling unit).")
@click.option("--method", type=click.Choice(["in_person", "registered_post", "sms", "email"]), required=True)
@click.option("--proof", "proof_ref", required=True, help="Proof of service: 送达回证 no., postal receipt, gateway id.")
@click.option("--on", type=DATE, help="Day of service (default: today).")
@version_option
@json_option
@pass_state
def serve(state: CliState, case_id: int, document: str, recipients: tuple[int, ...], all_targets: bool, method: str,
          proof_ref: str, on: dt.date | None, version: int | None, as_json: bool) -> None:
    """Log a document served (送达): method, day and proof."""
    from hearing_core.hearings.service import serve as do

    act_and_show(state, as_json, lambda ctx: do(
        ctx, case_id, document=document, method=method, proof_ref=proof_ref, recipients=recipients,
        all_targets=all_targets, served_on=on, version=version))
