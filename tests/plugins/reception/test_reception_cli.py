"""``hearing reception …`` against a test instance: data commands with --json, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.plugins.reception.conftest import id_number, write_profile

P = ("reception",)
PW = "password-1234"

LEADERS_TOML = """
[[leader]]
code = "zhao-head"
name = "赵强"
post = "县长"
level = "县领导"
portfolio = "县政府全面工作"

[[leader]]
code = "sun-sc"
name = "孙红"
post = "县委常委"
level = "county"
paired_unit = "东城镇"

[[leader]]
code = "chen-town"
name = "陈刚"
post = "东城镇党委书记"
level = "town"
paired_unit = "东城镇红星村"
"""

RULES_TOML = """
[[rule]]
code = "head"
title = "县长接访日"
kind = "每月定日"
day_of_month = 15
months = "双月"
place = "县信访局"
leaders = ["zhao-head"]

[[rule]]
code = "village"
title = "镇领导包村接访"
kind = "half_days_weekly"
weekdays = ["周三"]
session = "上午"
place_mode = "paired"
place = "{unit}村委会"
levels = ["town"]
"""


def run(cli: Any, *args: str) -> Any:
    result = cli(*args, plugins=P)
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.output) if "--json" in args else result.output


def instance(cli: Any, tmp_path: Path) -> None:
    run(cli, "init", "--username", "root", "--password", PW, "--non-interactive")
    write_profile(cli.settings.data_dir)
    run(cli, "profiles", "use", "county")
    run(cli, "users", "add", "sec", "--role", "leader", "--display-name", "赵强", "--password", PW)
    run(cli, "users", "add", "officer", "--role", "handling_officer", "--password", PW)
    (tmp_path / "leaders.toml").write_text(LEADERS_TOML, encoding="utf-8")
    (tmp_path / "rules.toml").write_text(RULES_TOML, encoding="utf-8")
    leaders = run(cli, "reception", "leaders", "load", str(tmp_path / "leaders.toml"), "--json")
    assert [lead["level_zh"] for lead in leaders] == ["县领导", "县领导", "镇领导"]
    rules = run(cli, "reception", "rules", "load", str(tmp_path / "rules.toml"), "--json")
    assert [r["recurrence_zh"] for r in rules] == ["双月15日", "每周1个半天（周三）"]


def test_plan_notice_day_follow_up_and_report(cli: Any, tmp_path: Path) -> None:
    instance(cli, tmp_path)
    planned = run(cli, "reception", "plan", "--from", "2025-10-01", "--to", "2025-10-31", "--json")
    assert planned["existing"] == 0 and {r["place"] for r in planned["created"]} == {"县信访局", "东城镇红星村村委会"}
    again = run(cli, "reception", "plan", "--from", "2025-10-01", "--to", "2025-10-31")
    assert f"created 0 reception(s); {len(planned['created'])} already planned" in again
    head = next(r["id"] for r in planned["created"] if r["place"] == "县信访局")

    late = run(cli, "reception", "notice", "publish", str(head), "--on", "2025-10-12", "--channel", "县电视台", "--json")
    assert late[0]["status"] == "late" and late[0]["notice_due"] == "2025-10-10"
    flagged = run(cli, "reception", "notice", "status", "--from", "2025-10-15", "--to", "2025-10-15", "--flagged", "--json")
    assert [s["reception_id"] for s in flagged if s["status"] == "late"] == [head]
    pdf = tmp_path / "notice.pdf"
    assert "wrote" in run(cli, "reception", "notice", "render", str(head), "--pdf", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")

    run(cli, "reception", "open", str(head))
    run(cli, "reception", "participants", str(head), "zhao-head", "chen-town", "--json")
    case = run(cli, "reception", "visitors", str(head), "--persons", "2",
               "--petitioner", f"张秀英,{id_number(3)},13812345678,东城镇红星村", "--summary", "反映征地补偿款未足额发放",
               "--category", "土地征收", "--json")
    assert case["item_ref"].startswith("XF-2025-") and case["petitioners"][0]["id_number"] == id_number(3)
    heard = run(cli, "reception", "hear", str(case["id"]), "--note", "请核实", "--outcome", "限期解决", "--json")
    assert heard["outcome"] == "by_deadline"
    run(cli, "reception", "close", str(head))
    instructed = run(cli, "--as", "sec", "reception", "instruct", str(case["id"]), "--text", "请十日内答复",
                     "--on", "2025-10-15", "--json")
    assert instructed["instructed_by"] == "赵强" and instructed["petitioners"][0]["id_number"].count("*") == 8
    run(cli, "reception", "transfer", str(case["id"]), "--department", "县自然资源局", "--on", "2025-10-16")
    run(cli, "--as", "officer", "reception", "reply", str(case["id"]), "--text", "已补发", "--resolved", "--on", "2025-10-20")
    closed = run(cli, "reception", "feedback", str(case["id"]), "--grade", "satisfied", "--on", "2025-10-21", "--json")
    assert closed["state"] == "closed"

    figures = run(cli, "reception", "report", "--year", "2025", "--json")
    assert (figures["receptions_held"], figures["visitors"], figures["resolution_rate"]["percent"]) == (
        1, {"batches": 1, "persons": 2}, 100)
    assert figures["notices"] == {"on_time": 0, "late": 1, "missing": 0}
    text = run(cli, "reception", "report", "--year", "2025", "--markdown")
    assert text.startswith("2025年全县共组织1次县领导接访活动，参与接访的县领导1人次，县直部门领导0人次，镇领导1人次")
    listed = run(cli, "reception", "cases", "--reception", str(head), "--json")
    assert listed["total"] == 1 and listed["items"][0]["reply_due"] == "2025-10-31"


def test_errors_are_one_line(cli: Any, tmp_path: Path) -> None:
    instance(cli, tmp_path)
    planned = run(cli, "reception", "plan", "--from", "2025-10-15", "--to", "2025-10-15", "--json")
    head = planned["created"][0]["id"]
    closing = cli("reception", "close", str(head), plugins=P)
    assert closing.exit_code == 1
    assert closing.stderr.strip() == (
        "error: cannot close a leader reception in state 'planned'; allowed actions: announce, reschedule, swap, cancel, open"
    )
    denied = cli("--as", "sec", "reception", "plan", "--from", "2025-10-01", "--to", "2025-10-02", plugins=P)
    assert denied.stderr.strip() == "error: permission 'reception.plan' is required for this action"
    (tmp_path / "bad.toml").write_text('[[rule]]\ncode = "x"\nkind = "monthly_day"\n', encoding="utf-8")
    bad = cli("reception", "rules", "load", str(tmp_path / "bad.toml"), plugins=P)
    assert bad.exit_code == 1 and bad.stderr.startswith("error: invalid reception rules: rule.0.")
    assert "Traceback" not in bad.output + bad.stderr
