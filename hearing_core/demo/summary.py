"""What ``hearing demo`` prints when the build is done: the year, the cases to open, the users."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from hearing_core.demo.county import USERS, password_of

if TYPE_CHECKING:
    from hearing_core.demo.build import BuildResult
    from hearing_core.demo.instance import DemoInstance

__all__ = ["print_summary"]


def _figures(instance: DemoInstance, year: int) -> dict[str, Any]:
    path = instance.documents_dir / f"{year}年信访工作情况报告.json"
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["figures"])


def print_summary(instance: DemoInstance, result: BuildResult) -> None:
    made, y = result.made, result.year
    f = _figures(instance, y)
    click.echo(f"\ndemo instance built in {result.seconds:.0f} s: {instance.path}")
    if f:
        click.echo(f"  {y} register: {f['total']} items, {f['accepted']} accepted, {f['distinct_matters']} distinct "
                   f"matters, {f['backlog']} backlog ({f['backlog_share_pct']}%); accepted +{f['accepted_yoy_pct']}%, "
                   f"distinct +{f['distinct_yoy_pct']}% on {y - 1}")
    hearings = made.get("hearings", {})
    if hearings:
        click.echo("  hearings: " + ", ".join(f"{state} {case_id}" for state, case_id in hearings.items()))
    if "review_applications" in made:
        pending = ", ".join(made["review_applications"]["pending"])
        click.echo(f"  reviews: 16 applications ({pending} under review), re-review {made['rereview']}, "
                   f"matter {made['terminated_matter']} terminated")
    if "centre_batches" in made:
        click.echo(f"  service centre: {made['centre_batches']} batches, mediation case {made['mediation_case_under_way']} "
                   f"under way, agreement {made['agreement_awaiting_confirmation']} awaiting judicial confirmation")
    if "reception_cases" in made:
        click.echo(f"  leader receptions: {made['receptions_planned']} planned in {y}, {made['reception_cases']} visitor "
                   f"batches, {made['receptions_next_quarter']} planned for next quarter")
    click.echo(f"  documents (annual report PDF, hearing documents, imported PDFs): {instance.documents_dir}")
    for missing in result.missing:
        click.echo(f"  not in this demo: {missing}")
    click.echo("\nusers (password demo-<username>-1):")
    for user in USERS:
        click.echo(f"  {user.username:<18} {password_of(user.username):<26} {user.role:<18} {user.display_name}")
    click.echo("\nnext:\n"
               "  hearing demo --serve                          serve it; log in at http://127.0.0.1:8000/login\n"
               "  export HEARING_DATA_DIR=\"$(hearing demo --path)\"   every hearing command then acts on the demo;"
               " docs/tutorial.md is the tour")
