"""Migrations of the core piccolo app (loaded by file path, see hearing_core.db.migrations)."""
