"""``hearing reception open|close|participants|visitors|cases|hear|instruct|transfer|reply|feedback|report``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["add_case_commands"]

CASE_COLUMNS = ["id", "reception_id", "batch_no", "received_on", "persons", "item_ref", "state", "outcome_zh",
                "department", "reply_due", "replied_on"]
DATE = click.DateTime(formats=["%Y-%m-%d"])
json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")
on_option = click.option("--on", type=DATE, help="Date of the act (default: today).")


def _on(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _emit_case(state: CliState, as_json: bool, work: Callable[[Any], Awaitable[Any]], **extra: Any) -> None:
    from hearing_reception.views import show_case

    async def shown(ctx: Any) -> dict[str, Any]:
        return await show_case(ctx, await work(ctx), **extra)

    emit(run_as(state, shown), as_json=as_json, columns=CASE_COLUMNS)


def _petitioner(text: str) -> Any:
    from hearing_reception.domain import Visitor

    parts = [p.strip() for p in text.replace("，", ",").split(",", 3)]
    parts += [""] * (4 - len(parts))
    return Visitor(parts[0], parts[1] or None, parts[2] or None, parts[3] or None)


def _visitor_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--persons", type=int, required=True, help="Persons in the batch (人次)."),
        click.option("--petitioner", "petitioners", multiple=True, required=True,
                     help="NAME[,ID NUMBER[,PHONE[,ADDRESS]]] (repeat for each petitioner)."),
        click.option("--summary", required=True, help="The matter (主要诉求)."),
        click.option("--request", default="", help="What the visitors ask for (诉求)."),
        click.option("--category", help="Content category of the register (e.g. 土地征收)."),
        click.option("--item-ref", help="Link to an item already in the register instead of registering one."),
        click.option("--matter-ref", help="The matter the batch belongs to (a confirmed repeat)."),
        click.option("--new-matter", is_flag=True, help="Open a new matter for the batch."),
        json_option,
    ]):
        f = option(f)
    return f


def add_case_commands(group: click.Group) -> None:  # noqa: C901 - one closure per command
    from hearing_reception.cli.planning import RECEPTION_COLUMNS, reception_row

    def day_command(name: str, help_text: str, action: str) -> None:
        @group.command(name, help=help_text)
        @click.argument("reception_id", type=int)
        @json_option
        @pass_state
        def command(state: CliState, reception_id: int, as_json: bool) -> None:
            from hearing_reception.services import day

            r = run_as(state, lambda ctx: getattr(day, action)(ctx, reception_id))
            emit(reception_row(r.as_dict()), as_json=as_json, columns=RECEPTION_COLUMNS)

    day_command("open", "Open the reception day RECEPTION_ID.", "open_reception")
    day_command("close", "Close the day RECEPTION_ID (every batch heard or left).", "close_reception")

    @group.command("participants")
    @click.argument("reception_id", type=int)
    @click.argument("leaders", nargs=-1, required=True)
    @json_option
    @pass_state
    def participants(state: CliState, reception_id: int, leaders: tuple[str, ...], as_json: bool) -> None:
        """Record every leader (code) who took part in RECEPTION_ID (参与接访人次)."""
        from hearing_reception.services.day import set_participants

        r = run_as(state, lambda ctx: set_participants(ctx, reception_id, list(leaders)))
        emit(reception_row(r.as_dict()), as_json=as_json, columns=RECEPTION_COLUMNS)

    def draft(kw: dict[str, Any]) -> Any:
        from hearing_reception.services.day import VisitorDraft

        return VisitorDraft(kw["persons"], [_petitioner(p) for p in kw["petitioners"]], kw["summary"], kw["request"],
                            kw["category"], kw["item_ref"], kw["matter_ref"], kw["new_matter"])

    @group.command("visitors")
    @click.argument("reception_id", type=int)
    @_visitor_options
    @pass_state
    def visitors(state: CliState, reception_id: int, **kw: Any) -> None:
        """Register a visitor batch at RECEPTION_ID (来访登记) and its petition item."""
        from hearing_reception.services.day import register_visitors
        from hearing_reception.views import show_case

        async def work(ctx: Any) -> dict[str, Any]:
            case, suggestions = await register_visitors(ctx, reception_id, draft(kw))
            return await show_case(ctx, case, repeat_suggestions=suggestions)

        data = run_as(state, work)
        emit(data, as_json=kw["as_json"], columns=CASE_COLUMNS)
        if not kw["as_json"]:
            for s in data["repeat_suggestions"]:
                click.echo(f"possible repeat of {s['ref']} (matter {s['matter_ref'] or '-'}, score {s['score']}): "
                           + "; ".join(s["reasons"]))

    @group.command("suggest")
    @click.argument("reception_id", type=int)
    @_visitor_options
    @pass_state
    def suggest(state: CliState, reception_id: int, **kw: Any) -> None:
        """Earlier petition items a batch probably repeats (重信重访), before registering it."""
        from hearing_reception.services.day import suggest_repeats

        found = run_as(state, lambda ctx: suggest_repeats(ctx, reception_id, draft(kw)))
        emit(found, as_json=kw["as_json"], columns=["ref", "matter_ref", "score", "reasons"])

    @group.command("cases")
    @click.option("--reception", "reception_id", type=int)
    @click.option("--state", "state_filter")
    @click.option("--department")
    @click.option("--overdue/--not-overdue", default=None, help="Replies past their deadline.")
    @click.option("--transfer-late/--transfer-on-time", default=None)
    @click.option("--page", type=int, default=1)
    @click.option("--per-page", type=int, default=200)
    @json_option
    @pass_state
    def cases(state: CliState, reception_id: int | None, state_filter: str | None, department: str | None,
              overdue: bool | None, transfer_late: bool | None, page: int, per_page: int, as_json: bool) -> None:
        """Received cases (接访台账) and their follow-up."""
        from hearing_reception.services.followup import CaseFilter, list_cases
        from hearing_reception.views import show_cases

        f = CaseFilter(reception_id, state_filter, department, overdue, transfer_late)

        async def work(ctx: Any) -> tuple[Any, list[dict[str, Any]]]:
            found = await list_cases(ctx, f, page, per_page)
            return found, await show_cases(ctx, found.items)

        found, rows = run_as(state, work)
        emit(found.as_dict(rows) if as_json else rows, as_json=as_json, columns=CASE_COLUMNS)

    @group.command("case")
    @click.argument("case_id", type=int)
    @json_option
    @pass_state
    def case(state: CliState, case_id: int, as_json: bool) -> None:
        """One received case."""
        from hearing_reception.services.followup import get_case

        _emit_case(state, as_json, lambda ctx: get_case(ctx, case_id))

    @group.command("hear")
    @click.argument("case_id", type=int)
    @click.option("--note", required=True, help="The leader's handling note (处理意见).")
    @click.option("--outcome", required=True, help="on_spot 当场解决 / by_deadline 限期解决 / guidance 教育疏导 / further_study 有待研判.")
    @on_option
    @json_option
    @pass_state
    def hear(state: CliState, case_id: int, note: str, outcome: str, on: Any, as_json: bool) -> None:
        """Record the hearing of CASE_ID: note and outcome category."""
        from hearing_reception.services.day import hear as do_hear

        _emit_case(state, as_json, lambda ctx: do_hear(ctx, case_id, note, outcome, heard_on=_on(on)))

    @group.command("withdraw")
    @click.argument("case_id", type=int)
    @json_option
    @pass_state
    def withdraw(state: CliState, case_id: int, as_json: bool) -> None:
        """CASE_ID's visitors left before being heard."""
        from hearing_reception.services.day import withdraw as do_withdraw

        _emit_case(state, as_json, lambda ctx: do_withdraw(ctx, case_id))

    @group.command("instruct")
    @click.argument("case_id", type=int)
    @click.option("--text", required=True, help="The instruction (批示).")
    @click.option("--leader", help="The instructing leader (default: the acting user's name).")
    @on_option
    @json_option
    @pass_state
    def instruct(state: CliState, case_id: int, text: str, leader: str | None, on: Any, as_json: bool) -> None:
        """Record a leader's instruction on CASE_ID."""
        from hearing_reception.services.followup import instruct as do

        _emit_case(state, as_json, lambda ctx: do(ctx, case_id, text, leader=leader, on=_on(on)))

    @group.command("transfer")
    @click.argument("case_id", type=int)
    @click.option("--department", required=True, help="The responsible department (责任部门).")
    @click.option("--reply-due", type=DATE, help="Reply deadline set by the bureau (default: profile rule).")
    @on_option
    @json_option
    @pass_state
    def transfer(state: CliState, case_id: int, department: str, reply_due: Any, on: Any, as_json: bool) -> None:
        """Transfer CASE_ID's instruction to the responsible department."""
        from hearing_reception.services.followup import transfer as do

        _emit_case(state, as_json, lambda ctx: do(ctx, case_id, department, on=_on(on), reply_due=_on(reply_due)))

    @group.command("reply")
    @click.argument("case_id", type=int)
    @click.option("--text", required=True, help="The department's reply (办结回复).")
    @click.option("--resolved/--not-resolved", required=True, help="Whether the problem was solved (化解).")
    @on_option
    @json_option
    @pass_state
    def reply(state: CliState, case_id: int, text: str, resolved: bool, on: Any, as_json: bool) -> None:
        """Record the department's reply on CASE_ID."""
        from hearing_reception.services.followup import reply as do

        _emit_case(state, as_json, lambda ctx: do(ctx, case_id, text, resolved=resolved, on=_on(on)))

    @group.command("feedback")
    @click.argument("case_id", type=int)
    @click.option("--grade", required=True, help="satisfied 满意 / basically_satisfied 基本满意 / unsatisfied 不满意.")
    @click.option("--note", default="")
    @on_option
    @json_option
    @pass_state
    def feedback(state: CliState, case_id: int, grade: str, note: str, on: Any, as_json: bool) -> None:
        """Record the petitioner's feedback on CASE_ID and close it."""
        from hearing_reception.services.followup import feedback as do

        _emit_case(state, as_json, lambda ctx: do(ctx, case_id, grade, note=note, on=_on(on)))

    @group.command("close-case")
    @click.argument("case_id", type=int)
    @on_option
    @json_option
    @pass_state
    def close_case(state: CliState, case_id: int, on: Any, as_json: bool) -> None:
        """Close CASE_ID without the petitioner's feedback."""
        from hearing_reception.services.followup import close_case as do

        _emit_case(state, as_json, lambda ctx: do(ctx, case_id, on=_on(on)))

    @group.command("report")
    @click.option("--year", type=int, required=True)
    @click.option("--markdown", is_flag=True, help="Print the Chinese paragraphs only.")
    @json_option
    @pass_state
    def report(state: CliState, year: int, markdown: bool, as_json: bool) -> None:
        """The annual-report section: receptions, participation, visitors, outcomes, rates."""
        from hearing_reception.report import section_figures

        figures = run_as(state, lambda ctx: section_figures(ctx, year))
        if markdown and not as_json:
            click.echo(figures["markdown"], nl=False)
            return
        emit(figures, as_json=as_json)
