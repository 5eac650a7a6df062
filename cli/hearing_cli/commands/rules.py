"""``hearing profiles`` (rule profiles, 规则配置) and ``hearing deadlines`` (法定期限)."""

from __future__ import annotations

import datetime as dt

import click

from hearing_cli.output import echo_json, emit
from hearing_cli.runtime import CliState, pass_state
from hearing_core.settings import InstanceConfig

__all__ = ["deadlines", "profiles"]


def _extra_dirs(state: CliState) -> list[object]:
    instance_dir = state.settings.data_dir / "profiles"
    return [instance_dir] if instance_dir.is_dir() else []


@click.group()
def profiles() -> None:
    """Rule profiles: the statutory time limits and rules in force."""


@profiles.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def list_profiles(state: CliState, as_json: bool) -> None:
    """List available profiles; the one in force is marked."""
    from hearing_core.deadlines import available_profiles

    rows = [
        {
            "name": p.name,
            "title": p.title,
            "extends": p.extends or "",
            "active": p.name == state.settings.rule_profile,
            "path": str(p.path),
        }
        for p in available_profiles(_extra_dirs(state))
    ]
    emit(rows, as_json=as_json, columns=["name", "title", "extends", "active"])


@profiles.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def show(state: CliState, name: str | None, as_json: bool) -> None:
    """Show every rule and parameter of profile NAME (default: the one in force)."""
    from hearing_core.deadlines import load_profile

    profile = load_profile(name or state.settings.rule_profile, extra_dirs=_extra_dirs(state))
    data = profile.as_dict()
    if as_json:
        echo_json(data)
        return
    click.echo(f"{profile.name}: {profile.title}")
    rows = [
        {
            "rule": rule_id,
            "length": rule.get("length"),
            "unit": rule.get("unit"),
            "direction": rule.get("direction"),
            "start": rule.get("start_event"),
            "source": rule.get("source"),
        }
        for rule_id, rule in sorted(data["rules"].items())
    ]
    emit(rows, as_json=False, columns=["rule", "length", "unit", "direction", "start", "source"])


@profiles.command()
@click.argument("name")
@pass_state
def use(state: CliState, name: str) -> None:
    """Make profile NAME the one in force for this instance (takes effect on next start)."""
    from hearing_core.deadlines import load_profile

    load_profile(name, extra_dirs=_extra_dirs(state))  # refuses unknown or invalid profiles
    config = InstanceConfig.load(state.settings.config_path)
    config.set("rule_profile", name)
    config.save()
    click.echo(f"rule profile set to {name}; restart the server for it to take effect")


@click.group()
def deadlines() -> None:
    """Statutory deadlines: compute and explain them."""


@deadlines.command()
@click.argument("rule_id")
@click.option("--start", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Date of the start event.")
@click.option("--profile", "profile_name", help="Profile to use (default: the one in force).")
@click.option("--pause", "pauses", multiple=True, metavar="FROM:TO", help="Paused interval, e.g. 2025-03-01:2025-03-05.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def explain(
    state: CliState, rule_id: str, start: dt.datetime, profile_name: str | None, pauses: tuple[str, ...], lang: str, as_json: bool
) -> None:
    """Compute RULE_ID from a start date and explain each step (rule, source, holidays skipped)."""
    from hearing_core.deadlines import HolidayCalendar, Pause, compute, load_profile

    profile = load_profile(profile_name or state.settings.rule_profile, extra_dirs=_extra_dirs(state))
    overrides = state.settings.data_dir / "holidays.toml"
    calendar = HolidayCalendar.from_file(overrides if overrides.exists() else None)
    parsed = []
    for text in pauses:
        try:
            a, b = text.split(":")
            parsed.append(Pause("hearing", dt.date.fromisoformat(a), dt.date.fromisoformat(b) if b else None))
        except ValueError:
            raise click.BadParameter(f"{text!r}: expected FROM:TO as YYYY-MM-DD:YYYY-MM-DD", param_hint="--pause") from None
    deadline = compute(profile.rule(rule_id), start.date(), calendar, pauses=parsed)
    if as_json:
        echo_json(deadline.as_dict())
        return
    click.echo(deadline.explanation.to_text(lang))
