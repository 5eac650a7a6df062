"""Plugin manager factory (插件管理).

Nothing is loaded at import time: :func:`get_plugin_manager` builds a fresh
manager each time it is called (one per app, one per test), loads entry points
one by one so a plugin that fails to import is reported by name and skipped
(llm #1280: one broken plugin must not take ``hearing --help`` down), and checks
every hook implementation against the specs so a misspelled hook fails loudly
instead of silently never running (pytest PR #2292).
"""

from __future__ import annotations

import importlib
import inspect
import sys
import traceback
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import pluggy

from hearing_core import hookspecs

__all__ = [
    "CORE_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PluginInfo",
    "PluginManager",
    "await_me_maybe",
    "call_collect",
    "get_plugin_manager",
]

ENTRY_POINT_GROUP = "hearing.plugins"
PROJECT_DISTRIBUTION = "hearing"

#: Core modules that implement hooks exactly like plugins do (Datasette's
#: default plugins). They are part of the core and cannot be disabled.
CORE_PLUGINS: tuple[str, ...] = ("hearing_core.core_plugin", "hearing_core.petitions.plugin", "hearing_core.reports.plugin", "hearing_core.hearings.plugin", "hearing_core.web.plugin", "hearing_core.demo.plugin")


@dataclass
class PluginInfo:
    """What ``hearing plugins list`` shows about one plugin."""

    name: str
    version: str
    source: str  # "core", "built-in" or "installed: <distribution>"
    enabled: bool
    loaded: bool
    hooks: list[str] = field(default_factory=list)
    error: str | None = None
    module: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "enabled": self.enabled,
            "loaded": self.loaded,
            "hooks": self.hooks,
            "error": self.error,
        }


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers what happened to each plugin it tried."""

    def __init__(self) -> None:
        super().__init__("hearing")
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}

    def plugin_infos(self, include_core: bool = False) -> list[PluginInfo]:
        infos = [i for i in self.infos.values() if include_core or i.source != "core"]
        return sorted(infos, key=lambda i: i.name)

    def name_of(self, hookimpl_plugin: object) -> str:
        return self.get_name(hookimpl_plugin) or getattr(hookimpl_plugin, "__name__", "?")

    def register_checked(self, plugin: object, name: str) -> list[str]:
        """Register ``plugin`` and return its hook names; unknown hooks are an error.

        Validation happens per plugin so one bad plugin is rejected alone.
        """
        known = {n for n in dir(self.hook) if not n.startswith("_")}
        hooks = sorted(
            n for n, v in inspect.getmembers(plugin) if callable(v) and hasattr(v, "hearing_impl")
        )
        unknown = [h for h in hooks if h not in known]
        if unknown:
            raise pluggy.PluginValidationError(
                plugin, f"implements unknown hook(s) {', '.join(unknown)} (misspelled?)"
            )
        self.register(plugin, name=name)
        return hooks


def _entry_points() -> list[metadata.EntryPoint]:
    return sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)


def get_plugin_manager(
    *,
    load_entrypoints: bool = True,
    only: Iterable[str] | None = None,
    disabled: Iterable[str] = (),
    extra_plugins: Iterable[tuple[str, object]] = (),
    trace: bool = False,
) -> PluginManager:
    """Build a plugin manager: specs, core plugins, entry points, extras.

    :param only: load only these plugin names (``HEARING_LOAD_PLUGINS``); an empty
        iterable loads none. ``None`` loads all installed plugins.
    :param disabled: names the administrator disabled (listed, not loaded).
    :param extra_plugins: ``(name, plugin)`` pairs registered last (tests, scripts).
    :param trace: print every hook call to stderr (``HEARING_TRACE_PLUGINS=1``).
    """
    pm = PluginManager()
    for module_name in CORE_PLUGINS:
        module = importlib.import_module(module_name)
        hooks = pm.register_checked(module, name=module_name)
        pm.infos[module_name] = PluginInfo(
            module_name, _own_version(), "core", True, True, hooks, module=module_name
        )

    wanted = None if only is None else set(only)
    blocked = set(disabled)
    if load_entrypoints:
        for ep in _entry_points():
            _load_entry_point(pm, ep, wanted, blocked)

    for name, plugin in extra_plugins:
        hooks = pm.register_checked(plugin, name=name)
        pm.infos[name] = PluginInfo(name, "", "extra", True, True, hooks)

    pm.check_pending()
    if trace:
        pm.add_hookcall_monitoring(_trace_before, _trace_after)
    return pm


def _load_entry_point(
    pm: PluginManager, ep: metadata.EntryPoint, wanted: set[str] | None, blocked: set[str]
) -> None:
    dist = ep.dist
    dist_name = dist.metadata["Name"] if dist is not None else "?"
    version = dist.version if dist is not None else ""
    source = "built-in" if dist_name == PROJECT_DISTRIBUTION else f"installed: {dist_name}"
    info = PluginInfo(ep.name, version, source, enabled=True, loaded=False, module=ep.value)
    pm.infos[ep.name] = info
    if ep.name in blocked:
        info.enabled = False
        return
    if wanted is not None and ep.name not in wanted and dist_name not in wanted:
        info.enabled = False
        return
    if pm.has_plugin(ep.name):
        info.error = "a plugin with this name is already registered"
        return
    try:
        plugin = ep.load()
        info.hooks = pm.register_checked(plugin, name=ep.name)
        info.loaded = True
    except Exception as exc:  # noqa: BLE001 - any import error must be reported, not raised
        # Name the plugin's own line that broke (skip importlib's frozen frames).
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith("<frozen")]
        where = f" ({frames[-1].filename}:{frames[-1].lineno})" if frames and frames[-1].filename != __file__ else ""
        info.error = f"{type(exc).__name__}: {exc}{where}"


def _own_version() -> str:
    from hearing_core import __version__

    return __version__


def _trace_before(hook_name: str, hook_impls: list[Any], kwargs: dict[str, Any]) -> None:
    names = ", ".join(i.plugin_name for i in hook_impls)
    print(f"[hook] {hook_name}({', '.join(kwargs)}) -> {names}", file=sys.stderr)


def _trace_after(outcome: Any, hook_name: str, hook_impls: list[Any], kwargs: dict[str, Any]) -> None:
    return None


async def await_me_maybe(value: Any) -> Any:
    """Resolve a hook result that may be a value, a zero-arg callable or an awaitable."""
    if callable(value) and not inspect.isclass(value):
        value = value()
    if inspect.isawaitable(value):
        value = await value
    return value


async def call_collect(hook: Callable[..., list[Any]], **kwargs: Any) -> list[Any]:
    """Call a hook and resolve every implementation's result (awaiting as needed)."""
    results: list[Any] = []
    for result in hook(**kwargs):
        results.append(await await_me_maybe(result))
    return results


def resolve_sync(value: Awaitable[Any] | Any) -> Any:
    """For sync-only hooks (``register_*``): refuse an awaitable with a clear error."""
    if inspect.isawaitable(value):
        raise TypeError("register_* hooks must return their value directly, not an awaitable")
    return value
