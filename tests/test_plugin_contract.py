"""The plugin system's promises: discovery, isolation of broken plugins, strict hook names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pluggy
import pytest

from hearing_core import hookimpl, hookspecs
from hearing_core.plugins import get_plugin_manager

BUILT_IN = {"mediation", "review", "pdf_import", "reception"}


def _run_hearing(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("HEARING_LOAD_PLUGINS", None) if "HEARING_LOAD_PLUGINS" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "hearing_cli.main", *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120
    )


def test_no_plugins_loaded_when_env_is_empty() -> None:
    pm = get_plugin_manager(only=())
    assert [i.name for i in pm.plugin_infos() if i.loaded] == []
    # The core still implements its own hooks.
    assert pm.has_plugin("hearing_core.core_plugin")


def test_builtin_plugins_are_entry_points_of_this_distribution() -> None:
    pm = get_plugin_manager(only=())
    infos = {i.name: i for i in pm.plugin_infos()}
    assert BUILT_IN <= set(infos)
    for name in BUILT_IN:
        assert infos[name].source == "built-in"


def test_only_named_plugins_load() -> None:
    pm = get_plugin_manager(only=("example",))
    loaded = {i.name for i in pm.plugin_infos() if i.loaded}
    assert loaded == {"example"}


def test_disabled_plugin_is_listed_but_not_loaded() -> None:
    pm = get_plugin_manager(only=None, disabled=("example",))
    info = {i.name: i for i in pm.plugin_infos()}["example"]
    assert info.enabled is False and info.loaded is False
    assert not pm.has_plugin("example")


def test_misspelled_hook_is_refused() -> None:
    class Typo:
        @hookimpl
        def register_permision(self) -> list[Any]:  # sic
            return []

    with pytest.raises(pluggy.PluginValidationError, match="register_permision"):
        get_plugin_manager(only=(), extra_plugins=[("typo", Typo())])


def test_every_hookspec_is_documented_with_its_exact_signature() -> None:
    import inspect

    docs = (Path(__file__).parent.parent / "docs" / "hooks.md").read_text(encoding="utf-8")
    names = [n for n, f in vars(hookspecs).items() if callable(f) and hasattr(f, "hearing_spec")]
    assert len(names) >= 15
    for name in names:
        spec = getattr(hookspecs, name)
        assert spec.__doc__ and ".. versionadded::" in spec.__doc__, name
        signature = f"{name}{inspect.signature(spec)}".replace("'", "")
        assert f"### `{signature}`" in docs, f"docs/hooks.md lacks a heading for {signature}"


def test_builtin_plugins_implement_only_known_hooks() -> None:
    pm = get_plugin_manager(only=tuple(BUILT_IN))
    for name in BUILT_IN:
        info = {i.name: i for i in pm.plugin_infos()}[name]
        assert info.error is None, f"{name}: {info.error}"
        assert info.loaded and info.hooks, name


def _broken_plugin_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    dist = site / "broken_plugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[hearing.plugins]\nbroken = broken_mod\n")
    (site / "broken_mod.py").write_text("raise RuntimeError('this plugin is broken on purpose')\n")
    return site


def test_broken_plugin_does_not_take_the_cli_down(tmp_path: Path) -> None:
    site = _broken_plugin_dir(tmp_path)
    env = {"PYTHONPATH": f"{site}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "HEARING_DATA_DIR": str(tmp_path / "d")}
    help_result = _run_hearing("--help", env=env)
    assert help_result.returncode == 0
    assert "plugins" in help_result.stdout
    assert "plugin 'broken' failed to load: RuntimeError: this plugin is broken on purpose" in help_result.stderr
    listed = _run_hearing("plugins", "list", "--json", env=env)
    assert listed.returncode == 0
    infos = {p["name"]: p for p in json.loads(listed.stdout)}
    assert infos["broken"]["loaded"] is False
    assert "broken on purpose" in infos["broken"]["error"]
    assert infos["example"]["loaded"] is True


def test_example_plugin_route_and_command(cli: Any) -> None:
    result = cli("example", "greet", "--json", plugins=("example",))
    assert result.exit_code == 0
    assert json.loads(result.output) == {"greeting": "你好，信访听证"}


@pytest.fixture
async def example_app(make_app: Any) -> Any:
    return await make_app(plugins=("example",))


async def test_example_plugin_route_is_protected_by_its_permission(example_app: Any) -> None:
    import httpx

    from hearing_core.api import create_app
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user
    from hearing_core.testing import login

    ctx = ServiceContext(example_app, SYSTEM)
    await create_user(ctx, "reg", "password-123", ["registrar"])
    await create_user(ctx, "leader1", "password-123", ["leader"])
    transport = httpx.ASGITransport(app=create_app(hearing_app=example_app))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        allowed = await client.get("/api/v1/example/greeting", headers=await login(client, "reg", "password-123"))
        assert allowed.status_code == 200 and allowed.json()["greeting"] == "你好，信访听证"
        denied = await client.get("/api/v1/example/greeting", headers=await login(client, "leader1", "password-123"))
        assert denied.status_code == 403


def test_hooks_module_is_cheap_to_import() -> None:
    code = "import sys, hearing_core.hookspecs, hearing_core.plugins; print(any(m.startswith(('litestar','piccolo')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
