"""The navigation (菜单): entries from every ``register_web_menu`` hook, filtered by permission.

Entries are collected once when the web interface is assembled, with the plugin
that gave each; a path claimed twice or an unregistered permission refuses
startup, like every ``register_*`` hook.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hearing_core.contributions import MenuEntry
from hearing_core.errors import StartupError
from hearing_core.web.labels import SECTION_LABELS, SECTION_ORDER, label

if TYPE_CHECKING:
    from hearing_core.app import HearingApp
    from hearing_core.security.actor import Actor

__all__ = ["MENU_STATE_KEY", "NavEntry", "NavSection", "collect_menu", "navigation"]

MENU_STATE_KEY = "web.menu"


@dataclass(frozen=True)
class NavEntry:
    label: str
    href: str
    active: bool


@dataclass(frozen=True)
class NavSection:
    key: str
    label: str
    entries: list[NavEntry]


def collect_menu(app: HearingApp) -> list[MenuEntry]:
    """Every plugin's entries, validated, stored in ``app.state`` for the pages."""
    entries: dict[str, MenuEntry] = {}
    problems: list[str] = []
    for plugin, entry in app.collect("register_web_menu", app=app):
        if not isinstance(entry, MenuEntry):
            raise StartupError(f"{plugin}.register_web_menu must return MenuEntry objects, got {type(entry).__name__}")
        if entry.href in entries:
            raise StartupError(f"menu entry {entry.href!r} registered by both {entries[entry.href].plugin} and {plugin}")
        if entry.permission not in app.access.permissions:
            problems.append(f"{entry.href} ({plugin}) needs unregistered permission {entry.permission!r}")
        entries[entry.href] = entry if entry.plugin else replace(entry, plugin=plugin)
    if problems:
        raise StartupError("misconfigured menu entries: " + "; ".join(problems))
    ordered = sorted(entries.values(), key=lambda e: (_section_rank(e.section), e.order, e.href))
    app.state[MENU_STATE_KEY] = ordered
    return ordered


def _section_rank(section: str) -> int:
    return SECTION_ORDER.index(section) if section in SECTION_ORDER else len(SECTION_ORDER)


def _is_active(href: str, path: str) -> bool:
    if href == "/":
        return path == "/"
    return path == href or path.startswith(href.rstrip("/") + "/")


def navigation(app: HearingApp, actor: Actor | None, lang: str, path: str) -> list[NavSection]:
    """The sections and entries ``actor`` may open, the current page's entry marked active."""
    if actor is None:
        return []
    entries: list[MenuEntry] = app.state.get(MENU_STATE_KEY) or []
    sections: dict[str, list[NavEntry]] = {}
    # The longest matching href is the active one (``/register/items`` under ``/register``).
    matches = [e.href for e in entries if _is_active(e.href, path)]
    active = max(matches, key=len) if matches else None
    for entry in entries:
        if not actor.has(entry.permission):
            continue
        key = entry.section if entry.section in SECTION_LABELS else "other"
        text = entry.label_zh if lang == "zh" else (entry.label_en or entry.label_zh)
        sections.setdefault(key, []).append(NavEntry(text, entry.href, entry.href == active))
    return [NavSection(key, label(SECTION_LABELS, key, lang), items) for key, items in sections.items()]


def menu_entries(app: HearingApp) -> list[Any]:
    return list(app.state.get(MENU_STATE_KEY) or [])
