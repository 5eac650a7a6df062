"""Shared pieces of the hearing commands: option types, the action runner, output.

Commands stay thin: they parse options and call one service. Services are imported inside
the functions (``hearing --help`` must not import piccolo).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, run_as

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = [
    "BRIEF", "CASE_ID", "DATE", "MOMENT", "act_and_show", "at_option", "json_option", "show", "version_option",
]

#: Columns of the short answer of an action (``--json`` prints the whole case instead).
BRIEF = ["id", "matter_ref", "state", "phase", "version", "allowed_actions"]
CST = dt.timezone(dt.timedelta(hours=8))


class Moment(click.ParamType):
    """``2025-06-24T09:00`` or ``2025-06-24 09:00`` (China time unless an offset is given)."""

    name = "datetime"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            moment = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date and time like 2025-06-24T09:00", param, ctx)
        return moment if moment.tzinfo else moment.replace(tzinfo=CST)


class Day(click.ParamType):
    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"'{value}' is not a date like 2025-06-24", param, ctx)


MOMENT = Moment()
DATE = Day()
CASE_ID = click.argument("case_id", type=click.IntRange(min=1), metavar="ID")


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Output JSON (the whole case for actions).")(f)


def version_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--if-version", "version", type=int, default=None, metavar="N",
                        help="Refuse (conflict) unless the case is still at version N.")(f)


def at_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--at", type=MOMENT, default=None, help="When it happened (default: now, China time).")(f)


def brief(stored: Any) -> dict[str, Any]:
    return {"id": stored.id, "matter_ref": stored.matter_ref, "state": str(stored.state),
            "phase": str(stored.phase) if stored.phase else None, "version": stored.version,
            "allowed_actions": stored.case.allowed_actions()}


def act_and_show(state: CliState, as_json: bool, work: Callable[[ServiceContext], Awaitable[Any]]) -> None:
    """Run a state-changing service and print the case briefly, or in full with ``--json``."""

    async def run(ctx: ServiceContext) -> dict[str, Any]:
        from hearing_core.hearings.service import describe

        stored = await work(ctx)
        return await describe(ctx, stored) if as_json else brief(stored)

    emit(run_as(state, run), as_json=as_json, columns=BRIEF)


def show(state: CliState, as_json: bool, work: Callable[[ServiceContext], Awaitable[Any]],
         columns: list[str] | None = None) -> None:
    """Run a read service and print its data."""
    emit(run_as(state, work), as_json=as_json, columns=columns)
