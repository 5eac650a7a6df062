"""``hearing mediation agreements …``: drafting, signatures, the PDF, performance, judicial confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from hearing_cli.runtime import CliState, pass_state

from hearing_mediation.cli.common import DATE, JSON, day, run, show

__all__ = ["agreements", "parse_term"]

KEYS = ["id", "number", "case_ref", "form", "state", "concluded_on", "effective_on", "performed_on", "parties",
        "mediators", "terms", "signatures", "missing_signatures", "follow_ups", "confirmation_label", "court",
        "judicial_confirmation", "allowed_actions"]
ON = click.option("--on", type=DATE, help="Date (default today).")
VERSION = click.option("--version", type=int, help="The version you read (optimistic concurrency).")


def parse_term(text: str) -> Any:
    """``content|obligor|manner|YYYY-MM-DD`` (only the content is required)."""
    from hearing_mediation.domain import Term

    parts = [p.strip() for p in text.split("|")]
    parts += [""] * (4 - len(parts))
    due = dt.date.fromisoformat(parts[3]) if parts[3] else None
    return Term(parts[0], parts[1], parts[2], due)


def _brief(a: dict[str, Any]) -> dict[str, Any]:
    window = a.get("judicial_confirmation") or {}
    return {
        **a, "parties": "、".join(a["parties"]), "mediators": "、".join(a["mediators"]),
        "terms": [f"{i}. {t['content']}" + (f"（{t['due_on']}前）" if t["due_on"] else "") + ("【已履行】" if t["performed_on"] else "")
                  for i, t in enumerate(a["terms"], 1)],
        "signatures": [f"{s['signer']} {s['signed_on']}" for s in a["signatures"]],
        "follow_ups": len(a["follow_ups"]),
        "judicial_confirmation": f"{window.get('due')}（{window.get('status')}）" if window else None,
    }


def _show(data: dict[str, Any], as_json: bool) -> None:
    show(data if as_json else _brief(data), as_json, KEYS)


@click.group()
def agreements() -> None:
    """Mediation agreements (调解协议书)."""


@agreements.command("draft")
@click.argument("case_id", type=int)
@click.option("--facts", required=True, help="The main facts (纠纷主要事实).")
@click.option("--disputes", required=True, help="The disputed points (争议事项).")
@click.option("--responsibilities", default="", help="Each side's responsibility (各方责任).")
@click.option("--term", "terms", multiple=True, required=True, help="'content|obligor|manner|YYYY-MM-DD'; repeat.")
@click.option("--oral", is_flag=True, help="An oral agreement (口头协议), effective at once.")
@ON
@VERSION
@JSON
@pass_state
def draft(state: CliState, case_id: int, facts: str, disputes: str, responsibilities: str, terms: tuple[str, ...],
          oral: bool, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """The parties agreed: close case CASE_ID as agreed and draft its agreement."""
    from hearing_mediation.agreements import reach_agreement

    parsed = [parse_term(t) for t in terms]
    _show(run(state, lambda ctx: reach_agreement(ctx, case_id, facts=facts, disputes=disputes, terms=parsed,
                                                 responsibilities=responsibilities, form="oral" if oral else "written",
                                                 on=day(on), version=version)), as_json)


@agreements.command("show")
@click.argument("agreement_id", type=int)
@JSON
@pass_state
def show_agreement(state: CliState, agreement_id: int, as_json: bool) -> None:
    """An agreement, its signatures and the judicial-confirmation window."""
    from hearing_mediation.agreements import get_agreement

    _show(run(state, lambda ctx: get_agreement(ctx, agreement_id)), as_json)


@agreements.command("revise")
@click.argument("agreement_id", type=int)
@click.option("--facts")
@click.option("--disputes")
@click.option("--responsibilities")
@click.option("--term", "terms", multiple=True, help="Replaces all terms; repeat.")
@VERSION
@JSON
@pass_state
def revise(state: CliState, agreement_id: int, facts: str | None, disputes: str | None, responsibilities: str | None,
           terms: tuple[str, ...], version: int | None, as_json: bool) -> None:
    """Change the draft; signatures given so far are void."""
    from hearing_mediation.agreements import revise as do

    parsed = [parse_term(t) for t in terms] if terms else None
    _show(run(state, lambda ctx: do(ctx, agreement_id, facts=facts, disputes=disputes,
                                    responsibilities=responsibilities, terms=parsed, version=version)), as_json)


@agreements.command("sign")
@click.argument("agreement_id", type=int)
@click.option("--signer", required=True, help="A party or a mediator of the case.")
@ON
@VERSION
@JSON
@pass_state
def sign(state: CliState, agreement_id: int, signer: str, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Record a signature; the last one makes the agreement effective."""
    from hearing_mediation.agreements import sign as do

    _show(run(state, lambda ctx: do(ctx, agreement_id, signer, on=day(on), version=version)), as_json)


@agreements.command("pdf")
@click.argument("agreement_id", type=int)
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False), required=True, help="File to write.")
@click.option("--html", is_flag=True, help="Write HTML instead of PDF.")
@JSON
@pass_state
def pdf(state: CliState, agreement_id: int, path: str, html: bool, as_json: bool) -> None:
    """Write the agreement (调解协议书) as a Chinese PDF (or HTML)."""
    from hearing_mediation.documents import agreement_document

    body, _name = run(state, lambda ctx: agreement_document(ctx, agreement_id, output="html" if html else "pdf"))
    Path(path).write_bytes(body)
    show({"path": path, "bytes": len(body)}, as_json, ["path", "bytes"])


@agreements.command("perform")
@click.argument("agreement_id", type=int)
@click.option("--term", type=int, required=True, help="Number of the term performed (1, 2, …).")
@click.option("--note", default="")
@ON
@VERSION
@JSON
@pass_state
def perform(state: CliState, agreement_id: int, term: int, note: str, on: dt.datetime | None, version: int | None,
            as_json: bool) -> None:
    """A term was performed (履行); the last one completes the agreement."""
    from hearing_mediation.agreements import record_performance

    _show(run(state, lambda ctx: record_performance(ctx, agreement_id, term, on=day(on), note=note, version=version)), as_json)


@agreements.command("follow-up")
@click.argument("agreement_id", type=int)
@click.option("--by", "visited_by", required=True)
@click.option("--finding", required=True, help="performing, performed, partly or not_performed.")
@click.option("--method", default="上门回访", show_default=True)
@click.option("--note", default="")
@ON
@VERSION
@JSON
@pass_state
def follow_up(state: CliState, agreement_id: int, visited_by: str, finding: str, method: str, note: str,
              on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """Record a follow-up visit on performance (回访)."""
    from hearing_mediation.agreements import record_follow_up

    _show(run(state, lambda ctx: record_follow_up(ctx, agreement_id, visited_by=visited_by, finding=finding, note=note,
                                                  method=method, on=day(on), version=version)), as_json)


@agreements.command("confirm-apply")
@click.argument("agreement_id", type=int)
@click.option("--applicant", "applicants", multiple=True, required=True, help="Every party; repeat.")
@click.option("--court", required=True, help="e.g. 临江县人民法院")
@ON
@VERSION
@JSON
@pass_state
def confirm_apply(state: CliState, agreement_id: int, applicants: tuple[str, ...], court: str, on: dt.datetime | None,
                  version: int | None, as_json: bool) -> None:
    """The parties' joint application for judicial confirmation (司法确认), within 30 days."""
    from hearing_mediation.agreements import apply_confirmation

    _show(run(state, lambda ctx: apply_confirmation(ctx, agreement_id, applicants=list(applicants), court=court,
                                                    on=day(on), version=version)), as_json)


@agreements.command("confirm-result")
@click.argument("agreement_id", type=int)
@click.option("--confirmed/--rejected", required=True, help="Valid (确认有效) or not confirmed (不予确认).")
@click.option("--note", default="", help="e.g. the ruling's number.")
@ON
@VERSION
@JSON
@pass_state
def confirm_result(state: CliState, agreement_id: int, confirmed: bool, note: str, on: dt.datetime | None,
                   version: int | None, as_json: bool) -> None:
    """Record the court's ruling on judicial confirmation."""
    from hearing_mediation.agreements import record_confirmation

    _show(run(state, lambda ctx: record_confirmation(ctx, agreement_id, confirmed=confirmed, note=note, on=day(on),
                                                     version=version)), as_json)


@agreements.command("dispute")
@click.argument("agreement_id", type=int)
@click.option("--note", required=True)
@ON
@VERSION
@JSON
@pass_state
def dispute(state: CliState, agreement_id: int, note: str, on: dt.datetime | None, version: int | None, as_json: bool) -> None:
    """A party sued over the agreement's performance or content (Art. 32)."""
    from hearing_mediation.agreements import dispute as do

    _show(run(state, lambda ctx: do(ctx, agreement_id, note, on=day(on), version=version)), as_json)
