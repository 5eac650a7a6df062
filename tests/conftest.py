"""Shared test setup: the fixtures live in :mod:`hearing_core.testing` (also usable by plugin authors)."""

pytest_plugins = ["hearing_core.testing"]
