"""Value types that plugins hand to the core through ``register_*`` hooks.

They are plain frozen dataclasses so a plugin needs nothing but this module and
``hookimpl`` to contribute; the core validates them once at startup and records
which plugin contributed each one (provenance) for ``hearing plugins list`` and
for error messages that name both plugins on a duplicate key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = [
    "DocumentImporter",
    "declare_commands",
    "ImportedDocument",
    "MenuEntry",
    "Permission",
    "ReportSection",
    "Role",
]


@dataclass(frozen=True)
class Permission:
    """A named permission (权限), e.g. ``petitions.read``.

    ``roles`` lists the built-in roles that hold it by default; administrators
    always hold every permission.
    """

    name: str
    description: str
    roles: tuple[str, ...] = ()
    #: Set by the core at registration: the plugin that contributed it.
    plugin: str = ""


@dataclass(frozen=True)
class Role:
    """A role (角色) users can be given, e.g. ``registrar`` (登记员)."""

    name: str
    title_zh: str
    description: str
    plugin: str = ""


@dataclass(frozen=True)
class ReportSection:
    """A section of the annual report (年度报告) contributed by a plugin.

    ``compute(app, year)`` returns JSON-serialisable figures (awaited); ``render_md``
    turns those figures into Chinese Markdown paragraphs that read like the
    bureau's own year-end summary. ``order`` places it among other sections.
    """

    key: str
    title_zh: str
    compute: Callable[[HearingApp, int], Awaitable[Mapping[str, Any]]]
    render_md: Callable[[Mapping[str, Any]], str]
    order: int = 100
    plugin: str = ""


@dataclass(frozen=True)
class MenuEntry:
    """An entry of the web interface's navigation (菜单项), e.g. 登记来信来访.

    ``href`` is the page's path (unique); the entry is shown only to users holding
    ``permission``; ``section`` groups entries (``main``, ``register``, ``hearings``,
    ``mediation``, ``reviews``, ``reception``, ``reports``, ``admin``) and ``order``
    sorts them inside it.
    """

    label_zh: str
    label_en: str
    href: str
    permission: str
    order: int = 100
    section: str = "main"
    plugin: str = ""


@dataclass
class ImportedDocument:
    """What an importer extracted from one file (plain data, no ORM rows).

    - ``pages``: one dict per page, in order: ``number`` (1-based), ``text`` (``""``
      when the page has none), ``status`` (``"ok"``, ``"no_text_layer"`` or
      ``"unmapped_glyphs"``), optionally ``ocr`` (bool) and ``ocr_confidence`` (0-100).
    - ``tables``: ``{"page": n, "rows": [[cell, ...], ...]}``, optionally ``bbox`` and
      ``strategy``.
    - ``fields``: form fields, name -> value (importers that read forms).
    - ``metadata``: free data; ``status`` (``ok``/``partial``/``no_text``; computed from
      the pages when absent) and ``notes`` (list of short remarks) are stored.
    """

    media_type: str
    pages: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


class DocumentImporter(Protocol):
    """Turns the bytes of one kind of document into :class:`ImportedDocument`.

    Importers run untrusted input: they must enforce their own time and memory
    limits (the PDF importer parses in a child process).
    """

    name: str
    media_types: tuple[str, ...]
    suffixes: tuple[str, ...]

    def sniff(self, head: bytes) -> bool:
        """True if the first bytes of a file look like this importer's format."""

    async def extract(self, path: str, *, app: HearingApp) -> ImportedDocument:
        """Extract text, tables and form fields.

        A file that cannot be read raises ``HearingError(message, code="...")``: the
        stable machine code (``not_pdf``, ``encrypted`` ...) is taken from
        ``exc.extra["code"]`` and reported for that file only.
        """


def declare_commands(cli: Any, commands: Mapping[str, str], loader: Callable[[Any], None]) -> None:
    """From ``register_commands``: commands ``{name: one-line help}`` that ``loader(cli)`` adds.

    ``hearing --help`` lists the declared names and helps without running ``loader`` (which
    imports the command modules); the loader runs when a command is first needed. On a
    plain ``click.Group`` (no lazy loading) the loader runs at once.
    """
    declare = getattr(cli, "declare_commands", None)
    if declare is None:
        loader(cli)
    else:
        declare(dict(commands), loader)
