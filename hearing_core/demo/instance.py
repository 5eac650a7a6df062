"""Where the demo instance lives (演示实例) and how it is opened.

The demo is an instance of its own, ``<data dir>/demo/`` (its SQLite file, config, profile,
documents), so it never touches the bureau's own data. A finished build writes
``demo.json`` (year, seed, when, how long) last: a directory with that file *is* a demo
instance, and pointing ``HEARING_DATA_DIR`` at it makes every ``hearing`` command act on it.

The demo's settings come from its own ``config.toml`` only; ``HEARING_*`` variables of the
shell (another database URL, a plugin selection, a rule profile) are ignored, so the demo
always opens its own database with every built-in plugin.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hearing_core.errors import HearingError
from hearing_core.settings import InstanceConfig, Settings

if TYPE_CHECKING:
    from hearing_core.app import HearingApp

__all__ = ["MARKER", "DemoInstance", "demo_dir_for", "open_app"]

MARKER = "demo.json"


def demo_dir_for(data_dir: Path) -> Path:
    """The demo instance of ``data_dir``: the directory itself if it is one, else ``<data_dir>/demo``."""
    return data_dir if (data_dir / MARKER).exists() else data_dir / "demo"


@dataclass
class DemoInstance:
    """A demo instance directory (or, ``in_place``, the configured instance)."""

    settings: Settings
    in_place: bool = False

    @classmethod
    def under(cls, data_dir: Path) -> DemoInstance:
        directory = demo_dir_for(data_dir)
        return cls(Settings.from_env(environ={}, data_dir=directory).replace(load_plugins=None))

    @property
    def path(self) -> Path:
        return self.settings.data_dir

    @property
    def marker(self) -> dict[str, Any] | None:
        """What ``demo.json`` says about the finished build, or None."""
        path = self.path / MARKER
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    @property
    def started(self) -> bool:
        """Something is in the directory (a finished demo, or an interrupted build)."""
        return self.path.exists() and any(self.path.iterdir())

    def remove(self) -> None:
        """Delete the demo instance (``--force``); only ever a demo directory."""
        if self.in_place:
            raise HearingError("--force cannot delete the configured instance; remove its database yourself")
        if not self.path.exists():
            return
        if self.marker is None and self.path.name != "demo":
            raise HearingError(f"{self.path} is not a demo instance (no {MARKER}); not deleting it")
        shutil.rmtree(self.path)

    def prepare(self, config: dict[str, Any], profile: str) -> None:
        """Write the instance's config (merged into an existing one in place) and its rule profile."""
        self.path.mkdir(parents=True, exist_ok=True)
        instance_config = InstanceConfig.load(self.settings.config_path)
        for key, value in config.items():
            instance_config.set(key, value)
        instance_config.save()
        profiles = self.path / "profiles"
        profiles.mkdir(exist_ok=True)
        (profiles / "county.toml").write_text(profile, encoding="utf-8")
        if self.in_place:
            self.settings = Settings.from_env(data_dir=self.path).replace(
                database_url=self.settings.database_url, load_plugins=self.settings.load_plugins)
        else:
            self.settings = Settings.from_env(environ={}, data_dir=self.path).replace(load_plugins=None)

    def write_marker(self, data: dict[str, Any]) -> None:
        (self.path / MARKER).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @property
    def documents_dir(self) -> Path:
        """Documents the build generated (reports, hearing documents, agreements, the PDFs it imported)."""
        return self.path / "documents"


def open_app(settings: Settings) -> HearingApp:
    """An app on ``settings`` with every plugin that loads; a plugin that fails is left out (and named)."""
    from hearing_core.app import HearingApp
    from hearing_core.plugins import get_plugin_manager

    pm = get_plugin_manager(only=settings.load_plugins, disabled=settings.disabled_plugins)
    return HearingApp(settings.ensure_secret_key(), pm=pm)


def loaded_plugins(app: HearingApp) -> set[str]:
    """Names of the optional plugins that loaded (mediation, review, pdf_import, reception …)."""
    return {i.name for i in app.pm.plugin_infos() if i.loaded and i.enabled}
