"""``hearing audit``: verify the audit chain and read the log (审计日志)."""

from __future__ import annotations

import datetime as dt

import click

from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state, run_as

__all__ = ["audit"]

LOG_COLUMNS = ["id", "at", "actor", "action", "object_type", "object_id", "subject_ref"]


@click.group()
def audit() -> None:
    """The tamper-evident audit log: verify it, read it."""


@audit.command()
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def verify(state: CliState, as_json: bool) -> None:
    """Check the hash chain; exit 1 and name the first broken entry if it was tampered with."""
    from hearing_core.audit.verify import verify_audit_log

    report = run_as(state, verify_audit_log)
    if as_json:
        emit(report.as_dict(), as_json=True)
    elif report.ok:
        click.echo(f"audit log ok: {report.checked} entries verified")
    else:
        click.echo(f"audit log BROKEN at entry {report.first_broken_id} ({report.problem}): {report.detail}", err=True)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _moment(value: str | None, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        if len(value) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD or an ISO date-time", param_hint=name) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@audit.command("log")
@click.option("--subject", "--matter", "subject", metavar="REF", help="Only entries about this matter / case reference.")
@click.option("--actor", metavar="USER", help="Only entries by this user.")
@click.option("--action", help="Only this action, e.g. user.create.")
@click.option("--object-type", help="Only this kind of object, e.g. user.")
@click.option("--since", metavar="DATE", help="From this date or date-time (UTC if no offset).")
@click.option("--until", metavar="DATE", help="Before this date or date-time.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 200), help="Entries per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page number.")
@click.option("--oldest-first", is_flag=True, help="Chronological order (default: newest first).")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_state
def log(
    state: CliState,
    subject: str | None,
    actor: str | None,
    action: str | None,
    object_type: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    page: int,
    oldest_first: bool,
    as_json: bool,
) -> None:
    """Show audit entries, with filters (personal data masked unless you may read it)."""
    from hearing_core.audit.query import AuditFilter, list_audit_entries

    flt = AuditFilter(
        subject_ref=subject,
        actor=actor,
        action=action,
        object_type=object_type,
        since=_moment(since, "--since"),
        until=_moment(until, "--until"),
    )
    result = run_as(
        state, lambda ctx: list_audit_entries(ctx, flt, page=page, per_page=limit, newest_first=not oldest_first)
    )
    if as_json:
        emit(result, as_json=True)
        return
    emit(result["items"], as_json=False, columns=LOG_COLUMNS)
    click.echo(f"{len(result['items'])} of {result['total']} entries (page {result['page']})", err=True)
