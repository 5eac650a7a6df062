"""``hearing db``: migrations (数据库迁移), backup and restore (备份与恢复)."""

from __future__ import annotations

import click

from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run

__all__ = ["db"]


@click.group()
def db() -> None:
    """Database: apply migrations, show their state, back up and restore."""


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


@db.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def backup(state: CliState, file: str, as_json: bool) -> None:
    """Write a consistent backup of the database to FILE (safe while the server runs).

    SQLite: the online backup API, checked and renamed into place. PostgreSQL:
    pg_dump --format=custom (the client tools must be on PATH).
    """
    from pathlib import Path

    from hearing_core.db.backup import backup_database

    result = backup_database(state.settings.database_url, Path(file))
    if as_json:
        emit(result.as_dict(), as_json=True)
    else:
        click.echo(f"backup written to {result.path} ({result.size} bytes)")


@db.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def restore(state: CliState, file: str, yes: bool, as_json: bool) -> None:
    """Replace the database with the backup FILE, then verify the audit chain.

    The file is checked first (integrity, hearing tables, migrations); on SQLite
    the current database is kept beside it as <db>.pre-restore-<time>. Stop the
    server first: requests in flight would see the database change under them.
    """
    from pathlib import Path

    from hearing_core.audit.verify import verify_chain
    from hearing_core.db.backup import restore_database

    if not yes:
        click.confirm(
            f"Replace the database {state.settings.database_url} with {file}? Current data will be overwritten",
            abort=True,
        )
    result = restore_database(state.settings.database_url, Path(file))

    async def verify(app):  # type: ignore[no-untyped-def]
        return await verify_chain(app.db)

    report = run(state, verify, upgrade=False)
    if as_json:
        emit({**result.as_dict(), "audit": report.as_dict()}, as_json=True)
    else:
        click.echo(f"restored {result.path} from {file}")
        if result.previous:
            click.echo(f"previous database kept as {result.previous}")
        click.echo(f"audit chain: {'ok' if report.ok else 'BROKEN'} ({report.detail})")
    if not report.ok:
        raise click.exceptions.Exit(1)
