"""Every hook a plugin can implement (插件钩子).

Plugins implement these with ``from hearing_core import hookimpl``. The rules,
which ``docs/hooks.md`` explains with examples:

* ``register_*`` hooks declare things once at startup and return a list; the core
  collects the lists, records which plugin gave each item, and refuses to start
  on a duplicate key (naming both plugins). Their order never matters.
* Event hooks are named in the past tense and are called **inside the database
  transaction** of the change they report, after the change is written. A
  listener may write in the same transaction; raising aborts the whole change.
  Their result may be a value, a zero-argument callable or an awaitable; the core
  awaits whatever needs awaiting (``hearing_core.plugins.await_me_maybe``).
* No hook is ``firstresult`` and none may be, because an async implementation
  returns a coroutine, which is never ``None`` and would always "win".
* Hooks evolve additively: new parameters may be added; nothing is renamed or
  removed. An implementation may accept any subset of a hook's parameters.

Type-only imports are guarded by ``TYPE_CHECKING``; this module is imported by
the CLI before anything heavy, so it must stay cheap to import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from hearing_core.app import HearingApp
    from hearing_core.contributions import DocumentImporter, MenuEntry, Permission, ReportSection, Role
    from hearing_core.security.actor import Actor

hookspec = pluggy.HookspecMarker("hearing")


# ---------------------------------------------------------------- startup / config


@hookspec
def hearing_startup(app: HearingApp) -> Any:
    """Run once when an app starts, after the database is open and registries are built.

    :param app: the starting application.
    :return: ignored; may be an awaitable (awaited).

    .. versionadded:: 0.1
    """


@hookspec
def hearing_shutdown(app: HearingApp) -> Any:
    """Run once when an app stops, before the database is closed.

    :param app: the stopping application.
    :return: ignored; may be an awaitable (awaited).

    .. versionadded:: 0.1
    """


@hookspec
def register_rule_profile_dirs() -> list[Path]:
    """Directories holding extra rule profiles (``*.toml``), e.g. a province's rules.

    :return: directories searched after the core's own profiles; a profile name
        defined twice refuses startup.

    .. versionadded:: 0.1
    """


@hookspec
def register_template_dirs() -> list[Path]:
    """Directories of document templates (Jinja2) this plugin ships.

    Administrator overrides in the instance's ``templates/`` directory still win.

    :return: directories, searched after overrides and before the core's defaults.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------- domain registration


@hookspec
def register_permissions() -> list[Permission]:
    """Permissions this plugin's routes and commands check, with default role grants.

    :return: :class:`~hearing_core.contributions.Permission` objects; names are
        dotted (``mediation.cases.write``) and unique across plugins.

    .. versionadded:: 0.1
    """


@hookspec
def register_roles() -> list[Role]:
    """Extra roles users can be given (the core defines the standard ones).

    :return: :class:`~hearing_core.contributions.Role` objects with unique names.

    .. versionadded:: 0.1
    """


@hookspec
def register_report_sections() -> list[ReportSection]:
    """Sections this plugin adds to the annual report (年度报告).

    :return: :class:`~hearing_core.contributions.ReportSection` objects with unique keys.

    .. versionadded:: 0.1
    """


@hookspec
def register_document_importers() -> list[DocumentImporter]:
    """Importers that turn files (PDF, .docx, images ...) into documents.

    :return: objects following :class:`~hearing_core.contributions.DocumentImporter`;
        names are unique.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------- persistence


@hookspec
def register_piccolo_apps() -> list[str]:
    """Piccolo apps (tables and migrations) this plugin owns.

    Each entry is the dotted path of a module defining ``APP_CONFIG``, a piccolo
    ``AppConfig`` (piccolo's own convention, so ``piccolo migrations new <app>
    --auto`` works with ``PICCOLO_CONF=hearing_core.db.piccolo_conf``). Its
    ``migration_dependencies`` should include ``"hearing_core.db.piccolo_app"``.
    ``hearing db upgrade`` applies the migrations of the core and of every
    enabled plugin; disabling a plugin leaves its tables and data untouched.

    :return: module paths; their ``app_name`` values are unique.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------- API


@hookspec
def register_routes(app: HearingApp) -> list[Any]:
    """Litestar controllers, routers or route handlers to mount.

    Every handler must declare ``opt={"permission": "<name>"}`` naming a
    registered permission, or ``opt={"public": True}``; startup refuses a
    handler with neither, so no route can be left unprotected by accident.

    :param app: the application being assembled.
    :return: litestar ``Controller`` classes, ``Router`` objects or handlers;
        paths should live under ``/api/v1/<plugin>/``.

    .. versionadded:: 0.1
    """


@hookspec
def register_web_menu(app: HearingApp) -> list[MenuEntry]:
    """Entries this plugin adds to the web interface's navigation (菜单).

    The pages themselves are ordinary routes returned by ``register_routes``
    (each with ``opt=require(...)``) rendering templates from
    ``register_template_dirs`` that extend ``web/base.html`` (docs/web.md).
    An entry is shown only to users holding its ``permission``.

    :param app: the application being assembled.
    :return: :class:`~hearing_core.contributions.MenuEntry` objects; ``href``
        values are unique and every ``permission`` must be registered.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------- CLI


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add click commands or groups to the ``hearing`` command.

    Use ``cli.add_command(group)``; import heavy modules inside the command
    functions so ``hearing --help`` stays fast.

    :param cli: the root ``hearing`` group.

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------- case lifecycle events


@hookspec
def case_transitioned(
    app: HearingApp, kind: str, obj: Any, source: str, target: str, action: str, actor: Actor
) -> Any:
    """Any object governed by a state machine changed state.

    :param kind: the state machine's name (``petition_item``, ``hearing_case`` ...).
    :param obj: the domain object after the change.
    :param source: state before.
    :param target: state after.
    :param action: the action performed.
    :param actor: who did it.
    :return: ignored; may be an awaitable (awaited, inside the transaction).

    .. versionadded:: 0.1
    """


@hookspec
def petition_item_registered(app: HearingApp, item: Any, actor: Actor) -> Any:
    """A petition item (信访件) was registered.

    :param item: the registered :class:`hearing_core.petitions.domain` item.
    :return: ignored; may be an awaitable (awaited, inside the transaction).

    .. versionadded:: 0.1
    """


@hookspec
def hearing_case_opened(app: HearingApp, case: Any, actor: Actor) -> Any:
    """A hearing case (听证案件) was opened (application or organ initiative).

    :return: ignored; may be an awaitable (awaited, inside the transaction).

    .. versionadded:: 0.1
    """


@hookspec
def hearing_scheduled(app: HearingApp, case: Any, actor: Actor) -> Any:
    """A hearing was scheduled or rescheduled.

    :return: ignored; may be an awaitable (awaited, inside the transaction).

    .. versionadded:: 0.1
    """


@hookspec
def hearing_concluded(app: HearingApp, case: Any, actor: Actor) -> Any:
    """A hearing panel reached its conclusion (听证结论): the ruling is issued.

    :return: ignored; may be an awaitable (awaited, inside the transaction).

    .. versionadded:: 0.1
    """


@hookspec
def document_imported(app: HearingApp, document: Any, actor: Actor) -> Any:
    """A document was imported and stored.

    :return: ignored; may be an awaitable (awaited, inside the transaction).

    .. versionadded:: 0.1
    """


# ---------------------------------------------------------------- vetoes


@hookspec
def refuse_petition_item(app: HearingApp, item: Any, matter: Any) -> str | None:
    """Say why a new petition item on ``matter`` must not be accepted, if it must not.

    The register refuses the item when any implementation returns a reason, e.g.
    the review plugin refuses items on a matter terminated after re-review
    (三级终结). Follow-up records that are not new petitions are not checked.

    :param item: the item about to be registered (not yet saved).
    :param matter: the matter it would join, or ``None`` for a new matter.
    :return: a reason in Chinese or English for the refusal, or ``None``.
        May be an awaitable (awaited).

    .. versionadded:: 0.1
    """


@hookspec
def refuse_petition_items(app: HearingApp, items: list[tuple[Any, Any]]) -> dict[int, str] | None:
    """Say which of many new petition items must not be accepted: the batch form of ``refuse_petition_item``.

    The register asks this hook once per batch of a bulk import (``hearing petitions
    import``), with the batch's new items; answer with one query rather than one per
    item. A plugin that implements only ``refuse_petition_item`` is still asked per
    item, as before, but a plugin with both is asked only here during an import, so
    implement both: the single hook is what ordinary registration asks, and it may
    delegate to the same code as this one (a list of one). When every vetoing plugin
    implements this hook, the import may parse its file in a worker process.

    :param items: ``(item, matter)`` pairs, as ``refuse_petition_item`` receives
        them (during an import ``matter`` is ``None``; the item's ``matter_ref``
        names the matter it joins).
    :return: the refused items' indexes in ``items`` mapped to their reasons (in
        Chinese or English); ``None`` or an empty dict refuses none. May be an
        awaitable (awaited).

    .. versionadded:: 0.1
    """
