"""``hearing mediation centres|staff|mediators|report``."""

from __future__ import annotations

import click
from hearing_cli.output import emit
from hearing_cli.runtime import CliState, pass_state

from hearing_mediation.cli.common import JSON, centre_option, resolve_centre, run, show

__all__ = ["centres", "mediators", "report", "staff"]

CENTRE_KEYS = ["id", "code", "name", "committee_name", "doc_prefix", "address", "phone", "active", "committee", "members"]
MEDIATOR_COLUMNS = ["id", "centre_id", "name", "committee_role_label", "sex", "specialities", "username", "active"]


@click.group()
def centres() -> None:
    """Petition service centres (信访服务中心)."""


@centres.command("list")
@JSON
@pass_state
def list_centres(state: CliState, as_json: bool) -> None:
    """Centres you may see."""
    from hearing_mediation.centres import list_centres as do

    emit(run(state, do), as_json=as_json, columns=["id", "code", "name", "committee_name", "active"])


@centres.command("add")
@click.argument("code")
@click.option("--name", required=True, help="e.g. 城关镇信访服务中心")
@click.option("--committee", "committee_name", required=True, help="e.g. 城关镇人民调解委员会")
@click.option("--doc-prefix", default="", help="Prefix of agreement numbers, e.g. 城调 → 城调〔2025〕1号.")
@click.option("--address", default="")
@click.option("--phone", default="")
@JSON
@pass_state
def add_centre(state: CliState, code: str, name: str, committee_name: str, doc_prefix: str, address: str, phone: str,
               as_json: bool) -> None:
    """Create centre CODE (administrators)."""
    from hearing_mediation.centres import create_centre
    from hearing_mediation.domain import Centre

    data = run(state, lambda ctx: create_centre(ctx, Centre(code, name, committee_name, doc_prefix, address, phone)))
    show(data, as_json, CENTRE_KEYS)


@centres.command("show")
@click.argument("centre")
@JSON
@pass_state
def show_centre(state: CliState, centre: str, as_json: bool) -> None:
    """A centre with its committee's composition, mediators and members."""
    from hearing_mediation.centres import get_centre

    async def work(ctx):  # type: ignore[no-untyped-def]
        return await get_centre(ctx, await resolve_centre(ctx, centre))

    show(run(state, work), as_json, CENTRE_KEYS + ["mediators"])


@centres.command("update")
@click.argument("centre")
@click.option("--name")
@click.option("--committee", "committee_name")
@click.option("--doc-prefix")
@click.option("--address")
@click.option("--phone")
@click.option("--active/--inactive", default=None)
@click.option("--version", type=int, help="The version you read (optimistic concurrency).")
@JSON
@pass_state
def update_centre(state: CliState, centre: str, version: int | None, as_json: bool, **changes: object) -> None:
    """Change a centre's names, prefix, address, phone or activity."""
    from hearing_mediation.centres import update_centre as do

    values = {k: v for k, v in changes.items() if v is not None}

    async def work(ctx):  # type: ignore[no-untyped-def]
        return await do(ctx, await resolve_centre(ctx, centre), values, version=version)

    show(run(state, work), as_json, CENTRE_KEYS)


@click.group()
def staff() -> None:
    """Who works at a centre (中心工作人员): members see only their centre's records."""


@staff.command("add")
@click.argument("centre")
@click.argument("username")
@click.option("--role", default="staff", show_default=True, help="head (中心负责人), staff or mediator.")
@JSON
@pass_state
def add_staff(state: CliState, centre: str, username: str, role: str, as_json: bool) -> None:
    """Appoint USERNAME to CENTRE."""
    from hearing_mediation.centres import add_member

    async def work(ctx):  # type: ignore[no-untyped-def]
        return await add_member(ctx, await resolve_centre(ctx, centre), username, role)

    data = run(state, work)
    emit(data["members"], as_json=as_json, columns=["username", "role", "role_label"])


@staff.command("remove")
@click.argument("centre")
@click.argument("username")
@JSON
@pass_state
def remove_staff(state: CliState, centre: str, username: str, as_json: bool) -> None:
    """Remove USERNAME from CENTRE."""
    from hearing_mediation.centres import remove_member

    async def work(ctx):  # type: ignore[no-untyped-def]
        return await remove_member(ctx, await resolve_centre(ctx, centre), username)

    emit(run(state, work)["members"], as_json=as_json, columns=["username", "role", "role_label"])


@staff.command("list")
@click.argument("centre")
@JSON
@pass_state
def list_staff(state: CliState, centre: str, as_json: bool) -> None:
    """Members of CENTRE."""
    from hearing_mediation.centres import get_centre

    async def work(ctx):  # type: ignore[no-untyped-def]
        return await get_centre(ctx, await resolve_centre(ctx, centre))

    emit(run(state, work)["members"], as_json=as_json, columns=["username", "role", "role_label"])


@click.group()
def mediators() -> None:
    """The mediator roster (人民调解员名册) and committee seats (3-9 members)."""


@mediators.command("list")
@centre_option(required=False)
@click.option("--speciality", help="Only mediators with this speciality (专长), e.g. 婚姻家庭.")
@click.option("--all", "include_inactive", is_flag=True, help="Include inactive mediators.")
@JSON
@pass_state
def list_mediators(state: CliState, centre: str | None, speciality: str | None, include_inactive: bool, as_json: bool) -> None:
    """The roster, optionally of one centre or one speciality."""
    from hearing_mediation.centres import list_mediators as do

    async def work(ctx):  # type: ignore[no-untyped-def]
        centre_id = await resolve_centre(ctx, centre) if centre else None
        return await do(ctx, centre_id, speciality=speciality, active_only=not include_inactive)

    emit(run(state, work), as_json=as_json, columns=MEDIATOR_COLUMNS)


@mediators.command("add")
@centre_option()
@click.option("--name", required=True)
@click.option("--sex", type=click.Choice(["male", "female"]))
@click.option("--speciality", "specialities", multiple=True, help="Repeat for several, e.g. 邻里纠纷.")
@click.option("--committee-role", default="none", show_default=True, help="chair (主任), vice_chair, member or none.")
@click.option("--username", help="The mediator's user account, if they log in.")
@click.option("--phone", default="")
@JSON
@pass_state
def add_mediator(state: CliState, centre: str, name: str, sex: str | None, specialities: tuple[str, ...],
                 committee_role: str, username: str | None, phone: str, as_json: bool) -> None:
    """Add a mediator to a centre's roster (and its committee, if a seat is given)."""
    from hearing_mediation.centres import add_mediator as do
    from hearing_mediation.domain import Mediator

    async def work(ctx):  # type: ignore[no-untyped-def]
        centre_id = await resolve_centre(ctx, centre)
        return await do(ctx, Mediator(centre_id, name, username, sex, list(specialities), committee_role, phone))  # type: ignore[arg-type]

    show(run(state, work), as_json, MEDIATOR_COLUMNS)


@mediators.command("update")
@click.argument("mediator_id", type=int)
@click.option("--name")
@click.option("--sex", type=click.Choice(["male", "female"]))
@click.option("--speciality", "specialities", multiple=True, help="Replaces the specialities.")
@click.option("--committee-role")
@click.option("--username")
@click.option("--phone")
@click.option("--active/--inactive", default=None)
@click.option("--version", type=int)
@JSON
@pass_state
def update_mediator(state: CliState, mediator_id: int, version: int | None, as_json: bool, **changes: object) -> None:
    """Change a mediator's seat, specialities, account or activity."""
    from hearing_mediation.centres import update_mediator as do

    values = {k: v for k, v in changes.items() if v not in (None, ())}
    if "specialities" in values:
        values["specialities"] = list(values["specialities"])  # type: ignore[call-overload]
    show(run(state, lambda ctx: do(ctx, mediator_id, values, version=version)), as_json, MEDIATOR_COLUMNS)


@click.command()
@click.option("--year", type=int, required=True)
@centre_option(required=False)
@JSON
@pass_state
def report(state: CliState, year: int, centre: str | None, as_json: bool) -> None:
    """The service centre's tally for YEAR (批/人次 per disposition, cases, agreements)."""
    from hearing_mediation.report import report as do

    async def work(ctx):  # type: ignore[no-untyped-def]
        return await do(ctx, year, centre_id=await resolve_centre(ctx, centre) if centre else None)

    data = run(state, work)
    if as_json:
        emit(data, as_json=True)
    else:
        click.echo(data["markdown"].rstrip())
