"""Hook implementations of the review plugin (复查、复核、三级终结).

Only public hooks: permissions, the plugin's own piccolo app, its document templates, its
annual-report section, its API routes and ``hearing reviews`` commands, the hearing event
listeners that pause the decision clock, and the ``refuse_petition_item`` /
``refuse_petition_items`` veto that stops new petitions on a terminated matter. ``hearing --help`` imports this module, so everything
heavy (litestar, piccolo, the services) is imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import MenuEntry, Permission, ReportSection, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp
    from hearing_core.security.actor import Actor

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
READERS = ("review_officer", "leader", "handling_officer", "registrar", "auditor")


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("reviews.read", "read review and re-review applications, terminations, figures", READERS),
        Permission("reviews.write", "register applications, record facts, pauses, service, follow-ups", ("review_officer",)),
        Permission("reviews.decide", "accept or refuse applications, decide them, terminate matters",
                   ("review_officer", "leader")),
        Permission("reviews.configure", "keep the organ table (机关层级)", ()),
    ]


@hookimpl
def register_piccolo_apps() -> list[str]:
    return ["hearing_review.piccolo_app"]


@hookimpl
def register_template_dirs() -> list[Path]:
    return [TEMPLATE_DIR]


@hookimpl
def register_report_sections() -> list[ReportSection]:
    from hearing_review.report import compute_section, render_section

    # Order as in the county summaries: the review tally follows the register's paragraph,
    # before leader receptions (40) and the service platform (50).
    return [ReportSection("review", "信访事项复查复核情况", compute_section, render_section, order=20)]


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_review.api import controllers
    from hearing_review.web import routes

    return [*controllers(), *routes()]


@hookimpl
def register_web_menu(app: HearingApp) -> list[MenuEntry]:
    from hearing_review.web import menu

    return menu()


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "reviews": "Review and re-review (复查、复核): applications, decisions, three-level termination (三级终结).",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_review.cli import reviews

    cli.add_command(reviews)


@hookimpl
async def refuse_petition_item(app: HearingApp, item: Any, matter: Any) -> str | None:
    """A new item on a terminated matter (三级终结) is refused with the termination's message."""
    return (await _refusals([(item, matter)])).get(0)


@hookimpl
async def refuse_petition_items(app: HearingApp, items: list[tuple[Any, Any]]) -> dict[int, str]:
    """The batch form (bulk import): one query for all the items' matters."""
    return await _refusals(items)


async def _refusals(items: list[tuple[Any, Any]]) -> dict[int, str]:
    from hearing_review.repository import terminations_of

    refs = [getattr(matter, "ref", None) or getattr(item, "matter_ref", None) for item, matter in items]
    wanted = {str(ref) for ref in refs if ref}
    if not wanted:
        return {}
    terminated = await terminations_of(wanted)
    return {i: terminated[str(ref)].message for i, ref in enumerate(refs) if ref and str(ref) in terminated}


@hookimpl
async def hearing_case_opened(app: HearingApp, case: Any, actor: Actor) -> None:
    from hearing_review.services.hearing_link import on_hearing_changed, on_hearing_opened

    await on_hearing_opened(app, case, actor)
    await on_hearing_changed(app, case, actor)


@hookimpl
async def hearing_scheduled(app: HearingApp, case: Any, actor: Actor) -> None:
    from hearing_review.services.hearing_link import on_hearing_changed

    await on_hearing_changed(app, case, actor)


@hookimpl
async def hearing_concluded(app: HearingApp, case: Any, actor: Actor) -> None:
    from hearing_review.services.hearing_link import on_hearing_changed

    await on_hearing_changed(app, case, actor)


@hookimpl
async def case_transitioned(app: HearingApp, kind: str, obj: Any, actor: Actor) -> None:
    """Session opened, suspended, concluded, terminated …: the hearing's days may have changed."""
    if kind != "hearing_case":
        return
    from hearing_review.services.hearing_link import on_hearing_changed

    await on_hearing_changed(app, obj, actor)
