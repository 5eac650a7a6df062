"""``hearing reception leaders|rules|plan|list|show|swap|reschedule|cancel|notice``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["RECEPTION_COLUMNS", "add_planning_commands", "reception_row"]

LEADER_COLUMNS = ["id", "code", "name", "post", "level_zh", "portfolio", "paired_unit", "active"]
RULE_COLUMNS = ["id", "code", "title", "recurrence_zh", "place", "leaders", "levels", "rota", "active"]
RECEPTION_COLUMNS = ["id", "date", "session", "place", "leader_names", "state", "moved_because"]
NOTICE_COLUMNS = ["reception_id", "date", "place", "notice_due", "published_on", "status_zh"]
DATE = click.DateTime(formats=["%Y-%m-%d"])
json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _toml_list(path: Path, key: str) -> list[Any]:
    """The ``[[key]]`` tables of a TOML file; a broken file is one clear error."""
    import tomllib

    from hearing_core.errors import ValidationFailed

    try:
        items = tomllib.loads(path.read_text(encoding="utf-8")).get(key, [])
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationFailed(f"{path}: invalid TOML: {exc}") from exc
    if not isinstance(items, list) or not items:
        raise ValidationFailed(f"{path}: no [[{key}]] tables")
    return items


def reception_row(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "leader_names": "、".join(p["name"] for p in data["leaders"])}


def add_planning_commands(group: click.Group) -> None:
    """Attach the planning commands to ``hearing reception``."""

    @group.group()
    def leaders() -> None:
        """Receiving leaders (接访领导) with level and pairing (挂钩镇/单位)."""

    @leaders.command("add")
    @click.argument("code")
    @click.option("--name", required=True, help="Name, e.g. 李明.")
    @click.option("--post", required=True, help="Post (职务), e.g. 县委书记.")
    @click.option("--level", required=True, help="county 县领导 / department 县直部门领导 / town 镇领导.")
    @click.option("--portfolio", default="", help="Portfolio (分管工作).")
    @click.option("--paired-unit", default="", help="Town, unit or village the leader is paired with (挂钩).")
    @click.option("--unit", default="", help="The leader's own unit.")
    @click.option("--username", default="", help="The leader's user account, if any.")
    @json_option
    @pass_state
    def add_leader(state: CliState, code: str, as_json: bool, **fields: str) -> None:
        """Add leader CODE (a short handle used by rules and commands)."""
        from hearing_reception.services.leaders import create_leader
        from hearing_reception.views import leader_view

        leader = run_as(state, lambda ctx: create_leader(ctx, {"code": code, **fields}))
        emit(leader_view(leader), as_json=as_json, columns=LEADER_COLUMNS)

    @leaders.command("load")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @json_option
    @pass_state
    def load_leaders(state: CliState, path: Path, as_json: bool) -> None:
        """Add every ``[[leader]]`` of the TOML file PATH (code, name, post, level, …), or none."""
        from hearing_reception.services.leaders import load_leaders_file
        from hearing_reception.views import leader_view

        items = _toml_list(path, "leader")
        found = run_as(state, lambda ctx: load_leaders_file(ctx, items))
        emit([leader_view(lead) for lead in found], as_json=as_json, columns=LEADER_COLUMNS)

    @leaders.command("update")
    @click.argument("code")
    @click.option("--name")
    @click.option("--post")
    @click.option("--level")
    @click.option("--portfolio")
    @click.option("--paired-unit")
    @click.option("--unit")
    @click.option("--active/--inactive", default=None, help="Whether the leader still receives.")
    @json_option
    @pass_state
    def update_leader(state: CliState, code: str, as_json: bool, **fields: Any) -> None:
        """Change leader CODE's post, portfolio, pairing or active flag."""
        from hearing_reception.services.leaders import update_leader as update
        from hearing_reception.views import leader_view

        changes = {k: v for k, v in fields.items() if v is not None}
        emit(leader_view(run_as(state, lambda ctx: update(ctx, code, changes))), as_json=as_json, columns=LEADER_COLUMNS)

    @leaders.command("list")
    @click.option("--level", help="Only this level.")
    @json_option
    @pass_state
    def list_leaders(state: CliState, level: str | None, as_json: bool) -> None:
        """List receiving leaders."""
        from hearing_reception.services.leaders import list_leaders as do_list
        from hearing_reception.views import leader_view

        found = run_as(state, lambda ctx: do_list(ctx, level=level))
        emit([leader_view(lead) for lead in found], as_json=as_json, columns=LEADER_COLUMNS)

    @group.group()
    def rules() -> None:
        """Reception rules (接访规则) as data: when, who, where."""

    @rules.command("load")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @json_option
    @pass_state
    def load_rules(state: CliState, path: Path, as_json: bool) -> None:
        """Add every ``[[rule]]`` of the TOML file PATH, or none if any is wrong."""
        from hearing_reception.services.leaders import leader_codes, load_rules_file
        from hearing_reception.views import rule_view

        items = _toml_list(path, "rule")

        async def work(ctx: Any) -> list[dict[str, Any]]:
            found = await load_rules_file(ctx, items)
            codes = await leader_codes()
            return [rule_view(r, codes) for r in found]

        emit(run_as(state, work), as_json=as_json, columns=RULE_COLUMNS)

    @rules.command("list")
    @json_option
    @pass_state
    def list_rules(state: CliState, as_json: bool) -> None:
        """List reception rules."""
        from hearing_reception.services.leaders import leader_codes
        from hearing_reception.services.leaders import list_rules as do_list
        from hearing_reception.views import rule_view

        async def work(ctx: Any) -> list[dict[str, Any]]:
            return [rule_view(r, await leader_codes()) for r in await do_list(ctx)]

        emit(run_as(state, work), as_json=as_json, columns=RULE_COLUMNS)

    @rules.command("set")
    @click.argument("code")
    @click.argument("assignments", nargs=-1, required=True, metavar="KEY=VALUE...")
    @json_option
    @pass_state
    def set_rule(state: CliState, code: str, assignments: tuple[str, ...], as_json: bool) -> None:
        """Change keys of rule CODE, e.g. ``active=false`` or ``place=县信访局二楼``."""
        import tomllib

        from hearing_reception.services.leaders import leader_codes, update_rule
        from hearing_reception.views import rule_view

        changes: dict[str, Any] = {}
        for item in assignments:
            key, _, value = item.partition("=")
            try:
                changes[key.strip()] = tomllib.loads(f"v = {value}")["v"]
            except tomllib.TOMLDecodeError:
                changes[key.strip()] = value

        async def work(ctx: Any) -> dict[str, Any]:
            return rule_view(await update_rule(ctx, code, changes), await leader_codes())

        emit(run_as(state, work), as_json=as_json, columns=RULE_COLUMNS)

    @group.command("plan")
    @click.option("--from", "start", type=DATE, required=True, help="First day (YYYY-MM-DD).")
    @click.option("--to", "end", type=DATE, required=True, help="Last day.")
    @click.option("--dry-run", is_flag=True, help="Show what would be planned, store nothing.")
    @json_option
    @pass_state
    def plan(state: CliState, start: dt.datetime, end: dt.datetime, dry_run: bool, as_json: bool) -> None:
        """Generate the reception calendar from the active rules (holidays move to the next working day)."""
        from hearing_reception.services.planning import plan_receptions

        outcome = run_as(state, lambda ctx: plan_receptions(ctx, start.date(), end.date(), dry_run=dry_run))
        rows = [reception_row(r.as_dict()) for r in outcome.created]
        warnings = [{"rule": c, "message": m} for c, m in outcome.warnings]
        if as_json:
            emit({"created": rows, "existing": outcome.existing, "dry_run": dry_run, "warnings": warnings}, as_json=True)
            return
        emit(rows, as_json=False, columns=RECEPTION_COLUMNS)
        verb = "would create" if dry_run else "created"
        click.echo(f"{verb} {len(rows)} reception(s); {outcome.existing} already planned")
        for w in warnings:
            click.echo(f"warning: rule {w['rule']}: {w['message']}", err=True)

    @group.command("list")
    @click.option("--from", "start", type=DATE, help="First day.")
    @click.option("--to", "end", type=DATE, help="Last day.")
    @click.option("--state", "state_filter", help="planned, announced, in_progress, held or cancelled.")
    @click.option("--leader", help="Leader code or id.")
    @click.option("--page", type=int, default=1)
    @click.option("--per-page", type=int, default=200)
    @json_option
    @pass_state
    def list_receptions(state: CliState, start: dt.datetime | None, end: dt.datetime | None, state_filter: str | None,
                        leader: str | None, page: int, per_page: int, as_json: bool) -> None:
        """The reception calendar."""
        from hearing_reception.services.planning import ReceptionFilter
        from hearing_reception.services.planning import list_receptions as do_list

        f = ReceptionFilter(_day(start), _day(end), state_filter, leader)
        found = run_as(state, lambda ctx: do_list(ctx, f, page, per_page))
        rows = [reception_row(r.as_dict()) for r in found.items]
        emit(found.as_dict(rows) if as_json else rows, as_json=as_json, columns=RECEPTION_COLUMNS)

    @group.command("show")
    @click.argument("reception_id", type=int)
    @json_option
    @pass_state
    def show(state: CliState, reception_id: int, as_json: bool) -> None:
        """One reception, with its swaps, moves and cancellation."""
        from hearing_reception.services.planning import get_reception, list_changes

        async def work(ctx: Any) -> dict[str, Any]:
            data = reception_row((await get_reception(ctx, reception_id)).as_dict())
            return {**data, "changes": await list_changes(ctx, reception_id)}

        emit(run_as(state, work), as_json=as_json, columns=[*RECEPTION_COLUMNS, "changes"])

    @group.command("swap")
    @click.argument("reception_id", type=int)
    @click.option("--leaving", required=True, help="Code of the leader who no longer receives.")
    @click.option("--coming", required=True, help="Code of the leader who receives instead.")
    @click.option("--reason", required=True)
    @json_option
    @pass_state
    def swap(state: CliState, reception_id: int, leaving: str, coming: str, reason: str, as_json: bool) -> None:
        """Another leader receives (换班); an announced reception needs a new notice."""
        from hearing_reception.services.planning import swap as do_swap

        r = run_as(state, lambda ctx: do_swap(ctx, reception_id, leaving, coming, reason))
        emit(reception_row(r.as_dict()), as_json=as_json, columns=RECEPTION_COLUMNS)

    @group.command("reschedule")
    @click.argument("reception_id", type=int)
    @click.option("--date", "day", type=DATE, required=True)
    @click.option("--reason", required=True)
    @click.option("--place")
    @json_option
    @pass_state
    def reschedule(state: CliState, reception_id: int, day: dt.datetime, reason: str, place: str | None, as_json: bool) -> None:
        """Move a reception (改期); an announced reception needs a new notice."""
        from hearing_reception.services.planning import reschedule as do_move

        r = run_as(state, lambda ctx: do_move(ctx, reception_id, day.date(), reason, place=place))
        emit(reception_row(r.as_dict()), as_json=as_json, columns=RECEPTION_COLUMNS)

    @group.command("cancel")
    @click.argument("reception_id", type=int)
    @click.option("--reason", required=True)
    @json_option
    @pass_state
    def cancel(state: CliState, reception_id: int, reason: str, as_json: bool) -> None:
        """Cancel a reception (取消)."""
        from hearing_reception.services.planning import cancel as do_cancel

        r = run_as(state, lambda ctx: do_cancel(ctx, reception_id, reason))
        emit(reception_row(r.as_dict()), as_json=as_json, columns=RECEPTION_COLUMNS)

    from hearing_reception.cli.notices import add_notice_commands

    add_notice_commands(group)
