"""The ``hearing`` command: built by :func:`build_cli` so tests get a fresh one each time.

Plugins add command groups through ``register_commands``. A plugin that fails to
load or to register its commands is reported on stderr and skipped, so
``hearing --help`` and ``hearing plugins ...`` keep working (llm #1280).
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any

import click

from hearing_cli.runtime import CliState
from hearing_core import __version__
from hearing_core.errors import HearingError, StartupError
from hearing_core.settings import Settings

__all__ = ["build_cli", "main"]


class HearingGroup(click.Group):
    """Root group: turns domain errors into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except HearingError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except StartupError as exc:
            click.echo(f"error: configuration: {exc}", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            # Output piped into `head` and the like: the reader left, nothing to report.
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
            state = ctx.find_object(CliState)
            if state is not None and state.debug:
                traceback.print_exc()
            else:
                click.echo(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
            ctx.exit(1)


def _settings_from(data_dir: str | None) -> Settings:
    return Settings.from_env(data_dir=data_dir) if data_dir else Settings.from_env()


def build_cli(pm: Any = None) -> click.Group:
    """Assemble the root command, its core groups and every plugin's commands."""

    @click.group(cls=HearingGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
    @click.version_option(__version__, prog_name="hearing")
    @click.option("--data-dir", envvar="HEARING_DATA_DIR", type=click.Path(file_okay=False), help="Instance data directory.")
    @click.option("--as", "as_user", envvar="HEARING_USER", metavar="USER", help="Act as this user (default: the local administrator).")
    @click.option("--debug", is_flag=True, envvar="HEARING_DEBUG", help="Show tracebacks for unexpected errors.")
    @click.pass_context
    def cli(ctx: click.Context, data_dir: str | None, as_user: str | None, debug: bool) -> None:
        """hearing: petition register, hearings (信访听证), mediation and review.

        Data is kept in the instance data directory (HEARING_DATA_DIR, default
        ~/.local/share/hearing) or the database named by HEARING_DATABASE_URL.
        """
        ctx.obj = CliState(settings=_settings_from(data_dir), debug=debug, as_user=as_user)
        from hearing_core.security.logfilter import install_log_filter

        install_log_filter()  # no ID numbers, phones or tokens in any log line

    from hearing_cli.commands import audit, db, plugins, rules, serve, users

    for group in (plugins.plugins, db.db, serve.serve, users.init, users.users, rules.profiles, rules.deadlines):
        cli.add_command(group)
    cli.add_command(audit.audit)

    _add_plugin_commands(cli, pm)
    return cli


def _add_plugin_commands(cli: click.Group, pm: Any) -> None:
    if pm is None:
        try:
            from hearing_core.plugins import get_plugin_manager

            settings = Settings.from_env()
            pm = get_plugin_manager(only=settings.load_plugins, disabled=settings.disabled_plugins)
        except Exception as exc:  # noqa: BLE001 - keep the core commands usable
            click.echo(f"warning: plugins not loaded: {exc}", err=True)
            return
    for info in pm.plugin_infos():
        if info.error:
            click.echo(f"warning: plugin '{info.name}' failed to load: {info.error}", err=True)
    for impl in pm.hook.register_commands.get_hookimpls():
        try:
            impl.function(cli=cli)
        except Exception as exc:  # noqa: BLE001 - one plugin's bug must not hide the others
            click.echo(f"warning: plugin '{impl.plugin_name}' could not add its commands: {exc}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    args = argv if argv is not None else sys.argv[1:]
    # Plugins are chosen before click parses options (their commands must exist by
    # then), so honour --data-dir early: the instance config lists disabled plugins.
    for i, arg in enumerate(args):
        if arg == "--data-dir" and i + 1 < len(args):
            os.environ["HEARING_DATA_DIR"] = args[i + 1]
        elif arg.startswith("--data-dir="):
            os.environ["HEARING_DATA_DIR"] = arg.split("=", 1)[1]
    build_cli().main(args=args, prog_name="hearing")


if __name__ == "__main__":
    main()
