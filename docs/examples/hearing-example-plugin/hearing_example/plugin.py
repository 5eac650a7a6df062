"""Hook implementations of the example plugin.

It shows the four things most plugins do: declare a permission and who holds
it, add an API route, add a CLI command, and listen to domain events. Heavy
imports (litestar) happen inside the hook that needs them, so ``hearing --help``
stays fast.
"""

from __future__ import annotations

from typing import Any

import click

from hearing_core import hookimpl
from hearing_core.contributions import Permission

GREETING = "你好，信访听证"


@hookimpl
def register_permissions() -> list[Permission]:
    return [Permission("example.read", "read the example plugin's greeting", roles=("registrar", "clerk"))]


@hookimpl
def register_routes(app: Any) -> list[Any]:
    from hearing_example.api import greeting

    return [greeting]


@hookimpl
def register_commands(cli: click.Group) -> None:
    @cli.group()
    def example() -> None:
        """The example plugin's commands."""

    @example.command()
    @click.option("--json", "as_json", is_flag=True)
    def greet(as_json: bool) -> None:
        """Print the greeting."""
        if as_json:
            import json

            click.echo(json.dumps({"greeting": GREETING}, ensure_ascii=False))
        else:
            click.echo(GREETING)


@hookimpl
def case_transitioned(kind: str, source: str, target: str) -> None:
    from hearing_example.api import SEEN

    SEEN.append((kind, source, target))
