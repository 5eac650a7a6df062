"""The application object (应用): settings, plugins, registries and database together.

One :class:`HearingApp` serves one instance. The API factory and every CLI
command create one, ``await app.startup()``, use its services and ``await
app.shutdown()``. Registries are filled once, at startup, from the
``register_*`` hooks, validated, and stored in plain dicts with the plugin that
contributed each item (provenance), so nothing later re-walks the hooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.contributions import ReportSection
from hearing_core.db.database import Database
from hearing_core.errors import StartupError
from hearing_core.plugins import PluginManager, await_me_maybe, get_plugin_manager
from hearing_core.security.roles import CORE_ROLES, AccessRegistry
from hearing_core.settings import Settings

if TYPE_CHECKING:
    from piccolo.conf.apps import AppConfig
    from piccolo.table import Table

    from hearing_core.contributions import DocumentImporter
    from hearing_core.deadlines import Deadline, Extension, HolidayCalendar, Pause, Profile
    from hearing_core.security.actor import Actor

__all__ = ["HearingApp"]


class HearingApp:
    """A configured instance: use :meth:`running` or startup/shutdown around work."""

    def __init__(self, settings: Settings, pm: PluginManager | None = None) -> None:
        self.settings = settings
        self.pm = pm or get_plugin_manager(
            only=settings.load_plugins,
            disabled=settings.disabled_plugins,
            trace=settings.trace_plugins,
        )
        self.db = Database(settings.database_url)
        self.access = AccessRegistry()
        self.report_sections: dict[str, ReportSection] = {}
        self.importers: dict[str, DocumentImporter] = {}
        self.app_configs: list[AppConfig] = []
        self.profile_dirs: list[Path] = []
        self.template_dirs: list[Path] = []
        #: The current time; tests replace it to move the clock.
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
        self.state: dict[str, Any] = {}
        self._started = False
        self._registries_built = False

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def from_env(cls, **overrides: Any) -> HearingApp:
        return cls(Settings.from_env(**overrides).ensure_secret_key())

    def build_registries(self) -> None:
        """Collect every ``register_*`` hook once; refuse duplicates naming both plugins."""
        from hearing_core.db.migrations import load_app_configs

        self.access = AccessRegistry()
        for role in CORE_ROLES:
            self.access.add_role(role)
        for plugin, role in self.collect("register_roles"):
            self.access.add_role(_with_plugin(role, plugin))
        for plugin, permission in self.collect("register_permissions"):
            self.access.add_permission(_with_plugin(permission, plugin))
        self.access.validate()

        self.report_sections = {}
        for plugin, section in self.collect("register_report_sections"):
            if section.key in self.report_sections:
                other = self.report_sections[section.key].plugin
                raise StartupError(f"report section {section.key!r} registered by both {other} and {plugin}")
            self.report_sections[section.key] = _with_plugin(section, plugin)

        self.importers = {}
        for plugin, importer in self.collect("register_document_importers"):
            if importer.name in self.importers:
                raise StartupError(f"document importer {importer.name!r} registered twice (last by {plugin})")
            self.importers[importer.name] = importer

        self.app_configs = load_app_configs(m for _, m in self.collect("register_piccolo_apps"))
        self.profile_dirs = [Path(p) for _, p in self.collect("register_rule_profile_dirs")]
        self.template_dirs = [Path(p) for _, p in self.collect("register_template_dirs")]
        self._registries_built = True

    @property
    def tables(self) -> list[type[Table]]:
        return [t for config in self.app_configs for t in config.table_classes]

    async def startup(self) -> None:
        if self._started:
            return
        if not self._registries_built:
            self.build_registries()
        # Fail at startup, not at the first deadline, when the profile is missing or invalid.
        _ = self.profile
        await self.db.open(self.tables)
        self._started = True
        for result in self.pm.hook.hearing_startup(app=self):
            await await_me_maybe(result)

    async def shutdown(self) -> None:
        if not self._started:
            return
        try:
            for result in self.pm.hook.hearing_shutdown(app=self):
                await await_me_maybe(result)
        finally:
            await self.db.close()
            self._started = False

    @asynccontextmanager
    async def running(self) -> AsyncIterator[HearingApp]:
        await self.startup()
        try:
            yield self
        finally:
            await self.shutdown()

    # ------------------------------------------------------------------ hooks

    def collect(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a ``register_*`` hook implementation by implementation.

        Returns ``(plugin name, item)`` pairs, flattening the lists each
        implementation returns, so provenance is recorded at registration time.
        """
        caller = getattr(self.pm.hook, hook_name)
        pairs: list[tuple[str, Any]] = []
        for impl in caller.get_hookimpls():
            args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
            result = impl.function(**args)
            if result is None:
                continue
            if not isinstance(result, list | tuple):
                raise StartupError(f"{impl.plugin_name}.{hook_name} must return a list, got {type(result).__name__}")
            pairs.extend((impl.plugin_name, item) for item in result)
        return pairs

    async def emit(self, hook_name: str, **kwargs: Any) -> list[Any]:
        """Fire an event hook (inside the current transaction) and await its results."""
        results = []
        for result in getattr(self.pm.hook, hook_name)(app=self, **kwargs):
            results.append(await await_me_maybe(result))
        return results

    # ------------------------------------------------------------------ services

    def today(self) -> dt.date:
        """Today's date in China Standard Time (deadlines are counted in local days)."""
        return self.clock().astimezone(CHINA_TZ).date()

    def now(self) -> dt.datetime:
        return self.clock()

    def actor_for(self, username: str, user_id: int | None, roles: list[str], **extra: Any) -> Actor:
        from hearing_core.security.actor import Actor

        return Actor(
            user_id=user_id,
            username=username,
            roles=frozenset(roles),
            permissions=self.access.permissions_for(roles),
            **extra,
        )

    # ------------------------------------------------------------------ rules and deadlines

    @property
    def profile_search_dirs(self) -> list[Path]:
        """Instance profiles (``<data dir>/profiles``) first, then plugins' directories."""
        dirs = [self.settings.data_dir / "profiles", *self.profile_dirs]
        return [d for d in dirs if d.is_dir()]

    @cached_property
    def profile(self) -> Profile:
        """The rule profile in force (``rule_profile`` setting), loaded once."""
        from hearing_core.deadlines import load_profile

        return load_profile(self.settings.rule_profile, extra_dirs=self.profile_search_dirs)

    @cached_property
    def calendar(self) -> HolidayCalendar:
        """The official holiday calendar plus the instance's overrides (``<data dir>/holidays.toml``)."""
        from hearing_core.deadlines import HolidayCalendar

        path = self.settings.data_dir / "holidays.toml"
        return HolidayCalendar.from_file(path if path.exists() else None)

    def deadline(
        self,
        rule_id: str,
        start: dt.date,
        *,
        pauses: Sequence[Pause] = (),
        extensions: Sequence[Extension] = (),
        completed_on: dt.date | None = None,
    ) -> Deadline:
        """Compute a statutory deadline under the active profile, evaluated for today."""
        from hearing_core.deadlines import compute

        return compute(
            self.profile.rule(rule_id),
            start,
            self.calendar,
            pauses=pauses,
            extensions=extensions,
            today=self.today(),
            completed_on=completed_on,
        )

    def param(self, param_id: str) -> Any:
        """A non-clock rule value of the active profile (e.g. ``hearing.panel_min``)."""
        return self.profile.param(param_id)

    @cached_property
    def renderer(self) -> Any:
        """The document renderer (templates: overrides > plugins > core)."""
        from hearing_core.documents import DocumentRenderer

        return DocumentRenderer(template_dirs=self.template_dirs, override_dir=self.settings.templates_dir)


CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def _with_plugin(item: Any, plugin: str) -> Any:
    from dataclasses import replace

    return replace(item, plugin=plugin) if hasattr(item, "plugin") and not item.plugin else item
