"""``hearing db``: migrations (数据库迁移)."""

from __future__ import annotations

import click

from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run

__all__ = ["db"]


@click.group()
def db() -> None:
    """Database schema: apply migrations, show their state."""


@db.command()
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def upgrade(state: CliState, as_json: bool) -> None:
    """Apply every pending migration of the core and the enabled plugins (idempotent)."""
    from hearing_core.db.migrations import upgrade as do_upgrade

    applied = run(state, lambda app: do_upgrade(app.db, app.app_configs), upgrade=False)
    if as_json:
        emit([m.as_dict() for m in applied], as_json=True)
    elif applied:
        for m in applied:
            click.echo(f"applied {m.app} {m.migration_id}  {m.description}")
    else:
        click.echo("database is up to date")


@db.command()
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def status(state: CliState, as_json: bool) -> None:
    """Show every migration and whether it is applied."""
    from hearing_core.db.migrations import migration_status

    states = run(state, lambda app: migration_status(app.db, app.app_configs), upgrade=False)
    emit([s.as_dict() for s in states], as_json=as_json, columns=["app", "id", "applied", "description"])
