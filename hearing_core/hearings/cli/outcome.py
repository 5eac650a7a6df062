"""``hearing hearings`` — evidence, deliberation, the record and the report (举证质证、评议、签字、报告)."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

import click
from hearing_cli.runtime import CliState, pass_state

from hearing_core.hearings.cli.common import (
    CASE_ID,
    act_and_show,
    at_option,
    json_option,
    show,
    version_option,
)

__all__ = ["register"]

KINDS = click.Choice(["document", "photo", "audio_video", "witness_statement", "site_survey", "other"])
OPINION_HELP = "accept, or dispute:<why>"


def register(group: click.Group) -> None:
    for command in (evidence, cross_examine, finding, issue, vote, conclude, sign, refuse_sign, finalise, serve_report):
        group.add_command(command)


@click.command()
@CASE_ID
@click.option("--by", "submitted_by_no", type=int, required=True, help="Participant number of the submitter.")
@click.option("--kind", type=KINDS, default="document", show_default=True)
@click.option("--title", required=True)
@click.option("--file", "paths", type=click.Path(exists=True, dir_okay=False, path_type=Path), multiple=True,
              help="A file to store and attach (repeat for several).")
@click.option("--attach", "digests", multiple=True, help="SHA-256 of an already stored file.")
@click.option("--description", default="")
@at_option
@version_option
@json_option
@pass_state
def evidence(state: CliState, case_id: int, submitted_by_no: int, kind: str, title: str, paths: tuple[Path, ...],
             digests: tuple[str, ...], description: str, at: dt.datetime | None, version: int | None,
             as_json: bool) -> None:
    """Record an evidence item with its attachments (举证)."""
    from hearing_core.hearings.service import submit_evidence

    files = [(p.name, p.read_bytes(), mimetypes.guess_type(p.name)[0] or "application/octet-stream") for p in paths]
    act_and_show(state, as_json, lambda ctx: submit_evidence(
        ctx, case_id, submitted_by_no=submitted_by_no, kind=kind, title=title, attachments=digests, files=files,
        description=description, at=at, version=version))


@click.command("cross-examine")
@CASE_ID
@click.argument("evidence_no", type=int)
@click.option("--by", "by_no", type=int, required=True, help="Participant number of the party giving its opinion.")
@click.option("--authenticity", required=True, help=OPINION_HELP)
@click.option("--relevance", required=True, help=OPINION_HELP)
@click.option("--legality", required=True, help=OPINION_HELP)
@at_option
@version_option
@json_option
@pass_state
def cross_examine(state: CliState, case_id: int, evidence_no: int, by_no: int, authenticity: str, relevance: str,
                  legality: str, at: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Record a party's opinion on EVIDENCE_NO (质证: 真实性、关联性、合法性)."""
    from hearing_core.hearings.service import cross_examine as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, evidence_no=evidence_no, by_no=by_no,
                                                authenticity=authenticity, relevance=relevance, legality=legality,
                                                at=at, version=version))


@click.command()
@CASE_ID
@click.argument("evidence_no", type=int)
@click.option("--admitted/--rejected", required=True, help="The panel's finding (认证).")
@click.option("--reason", default="", help="Why (required when rejected).")
@at_option
@version_option
@json_option
@pass_state
def finding(state: CliState, case_id: int, evidence_no: int, admitted: bool, reason: str, at: dt.datetime | None,
            version: int | None, as_json: bool) -> None:
    """Record the panel's finding on EVIDENCE_NO (presiding officer, in deliberation)."""
    from hearing_core.hearings.service import find_evidence

    act_and_show(state, as_json, lambda ctx: find_evidence(ctx, case_id, evidence_no=evidence_no, admitted=admitted,
                                                           reason=reason, at=at, version=version))


@click.command()
@CASE_ID
@click.option("--title", required=True, help="The disputed point (争议焦点).")
@version_option
@json_option
@pass_state
def issue(state: CliState, case_id: int, title: str, version: int | None, as_json: bool) -> None:
    """Frame a disputed issue (presiding officer)."""
    from hearing_core.hearings.service import define_issue

    act_and_show(state, as_json, lambda ctx: define_issue(ctx, case_id, title=title, version=version))


@click.command()
@CASE_ID
@click.argument("issue_no", type=int)
@click.option("--value", type=click.Choice(["reasonable", "partly_reasonable", "not_reasonable"]), required=True)
@click.option("--opinion", required=True, help="Your reasons (评议意见).")
@at_option
@version_option
@json_option
@pass_state
def vote(state: CliState, case_id: int, issue_no: int, value: str, opinion: str, at: dt.datetime | None,
         version: int | None, as_json: bool) -> None:
    """Cast your own secret vote on ISSUE_NO (act as yourself with --as)."""
    from hearing_core.hearings.service import cast_vote

    act_and_show(state, as_json, lambda ctx: cast_vote(ctx, case_id, issue_no=issue_no, value=value, opinion=opinion,
                                                       at=at, version=version))


@click.command()
@CASE_ID
@click.option("--facts", "facts_found", required=True, help="Facts found (认定的事实).")
@click.option("--basis", required=True, help="Legal and policy basis.")
@click.option("--recommendation", required=True, help="Recommendation to the deciding organ.")
@at_option
@version_option
@json_option
@pass_state
def conclude(state: CliState, case_id: int, facts_found: str, basis: str, recommendation: str,
             at: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Close deliberation with the conclusion (听证结论)."""
    from hearing_core.hearings.service import conclude as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, facts_found=facts_found, basis=basis,
                                                recommendation=recommendation, at=at, version=version))


@click.command()
@CASE_ID
@click.argument("signatories", nargs=-1, required=True)
@at_option
@version_option
@json_option
@pass_state
def sign(state: CliState, case_id: int, signatories: tuple[str, ...], at: dt.datetime | None, version: int | None,
         as_json: bool) -> None:
    """Record signatures on the record: SIGNATORIES are participant:<no> / panel:<seat>, or 'all'."""
    from hearing_core.hearings.service import get_hearing, sign_record
    from hearing_core.hearings.service.record import record_status

    async def work(ctx):  # type: ignore[no-untyped-def]
        keys = list(signatories)
        if keys == ["all"]:
            keys = [p["key"] for p in record_status(await get_hearing(ctx, case_id))["pending"]]
        stored = None
        for i, key in enumerate(keys):
            stored = await sign_record(ctx, case_id, signatory_key=key, at=at if i == 0 else None,
                                       version=version if i == 0 else None)
        return stored if stored is not None else await get_hearing(ctx, case_id)

    act_and_show(state, as_json, work)


@click.command("refuse-sign")
@CASE_ID
@click.argument("signatory")
@click.option("--note", required=True, help="How the refusal happened (the clerk's note).")
@at_option
@version_option
@json_option
@pass_state
def refuse_sign(state: CliState, case_id: int, signatory: str, note: str, at: dt.datetime | None,
                version: int | None, as_json: bool) -> None:
    """Note that SIGNATORY refused to sign the record."""
    from hearing_core.hearings.service import refuse_signature

    act_and_show(state, as_json, lambda ctx: refuse_signature(ctx, case_id, signatory_key=signatory, note=note,
                                                              at=at, version=version))


@click.command()
@CASE_ID
@json_option
@pass_state
def finalise(state: CliState, case_id: int, as_json: bool) -> None:
    """Confirm the record is final (everyone signed or refused); lists who is missing otherwise."""
    from hearing_core.hearings.service import finalise_record

    async def work(ctx):  # type: ignore[no-untyped-def]
        status = await finalise_record(ctx, case_id)
        return status if as_json else status["signatures"]

    show(state, as_json, work, columns=["key", "name", "role", "signed", "note", "at"])


@click.command("serve-report")
@CASE_ID
@version_option
@json_option
@pass_state
def serve_report(state: CliState, case_id: int, version: int | None, as_json: bool) -> None:
    """Close the case: the report was served on every party (serve --document hearing_report first)."""
    from hearing_core.hearings.service import serve_report as do

    act_and_show(state, as_json, lambda ctx: do(ctx, case_id, version=version))
