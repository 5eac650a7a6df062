"""``hearing plugins enable|disable`` go through the same service as the API and the web page."""

from __future__ import annotations

import json
from typing import Any

from hearing_core.settings import InstanceConfig


def _disabled(cli: Any) -> list[str]:
    return list(InstanceConfig.load(cli.settings.config_path).get("disabled_plugins", []))


def test_disable_then_enable_is_recorded_and_audited(cli: Any) -> None:
    cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive")
    off = cli("plugins", "disable", "reception")
    assert off.exit_code == 0, off.output + off.stderr
    assert off.output.strip() == "disabled reception; restart the server for it to take effect"
    assert _disabled(cli) == ["reception"]
    assert cli("plugins", "enable", "reception").exit_code == 0
    assert _disabled(cli) == []
    entries = json.loads(cli("audit", "log", "--object-type", "plugin", "--oldest-first", "--json").output)
    rows = entries["items"]
    assert [(e["action"], e["actor"]) for e in rows] == [("plugin.disable", "root"), ("plugin.enable", "root")]


def test_refusals_are_one_line_and_change_nothing(cli: Any) -> None:
    cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive")
    cli("users", "add", "clerk1", "--role", "clerk", "--password", "password-123")
    unknown = cli("plugins", "disable", "no-such-plugin")
    assert unknown.exit_code == 1 and unknown.stderr.strip() == "error: no installed plugin named 'no-such-plugin'"
    core = cli("plugins", "disable", "hearing_core.web.plugin")
    assert core.exit_code == 1 and "part of the core" in core.stderr
    denied = cli("--as", "clerk1", "plugins", "disable", "reception")
    assert denied.exit_code == 1
    assert denied.stderr.strip() == "error: permission 'plugins.manage' is required for this action"
    assert _disabled(cli) == []
