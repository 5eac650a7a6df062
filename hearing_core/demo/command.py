"""``hearing demo``: build a demo instance of a county bureau's year, and serve it (演示实例).

The demo lives in ``<data dir>/demo/`` (its own SQLite file, config and documents), so the
bureau's own instance is never touched. Run again, it refuses unless ``--force`` (rebuild)
or ``--serve`` (serve the demo already built). ``--in-place`` builds into the configured
instance instead — after a confirmation, and only if that instance is still empty.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

import click
from hearing_cli.runtime import CliState, pass_state

if TYPE_CHECKING:
    from hearing_core.demo.instance import DemoInstance

__all__ = ["demo"]

DEFAULT_SEED = 20231231
#: The demo year unless --year says otherwise: fixed, so the tutorial's figures and numbers hold.
DEFAULT_YEAR = 2025


def _years_covered() -> tuple[int, ...]:
    from hearing_core.deadlines import HolidayCalendar

    return HolidayCalendar().covered_years()


def _check_year(year: int | None) -> int:
    """The demo year (2025 by default); the holiday calendar must cover it and the years around it."""
    covered = _years_covered()
    today = dt.date.today()
    chosen = year if year is not None else DEFAULT_YEAR
    if chosen >= today.year:
        raise click.BadParameter(f"{chosen} is not over yet; the demo year must be a past year", param_hint="--year")
    if not {chosen - 1, chosen, chosen + 1} <= set(covered):
        raise click.BadParameter(f"the holiday calendar covers {covered[0]}–{covered[-1]}; the demo needs the "
                                 f"year before and after {chosen} too", param_hint="--year")
    return chosen


@click.command()
@click.option("--year", type=int, default=None, help=f"The demo year (default {DEFAULT_YEAR}).")
@click.option("--seed", type=int, default=None, help=f"Seed of the generated register (default {DEFAULT_SEED}).")
@click.option("--serve", is_flag=True, help="Serve the demo (API and web pages) once built; reuses a built demo.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (with --serve).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port (with --serve).")
@click.option("--force", is_flag=True, help="Delete the demo instance and build it again.")
@click.option("--path", "show_path", is_flag=True, help="Print the demo instance's directory and exit.")
@click.option("--in-place", is_flag=True, help="Build into the configured instance (must be empty) instead of <data dir>/demo.")
@click.option("--yes", is_flag=True, help="Do not ask before building into the configured instance.")
@pass_state
@click.pass_context
def demo(click_ctx: click.Context, state: CliState, year: int | None, seed: int | None, serve: bool, host: str,
         port: int, force: bool, show_path: bool, in_place: bool, yes: bool) -> None:
    """Build a demo instance: a county's year of petitions, hearings, mediation, reviews and receptions.

    Users for every role are created with the password demo-<username>-1 (e.g. registrar /
    demo-registrar-1). Then `hearing demo --serve` and log in at http://127.0.0.1:8000/login,
    or `export HEARING_DATA_DIR=$(hearing demo --path)` and follow docs/tutorial.md.
    """
    from hearing_core.demo.instance import DemoInstance
    from hearing_core.errors import HearingError

    instance = DemoInstance(state.settings, in_place=True) if in_place else DemoInstance.under(state.settings.data_dir)
    if show_path:
        click.echo(str(instance.path))
        return
    marker = instance.marker
    built = marker is not None and not force
    if built and not serve:
        raise HearingError(
            f"a demo instance is already built in {instance.path} (year {marker['year']}, seed {marker['seed']}); "
            "`hearing demo --serve` serves it, `hearing demo --force` builds it again")
    if built and ((year is not None and year != marker["year"]) or (seed is not None and seed != marker["seed"])):
        raise HearingError(f"the demo in {instance.path} was built for year {marker['year']}, seed {marker['seed']}; "
                           "add --force to build it again for the year and seed you asked for")
    if not built:
        _build(instance, _check_year(year), DEFAULT_SEED if seed is None else seed, force, yes)
    else:
        click.echo(f"serving the demo instance built in {instance.path} (year {marker['year']}, seed {marker['seed']}); "
                   "--force builds it again", err=True)
    if serve:
        _serve(click_ctx, instance, host, port)


def _build(instance: DemoInstance, year: int, seed: int, force: bool, yes: bool) -> None:
    import asyncio

    from hearing_core.demo import county
    from hearing_core.demo.build import build_demo
    from hearing_core.demo.summary import print_summary
    from hearing_core.errors import HearingError

    if instance.in_place:
        _check_empty(instance)
        if not yes:
            click.confirm(f"Build the demo year into the configured instance {instance.settings.database_url}?",
                          abort=True)
    elif force:
        instance.remove()
    elif instance.started:
        raise HearingError(f"{instance.path} holds an unfinished demo (no demo.json); add --force to build it again")
    click.echo(f"building the demo instance in {instance.path} (year {year}, seed {seed}) …", err=True)
    instance.prepare(county.config_toml(), county.profile_toml())
    result = asyncio.run(build_demo(instance, year, seed, lambda line: click.echo(line, err=True)))
    instance.write_marker({"year": year, "seed": seed, "built_at": dt.datetime.now().isoformat(timespec="seconds"),
                           "build_seconds": round(result.seconds, 1),
                           "steps": {name: round(s, 1) for name, s in result.steps},
                           "made": result.made, "missing": result.missing})
    print_summary(instance, result)


def _check_empty(instance: DemoInstance) -> None:
    import asyncio

    from hearing_core.demo.instance import open_app
    from hearing_core.errors import HearingError

    async def users() -> int:
        from hearing_core.db.migrations import upgrade
        from hearing_core.security.service import count_users

        app = open_app(instance.settings)
        async with app.running():
            if app.db.is_sqlite:
                await upgrade(app.db, app.app_configs)
            return await count_users(app)

    if asyncio.run(users()) > 0:
        raise HearingError(f"the configured instance ({instance.settings.database_url}) already has users; "
                           "the demo is built only into an empty instance")


def _serve(click_ctx: click.Context, instance: DemoInstance, host: str, port: int) -> None:
    """Serve the demo through `hearing serve` itself, on the demo instance's settings only."""
    from hearing_cli.commands.serve import serve

    if not instance.in_place:
        for name in [n for n in os.environ if n.startswith("HEARING_") and n != "HEARING_DEBUG"]:
            del os.environ[name]  # the demo's own config.toml decides (database, plugins, profile)
        os.environ["HEARING_DATA_DIR"] = str(instance.path)
        os.environ["HEARING_DATABASE_URL"] = instance.settings.database_url
    click.echo(f"log in at http://{host}:{port}/login as registrar / demo-registrar-1 "
               "(every demo user: demo-<username>-1; `hearing demo --help`)", err=True)
    click_ctx.obj = CliState(settings=instance.settings)
    kwargs: dict[str, Any] = {"host": host, "port": port, "workers": 1, "upgrade": True, "access_log": False}
    click_ctx.invoke(serve, **kwargs)
