"""Layered template lookup (模板查找顺序): administrator override → plugins → core.

A template name such as ``hearing/notice.html`` is looked up in, in order:

1. the instance's override directory (``<data dir>/templates``), written by an
   administrator to adapt wording or layout to the bureau's own practice;
2. the template directories registered by plugins (``register_template_dirs``), in the
   order the app passes them;
3. the core defaults in ``hearing_core/documents/templates/``.

The first file found wins. ``core:<name>`` always resolves to the core default, so an
override can ``{% extends "core:hearing/notice.html" %}`` and replace a single block
instead of copying the whole template.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, PrefixLoader

from hearing_core.errors import StartupError

__all__ = ["CORE_TEMPLATE_DIR", "Origin", "TemplateInfo", "TemplateSearchPath"]

CORE_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
CORE_PREFIX = "core"

Origin = Literal["override", "plugin", "core"]

# Files in template directories that are not templates.
_SKIPPED_SUFFIXES = frozenset({".py", ".pyc", ".orig", ".bak", ".swp"})


@dataclass(frozen=True)
class TemplateInfo:
    """Where a template name resolves (模板来源), for the administrator's overview.

    :ivar name: the name callers use, e.g. ``hearing/notice.html``.
    :ivar origin: ``override``, ``plugin`` or ``core``.
    :ivar path: the file that is used.
    :ivar shadows: files of the same name in lower layers that this one hides.
    """

    name: str
    origin: Origin
    path: Path
    shadows: tuple[Path, ...] = ()

    @property
    def partial(self) -> bool:
        """Layouts, styles and macros (any path part starting with ``_``, or a ``base_`` file)."""
        parts = self.name.split("/")
        return any(part.startswith("_") for part in parts) or parts[-1].startswith("base_")


@dataclass(frozen=True)
class TemplateSearchPath:
    """The ordered directories searched for templates."""

    layers: tuple[tuple[Origin, Path], ...]

    @classmethod
    def build(
        cls, template_dirs: Sequence[Path] = (), override_dir: Path | None = None
    ) -> TemplateSearchPath:
        """Validate and order the directories.

        A missing override directory is normal (no overrides yet) and simply skipped. A
        plugin directory that does not exist is a packaging bug, caught at startup.
        """
        layers: list[tuple[Origin, Path]] = []
        if override_dir is not None:
            override = Path(override_dir)
            if override.exists() and not override.is_dir():
                raise StartupError(f"template override path is not a directory: {override}")
            layers.append(("override", override))
        for directory in template_dirs:
            path = Path(directory)
            if not path.is_dir():
                raise StartupError(f"plugin template directory does not exist: {path}")
            layers.append(("plugin", path))
        layers.append(("core", CORE_TEMPLATE_DIR))
        return cls(tuple(layers))

    @property
    def directories(self) -> tuple[Path, ...]:
        return tuple(path for _, path in self.layers)

    def jinja_loader(self) -> BaseLoader:
        """A Jinja loader honouring the layer order and the ``core:`` prefix."""
        # followlinks: administrators sometimes symlink a shared template directory.
        loaders: list[BaseLoader] = [
            FileSystemLoader(str(path), encoding="utf-8", followlinks=True) for path in self.directories
        ]
        core_only = FileSystemLoader(str(CORE_TEMPLATE_DIR), encoding="utf-8")
        loaders.append(PrefixLoader({CORE_PREFIX: core_only}, delimiter=":"))
        return ChoiceLoader(loaders)

    def name_of(self, filename: str) -> str | None:
        """The template name of a file in one of the directories (to locate errors)."""
        try:
            path = Path(filename).resolve()
        except (OSError, ValueError):
            return None
        for _, directory in self.layers:
            root = directory.resolve()
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix()
        return None

    def resolve(self, name: str) -> TemplateInfo | None:
        """Where ``name`` resolves, or ``None`` if no layer has it."""
        return next((info for info in self.available() if info.name == name), None)

    def available(self) -> list[TemplateInfo]:
        """Every template name with the file that wins and the files it hides, sorted by name."""
        found: dict[str, list[tuple[Origin, Path]]] = {}
        for origin, directory in self.layers:
            for name, path in _walk(directory):
                found.setdefault(name, []).append((origin, path))
        return [
            TemplateInfo(name=name, origin=hits[0][0], path=hits[0][1], shadows=tuple(p for _, p in hits[1:]))
            for name, hits in sorted(found.items())
        ]


def _walk(directory: Path) -> Iterator[tuple[str, Path]]:
    if not directory.is_dir():
        return
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file() and path.suffix not in _SKIPPED_SUFFIXES:
            yield relative.as_posix(), path
