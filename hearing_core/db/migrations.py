"""Migration runner over piccolo apps (数据库迁移).

Migration files are ordinary piccolo migrations (``async def forwards() ->
MigrationManager``), recorded in piccolo's own ``migration`` table, so piccolo's
tools still understand the database. We run them ourselves rather than through
``piccolo migrations forwards`` because piccolo imports every migration file by
its bare name from ``sys.path`` (two apps with the same file name would collide)
and records a migration only after its transaction commits (a crash in between
would re-run it). Here each app's pending migrations and their records commit in
one transaction, under a lock, so concurrent ``hearing db upgrade`` runs (several
API workers starting at once) apply each migration exactly once.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import AppConfig

from hearing_core.db.database import Database
from hearing_core.errors import StartupError

__all__ = ["MigrationState", "load_app_configs", "migration_status", "upgrade"]

#: Arbitrary constant for PostgreSQL's advisory lock serialising migrations.
_PG_LOCK_KEY = 0x48454152  # "HEAR"


@dataclass(frozen=True)
class MigrationState:
    app: str
    migration_id: str
    applied: bool
    description: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"app": self.app, "id": self.migration_id, "applied": self.applied, "description": self.description}


def load_app_configs(module_paths: Iterable[str]) -> list[AppConfig]:
    """Import each ``APP_CONFIG`` and order apps so dependencies come first."""
    configs: dict[str, AppConfig] = {}
    deps: dict[str, list[str]] = {}
    by_module: dict[str, str] = {}
    for path in module_paths:
        module = importlib.import_module(path)
        config: AppConfig = module.APP_CONFIG
        if config.app_name in configs:
            raise StartupError(f"piccolo app {config.app_name!r} is registered twice")
        configs[config.app_name] = config
        by_module[path] = config.app_name
        deps[config.app_name] = list(config.migration_dependencies)
    ordered: list[str] = []

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in trail:
            raise StartupError(f"circular migration dependencies: {' -> '.join(trail + (name,))}")
        for dep in deps[name]:
            dep_name = by_module.get(dep, dep)
            if dep_name not in configs:
                raise StartupError(f"app {name!r} depends on {dep!r}, which is not enabled")
            visit(dep_name, trail + (name,))
        ordered.append(name)

    for name in configs:
        visit(name, ())
    return [configs[n] for n in ordered]


def _migration_modules(config: AppConfig) -> dict[str, ModuleType]:
    folder = Path(config.resolved_migrations_folder_path)
    modules: dict[str, ModuleType] = {}
    for file in sorted(folder.glob("*.py")):
        if file.name == "__init__.py":
            continue
        unique = f"_hearing_migrations.{config.app_name}.{file.stem}"
        spec = importlib.util.spec_from_file_location(unique, file)
        if spec is None or spec.loader is None:
            raise StartupError(f"cannot load migration {file}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        migration_id = getattr(module, "ID", None)
        if not migration_id:
            raise StartupError(f"migration {file} has no ID")
        if migration_id in modules:
            raise StartupError(f"migration ID {migration_id} appears twice in {config.app_name}")
        modules[migration_id] = module
    return modules


async def _ensure_migration_table() -> None:
    if not await Migration.table_exists().run():
        await Migration.create_table(if_not_exists=True).run()


async def _applied(app_name: str) -> set[str]:
    return set(await Migration.get_migrations_which_ran(app_name=app_name))


async def migration_status(db: Database, configs: Iterable[AppConfig]) -> list[MigrationState]:
    await _ensure_migration_table()
    states: list[MigrationState] = []
    for config in configs:
        applied = await _applied(config.app_name)
        for migration_id, module in _migration_modules(config).items():
            states.append(
                MigrationState(
                    config.app_name, migration_id, migration_id in applied, getattr(module, "DESCRIPTION", "")
                )
            )
    return states


async def upgrade(db: Database, configs: Iterable[AppConfig]) -> list[MigrationState]:
    """Apply every pending migration; return those applied now (empty when up to date)."""
    async with db.write():
        await _ensure_migration_table()
    done: list[MigrationState] = []
    for config in configs:
        modules = _migration_modules(config)
        async with db.write():
            if not db.is_sqlite:
                await db.fetch("SELECT pg_advisory_xact_lock({})", _PG_LOCK_KEY)
            applied = await _applied(config.app_name)
            for migration_id in sorted(set(modules) - applied):
                module = modules[migration_id]
                # Piccolo prints progress to stdout; keep stdout for command output.
                with contextlib.redirect_stdout(io.StringIO()):
                    manager = await module.forwards()
                    if isinstance(manager, MigrationManager):
                        await manager.run()
                await Migration.insert(Migration(name=migration_id, app_name=config.app_name)).run()
                done.append(MigrationState(config.app_name, migration_id, True, getattr(module, "DESCRIPTION", "")))
    return done
