"""``hearing reviews apply|list|show|deadlines|examine|declare|force-majeure|accept|refuse``."""

from __future__ import annotations

from typing import Any

import click
from hearing_cli.output import echo_json, echo_table
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_review.cli.common import DATE, LIST_COLUMNS, day, json_option, required, run_application

__all__ = ["add_application_commands"]


def _evidence(text: str) -> Any:
    from hearing_review.domain import Evidence

    title, _, pages = text.partition(";")
    if pages and not pages.strip().isdigit():
        raise click.BadParameter(f"{text!r}: expected TITLE[;PAGES]")
    return Evidence(title.strip(), int(pages) if pages.strip() else None)


def add_application_commands(group: click.Group) -> None:  # noqa: C901 - one closure per command
    @group.command()
    @click.option("--kind", type=click.Choice(["review", "rereview", "复查", "复核"]), default="review", show_default=True)
    @click.option("--item", "item_ref", help="Review: the register item whose handling opinion is challenged.")
    @click.option("--review", "review_ref", help="Re-review: the review application whose opinion is challenged.")
    @click.option("--redo-of", help="Review: the remanded application whose redone opinion is challenged.")
    @click.option("--applicant", required=True, help="The applicant's name (the petitioner, or the agent).")
    @click.option("--agent-of", default="", help="The applicant is a lawful agent (委托代理人) of this petitioner.")
    @click.option("--authorisation", default="", help="What proves the agency (授权委托书).")
    @click.option("--id-number", help="The applicant's resident ID number.")
    @click.option("--phone", help="The applicant's phone.")
    @click.option("--request", "request_text", required=True, help="What is asked (请求事项).")
    @click.option("--reasons", required=True, help="Facts and reasons (事实和理由).")
    @click.option("--evidence", multiple=True, metavar="TITLE[;PAGES]", help="Evidence handed in (repeat).")
    @click.option("--received-on", type=DATE, help="Date received (default: today).")
    @click.option("--organ", "receiving_organ", help="Organ the application was lodged with (default: [review] organ).")
    @click.option("--original-organ", help="Organ that issued the handling opinion, if the register names none.")
    @json_option
    @pass_state
    def apply(state: CliState, as_json: bool, **o: Any) -> None:
        """Lodge a review (复查) or re-review (复核) application; examine it next."""
        from hearing_review.domain import Applicant, Capacity
        from hearing_review.services import submit

        applicant = Applicant(o["applicant"], Capacity.AGENT if o["agent_of"] else Capacity.PETITIONER,
                              o["agent_of"], o["authorisation"], o["id_number"], o["phone"])
        evidence = [_evidence(e) for e in o["evidence"]]
        run_application(state, as_json, lambda ctx: submit(
            ctx, kind=o["kind"], applicant=applicant, request=o["request_text"], reasons=o["reasons"],
            item_ref=o["item_ref"], review_ref=o["review_ref"], redo_of=o["redo_of"], received_on=day(o["received_on"]),
            receiving_organ=o["receiving_organ"], original_organ=o["original_organ"], evidence=evidence))

    @group.command("list")
    @click.option("--kind", help="review or rereview.")
    @click.option("--state", "state_filter", help="received, accepted, not_accepted, decided, served, withdrawn.")
    @click.option("--matter", "matter_ref", help="Only this matter's applications.")
    @click.option("--year", type=int, help="Received in this year.")
    @click.option("--page", type=int, default=1, show_default=True)
    @click.option("--per-page", type=int, default=50, show_default=True)
    @json_option
    @pass_state
    def list_command(state: CliState, kind: str | None, state_filter: str | None, matter_ref: str | None,
                     year: int | None, page: int, per_page: int, as_json: bool) -> None:
        """Applications, newest first."""
        from hearing_review.services import list_applications

        found = run_as(state, lambda ctx: list_applications(ctx, kind=kind, state=state_filter, matter_ref=matter_ref,
                                                            year=year, page=page, per_page=per_page))
        if as_json:
            echo_json(found)
            return
        echo_table(found["items"], LIST_COLUMNS)
        if found["total"] > len(found["items"]):
            click.echo(f"({len(found['items'])} of {found['total']}; use --page/--per-page)")

    @group.command()
    @click.argument("ref")
    @json_option
    @pass_state
    def show(state: CliState, ref: str, as_json: bool) -> None:
        """One application: checklist, decision, pauses and clocks."""
        from hearing_review.services import get_application

        run_application(state, as_json, lambda ctx: get_application(ctx, ref))

    @group.command()
    @click.argument("ref")
    @json_option
    @pass_state
    def deadlines(state: CliState, ref: str, as_json: bool) -> None:
        """The application's clocks, each with the deadline engine's explanation (期限说明)."""
        from hearing_review.services import deadlines as clocks

        rows = run_as(state, lambda ctx: clocks(ctx, ref))
        if as_json:
            echo_json(rows)
            return
        for row in rows:
            click.echo(f"== {row['clock']} ({row.get('rule_id', '')}): due {row.get('due')}, {row.get('status')}")
            click.echo(row.get("explanation") or row.get("error", ""))

    @group.command()
    @click.argument("ref")
    @json_option
    @pass_state
    def examine(state: CliState, ref: str, as_json: bool) -> None:
        """Run the admissibility checklist (受理条件审查) and keep its result."""
        from hearing_review.services import examine as run

        run_application(state, as_json, lambda ctx: run(ctx, ref))

    @group.command()
    @click.argument("ref")
    @click.option("--accepted-elsewhere", help="Another organ accepted it: which, and when.")
    @click.option("--route", "declared_route", help="It belongs to litigation, arbitration or reconsideration: which.")
    @json_option
    @pass_state
    def declare(state: CliState, ref: str, accepted_elsewhere: str | None, declared_route: str | None,
                as_json: bool) -> None:
        """Record facts the register cannot know (受理审查事实)."""
        from hearing_review.services import declare as run

        run_application(state, as_json, lambda ctx: run(ctx, ref, accepted_elsewhere=accepted_elsewhere,
                                                        declared_route=declared_route))

    @group.command("force-majeure")
    @click.argument("ref")
    @click.option("--start", type=DATE, required=True)
    @click.option("--end", type=DATE, required=True)
    @click.option("--reason", required=True, help="What prevented the application (不可抗力等正当理由).")
    @json_option
    @pass_state
    def force_majeure(state: CliState, ref: str, start: Any, end: Any, reason: str, as_json: bool) -> None:
        """Record an obstacle whose days do not count in the request window."""
        from hearing_review.services import record_force_majeure

        run_application(state, as_json, lambda ctx: record_force_majeure(ctx, ref, start=required(start), end=required(end),
                                                                         reason=reason))

    for name, help_text in (("accept", "Accept REF (受理): every admissibility ground must pass."),
                            ("refuse", "Refuse REF (不予受理) on the grounds that failed; print the notice with "
                                       "`hearing reviews document REF notice`.")):
        def make(action: str) -> Any:
            @click.argument("ref")
            @click.option("--on", type=DATE, help="Date of the decision (default: today).")
            @json_option
            @pass_state
            def command(state: CliState, ref: str, on: Any, as_json: bool) -> None:
                from hearing_review import services

                run_application(state, as_json, lambda ctx: getattr(services, action)(ctx, ref, on=day(on)))

            return command

        group.command(name, help=help_text)(make(name))

