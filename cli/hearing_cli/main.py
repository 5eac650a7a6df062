"""The ``hearing`` command: built by :func:`build_cli` so tests get a fresh one each time.

Plugins add command groups through ``register_commands``. A plugin that fails to
load or to register its commands is reported on stderr and skipped, so
``hearing --help`` and ``hearing plugins ...`` keep working (llm #1280).

Start-up is lazy (懒加载): ``hearing --help`` lists the commands from their declared
names and one-line helps without importing them. The core commands are declared in
:data:`CORE_COMMANDS`; a plugin's ``register_commands`` hook may call
``cli.declare_commands({name: help}, loader)`` instead of adding its commands, and the
``loader(cli)`` (which imports the command modules and adds them) runs only when a
command is looked up to run or to show its own help. Then every declared command is
loaded, core first, in registration order, exactly as an eager build would add them
(a plugin may extend a core group). Hooks that add commands directly keep working.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from hearing_core.settings import Settings

__all__ = ["CORE_COMMANDS", "HearingGroup", "build_cli", "main"]

#: The core commands: name → (``module:attribute``, its one-line help as ``--help`` lists it).
CORE_COMMANDS: dict[str, tuple[str, str]] = {
    "plugins": ("hearing_cli.commands.plugins:plugins", "Installed plugins: list them, install, enable or disable them."),
    "db": ("hearing_cli.commands.db:db", "Database: apply migrations, show their state, back up and restore."),
    "serve": ("hearing_cli.commands.serve:serve", "Run the API server; API docs at http://HOST:PORT/schema."),
    "init": ("hearing_cli.commands.users:init", "Create the instance's database and its first administrator."),
    "users": ("hearing_cli.commands.users:users", "User accounts: add, list, disable, roles, passwords."),
    "profiles": ("hearing_cli.commands.rules:profiles", "Rule profiles: the statutory time limits and rules in force."),
    "deadlines": ("hearing_cli.commands.rules:deadlines", "Statutory deadlines: compute and explain them."),
    "audit": ("hearing_cli.commands.audit:audit", "The tamper-evident audit log: verify it, read it."),
}


class HearingGroup(click.Group):
    """Root group: lazy commands (see the module docstring); domain errors as one line on stderr."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Declared, not yet loaded: name → one-line help.
        self.declared: dict[str, str] = {}
        #: Loaders still to run, in registration order: (who, loader).
        self._loaders: list[tuple[str, Callable[[click.Group], None]]] = []
        #: The plugin whose ``register_commands`` is running (its declarations are tagged with it).
        self.registering = ""

    def declare_commands(self, commands: dict[str, str], loader: Callable[[click.Group], None]) -> None:
        """Commands ``{name: one-line help}`` that ``loader(self)`` adds when one is first needed."""
        self.declared.update(commands)
        self._loaders.append((self.registering, loader))

    def load_all(self) -> None:
        """Run every pending loader (a plugin whose loader fails is reported and skipped)."""
        loaders, self._loaders = self._loaders, []
        for who, loader in loaders:
            try:
                loader(self)
            except Exception as exc:  # noqa: BLE001 - one plugin's bug must not hide the others
                if not who:
                    raise
                click.echo(f"warning: plugin '{who}' could not add its commands: {exc}", err=True)
        self.declared.clear()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.declared))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if self._loaders and (cmd_name in self.declared or cmd_name not in self.commands):
            self.load_all()
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, declared commands from their declared help (nothing imported)."""
        rows = []
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        for name in names:
            command = self.commands.get(name)
            if command is None:
                command = click.Command(name, help=self.declared.get(name, ""))
            elif command.hidden:
                continue
            rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from hearing_core.errors import HearingError, StartupError

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
            from hearing_cli.runtime import CliState

            state = ctx.find_object(CliState)
            if state is not None and state.debug:
                traceback.print_exc()
            else:
                click.echo(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
            ctx.exit(1)


def _settings_from(data_dir: str | None) -> Settings:
    from hearing_core.settings import Settings

    return Settings.from_env(data_dir=data_dir) if data_dir else Settings.from_env()


def _version() -> str:
    from hearing_core import __version__

    return __version__


def _core_loader(cli: click.Group) -> None:
    for name, (target, _) in CORE_COMMANDS.items():
        module, _, attribute = target.partition(":")
        cli.add_command(getattr(importlib.import_module(module), attribute), name)


def build_cli(pm: Any = None) -> click.Group:
    """Assemble the root command, its core groups and every plugin's commands."""

    @click.group(cls=HearingGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
    @click.version_option(_version(), prog_name="hearing")
    @click.option("--data-dir", envvar="HEARING_DATA_DIR", type=click.Path(file_okay=False), help="Instance data directory.")
    @click.option("--as", "as_user", envvar="HEARING_USER", metavar="USER", help="Act as this user (default: the local administrator).")
    @click.option("--debug", is_flag=True, envvar="HEARING_DEBUG", help="Show tracebacks for unexpected errors.")
    @click.pass_context
    def cli(ctx: click.Context, data_dir: str | None, as_user: str | None, debug: bool) -> None:
        """hearing: petition register, hearings (信访听证), mediation and review.

        Data is kept in the instance data directory (HEARING_DATA_DIR, default
        ~/.local/share/hearing) or the database named by HEARING_DATABASE_URL.
        """
        from hearing_cli.runtime import CliState
        from hearing_core.security.logfilter import install_log_filter

        ctx.obj = CliState(settings=_settings_from(data_dir), debug=debug, as_user=as_user)
        install_log_filter()  # no ID numbers, phones or tokens in any log line

    assert isinstance(cli, HearingGroup)
    cli.declare_commands({name: text for name, (_, text) in CORE_COMMANDS.items()}, _core_loader)
    _add_plugin_commands(cli, pm)
    return cli


def _add_plugin_commands(cli: HearingGroup, pm: Any) -> None:
    if pm is None:
        try:
            from hearing_core.plugins import get_plugin_manager
            from hearing_core.settings import Settings

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
            cli.registering = impl.plugin_name
            impl.function(cli=cli)
        except Exception as exc:  # noqa: BLE001 - one plugin's bug must not hide the others
            click.echo(f"warning: plugin '{impl.plugin_name}' could not add its commands: {exc}", err=True)
        finally:
            cli.registering = ""


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
