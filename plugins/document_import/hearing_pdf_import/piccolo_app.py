"""The document-import plugin's piccolo app (``pdf_import``): its tables and migrations.

Registered through ``register_piccolo_apps``; it depends on the core app so the core's
tables exist first. ``hearing db upgrade`` applies its migrations.
"""

from __future__ import annotations

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

__all__ = ["APP_CONFIG"]

APP_CONFIG = AppConfig(
    app_name="pdf_import",
    migrations_folder_path=str(Path(__file__).resolve().parent / "migrations"),
    table_classes=table_finder(modules=["hearing_pdf_import.db.tables"], exclude_imported=True),
    migration_dependencies=["hearing_core.db.piccolo_app"],
    commands=[],
)
