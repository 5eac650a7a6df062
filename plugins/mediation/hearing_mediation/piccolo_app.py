"""The mediation plugin's piccolo app: its tables and migrations, after the core's."""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="mediation",
    migrations_folder_path=str(Path(__file__).resolve().parent / "migrations"),
    table_classes=table_finder(modules=["hearing_mediation.tables"], exclude_imported=True),
    migration_dependencies=["hearing_core.db.piccolo_app"],
    commands=[],
)
