"""`hearing users` and `hearing init`, `hearing audit`, and the masking helpers the domain teams use."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from security_support import bypass_statements, raw_execute

from hearing_core.errors import NotFound
from hearing_core.security.actor import Actor
from hearing_core.security.logfilter import PersonalDataFilter, sanitize_line
from hearing_core.security.masking import mask_id_number, mask_phone, redact_for, scrub_text
from hearing_core.security.scope import ensure_visible, visible_only


def test_init_interactive_prompts_and_confirms_the_password(cli: Any) -> None:
    mismatch = cli("init", input="chief\nroot-password-1\nother-password-1\nroot-password-1\nroot-password-1\n")
    assert mismatch.exit_code == 0, mismatch.output + mismatch.stderr
    assert "Administrator username [admin]: chief" in mismatch.output
    assert "Error: The two entered values do not match." in mismatch.output
    assert "root-password-1" not in mismatch.output  # hidden input is never echoed
    assert "created administrator 'chief'" in mismatch.output
    users = json.loads(cli("users", "list", "--json").output)
    assert [(u["username"], u["roles"]) for u in users] == [("chief", ["administrator"])]


def test_init_interactive_default_username_and_short_password(cli: Any) -> None:
    short = cli("init", input="\nshort\nshort\n")
    assert short.exit_code == 1 and "password" in short.stderr and "8 characters" in short.stderr
    ok = cli("init", input="\nroot-password-1\nroot-password-1\n")
    assert ok.exit_code == 0 and "created administrator 'admin'" in ok.output
    again = cli("init", "--exists-ok", "--non-interactive")
    assert again.exit_code == 0 and "already initialised" in again.output
    missing = cli("init", "--non-interactive", "--username", "x")
    assert missing.exit_code == 2 and "--password" in missing.output + missing.stderr


def test_users_commands_end_to_end(cli: Any) -> None:
    assert cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive").exit_code == 0
    added = cli("users", "add", "li", "--role", "registrar", "--role", "clerk", "--display-name", "李四", input="password-123\npassword-123\n")
    assert added.exit_code == 0, added.stderr
    assert "password-123" not in added.output
    listed = {u["username"]: u for u in json.loads(cli("users", "list", "--json").output)}
    assert listed["li"]["roles"] == ["registrar", "clerk"] and listed["li"]["display_name"] == "李四"
    assert "li" in cli("users", "list").output.split()
    assert cli("users", "disable", "li").output.strip() == "disabled li"
    assert json.loads(cli("users", "list", "--json").output)[0]["active"] is False
    denied = cli("--as", "li", "users", "list")
    assert denied.exit_code == 1 and "no active user named 'li'" in denied.stderr
    assert cli("users", "enable", "li").output.strip() == "enabled li"
    assert cli("users", "set-role", "li", "auditor").output.strip() == "li: auditor"
    # The auditor may read users and the audit log but not manage accounts.
    assert cli("--as", "li", "users", "list").exit_code == 0
    assert cli("--as", "li", "users", "disable", "root").exit_code == 1
    reset = cli("users", "reset-password", "li", input="new-password-9\nnew-password-9\n")
    assert reset.exit_code == 0 and reset.output.strip().endswith("password of li changed")
    assert cli("users", "disable", "root").exit_code == 1  # nobody disables themselves
    unknown = cli("users", "set-role", "ghost", "clerk")
    assert unknown.exit_code == 1 and "no user named 'ghost'" in unknown.stderr
    log = json.loads(cli("--as", "li", "audit", "log", "--actor", "root", "--json", "--limit", "200").output)
    actions = [e["action"] for e in log["items"]]
    assert actions == ["user.reset_password", "user.set_roles", "user.enable", "user.disable", "user.create"]
    assert all("password_hash" not in json.dumps(e) for e in log["items"])


def test_audit_cli_verify_and_filters(cli: Any, settings: Any) -> None:
    cli("init", "--username", "root", "--password", "root-password-1", "--non-interactive")
    cli("users", "add", "a1", "--role", "clerk", "--password", "password-123")
    cli("users", "add", "a2", "--role", "clerk", "--password", "password-123")
    ok = cli("audit", "verify", "--json")
    assert ok.exit_code == 0 and json.loads(ok.output)["checked"] == 3
    table = cli("audit", "log", "--since", "2000-01-01")
    assert table.exit_code == 0 and "user.create" in table.output and "3 of 3 entries" in table.stderr
    assert json.loads(cli("audit", "log", "--matter", "nothing", "--json").output)["total"] == 0
    assert json.loads(cli("audit", "log", "--since", "2999-01-01", "--json").output)["total"] == 0
    bad = cli("audit", "log", "--since", "soon")
    assert bad.exit_code == 2 and "--since" in bad.output + bad.stderr
    raw_execute(settings.database_url, [*bypass_statements(settings.database_url), "DELETE FROM hearing_audit_entry WHERE id = 2"])
    broken = cli("audit", "verify")
    assert broken.exit_code == 1
    assert "BROKEN at entry 3 (broken link)" in broken.stderr
    as_json = cli("audit", "verify", "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.output)["first_broken_id"] == 3


def test_mask_formats() -> None:
    assert mask_id_number("440106199001011234") == "440106********1234"
    assert mask_id_number("44010619900101123X") == "440106********123X"
    assert mask_id_number("E12345678") == "*******78"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "+86 138-****-5678"
    assert mask_phone("020-87654321") == "020-****4321"
    assert mask_phone("") == "" and mask_id_number(None) == ""


def test_redact_for_depends_on_the_personal_data_permission() -> None:
    data = {
        "name": "张三",
        "id_number": "440106199001011234",
        "phone": "13812345678",
        "parties": [{"id_number": "110101198001010019", "mobile": "13900001111"}],
        "petitioner": {"contact_phone": "020-87654321"},
    }
    clerk = Actor(1, "clerk", frozenset({"hearing_officer"}), frozenset({"hearings.read"}))
    registrar = Actor(2, "reg", frozenset({"registrar"}), frozenset({"personal_data.read"}))
    masked = redact_for(clerk, data)
    assert masked["id_number"] == "440106********1234" and masked["phone"] == "138****5678"
    assert masked["parties"] == [{"id_number": "110101********0019", "mobile": "139****1111"}]
    assert masked["petitioner"] == {"contact_phone": "020-****4321"}
    assert masked["name"] == "张三" and data["phone"] == "13812345678"  # the input is untouched
    assert redact_for(registrar, data) == data
    assert redact_for(None, data)["phone"] == "138****5678"
    only = redact_for(clerk, {"id_number": "440106199001011234", "phone": "13812345678"}, fields=["phone"])
    assert only == {"id_number": "440106199001011234", "phone": "138****5678"}


def test_scrub_text_and_log_filter() -> None:
    text = "petitioner 440106199001011234 called from 13812345678 and +8613900001111 token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU"
    clean = scrub_text(text)
    assert "440106199001011234" not in clean and "440106********1234" in clean
    assert "138****5678" in clean and "+86139****1111" in clean and "[token]" in clean
    # Longer digit runs (bank cards, order numbers) are not mistaken for ID numbers.
    assert scrub_text("order 44010619900101123456") == "order 44010619900101123456"
    assert sanitize_line("a\r\nb\x1b[31m") == "a\\r\\nb\\x1b[31m"
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "user %s phone %s", ("x\ny", "13812345678"), None)
    PersonalDataFilter().filter(record)
    assert record.getMessage() == "user x\\ny phone 138****5678"


def test_scope_helper_hides_objects_as_not_found() -> None:
    officer = Actor(5, "officer", frozenset({"hearing_officer"}), frozenset({"hearings.read"}))
    leader = Actor(6, "leader", frozenset({"leader"}), frozenset({"hearings.read", "hearings.read_all"}))
    cases = [{"id": 1, "panel": [5, 7]}, {"id": 2, "panel": [8]}]

    def on_panel(actor: Actor, case: dict[str, Any]) -> bool:
        return actor.user_id in case["panel"]

    assert ensure_visible(officer, cases[0], on_panel, kind="hearing case", object_id=1) is cases[0]
    with pytest.raises(NotFound) as hidden:
        ensure_visible(officer, cases[1], on_panel, kind="hearing case", object_id=2)
    with pytest.raises(NotFound) as missing:
        ensure_visible(officer, None, on_panel, kind="hearing case", object_id=3)
    # Same status and same words for "not yours" and "does not exist": ids cannot be probed.
    assert hidden.value.status == missing.value.status == 404
    assert str(hidden.value).replace("2", "N") == str(missing.value).replace("3", "N")
    assert ensure_visible(leader, cases[1], on_panel, kind="hearing case", object_id=2, bypass_permission="hearings.read_all")
    assert visible_only(officer, cases, on_panel) == [cases[0]]
