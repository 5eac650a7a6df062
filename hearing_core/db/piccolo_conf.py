"""The ``PICCOLO_CONF`` module of every hearing instance.

Piccolo finds its engine and apps through a module named by ``PICCOLO_CONF``.
Ours is dynamic: :class:`hearing_core.db.Database` assigns ``DB`` when it opens,
and for piccolo's own command line (``piccolo migrations new hearing_core --auto``)
the module-level ``__getattr__`` builds ``DB`` and ``APP_REGISTRY`` from the
instance settings on first use. Nothing is read at import time.
"""

from __future__ import annotations

from typing import Any

__all__ = ["APP_REGISTRY", "DB", "set_engine"]


def set_engine(engine: Any) -> None:
    """Make ``engine`` the one piccolo's ``engine_finder()`` returns."""
    globals()["DB"] = engine


def __getattr__(name: str) -> Any:
    if name == "DB":
        from hearing_core.db.engine import create_engine
        from hearing_core.settings import Settings

        engine = create_engine(Settings.from_env().database_url)
        globals()["DB"] = engine
        return engine
    if name == "APP_REGISTRY":
        from piccolo.conf.apps import AppRegistry

        from hearing_core.plugins import get_plugin_manager
        from hearing_core.settings import Settings

        settings = Settings.from_env()
        pm = get_plugin_manager(only=settings.load_plugins, disabled=settings.disabled_plugins)
        modules: list[str] = []
        for paths in pm.hook.register_piccolo_apps():
            modules.extend(paths)
        registry = AppRegistry(apps=modules)
        globals()["APP_REGISTRY"] = registry
        return registry
    raise AttributeError(name)
