"""Enabling and disabling plugins (插件启用与停用): one service for the CLI, the API and the web.

The name is recorded in the instance's ``config.toml`` (``disabled_plugins``) and takes
effect on the next start; the change needs ``plugins.manage`` (administrators only) and
leaves an audit entry. Core modules cannot be disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hearing_core.errors import Conflict, NotFound
from hearing_core.plugins import CORE_PLUGINS, get_plugin_manager
from hearing_core.settings import InstanceConfig

if TYPE_CHECKING:
    from hearing_core.context import ServiceContext

__all__ = ["configured_disabled", "plugin_rows", "set_plugin_enabled"]

MANAGE = "plugins.manage"


def configured_disabled(ctx: ServiceContext) -> list[str]:
    """The names ``config.toml`` disables now (what the next start will honour)."""
    return list(InstanceConfig.load(ctx.app.settings.config_path).get("disabled_plugins", []))


def plugin_rows(ctx: ServiceContext) -> list[dict[str, Any]]:
    """Installed plugins as this process runs them, with what the next start will do."""
    ctx.require("system.read")
    pending_off = set(configured_disabled(ctx))
    started_off = set(ctx.app.settings.disabled_plugins)
    rows = []
    for info in ctx.app.pm.plugin_infos():
        data = info.as_dict()
        # Not loaded: disabled in config.toml, or left out by HEARING_LOAD_PLUGINS.
        data["status"] = "error" if info.error else ("loaded" if info.loaded else
                                                     "disabled" if info.name in started_off else "not_loaded")
        data["next_start_enabled"] = info.name not in pending_off
        # Changed in config.toml since this process started (HEARING_LOAD_PLUGINS may narrow both).
        data["restart_needed"] = (info.name in pending_off) != (info.name in started_off)
        rows.append(data)
    return rows


def _known_names() -> set[str]:
    return set(get_plugin_manager(load_entrypoints=True, only=(), disabled=()).infos)


async def set_plugin_enabled(ctx: ServiceContext, name: str, enabled: bool) -> list[str]:
    """Enable or disable plugin ``name`` from the next start on; returns the disabled names."""
    ctx.require(MANAGE)
    if name in CORE_PLUGINS:
        raise Conflict(f"'{name}' is part of the core and cannot be disabled")
    if name not in _known_names():
        raise NotFound(f"no installed plugin named '{name}'")
    config = InstanceConfig.load(ctx.app.settings.config_path)
    before = sorted(config.get("disabled_plugins", []))
    after = sorted({*before} - {name}) if enabled else sorted({*before, name})
    async with ctx.write():
        await ctx.audit("plugin.enable" if enabled else "plugin.disable", "plugin", name,
                        before={"disabled_plugins": before}, after={"disabled_plugins": after})
        if after != before:
            config.set("disabled_plugins", after)
            config.save()
    return after
