"""Helpers shared by the mediation commands: dates, people, centres, running a service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, run_as

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["DATE", "JSON", "centre_option", "parse_person", "resolve_centre", "run", "show"]

T = TypeVar("T")
DATE = click.DateTime(formats=["%Y-%m-%d"])
JSON = click.option("--json", "as_json", is_flag=True, help="Output JSON.")


def centre_option(required: bool = True) -> Callable[[Any], Any]:
    return click.option("--centre", "centre", required=required, help="Centre code (e.g. CGZ) or id.")


def day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def parse_person(text: str) -> dict[str, str | None]:
    """``name[,id_number[,phone[,address]]]`` (full-width commas accepted)."""
    parts = [p.strip() for p in text.replace("，", ",").split(",", 3)]
    parts += [""] * (4 - len(parts))
    return {"name": parts[0], "id_number": parts[1] or None, "phone": parts[2] or None, "address": parts[3] or None}


async def resolve_centre(ctx: ServiceContext, key: str) -> int:
    """A centre id from its code or id (NotFound when out of the actor's scope)."""
    from hearing_mediation.centres import centre_id_of

    return await centre_id_of(ctx, key)


def run(state: CliState, work: Callable[[ServiceContext], Awaitable[T]]) -> T:
    return run_as(state, work)


def show(data: Any, as_json: bool, keys: list[str] | None = None) -> None:
    """A record (selected keys) or JSON (everything)."""
    if as_json or keys is None:
        emit(data, as_json=as_json)
    else:
        emit({k: data.get(k) for k in keys}, as_json=False)
