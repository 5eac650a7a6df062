"""``hearing reviews pause|end-pause|hear|link-hearing|decide|serve|redo|withdraw|document``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from hearing_cli.output import echo_json
from hearing_cli.runtime import CliState, pass_state, run_as

from hearing_review.cli.common import DATE, day, json_option, print_application, required, run_application

__all__ = ["add_decision_commands"]


def add_decision_commands(group: click.Group) -> None:  # noqa: C901 - one closure per command
    @group.command()
    @click.argument("ref")
    @click.option("--kind", required=True, help="appraisal (鉴定), survey (勘验), or hearing (held outside the system).")
    @click.option("--start", type=DATE, required=True)
    @click.option("--end", type=DATE, help="Leave out while it lasts: the clock is suspended.")
    @click.option("--note", default="")
    @json_option
    @pass_state
    def pause(state: CliState, ref: str, kind: str, start: Any, end: Any, note: str, as_json: bool) -> None:
        """Time not counted in the decision clock (扣除期间), as the rule profile allows."""
        from hearing_review.services import add_pause

        run_application(state, as_json, lambda ctx: add_pause(ctx, ref, kind=kind, start=required(start), end=day(end),
                                                              note=note))

    @group.command("end-pause")
    @click.argument("ref")
    @click.argument("pause_id", type=int)
    @click.option("--end", type=DATE, required=True)
    @json_option
    @pass_state
    def end_pause(state: CliState, ref: str, pause_id: int, end: Any, as_json: bool) -> None:
        """Close an open pause: the clock resumes after END."""
        from hearing_review.services import end_pause as run

        run_application(state, as_json, lambda ctx: run(ctx, ref, pause_id, end=required(end)))

    @group.command()
    @click.argument("ref")
    @click.option("--grounds", required=True, help="Why a hearing is held (听证事由).")
    @click.option("--on-application", is_flag=True, help="The petitioner applied for it (default: organ-initiated).")
    @click.option("--on", type=DATE, help="Date of the application or initiative (default: today).")
    @json_option
    @pass_state
    def hear(state: CliState, ref: str, grounds: str, on_application: bool, on: Any, as_json: bool) -> None:
        """Open a hearing case on REF's matter at its stage (needs hearings.manage); its time is not counted."""
        from hearing_review.services import open_hearing

        data = run_as(state, lambda ctx: open_hearing(ctx, ref, grounds=grounds, on_application=on_application,
                                                      on=day(on)))
        if not as_json:
            click.echo(f"hearing case #{data['hearing_case']} opened on matter {data['matter_ref']} "
                       f"(stage {data['kind']})")
        print_application(data, as_json=as_json)

    @group.command("link-hearing")
    @click.argument("ref")
    @click.argument("case_id", type=int)
    @json_option
    @pass_state
    def link_hearing(state: CliState, ref: str, case_id: int, as_json: bool) -> None:
        """Link hearing case CASE_ID (same matter and stage) to REF."""
        from hearing_review.services import link_hearing as run

        run_application(state, as_json, lambda ctx: run(ctx, ref, case_id))

    @group.command()
    @click.argument("ref")
    @click.option("--outcome", required=True, help="uphold/维持, revoke_remand/撤销并责令重新办理, modify/变更.")
    @click.option("--findings", required=True, help="The facts found and the reasons (查明的事实和理由).")
    @click.option("--on", type=DATE, help="Date of the opinion (default: today).")
    @click.option("--decided-by", default="", help="Who decided (default: you).")
    @click.option("--redo-by", type=DATE, help="Remand: the day by which the lower organ issues its new opinion.")
    @click.option("--new-conclusion", default="", help="Modify: the conclusion that replaces the original.")
    @json_option
    @pass_state
    def decide(state: CliState, ref: str, outcome: str, findings: str, on: Any, decided_by: str, redo_by: Any,
               new_conclusion: str, as_json: bool) -> None:
        """Decide REF (作出复查、复核意见)."""
        from hearing_review.services import decide as run

        run_application(state, as_json, lambda ctx: run(ctx, ref, outcome=outcome, findings=findings, on=day(on),
                                                        decided_by=decided_by, redo_due_on=day(redo_by),
                                                        new_conclusion=new_conclusion))

    @group.command()
    @click.argument("ref")
    @click.option("--on", type=DATE, help="Date of service (default: today).")
    @json_option
    @pass_state
    def serve(state: CliState, ref: str, on: Any, as_json: bool) -> None:
        """Record service (送达) of REF's opinion; a re-review opinion terminates the matter."""
        from hearing_review.services import serve as run

        run_application(state, as_json, lambda ctx: run(ctx, ref, on=day(on)))

    @group.command()
    @click.argument("ref")
    @click.option("--conclusion", required=True, help="support/explain/not_support (review), uphold/modify (re-review).")
    @click.option("--issued-on", type=DATE, required=True)
    @click.option("--served-on", type=DATE)
    @click.option("--same-facts/--new-facts", required=True, help="Were the facts and reasons the same as before?")
    @click.option("--approved-by", default="", help="The reviewing organ that consented beforehand.")
    @json_option
    @pass_state
    def redo(state: CliState, ref: str, conclusion: str, issued_on: Any, served_on: Any, same_facts: bool,
             approved_by: str, as_json: bool) -> None:
        """Record the lower organ's new opinion after REF remanded the matter (重新办理)."""
        from hearing_review.services import record_redo

        run_application(state, as_json, lambda ctx: record_redo(
            ctx, ref, conclusion=conclusion, issued_on=required(issued_on), served_on=day(served_on), same_facts=same_facts,
            approved_by=approved_by))

    @group.command()
    @click.argument("ref")
    @click.option("--reason", default="")
    @click.option("--on", type=DATE)
    @json_option
    @pass_state
    def withdraw(state: CliState, ref: str, reason: str, on: Any, as_json: bool) -> None:
        """The applicant withdraws REF (撤回)."""
        from hearing_review.services import withdraw as run

        run_application(state, as_json, lambda ctx: run(ctx, ref, reason=reason, on=day(on)))

    @group.command()
    @click.argument("ref")
    @click.argument("which", type=click.Choice(["opinion", "notice"]))
    @click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default: its name).")
    @json_option
    @pass_state
    def document(state: CliState, ref: str, which: str, fmt: str, output: Path | None, as_json: bool) -> None:
        """Write REF's opinion (复查/复核意见书) or non-acceptance notice (不予受理告知书)."""
        from hearing_review.services import document as render

        body, name = run_as(state, lambda ctx: render(ctx, ref, which, output=fmt))
        path = output or Path(name)
        path.write_bytes(body)
        if as_json:
            echo_json({"file": str(path), "bytes": len(body), "format": fmt})
        else:
            click.echo(f"wrote {path} ({len(body)} bytes)")

