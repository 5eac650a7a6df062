"""The plugin's wiring: a light entry-point module, its hooks, settings checked at start-up,
the worker pool closed with the app, the instance's per-file size cap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from import_support import PDF_SETTINGS

from hearing_core.errors import StartupError

P = ("pdf_import",)


def test_the_entry_point_and_the_commands_import_nothing_heavy() -> None:
    code = (
        "import sys, json\n"
        "import hearing_pdf_import.plugin\n"
        "from hearing_cli.main import build_cli\n"
        "from hearing_core.plugins import get_plugin_manager\n"
        "build_cli(get_plugin_manager(only=('pdf_import',)))\n"
        "heavy = ('pdfplumber', 'pdfminer', 'piccolo', 'litestar', 'pypdfium2')\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules if m.startswith(heavy)})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(result.stdout) == []


async def test_hooks_register_the_importer_permissions_and_tables(make_app: Any) -> None:
    app = await make_app(plugins=P, extra=PDF_SETTINGS)
    assert list(app.importers) == ["pdf"]
    grants = {name: app.access.permissions[name].roles for name in ("documents.read", "documents.import",
                                                                    "documents.queue")}
    assert set(grants["documents.import"]) == {"registrar", "handling_officer", "clerk"}
    assert grants["documents.queue"] == ("registrar",)
    tables = {t._meta.tablename for t in app.tables}
    assert {"hearing_import_document", "hearing_import_page", "hearing_import_table", "hearing_import_form"} <= tables


@pytest.mark.parametrize("table, message", [
    ({"pdf_import": {"workers": 2}}, "unknown \\[pdf_import\\] setting"),
    ({"pdf_import": {"limits": {"memory_gb": 1}}}, "unknown ImportLimits setting 'memory_gb'"),
    ({"pdf_import": {"max_files": 0}}, "max_files"),
])
async def test_invalid_settings_refuse_to_start(make_app: Any, table: dict[str, Any], message: str) -> None:
    with pytest.raises(StartupError, match=message):
        await make_app(plugins=P, extra=table)


async def test_the_worker_pool_closes_with_the_app(make_app: Any, letter: Path) -> None:
    from hearing_pdf_import import services

    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    app = await make_app(plugins=P, extra=PDF_SETTINGS)
    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    await services.import_documents(ctx, [services.Source(letter, letter.name)])
    pool = app.state["pdf_import.pool"]
    workers = list(pool._idle)
    assert workers and all(w.proc.poll() is None for w in workers)
    await app.shutdown()
    assert "pdf_import.pool" not in app.state
    assert all(w.proc.poll() is not None for w in workers)


async def test_files_over_the_instance_upload_size_fail_before_being_read(make_app: Any, letter: Path) -> None:
    from hearing_pdf_import import services

    from hearing_core.context import ServiceContext
    from hearing_core.security.service import actor_by_username

    app = await make_app(plugins=P, extra=PDF_SETTINGS, max_upload_size=1024)
    ctx = ServiceContext(app, await actor_by_username(app, "admin"))
    [outcome] = await services.import_documents(ctx, [services.Source(letter, letter.name)])
    assert outcome.status == "failed" and outcome.error["code"] == "too_large"
    assert "over the limit of 1.0 KiB" in outcome.error["message"] and outcome.sha256 is None
    assert "pdf_import.pool" not in app.state  # nothing was parsed
