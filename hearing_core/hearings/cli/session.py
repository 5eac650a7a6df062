"""``hearing hearings`` — the session (听证会): sitting, phases, record, interruptions."""

from __future__ import annotations

import datetime as dt

import click
from hearing_cli.runtime import CliState, pass_state

from hearing_core.hearings.cli.common import (
    CASE_ID,
    MOMENT,
    act_and_show,
    at_option,
    json_option,
    version_option,
)

__all__ = ["register"]


def register(group: click.Group) -> None:
    for command in (session, phase, record, postpone, suspend, resume, terminate):
        group.add_command(command)


@click.group()
def session() -> None:
    """The sitting: open it, check attendance, set a resumption time."""


@session.command("open")
@CASE_ID
@at_option
@version_option
@json_option
@pass_state
def session_open(state: CliState, case_id: int, at: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Open the session (presiding officer), on the notified day."""
    from hearing_core.hearings.service import open_session

    act_and_show(state, as_json, lambda ctx: open_session(ctx, case_id, at=at, version=version))


@session.command("attend")
@CASE_ID
@click.argument("participants", type=int, nargs=-1, required=True)
@click.option("--absent", is_flag=True, help="Record them absent (or leaving) instead of present.")
@version_option
@json_option
@pass_state
def session_attend(state: CliState, case_id: int, participants: tuple[int, ...], absent: bool, version: int | None,
                   as_json: bool) -> None:
    """Record who is present (clerk): PARTICIPANTS are participant numbers."""
    from hearing_core.hearings.service import record_attendance

    async def work(ctx):  # type: ignore[no-untyped-def]
        stored = None
        for i, no in enumerate(participants):
            stored = await record_attendance(ctx, case_id, participant_no=no, present=not absent,
                                             version=version if i == 0 else None)
        return stored

    act_and_show(state, as_json, work)


@session.command("resumption")
@CASE_ID
@click.option("--start", type=MOMENT, required=True, help="When the session resumes.")
@click.option("--end", type=MOMENT, required=True, help="Until when (same day).")
@click.option("--venue", help="Where (default: a video link must be given).")
@click.option("--video-link")
@version_option
@json_option
@pass_state
def session_resumption(state: CliState, case_id: int, start: dt.datetime, end: dt.datetime, venue: str | None,
                       video_link: str | None, version: int | None, as_json: bool) -> None:
    """Set when a suspended session resumes (then serve resumption_notice on every party)."""
    from hearing_core.hearings.service import set_resumption

    act_and_show(state, as_json, lambda ctx: set_resumption(ctx, case_id, start=start, end=end, venue=venue,
                                                            video_link=video_link, version=version))


@click.group()
def phase() -> None:
    """Session phases (听证程序): advance to the next, or skip one with a reason."""


@phase.command("advance")
@CASE_ID
@click.option("--to", "target", help="Keep advancing until this phase (e.g. deliberation).")
@at_option
@version_option
@json_option
@pass_state
def phase_advance(state: CliState, case_id: int, target: str | None, at: dt.datetime | None, version: int | None,
                  as_json: bool) -> None:
    """Enter the next phase (presiding officer); out of resumption this closes the session."""
    from hearing_core.hearings.service import advance

    async def work(ctx):  # type: ignore[no-untyped-def]
        stored = await advance(ctx, case_id, at=at, version=version)
        while target and stored.phase is not None and str(stored.phase) != target and stored.case.session.ended_at is None:
            stored = await advance(ctx, case_id)
        return stored

    act_and_show(state, as_json, work)


@phase.command("skip")
@CASE_ID
@click.option("--reason", required=True, help="Why the phase is closed unheld.")
@at_option
@version_option
@json_option
@pass_state
def phase_skip(state: CliState, case_id: int, reason: str, at: dt.datetime | None, version: int | None,
               as_json: bool) -> None:
    """Close the current (skippable) phase unheld, with the reason on record."""
    from hearing_core.hearings.service import skip

    act_and_show(state, as_json, lambda ctx: skip(ctx, case_id, reason=reason, at=at, version=version))


@click.command()
@CASE_ID
@click.option("--speaker", required=True, help="participant:<no>, panel:<seat>, or a name (then give --role).")
@click.option("--role", "speaker_role", help="The speaker's role, when --speaker is a name.")
@click.option("--text", required=True, help="What was said.")
@at_option
@version_option
@json_option
@pass_state
def record(state: CliState, case_id: int, speaker: str, speaker_role: str | None, text: str, at: dt.datetime | None,
           version: int | None, as_json: bool) -> None:
    """Add a statement to the record (clerk of this hearing) (笔录)."""
    from hearing_core.hearings.service import record_entry

    act_and_show(state, as_json, lambda ctx: record_entry(ctx, case_id, speaker=speaker, speaker_role=speaker_role,
                                                          text=text, at=at, version=version))


@click.command()
@CASE_ID
@click.option("--reason", type=click.Choice(["force_majeure", "recusal_request", "other"]), required=True)
@click.option("--detail", required=True, help="The circumstances.")
@at_option
@version_option
@json_option
@pass_state
def postpone(state: CliState, case_id: int, reason: str, detail: str, at: dt.datetime | None, version: int | None,
             as_json: bool) -> None:
    """Postpone the hearing (延期); reschedule it afterwards."""
    from hearing_core.hearings.service import postpone as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, reason=reason, detail=detail, at=at, version=version))


@click.command()
@CASE_ID
@click.option("--reason", type=click.Choice(["new_witness", "appraisal_or_survey", "force_majeure", "other"]),
              required=True)
@click.option("--detail", required=True, help="The circumstances.")
@at_option
@version_option
@json_option
@pass_state
def suspend(state: CliState, case_id: int, reason: str, detail: str, at: dt.datetime | None, version: int | None,
            as_json: bool) -> None:
    """Suspend the session in its phase (中止)."""
    from hearing_core.hearings.service import suspend as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, reason=reason, detail=detail, at=at, version=version))


@click.command()
@CASE_ID
@at_option
@version_option
@json_option
@pass_state
def resume(state: CliState, case_id: int, at: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Resume a suspended session at the notified time."""
    from hearing_core.hearings.service import resume as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, at=at, version=version))


@click.command()
@CASE_ID
@click.option("--reason", type=click.Choice(["petitioner_absent", "petitioner_left"]), required=True)
@at_option
@version_option
@json_option
@pass_state
def terminate(state: CliState, case_id: int, reason: str, at: dt.datetime | None, version: int | None,
              as_json: bool) -> None:
    """Terminate the hearing (终止): no-show or walk-out without reason."""
    from hearing_core.hearings.service import terminate as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, reason=reason, at=at, version=version))
