"""``hearing init`` and ``hearing users`` (用户管理)."""

from __future__ import annotations

import click

from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run, run_as

__all__ = ["init", "users"]

USER_COLUMNS = ["username", "display_name", "roles", "active", "created_at"]


@click.command()
@click.option("--username", help="Administrator's username (asked if missing).")
@click.option("--password", envvar="HEARING_ADMIN_PASSWORD", help="Password (asked if missing; or HEARING_ADMIN_PASSWORD).")
@click.option("--display-name", default="", help="Name shown in records, e.g. 张三.")
@click.option("--non-interactive", is_flag=True, help="Never prompt; fail if something is missing.")
@click.option("--exists-ok", is_flag=True, help="Succeed without changes if the instance already has users.")
@pass_state
def init(
    state: CliState, username: str | None, password: str | None, display_name: str, non_interactive: bool, exists_ok: bool
) -> None:
    """Create the instance's database and its first administrator."""
    from hearing_core.security.service import bootstrap_admin, count_users

    if exists_ok and run(state, count_users) > 0:
        click.echo(f"instance in {state.settings.data_dir} already initialised")
        return

    if username is None:
        if non_interactive:
            raise click.UsageError("--username is required with --non-interactive")
        username = click.prompt("Administrator username", default="admin")
    if password is None:
        if non_interactive:
            raise click.UsageError("--password (or HEARING_ADMIN_PASSWORD) is required with --non-interactive")
        password = click.prompt("Password (at least 8 characters)", hide_input=True, confirmation_prompt=True)
    view = run(state, lambda app: bootstrap_admin(app, username, password, display_name))
    click.echo(f"created administrator '{view.username}' in {state.settings.data_dir}")


@click.group()
def users() -> None:
    """User accounts: add, list, disable, roles, passwords."""


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def list_users(state: CliState, as_json: bool) -> None:
    """List user accounts."""
    from hearing_core.security.service import list_users as do_list

    views = run_as(state, do_list)
    emit([v.as_dict() for v in views], as_json=as_json, columns=USER_COLUMNS)


@users.command()
@click.argument("username")
@click.option("--role", "roles", multiple=True, required=True, help="Role (repeat for several), e.g. registrar.")
@click.option("--display-name", default="", help="Name shown in records, e.g. 李四.")
@click.option("--password", envvar="HEARING_NEW_PASSWORD", help="Password (asked if missing).")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def add(state: CliState, username: str, roles: tuple[str, ...], display_name: str, password: str | None, as_json: bool) -> None:
    """Create user USERNAME with one or more roles."""
    from hearing_core.security.service import create_user

    if password is None:
        password = click.prompt("Password (at least 8 characters)", hide_input=True, confirmation_prompt=True)
    view = run_as(state, lambda ctx: create_user(ctx, username, password, list(roles), display_name))
    emit(view.as_dict(), as_json=as_json, columns=USER_COLUMNS)


@users.command()
@click.argument("username")
@pass_state
def disable(state: CliState, username: str) -> None:
    """Disable USERNAME (their tokens stop working at once)."""
    from hearing_core.security.service import set_active

    run_as(state, lambda ctx: set_active(ctx, username, False))
    click.echo(f"disabled {username}")


@users.command()
@click.argument("username")
@pass_state
def enable(state: CliState, username: str) -> None:
    """Enable USERNAME again."""
    from hearing_core.security.service import set_active

    run_as(state, lambda ctx: set_active(ctx, username, True))
    click.echo(f"enabled {username}")


@users.command("set-role")
@click.argument("username")
@click.argument("roles", nargs=-1, required=True)
@pass_state
def set_role(state: CliState, username: str, roles: tuple[str, ...]) -> None:
    """Replace USERNAME's roles with ROLES."""
    from hearing_core.security.service import set_roles

    view = run_as(state, lambda ctx: set_roles(ctx, username, list(roles)))
    click.echo(f"{username}: {', '.join(view.roles)}")


@users.command("reset-password")
@click.argument("username")
@click.option("--password", envvar="HEARING_NEW_PASSWORD", help="New password (asked if missing).")
@pass_state
def reset_password(state: CliState, username: str, password: str | None) -> None:
    """Set a new password for USERNAME (their existing tokens stop working)."""
    from hearing_core.security.service import reset_password as do_reset

    if password is None:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
    run_as(state, lambda ctx: do_reset(ctx, username, password))
    click.echo(f"password of {username} changed")
