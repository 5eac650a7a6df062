"""The core's piccolo app: every table owned by ``hearing_core``.

Domain packages add their ``tables`` module to :data:`TABLE_MODULES`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

__all__ = ["APP_CONFIG", "TABLE_MODULES"]

TABLE_MODULES: list[str] = [
    "hearing_core.security.tables",
    "hearing_core.audit.tables",
    "hearing_core.petitions.tables",
    "hearing_core.hearings.tables", "hearing_core.hearings.pool_tables",
    "hearing_core.reports.tables",
]

for _module in TABLE_MODULES:
    importlib.import_module(_module)

APP_CONFIG = AppConfig(
    app_name="hearing_core",
    migrations_folder_path=str(Path(__file__).resolve().parent.parent / "migrations"),
    table_classes=table_finder(modules=TABLE_MODULES, exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
