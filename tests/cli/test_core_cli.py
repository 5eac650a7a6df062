from __future__ import annotations

import json
from typing import Any


def test_init_then_users(cli: Any) -> None:
    result = cli("init", "--username", "root", "--password", "root-password-1", "--display-name", "王主任", "--non-interactive")
    assert result.exit_code == 0, result.output
    assert "created administrator 'root'" in result.output
    added = cli("users", "add", "li", "--role", "registrar", "--password", "password-123", "--display-name", "李登记", "--json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["roles"] == ["registrar"]
    listed = json.loads(cli("users", "list", "--json").output)
    assert [u["username"] for u in listed] == ["li", "root"]


def test_second_init_refused_with_one_line_error(cli: Any) -> None:
    assert cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive").exit_code == 0
    again = cli("init", "--username", "other", "--password", "root-password-1", "--non-interactive")
    assert again.exit_code == 1
    assert again.stderr.strip().splitlines() == ["error: the instance already has users; use `hearing users add` instead"]


def test_commands_without_admin_explain_what_to_do(cli: Any) -> None:
    result = cli("users", "list")
    assert result.exit_code == 1
    assert "run `hearing init` first" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_acting_user_permissions_apply(cli: Any) -> None:
    cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive")
    cli("users", "add", "clerk1", "--role", "clerk", "--password", "password-123")
    denied = cli("--as", "clerk1", "users", "add", "x1", "--role", "administrator", "--password", "password-123")
    assert denied.exit_code == 1
    assert denied.stderr.strip() == "error: permission 'users.manage' is required for this action"


def test_bad_input_is_listed(cli: Any) -> None:
    cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive")
    result = cli("users", "add", "x", "--role", "nope", "--password", "short")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith("error: invalid user:") and "username" in line and "password" in line


def test_disable_and_set_role(cli: Any) -> None:
    cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive")
    cli("users", "add", "zhang", "--role", "clerk", "--password", "password-123")
    assert cli("users", "set-role", "zhang", "registrar", "leader").output.strip() == "zhang: registrar, leader"
    assert cli("users", "disable", "zhang").exit_code == 0
    users = {u["username"]: u for u in json.loads(cli("users", "list", "--json").output)}
    assert users["zhang"]["active"] is False and users["zhang"]["roles"] == ["registrar", "leader"]


def test_db_status_and_upgrade_idempotent(cli: Any) -> None:
    first = cli("db", "upgrade", "--json")
    assert first.exit_code == 0
    assert [m["app"] for m in json.loads(first.output)] == ["hearing_core"] * len(json.loads(first.output))
    assert json.loads(cli("db", "upgrade", "--json").output) == []
    status = json.loads(cli("db", "status", "--json").output)
    assert status and all(s["applied"] for s in status)
