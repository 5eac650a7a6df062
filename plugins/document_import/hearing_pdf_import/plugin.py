"""Hook implementations of the document-import plugin (文书导入插件, ``pdf_import``).

Only public hooks: permissions, the plugin's piccolo app, the PDF importer, start-up
checks of its settings and form mapping, closing its worker pool, API routes and the
``hearing documents`` commands. ``hearing --help`` imports this module, so nothing heavy
(pdfplumber, piccolo, litestar, the services) is imported at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core import hookimpl
from hearing_core.contributions import MenuEntry, Permission, declare_commands

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp
    from hearing_core.contributions import DocumentImporter

READERS = ("registrar", "handling_officer", "clerk", "presiding_officer", "review_officer", "leader", "auditor")


@hookimpl
def register_permissions() -> list[Permission]:
    return [
        Permission("documents.read", "read imported documents: text per page, tables, search", READERS),
        Permission("documents.import", "import documents (PDF letters, forms, case files) and attach them",
                   ("registrar", "handling_officer", "clerk")),
        Permission("documents.queue", "review registration forms that did not validate, correct and confirm them",
                   ("registrar",)),
    ]


@hookimpl
def register_piccolo_apps() -> list[str]:
    return ["hearing_pdf_import.piccolo_app"]


@hookimpl
def register_document_importers() -> list[DocumentImporter]:
    from hearing_pdf_import.importer import PdfImporter

    return [PdfImporter()]


@hookimpl
def hearing_startup(app: HearingApp) -> None:
    """Refuse to start with an invalid ``[pdf_import]`` table or ``form_mapping.toml``."""
    from hearing_core.errors import StartupError
    from hearing_pdf_import.config import form_mapping, settings_of

    try:
        settings_of(app)
        form_mapping(app)
    except (TypeError, ValueError) as exc:
        raise StartupError(f"document import: {exc}") from exc


@hookimpl
def hearing_shutdown(app: HearingApp) -> None:
    from hearing_pdf_import.importer import close_pool

    close_pool(app)


@hookimpl
def register_routes(app: HearingApp) -> list[Any]:
    from hearing_pdf_import.api import handlers
    from hearing_pdf_import.web import routes

    return [*handlers(app), *routes(app)]


@hookimpl
def register_template_dirs() -> list[Path]:
    return [Path(__file__).resolve().parent / "templates"]


@hookimpl
def register_web_menu(app: HearingApp) -> list[MenuEntry]:
    from hearing_pdf_import.web import menu

    return menu()


@hookimpl
def register_commands(cli: click.Group) -> None:
    # Declared, not imported: `hearing --help` lists them; _add_commands runs when a command does.
    declare_commands(cli, {
        "documents": "Imported documents (文书导入): PDF letters, registration forms, case files.",
    }, _add_commands)


def _add_commands(cli: click.Group) -> None:
    from hearing_pdf_import.cli import documents

    cli.add_command(documents)
