"""Running a command against an instance: settings, app lifecycle, acting user, errors.

Commands stay thin: they parse options, call :func:`run` with a coroutine that
uses services, and print. Heavy modules (piccolo, litestar) are imported here
lazily, only when a command actually touches the instance.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from hearing_core.settings import Settings

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext

__all__ = ["CliState", "pass_state", "run", "run_as"]

T = TypeVar("T")


@dataclass
class CliState:
    """Options of the root command, shared by every sub-command."""

    settings: Settings
    debug: bool = False
    as_user: str | None = None


pass_state = click.make_pass_decorator(CliState)


def run(state: CliState, work: Callable[[HearingApp], Awaitable[T]], *, upgrade: bool = True) -> T:
    """Start the instance, run ``work(app)``, stop it; translate errors to one line."""
    return asyncio.run(_run(state, work, upgrade))


def run_as(state: CliState, work: Callable[[ServiceContext], Awaitable[T]]) -> T:
    """Like :func:`run`, with a service context for the acting user (``--as``)."""

    async def with_ctx(app: HearingApp) -> T:
        from hearing_core.context import ServiceContext

        actor = await resolve_actor(app, state.as_user)
        return await work(ServiceContext(app, actor))

    return run(state, with_ctx)


async def _run(state: CliState, work: Callable[[HearingApp], Awaitable[T]], upgrade: bool) -> T:
    from hearing_core.app import HearingApp

    app = HearingApp(state.settings.ensure_secret_key())
    async with app.running():
        if upgrade:
            await ensure_schema(app)
        return await work(app)


async def ensure_schema(app: HearingApp) -> None:
    """Apply pending migrations on SQLite (embedded, one administrator); on PostgreSQL ask for it."""
    from hearing_core.db.migrations import migration_status, upgrade
    from hearing_core.errors import HearingError

    pending = [s for s in await migration_status(app.db, app.app_configs) if not s.applied]
    if not pending:
        return
    if app.db.is_sqlite:
        await upgrade(app.db, app.app_configs)
        click.echo(f"note: applied {len(pending)} pending migration(s) to {app.settings.database_url}", err=True)
        return
    raise HearingError(f"the database has {len(pending)} pending migration(s); run `hearing db upgrade` first")


async def resolve_actor(app: HearingApp, username: str | None) -> Any:
    """The named user, or the instance's first active administrator (the local admin)."""
    from hearing_core.errors import HearingError
    from hearing_core.security.service import actor_by_username
    from hearing_core.security.tables import User

    if username:
        return await actor_by_username(app, username)
    rows = await User.select(User.username, User.roles, User.active).order_by(User.id).output(load_json=True).run()
    for row in rows:
        if row["active"] and "administrator" in (row["roles"] or []):
            return await actor_by_username(app, row["username"])
    raise HearingError("the instance has no administrator yet: run `hearing init` first (or pass --as USER)")


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)
