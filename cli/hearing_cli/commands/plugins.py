"""``hearing plugins``: list, install, uninstall, enable, disable (插件管理)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["plugins"]


@click.group()
def plugins() -> None:
    """Installed plugins: list them, install, enable or disable them."""


@plugins.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.option("--all", "show_core", is_flag=True, help="Include the core's own hook modules.")
@pass_state
def list_plugins(state: CliState, as_json: bool, show_core: bool) -> None:
    """List plugins with version, source, enabled flag and implemented hooks."""
    from hearing_core.plugins import get_plugin_manager

    settings = state.settings
    pm = get_plugin_manager(only=settings.load_plugins, disabled=settings.disabled_plugins)
    infos = [i.as_dict() for i in pm.plugin_infos(include_core=show_core)]
    if as_json:
        emit(infos, as_json=True)
        return
    rows = [
        {**i, "hooks": len(i["hooks"]), "status": "error" if i["error"] else ("loaded" if i["loaded"] else "disabled")}
        for i in infos
    ]
    emit(rows, as_json=False, columns=["name", "version", "source", "enabled", "status", "hooks"])
    for info in infos:
        if info["error"]:
            click.echo(f"{info['name']}: {info['error']}", err=True)


def _set_enabled(state: CliState, name: str, enabled: bool) -> None:
    from hearing_core.plugin_admin import set_plugin_enabled

    # The same service as the API and the web page: permission, audit entry, core modules refused.
    run_as(state, lambda ctx: set_plugin_enabled(ctx, name, enabled))


@plugins.command()
@click.argument("name")
@pass_state
def disable(state: CliState, name: str) -> None:
    """Disable plugin NAME (takes effect on next start; its data is kept)."""
    _set_enabled(state, name, False)
    click.echo(f"disabled {name}; restart the server for it to take effect")


@plugins.command()
@click.argument("name")
@pass_state
def enable(state: CliState, name: str) -> None:
    """Enable plugin NAME again (takes effect on next start)."""
    _set_enabled(state, name, True)
    click.echo(f"enabled {name}; restart the server (and run `hearing db upgrade`) for it to take effect")


def _pip(*args: str) -> None:
    # Install into the interpreter running hearing itself, as datasette does.
    result = subprocess.run([sys.executable, "-m", "pip", *args], check=False)
    if result.returncode != 0:
        raise click.ClickException(f"pip {' '.join(args)} failed with exit code {result.returncode}")


@plugins.command()
@click.argument("target")
@click.option("-U", "--upgrade", is_flag=True, help="Upgrade if already installed.")
@click.option("-e", "--editable", is_flag=True, help="Install a local directory in editable mode.")
def install(target: str, upgrade: bool, editable: bool) -> None:
    """Install a plugin from PyPI (NAME) or a local directory/wheel (PATH) with pip."""
    args = ["install"]
    if upgrade:
        args.append("--upgrade")
    if editable:
        args.append("-e")
    if Path(target).exists():
        target = str(Path(target).resolve())
    _pip(*args, target)


@plugins.command()
@click.argument("name")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
def uninstall(name: str, yes: bool) -> None:
    """Uninstall plugin distribution NAME with pip (built-in plugins can only be disabled)."""
    if name in {"hearing", "mediation", "review", "pdf_import", "reception"}:
        raise click.ClickException(f"'{name}' is part of hearing itself; use `hearing plugins disable {name}`")
    _pip("uninstall", *(["-y"] if yes else []), name)
