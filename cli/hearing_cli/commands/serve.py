"""``hearing serve``: run the API server (uvicorn)."""

from __future__ import annotations

import click

from hearing_cli.runtime import CliState, pass_state, run

__all__ = ["serve"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes (PostgreSQL for more than one writer-heavy worker).")
@click.option("--upgrade/--no-upgrade", default=True, show_default=True, help="Apply pending migrations before starting.")
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="Log every request (the audit log records every change regardless).")
@pass_state
def serve(state: CliState, host: str, port: int, workers: int, upgrade: bool, access_log: bool) -> None:
    """Run the API server; API docs at http://HOST:PORT/schema."""
    import os

    import uvicorn

    from hearing_core.db.migrations import upgrade as do_upgrade

    if upgrade:
        applied = run(state, lambda app: do_upgrade(app.db, app.app_configs), upgrade=False)
        if applied:
            click.echo(f"applied {len(applied)} migration(s)", err=True)
    # Workers are separate processes: they read the same settings from the environment.
    os.environ["HEARING_DATA_DIR"] = str(state.settings.data_dir)
    os.environ.setdefault("HEARING_DATABASE_URL", state.settings.database_url)
    click.echo(f"hearing API on http://{host}:{port}  (docs: http://{host}:{port}/schema)", err=True)
    uvicorn.run(
        "hearing_core.api.factory:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=False,
        server_header=False,
        timeout_keep_alive=5,
        access_log=access_log,
        log_level="info",
    )
