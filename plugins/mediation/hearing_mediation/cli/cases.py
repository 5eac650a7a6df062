"""``hearing mediation cases …`` and ``sessions …``: mediation cases (调解案件) and their sessions."""

from __future__ import annotations

import datetime as dt
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

__all__ = ["cases", "sessions"]

KEYS = ["id", "ref", "state", "application_label", "applied_on", "started_on", "closed_on", "parties", "mediators",
        "helpers", "session_count", "escalation", "extended_until", "outcome_note", "advice", "duration",
        "agreement_id", "allowed_actions"]
COLUMNS = ["id", "ref", "state", "applied_on", "parties", "mediators", "sessions", "due", "duration_status"]
ON = click.option("--on", type=DATE, help="Date (default today).")
VERSION = click.option("--version", type=int, help="The version you read (optimistic concurrency).")


def _brief(case: dict[str, Any]) -> dict[str, Any]:
    return {**case, "parties": "、".join(f"{p['name']}（{p['role_label']}）" for p in case["parties"]),
            "mediators": "、".join(m["name"] for m in case["mediators"]),
            "helpers": "、".join(h["name"] for h in case["helpers"]),
            "duration": (case["duration"] or {}).get("due")}


def _show(data: dict[str, Any], as_json: bool) -> None:
    show(data if as_json else _brief(data), as_json, KEYS)


@click.group()
def cases() -> None:
    """Mediation cases (调解案件): application, mediators, outcome."""


@cases.command("open")
@centre_option()
@click.option("--application", default="one_party", show_default=True, help="one_party, joint, initiative or referred.")
@click.option("--applicant", "applicants", multiple=True, required=True, help="'name[,id,phone,address]'; repeat.")
@click.option("--respondent", "respondents", multiple=True, help="'name[,id,phone,address]'; repeat.")
@click.option("--dispute", required=True, help="The dispute in brief (纠纷简要情况).")
@click.option("--category")
@click.option("--matter-ref")
@click.option("--item-ref")
@ON
@JSON
@pass_state
def open_case(state: CliState, centre: str, application: str, applicants: tuple[str, ...], respondents: tuple[str, ...],
              dispute: str, category: str | None, matter_ref: str | None, item_ref: str | None, on: dt.datetime | None,
              as_json: bool) -> None:
    """Register an application for mediation (or the committee's own initiative)."""
    from hearing_mediation.api.schemas import CaseIn, PersonIn
    from hearing_mediation.cases import open_case as do

    def people(specs: tuple[str, ...]) -> list[PersonIn]:
        return [PersonIn(**parse_person(s)) for s in specs]  # type: ignore[arg-type]

    async def work(ctx):  # type: ignore[no-untyped-def]
        data = CaseIn(await resolve_centre(ctx, centre), application, people(applicants), dispute, people(respondents),
                      day(on), category, matter_ref, item_ref)
        return await do(ctx, data.case(ctx.today()))

    _show(run(state, work), as_json)


@cases.command("list")
@centre_option(required=False)
@click.option("--state", "case_state", help="applied, in_mediation, agreed, failed, withdrawn or refused.")
@click.option("--year", type=int)
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=50, show_default=True)
@JSON
@pass_state
def list_all(state: CliState, centre: str | None, case_state: str | None, year: int | None, page: int, per_page: int,
             as_json: bool) -> None:
    """Cases, newest first, with their duration clock."""
    from hearing_mediation.case_queries import list_cases

    async def work(ctx):  # type: ignore[no-untyped-def]
        centre_id = await resolve_centre(ctx, centre) if centre else None
        return await list_cases(ctx, centre_id=centre_id, state=case_state, year=year, page=page, per_page=per_page)

    data = run(state, work)
    if as_json:
        emit(data, as_json=True)
    else:
        emit([{**c, "parties": "、".join(c["parties"]), "mediators": "、".join(c["mediators"])} for c in data["items"]],
             as_json=False, columns=COLUMNS)


@cases.command("show")
@click.argument("case_id", type=int)
@JSON
@pass_state
def show_case(state: CliState, case_id: int, as_json: bool) -> None:
    """One case with parties, sessions and its duration clock."""
    from hearing_mediation.cases import get_case

    _show(run(state, lambda ctx: get_case(ctx, case_id)), as_json)


def _action(name: str, help_text: str, *options: Any) -> Any:
    """A case action command: CASE_ID, the given options, --version, --json."""

    def decorate(fn: Any) -> Any:
        for option in reversed([*options, VERSION, JSON]):
            fn = option(fn)
        fn = click.argument("case_id", type=int)(fn)
        fn.__doc__ = help_text
        return cases.command(name)(pass_state(fn))

    return decorate


@_action("respond", "A party agrees to (--agree) or clearly declines (--decline) mediation.",
         click.option("--party", required=True), click.option("--agree/--decline", required=True), ON)
def respond(state: CliState, case_id: int, party: str, agree: bool, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import record_response

    consent = "agrees" if agree else "declines"
    _show(run(state, lambda ctx: record_response(ctx, case_id, party, consent, on=day(on), version=version)), as_json)


@_action("assign", "Assign mediators (chosen by the parties or designated by the committee).",
         click.option("--mediator", "mediator_ids", type=int, multiple=True, required=True, help="Mediator id; repeat."),
         click.option("--chosen-by", default="designated", show_default=True, help="parties or designated."),
         click.option("--lead", type=int, help="The lead mediator's id (default: the first)."))
def assign(state: CliState, case_id: int, mediator_ids: tuple[int, ...], chosen_by: str, lead: int | None,
           version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import assign_mediators

    _show(run(state, lambda ctx: assign_mediators(ctx, case_id, list(mediator_ids), chosen_by=chosen_by, lead=lead,
                                                  version=version)), as_json)


@_action("helper", "Invite a helper (relative, neighbour, expert …) with the parties' consent.",
         click.option("--name", required=True), click.option("--relation", required=True),
         click.option("--parties-consent", is_flag=True, help="The parties consented (required by law)."),
         click.option("--note", default=""), ON)
def helper(state: CliState, case_id: int, name: str, relation: str, parties_consent: bool, note: str,
           on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import invite_helper

    _show(run(state, lambda ctx: invite_helper(ctx, case_id, name, relation, parties_consent=parties_consent, note=note,
                                               on=day(on), version=version)), as_json)


@_action("escalate", "Flag a risk of intensification (激化风险) and the measures taken.",
         click.option("--note", required=True), click.option("--police", is_flag=True, help="Reported to the police."))
def escalate(state: CliState, case_id: int, note: str, police: bool, version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import flag_escalation

    _show(run(state, lambda ctx: flag_escalation(ctx, case_id, note, reported_to_police=police, version=version)), as_json)


@_action("accept", "Start mediating (the one-month clock starts).", ON)
def accept(state: CliState, case_id: int, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import accept as do

    _show(run(state, lambda ctx: do(ctx, case_id, on=day(on), version=version)), as_json)


@_action("refuse", "Refuse mediation (不予调解), e.g. a party clearly declined.", click.option("--reason", required=True), ON)
def refuse(state: CliState, case_id: int, reason: str, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import refuse as do

    _show(run(state, lambda ctx: do(ctx, case_id, reason, on=day(on), version=version)), as_json)


@_action("extend", "Continue past the normal duration with every party's consent.",
         click.option("--until", type=DATE, required=True), click.option("--parties-consent", is_flag=True),
         click.option("--note", default=""))
def extend(state: CliState, case_id: int, until: dt.datetime, parties_consent: bool, note: str, version: int | None,
           as_json: bool) -> None:
    from hearing_mediation.cases import extend as do

    _show(run(state, lambda ctx: do(ctx, case_id, until.date(), parties_consent=parties_consent, note=note,
                                    version=version)), as_json)


@_action("fail", "End a failed mediation, recording the routes the parties were told about.",
         click.option("--advice", multiple=True, required=True, help="arbitration, administrative, litigation, petition, other."),
         click.option("--note", required=True), ON)
def fail(state: CliState, case_id: int, advice: tuple[str, ...], note: str, on: dt.datetime | None, version: int | None,
         as_json: bool) -> None:
    from hearing_mediation.cases import fail as do

    _show(run(state, lambda ctx: do(ctx, case_id, list(advice), note, on=day(on), version=version)), as_json)


@_action("withdraw", "A party ends the mediation (撤回).", click.option("--reason", required=True), ON)
def withdraw(state: CliState, case_id: int, reason: str, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    from hearing_mediation.cases import withdraw as do

    _show(run(state, lambda ctx: do(ctx, case_id, reason, on=day(on), version=version)), as_json)


@click.group()
def sessions() -> None:
    """Mediation sessions (调解会议): attendance and notes."""


@sessions.command("add")
@click.argument("case_id", type=int)
@click.option("--date", "held_on", type=DATE, help="Day of the session (default today).")
@click.option("--place", required=True)
@click.option("--party", "parties", multiple=True, required=True, help="A party present; repeat.")
@click.option("--mediator", "mediators_present", multiple=True, required=True, help="A mediator present; repeat.")
@click.option("--other", "others", multiple=True, help="Someone else present (helper, observer); repeat.")
@click.option("--notes", required=True, help="What was said and agreed (调解记录).")
@click.option("--public", is_flag=True, help="Public mediation (公开调解); closed by default.")
@click.option("--closed-reason", default="")
@VERSION
@JSON
@pass_state
def add_session(state: CliState, case_id: int, held_on: dt.datetime | None, place: str, parties: tuple[str, ...],
                mediators_present: tuple[str, ...], others: tuple[str, ...], notes: str, public: bool,
                closed_reason: str, version: int | None, as_json: bool) -> None:
    """Record a session of case CASE_ID."""
    from hearing_mediation.cases import record_session
    from hearing_mediation.domain import Session

    async def work(ctx):  # type: ignore[no-untyped-def]
        session = Session(day(held_on) or ctx.today(), place, public, list(parties), list(mediators_present), notes,
                          list(others), closed_reason)
        return await record_session(ctx, case_id, session, version=version)

    data = run(state, work)
    emit(data["sessions"] if as_json else data["sessions"][-1], as_json=as_json)


@sessions.command("list")
@click.argument("case_id", type=int)
@JSON
@pass_state
def list_sessions(state: CliState, case_id: int, as_json: bool) -> None:
    """The sessions of case CASE_ID."""
    from hearing_mediation.cases import get_case

    rows = run(state, lambda ctx: get_case(ctx, case_id))["sessions"]
    emit(rows if as_json else [{**s, "parties_present": "、".join(s["parties_present"]),
                                "mediators_present": "、".join(s["mediators_present"])} for s in rows],
         as_json=as_json, columns=["number", "held_on", "place", "public", "parties_present", "mediators_present", "notes"])
